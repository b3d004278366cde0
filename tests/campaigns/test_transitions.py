"""A campaign's start and end are recorded once each by the beat task; prices never wait for it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.models import CampaignEvent
from campaigns.tasks import record_campaign_transitions
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def events():
    return sorted(CampaignEvent.objects.values_list("campaign__hashtag", "kind"))


def test_started_and_ended_campaigns_are_recorded_once_each():
    now = timezone.now()
    running = CampaignFactory(hashtag="#Berjalan")
    ended = CampaignFactory(hashtag="#Selesai", starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=2))
    CampaignFactory(hashtag="#Nanti", starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=5))
    CampaignFactory(hashtag="#Draf", is_draft=True)

    assert record_campaign_transitions.delay().get() == 3
    assert record_campaign_transitions.delay().get() == 0

    assert events() == [(running.hashtag, "started"), (ended.hashtag, "ended"), (ended.hashtag, "started")]


def test_a_cancelled_campaign_is_not_recorded_as_started():
    CampaignFactory(hashtag="#Batal", cancelled_at=timezone.now())
    assert record_campaign_transitions.delay().get() == 0
