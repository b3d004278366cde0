"""A campaign that has not started yet has nothing to measure: its report says so, never "-100%"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory
from tests.sales_helpers import paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(shop, customer):
    """Starts in ten days; its coffee sold well in the weeks before, as coffee does."""
    now = timezone.now()
    campaign = CampaignFactory(
        slug="ramadan-berkah-ikm", starts_at=now + timedelta(days=10), ends_at=now + timedelta(days=40)
    )
    arabica = ProductFactory(seller=shop, price=80_000, stock=900)
    EnrolmentFactory(campaign=campaign, product=arabica)
    for days_ago in (3, 40, 70):
        paid_order(customer, (arabica, 2), at=now - timedelta(days=days_ago))
    return campaign


def test_the_impact_page_of_a_scheduled_campaign_says_it_has_not_started(client, ministry, scheduled):
    client.force_login(ministry)

    html = client.get("/kementerian/kampanye/ramadan-berkah-ikm/dampak/").content.decode()

    assert "belum dimulai" in html
    assert "-100" not in html


def test_the_overview_marks_a_scheduled_campaign_as_not_started(client, ministry, scheduled):
    client.force_login(ministry)

    html = client.get("/kementerian/ikhtisar/").content.decode()

    assert "belum dimulai" in html
    assert "-100" not in html


def test_the_impact_api_of_a_scheduled_campaign_has_no_uplift_yet(api, ministry, scheduled):
    body = api.as_user(ministry).get("/api/v1/campaigns/ramadan-berkah-ikm/impact/").json()

    assert body["started"] is False
    assert body["revenue_uplift_pct"] is None
    assert body["pre_campaign_monthly_growth_pct"] is None
    assert all(row["revenue_uplift_pct"] is None for row in body["categories"])
