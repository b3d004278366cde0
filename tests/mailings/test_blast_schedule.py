"""A draft blast scheduled after it was written: the service, the ministry page's "Jadwalkan" and the API."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mailings.models import Blast
from mailings.services import blast_schedule, blast_send, blasts_start_scheduled
from marketplace.errors import ConflictError, ValidationError
from tests.factories import CampaignFactory
from tests.mailings.blast_helpers import make_blast, opted_in_user

pytestmark = pytest.mark.django_db

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def campaign():
    return CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi")


@pytest.fixture
def blast(campaign, ministry):
    return make_blast(campaign, ministry)


def in_hours(hours: int) -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(hours=hours)).replace(second=0, microsecond=0)


# ---- the service -----------------------------------------------------------------------------------


def test_a_scheduled_draft_goes_out_when_its_time_comes(blast, ministry, django_capture_on_commit_callbacks):
    opted_in_user()
    at = in_hours(3)

    blast_schedule(blast=blast, scheduled_at=at, by=ministry)

    blast.refresh_from_db()
    assert (blast.status, blast.scheduled_at) == (Blast.Status.SCHEDULED, at)
    with django_capture_on_commit_callbacks(execute=True):
        assert blasts_start_scheduled(now=at - datetime.timedelta(minutes=1)) == 0
        assert blasts_start_scheduled(now=at) == 1
    assert len(mail.outbox) == 1


def test_a_time_in_the_past_is_refused_and_the_draft_stays_a_draft(blast, ministry):
    with pytest.raises(ValidationError) as refused:
        blast_schedule(blast=blast, scheduled_at=timezone.now() - datetime.timedelta(minutes=1), by=ministry)

    assert "scheduled_at" in refused.value.detail
    assert Blast.objects.get(pk=blast.pk).status == Blast.Status.DRAFT


def test_only_a_draft_can_be_scheduled(blast, ministry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        blast_send(blast=blast, by=ministry)

    with pytest.raises(ConflictError):
        blast_schedule(blast=blast, scheduled_at=in_hours(3), by=ministry)

    blast.refresh_from_db()
    assert (blast.status, blast.scheduled_at) == (Blast.Status.SENDING, None)


def test_a_draft_of_a_cancelled_campaign_cannot_be_scheduled(blast, campaign, ministry):
    type(campaign).objects.filter(pk=campaign.pk).update(cancelled_at=timezone.now())

    with pytest.raises(ConflictError):
        blast_schedule(blast=blast, scheduled_at=in_hours(3), by=ministry)


# ---- the ministry page -----------------------------------------------------------------------------


def test_the_draft_page_offers_jadwalkan_with_a_jakarta_time_box(client, ministry, blast):
    client.force_login(ministry)

    text = client.get(reverse("mailings:ministry_blast", args=[blast.pk])).text

    assert reverse("mailings:blast_schedule", args=[blast.pk]) in text
    assert 'type="datetime-local"' in text and "Jadwalkan" in text


def test_jadwalkan_on_the_page_schedules_the_draft_in_jakarta_time(client, ministry, blast):
    at = in_hours(5)
    client.force_login(ministry)

    response = client.post(
        reverse("mailings:blast_schedule", args=[blast.pk]),
        {"scheduled_at": at.astimezone(JAKARTA).strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )

    blast.refresh_from_db()
    assert (blast.status, blast.scheduled_at) == (Blast.Status.SCHEDULED, at)
    assert "Email dijadwalkan" in response.text
    assert reverse("mailings:blast_schedule", args=[blast.pk]) not in response.text


@pytest.mark.parametrize("value", ["", "bukan-waktu", "2020-04-20T10:00"])
def test_a_missing_bad_or_past_time_on_the_page_says_why_and_changes_nothing(client, ministry, blast, value):
    client.force_login(ministry)

    response = client.post(reverse("mailings:blast_schedule", args=[blast.pk]), {"scheduled_at": value}, follow=True)

    assert response.status_code == 200
    assert "message-error" in response.text
    assert Blast.objects.get(pk=blast.pk).status == Blast.Status.DRAFT


@pytest.mark.parametrize("role", ["customer", "seller_user"])
def test_nobody_outside_the_ministry_schedules_a_blast_on_the_page(request, client, blast, role):
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        reverse("mailings:blast_schedule", args=[blast.pk]),
        {"scheduled_at": in_hours(3).astimezone(JAKARTA).strftime("%Y-%m-%dT%H:%M")},
    )

    assert response.status_code == 403
    assert Blast.objects.get(pk=blast.pk).status == Blast.Status.DRAFT


# ---- the API ---------------------------------------------------------------------------------------


def test_ministry_schedules_a_draft_through_the_api(api, ministry, blast):
    at = in_hours(4)

    response = api.as_user(ministry).post(
        f"/api/v1/blasts/{blast.pk}/schedule/", {"scheduled_at": at.isoformat()}, format="json"
    )

    assert response.status_code == 200, response.data
    assert response.data["status"] == "scheduled"
    assert Blast.objects.get(pk=blast.pk).scheduled_at == at


@pytest.mark.parametrize(
    "body",
    [{}, {"scheduled_at": "besok"}, {"scheduled_at": "2020-04-20T10:00:00+07:00"}, {"scheduled_at": None}],
)
def test_scheduling_without_a_future_time_is_a_400_naming_the_field(api, ministry, blast, body):
    response = api.as_user(ministry).post(f"/api/v1/blasts/{blast.pk}/schedule/", body, format="json")

    assert response.status_code == 400
    assert "scheduled_at" in response.data
    assert Blast.objects.get(pk=blast.pk).status == Blast.Status.DRAFT


def test_scheduling_a_blast_that_is_not_a_draft_is_a_409(api, ministry, blast):
    Blast.objects.filter(pk=blast.pk).update(status=Blast.Status.SENT)

    response = api.as_user(ministry).post(
        f"/api/v1/blasts/{blast.pk}/schedule/", {"scheduled_at": in_hours(2).isoformat()}, format="json"
    )

    assert response.status_code == 409


@pytest.mark.parametrize("role, status", [(None, 401), ("customer", 403), ("seller_user", 403)])
def test_only_ministry_staff_schedule_blasts_through_the_api(request, api, blast, role, status):
    client = api.as_user(request.getfixturevalue(role)) if role else api

    response = client.post(
        f"/api/v1/blasts/{blast.pk}/schedule/", {"scheduled_at": in_hours(2).isoformat()}, format="json"
    )

    assert response.status_code == status
    assert Blast.objects.get(pk=blast.pk).status == Blast.Status.DRAFT


def test_scheduling_an_unknown_blast_is_a_404(api, ministry):
    response = api.as_user(ministry).post(
        "/api/v1/blasts/999999/schedule/", {"scheduled_at": in_hours(2).isoformat()}, format="json"
    )

    assert response.status_code == 404
