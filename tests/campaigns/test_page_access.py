"""Who may open which campaign page: the public pages, the ministry console and a shop's enrolment,
per role, and who may decide or make an enrolment."""

import pytest
from django.urls import reverse

from campaigns.models import Enrolment
from tests.campaigns.page_helpers import get_as
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(customer, seller_user, shop, other_seller_user, other_shop, ministry):
    """Every role, by name; `member` works for `shop`, `other_member` for another shop."""
    return {
        "anonymous": None,
        "customer": customer,
        "member": seller_user,
        "other_member": other_seller_user,
        "ministry": ministry,
    }


PUBLIC = {"anonymous": 200, "customer": 200, "member": 200, "other_member": 200, "ministry": 200}
MINISTRY_ONLY = {"anonymous": 302, "customer": 403, "member": 403, "other_member": 403, "ministry": 200}
MEMBERS_ONLY = {"anonymous": 302, "customer": 404, "member": 200, "other_member": 404, "ministry": 404}

PAGES = {
    "list": (lambda c, s: reverse("campaigns:list"), PUBLIC),
    "landing": (lambda c, s: reverse("campaigns:landing", args=[c.slug]), PUBLIC),
    "console": (lambda c, s: reverse("campaigns:console"), MINISTRY_ONLY),
    "console_create": (lambda c, s: reverse("campaigns:console_create"), MINISTRY_ONLY),
    "console_edit": (lambda c, s: reverse("campaigns:console_edit", args=[c.slug]), MINISTRY_ONLY),
    "console_enrolments": (lambda c, s: reverse("campaigns:console_enrolments", args=[c.slug]), MINISTRY_ONLY),
    "seller_campaigns": (lambda c, s: reverse("campaigns:seller_campaigns", args=[s.pk]), MEMBERS_ONLY),
    "seller_enrol": (lambda c, s: reverse("campaigns:seller_enrol", args=[s.pk, c.slug]), MEMBERS_ONLY),
}


@pytest.mark.parametrize("role", ["anonymous", "customer", "member", "other_member", "ministry"])
@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_answers_each_role_as_it_should(client, users, shop, campaign, page, role):
    url_of, expected = PAGES[page]
    url = url_of(campaign, shop)

    response = get_as(client, users[role], url)

    assert response.status_code == expected[role]
    if expected[role] == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["customer", "member"])
def test_only_the_ministry_may_decide_an_enrolment(client, users, campaign, product, role):
    enrolment = EnrolmentFactory(campaign=campaign, product=product, status=Enrolment.Status.PENDING)
    client.force_login(users[role])

    approve = client.post(reverse("campaigns:console_enrolment_approve", args=[campaign.slug, enrolment.pk]))
    reject = client.post(
        reverse("campaigns:console_enrolment_reject", args=[campaign.slug, enrolment.pk]), {"reason": "Tidak"}
    )

    assert (approve.status_code, reject.status_code) == (403, 403)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.PENDING


def test_another_shops_member_cannot_enrol_into_this_shop(client, other_seller_user, shop, product, campaign):
    client.force_login(other_seller_user)

    response = client.post(
        reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug]), {"products": [str(product.pk)]}
    )

    assert response.status_code == 404
    assert not Enrolment.objects.exists()
