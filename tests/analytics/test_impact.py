"""The campaign impact report: every figure of a hand-built history, to the Rupiah and the 0.1%."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, UserFactory, category
from tests.sales_helpers import cancel, jkt, paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(shop, other_shop, customer):
    """#SatuDalamKopi, 20-26 April 2020, on coffee and coffee-related products.

    `shop` enrolled its arabica (80.000, 64.000 in the campaign) and also sells a dripper (120.000,
    coffee-related, never sold before the campaign); `other_shop` sells Toraja (95.000) and did not
    take part. Growth months: M1 27/1-23/2, M2 24/2-22/3, M3 23/3-19/4.
    """
    campaign = CampaignFactory(
        slug="satu-dalam-kopi",
        starts_at=jkt(2020, 4, 20, 0),
        ends_at=jkt(2020, 4, 26, 23, 59),
        created_at=jkt(2020, 4, 1),
        categories=["kopi", "produk-terkait-kopi"],
    )
    arabica = ProductFactory(seller=shop, name="Arabika Gayo", price=80_000, stock=900)
    dripper = ProductFactory(seller=shop, name="Dripper", price=120_000, stock=900, category=category("alat-seduh"))
    toraja = ProductFactory(seller=other_shop, name="Toraja", price=95_000, stock=900, category=category("kopi-bubuk"))
    EnrolmentFactory(campaign=campaign, product=arabica)
    buyer = UserFactory()
    # M1: 175.000 of coffee
    paid_order(customer, (arabica, 1), at=jkt(2020, 2, 1, 10))
    paid_order(customer, (toraja, 1), at=jkt(2020, 2, 1, 11))
    # M3 before the 7-day baseline: 255.000
    paid_order(customer, (arabica, 2), (toraja, 1), at=jkt(2020, 4, 1, 10))
    # the 7-day baseline 13-19 April: 445.000, 5 units (shop 160.000, other shop 285.000)
    paid_order(customer, (arabica, 2), at=jkt(2020, 4, 15, 10))
    paid_order(buyer, (toraja, 2), at=jkt(2020, 4, 15, 11))
    paid_order(buyer, (toraja, 1), at=jkt(2020, 4, 19, 23, 59))
    # the window: coffee 574.000 (8 units), coffee-related 120.000
    paid_order(customer, (arabica, 5), at=jkt(2020, 4, 20, 0, 1))  # campaign price: 320.000
    paid_order(buyer, (dripper, 1), at=jkt(2020, 4, 21, 9))
    paid_order(buyer, (toraja, 2), at=jkt(2020, 4, 22, 9))
    cancel(paid_order(customer, (arabica, 3), at=jkt(2020, 4, 23, 9)))  # refunded
    paid_order(buyer, (arabica, 1), at=jkt(2020, 4, 26, 23, 59))  # campaign price: 64.000
    paid_order(buyer, (arabica, 1), at=jkt(2020, 4, 27, 0, 1))  # the day after: list price, outside
    return campaign


def impact(api, ministry, slug="satu-dalam-kopi", query="baseline_days=7"):
    response = api.as_user(ministry).get(f"/api/v1/campaigns/{slug}/impact/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_window_baseline_and_per_category_figures(api, ministry, campaign):
    body = impact(api, ministry)

    assert body["window"] == {"start": "2020-04-20", "end": "2020-04-26", "days": 7}
    assert body["baseline"] == {"start": "2020-04-13", "end": "2020-04-19", "days": 7}
    coffee, related = body["categories"]
    assert coffee["category"]["slug"] == "kopi"
    assert {k: v for k, v in coffee.items() if k != "category"} == {
        "baseline_daily_revenue": 63_571,  # 445.000 / 7
        "campaign_daily_revenue": 82_000,  # 574.000 / 7
        "revenue_uplift_pct": 29.0,  # 574 / 445 - 1
        "baseline_daily_units": 0.71,
        "campaign_daily_units": 1.14,
        "units_uplift_pct": 60.0,  # 8 / 5 - 1
        "pre_campaign_monthly_growth_pct": 100.0,  # M1 175.000 -> M3 700.000: (4) ** (1/2) - 1
        "trend_adjusted_uplift_pct": 8.5,  # 574/445 / 2 ** (7 / 28) - 1
    }


def test_a_category_without_baseline_sales_shows_null_not_an_error(api, ministry, campaign):
    related = impact(api, ministry)["categories"][1]
    assert related["category"]["slug"] == "produk-terkait-kopi"
    assert related["baseline_daily_revenue"] == 0
    assert related["campaign_daily_revenue"] == 17_143  # 120.000 / 7
    assert related["revenue_uplift_pct"] is None
    assert related["units_uplift_pct"] is None
    assert related["pre_campaign_monthly_growth_pct"] is None
    assert related["trend_adjusted_uplift_pct"] is None


def test_headline_trend_and_difference_in_differences(api, ministry, campaign):
    body = impact(api, ministry)
    assert body["revenue_uplift_pct"] == 56.0  # 694 / 445 - 1
    assert body["pre_campaign_monthly_growth_pct"] == 100.0
    assert body["trend_adjusted_uplift_pct"] == 31.1  # 694/445 / 2 ** 0.25 - 1
    assert body["difference_in_differences"] == {
        "participants_uplift_pct": 215.0,  # the enrolled shop: 160.000 -> 504.000
        "non_participants_uplift_pct": -33.3,  # the other shop: 285.000 -> 190.000
        "did_pct_points": 248.3,
    }


def test_campaign_priced_sales_by_province(api, ministry, campaign):
    body = impact(api, ministry)
    assert (body["participating_sellers"], body["orders"], body["units"], body["gmv"]) == (1, 2, 6, 384_000)
    assert body["enrolled_sellers"] == 1
    assert body["by_province"] == [
        {"province": "11", "name": "Aceh", "sellers": 1, "orders": 2, "units": 6, "gmv": 384_000}
    ]


def test_daily_rows_cover_every_day_with_the_window_marked(api, ministry, campaign):
    daily = {row["date"]: row for row in impact(api, ministry)["daily"]}
    assert len(daily) == 91  # 27 January (M1) .. 26 April
    assert daily["2020-04-19"] == {
        "date": "2020-04-19",
        "revenue": 95_000,
        "units": 1,
        "in_campaign": False,
        "in_baseline": True,
    }
    assert daily["2020-04-18"]["revenue"] == 0
    assert daily["2020-04-20"] == {
        "date": "2020-04-20",
        "revenue": 320_000,
        "units": 5,
        "in_campaign": True,
        "in_baseline": False,
    }
    assert daily["2020-04-23"]["revenue"] == 0  # the refunded order
    assert "2020-04-27" not in daily


def test_the_default_baseline_is_the_28_days_before(api, ministry, campaign):
    body = impact(api, ministry, query="")
    assert body["baseline"] == {"start": "2020-03-23", "end": "2020-04-19", "days": 28}
    coffee = body["categories"][0]
    assert coffee["baseline_daily_revenue"] == 25_000  # 700.000 / 28
    assert coffee["revenue_uplift_pct"] == 228.0


def test_a_campaign_without_any_sales_reports_nulls(api, ministry):
    CampaignFactory(slug="sepi", categories=["fesyen-muslim"])
    body = impact(api, ministry, slug="sepi")
    assert body["revenue_uplift_pct"] is None and body["trend_adjusted_uplift_pct"] is None
    assert body["difference_in_differences"]["did_pct_points"] is None
    assert body["gmv"] == 0 and body["by_province"] == []


@pytest.mark.parametrize("value", ["6", "366", "abc", "-1"])
def test_baseline_days_outside_7_to_365_is_a_400(api, ministry, campaign, value):
    response = api.as_user(ministry).get(f"/api/v1/campaigns/satu-dalam-kopi/impact/?baseline_days={value}")
    assert response.status_code == 400
    assert "baseline_days" in response.json()


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("customer", 403), ("seller_user", 403), ("ministry", 200)]
)
def test_only_ministry_staff_see_impact_reports(request, api, who, status):
    CampaignFactory(slug="satu-dalam-kopi")
    user = None if who == "anonymous" else request.getfixturevalue(who)
    assert api.as_user(user).get("/api/v1/campaigns/satu-dalam-kopi/impact/").status_code == status


def test_an_unknown_campaign_is_a_404(api, ministry):
    assert api.as_user(ministry).get("/api/v1/campaigns/tidak-ada/impact/").status_code == 404


def test_the_report_runs_the_same_queries_whatever_the_baseline(api, ministry, campaign):
    api.as_user(ministry).get("/api/v1/campaigns/satu-dalam-kopi/impact/")
    counts = []
    for days in (7, 90, 365):
        with CaptureQueriesContext(connection) as ctx:
            api.get(f"/api/v1/campaigns/satu-dalam-kopi/impact/?baseline_days={days}")
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2] <= 12  # 8 for sales, up to 4 for the vouchers' cost


def test_the_ministry_page_shows_the_figures_the_chart_and_no_baseline(client, ministry, campaign):
    client.force_login(ministry)
    response = client.get("/kementerian/kampanye/satu-dalam-kopi/dampak/?baseline_days=7")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "chart-shade" in html
    assert "+29,0%" in html and "tidak ada baseline" in html and "Rp 384.000" in html


def test_impact_and_overview_pages_are_for_the_ministry_only(client, customer, campaign):
    assert client.get("/kementerian/ikhtisar/").status_code == 302  # to the login page
    client.force_login(customer)
    assert client.get("/kementerian/kampanye/satu-dalam-kopi/dampak/").status_code == 403
    assert client.get("/kementerian/ikhtisar/").status_code == 403


def test_the_overview_lists_shops_gmv_and_campaign_uplift_with_csv(client, ministry, campaign):
    client.force_login(ministry)
    html = client.get("/kementerian/ikhtisar/").content.decode()
    assert "Aceh" in html and "2020-04" in html and "satu-dalam-kopi" in html
    csv = client.get("/kementerian/ikhtisar/?format=csv&table=campaigns").content.decode().splitlines()
    assert csv[0].startswith("hashtag,start,end")
    assert csv[1].split(",")[5] == "296.6"  # both categories, 28-day baseline: 694.000 / 7 against 700.000 / 28
    shops = client.get("/kementerian/ikhtisar/?format=csv&table=shops").content.decode().splitlines()
    assert shops[0] == "province,name,shops,verified,pending,rejected,mikro,kecil,menengah,e_smart_ikm"
    assert client.get("/kementerian/ikhtisar/?format=csv&table=nope").status_code == 404
