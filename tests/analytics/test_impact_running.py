"""The impact report of a campaign still running averages over the days it has run, not days still to come."""

import pytest

from tests.factories import CampaignFactory, ProductFactory, category
from tests.sales_helpers import clock, jkt, paid_order

pytestmark = pytest.mark.django_db


def test_a_running_campaign_with_steady_sales_shows_no_uplift_rather_than_a_fall(api, ministry, customer, other_shop):
    CampaignFactory(
        slug="satu-dalam-kopi",
        starts_at=jkt(2020, 4, 20, 0),
        ends_at=jkt(2020, 4, 26, 23, 59),
        created_at=jkt(2020, 4, 1),
        categories=["kopi"],
    )
    toraja = ProductFactory(seller=other_shop, price=95_000, stock=900, category=category("kopi-bubuk"))
    for day in range(13, 23):  # one sale a day: the 7-day baseline and the first three campaign days
        paid_order(customer, (toraja, 1), at=jkt(2020, 4, day, 10))

    with clock(jkt(2020, 4, 22, 15)):
        body = api.as_user(ministry).get("/api/v1/campaigns/satu-dalam-kopi/impact/?baseline_days=7").json()

    assert body["window"] == {"start": "2020-04-20", "end": "2020-04-22", "days": 3}
    coffee = body["categories"][0]
    assert (coffee["baseline_daily_revenue"], coffee["campaign_daily_revenue"]) == (95_000, 95_000)
    assert coffee["revenue_uplift_pct"] == 0.0
    assert body["revenue_uplift_pct"] == 0.0
