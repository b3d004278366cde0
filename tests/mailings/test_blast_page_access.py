"""Who may open the ministry's promotional email pages and take their actions: the ministry only,
by POST only; unknown campaigns and blasts are a 404."""

import pytest
from django.core import mail
from django.urls import reverse

from mailings.models import Blast
from tests.mailings.blast_helpers import form_data, opted_in_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(customer, seller_user, shop, ministry):
    return {"anonymous": None, "customer": customer, "seller": seller_user, "ministry": ministry}


MINISTRY_ONLY = {"anonymous": 302, "customer": 403, "seller": 403, "ministry": 200}

PAGES = {
    "ministry_home": lambda c, b: reverse("analytics:ministry_home"),
    "blast_list": lambda c, b: reverse("mailings:blast_list", args=[c.slug]),
    "blast_create": lambda c, b: reverse("mailings:blast_create", args=[c.slug]),
    "ministry_blast": lambda c, b: reverse("mailings:ministry_blast", args=[b.pk]),
    "blast_preview": lambda c, b: reverse("mailings:blast_preview", args=[b.pk]),
}

ACTIONS = {
    "blast_create": lambda c, b: reverse("mailings:blast_create", args=[c.slug]),
    "blast_test_send": lambda c, b: reverse("mailings:blast_test_send", args=[b.pk]),
    "blast_send": lambda c, b: reverse("mailings:blast_send", args=[b.pk]),
    "blast_cancel": lambda c, b: reverse("mailings:blast_cancel", args=[b.pk]),
}


@pytest.mark.parametrize("role", list(MINISTRY_ONLY))
@pytest.mark.parametrize("page", list(PAGES))
def test_only_the_ministry_opens_the_email_pages_and_the_hub(client, users, campaign, blast, page, role):
    if users[role] is not None:
        client.force_login(users[role])

    response = client.get(PAGES[page](campaign, blast))

    assert response.status_code == MINISTRY_ONLY[role]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["anonymous", "customer", "seller"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_nobody_outside_the_ministry_writes_sends_or_cancels_a_blast(
    client, users, campaign, blast, action, role, django_capture_on_commit_callbacks
):
    opted_in_user()
    if users[role] is not None:
        client.force_login(users[role])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACTIONS[action](campaign, blast), form_data())

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 403
    assert list(Blast.objects.values_list("pk", "status")) == [(blast.pk, Blast.Status.DRAFT)]
    assert mail.outbox == []


@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_ministry_may_take_every_action(
    client, ministry, campaign, blast, action, django_capture_on_commit_callbacks
):
    client.force_login(ministry)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACTIONS[action](campaign, blast), form_data())

    assert response.status_code == 302
    assert response["Location"].startswith("/kementerian/blast/")


def test_the_actions_answer_only_posts(client, ministry, blast):
    client.force_login(ministry)
    assert client.get(reverse("mailings:blast_send", args=[blast.pk])).status_code == 405
    assert Blast.objects.get(pk=blast.pk).status == Blast.Status.DRAFT


def test_an_unknown_campaign_or_blast_is_a_404(client, ministry):
    client.force_login(ministry)
    assert client.get(reverse("mailings:blast_list", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("mailings:blast_create", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("mailings:ministry_blast", args=[999999])).status_code == 404
    assert client.get(reverse("mailings:blast_preview", args=[999999])).status_code == 404
    assert client.post(reverse("mailings:blast_send", args=[999999])).status_code == 404
