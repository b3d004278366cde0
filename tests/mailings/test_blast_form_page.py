"""Writing a promotional email: the form, a draft or a schedule in Jakarta time, the audience and how
many it reaches, and bad input shown on its field."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mailings.models import Blast
from tests.factories import UserFactory, category
from tests.mailings.blast_helpers import form_data, opted_in_user, paid_order

pytestmark = pytest.mark.django_db

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def wib(at: datetime.datetime) -> str:
    """What a browser's datetime-local box sends for `at`, in Jakarta time."""
    return at.astimezone(JAKARTA).strftime("%Y-%m-%dT%H:%M")


def test_the_form_explains_what_the_body_may_contain(client, ministry, campaign):
    client.force_login(ministry)
    text = client.get(reverse("mailings:blast_create", args=[campaign.slug])).text
    assert "Markdown" in text and "**tebal**" in text
    assert 'type="datetime-local"' in text
    assert "Jadwalkan" in text and "Simpan draf" in text


def test_ministry_writes_a_draft_and_sees_how_many_will_get_it(client, ministry, campaign):
    opted_in_user(), opted_in_user()
    UserFactory()  # not opted in
    client.force_login(ministry)

    response = client.post(reverse("mailings:blast_create", args=[campaign.slug]), form_data(), follow=True)

    blast = Blast.objects.get()
    assert (blast.status, blast.campaign, blast.created_by) == (Blast.Status.DRAFT, campaign, ministry)
    assert blast.subject == "Ngopi bareng #SatuDalamKopi"
    assert response.redirect_chain[-1][0] == reverse("mailings:ministry_blast", args=[blast.pk])
    assert "akan dikirim ke 2 pelanggan yang bersedia menerima email" in response.text
    assert "Kirim sekarang" in response.text and "Kirim tes ke email saya" in response.text


def test_jadwalkan_with_a_future_time_schedules_the_blast_in_jakarta_time(client, ministry, campaign):
    at = (timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    client.force_login(ministry)

    response = client.post(
        reverse("mailings:blast_create", args=[campaign.slug]),
        form_data(scheduled_at=wib(at), action="schedule"),
        follow=True,
    )

    blast = Blast.objects.get()
    assert blast.status == Blast.Status.SCHEDULED
    assert blast.scheduled_at == at
    assert "Dijadwalkan" in response.text and "Batalkan" in response.text


def test_a_category_audience_is_counted_from_paid_orders(client, ministry, campaign, product):
    paid_order(opted_in_user(), product)
    opted_in_user()
    client.force_login(ministry)

    response = client.post(
        reverse("mailings:blast_create", args=[campaign.slug]),
        form_data(audience_kind="bought_category", category=str(category("kopi").pk), days="30"),
        follow=True,
    )

    blast = Blast.objects.get()
    assert (blast.audience_kind, blast.audience_category, blast.audience_days) == (
        "bought_category",
        category("kopi"),
        30,
    )
    assert "akan dikirim ke 1 pelanggan" in response.text


def test_a_province_audience_is_saved(client, ministry, campaign):
    client.force_login(ministry)
    client.post(
        reverse("mailings:blast_create", args=[campaign.slug]), form_data(audience_kind="province", province="34")
    )
    assert Blast.objects.get().audience_province == "34"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject": ""}, "subject"),
        ({"subject": "   "}, "subject"),
        ({"body": "  \n "}, "body"),
        ({"audience_kind": "everyone"}, "audience_kind"),
        ({"audience_kind": "bought_category"}, "category"),
        ({"audience_kind": "bought_category", "category": "999999"}, "category"),
        ({"audience_kind": "bought_category", "category": "kopi"}, "category"),
        ({"audience_kind": "bought_category", "days": "0"}, "days"),
        ({"audience_kind": "province"}, "province"),
        ({"audience_kind": "province", "province": "99"}, "province"),
        ({"scheduled_at": "2020-04-20T10:00", "action": "schedule"}, "scheduled_at"),
        ({"scheduled_at": "besok pagi", "action": "schedule"}, "scheduled_at"),
        ({"action": "schedule"}, "scheduled_at"),
        ({"scheduled_at": "2099-04-20T10:00", "action": "draft"}, "scheduled_at"),
    ],
)
def test_bad_input_shows_the_error_on_its_field_and_creates_nothing(client, ministry, campaign, overrides, field):
    client.force_login(ministry)

    response = client.post(reverse("mailings:blast_create", args=[campaign.slug]), form_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "field-invalid" in response.text
    assert not Blast.objects.exists()


def test_a_cancelled_campaign_gets_no_blast_and_the_form_says_why(client, ministry, campaign):
    campaign.cancelled_at = timezone.now()
    campaign.save()
    client.force_login(ministry)

    response = client.post(reverse("mailings:blast_create", args=[campaign.slug]), form_data())

    assert response.status_code == 200
    assert "Kampanye ini sudah dibatalkan." in response.text
    assert not Blast.objects.exists()
