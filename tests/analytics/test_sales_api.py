"""A shop's sales dashboard (docs/api.md, "Sales"): figures to the Rupiah, per role, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analytics import sales
from tests.factories import ProductFactory, UserFactory, category
from tests.sales_helpers import cancel, jkt, paid_order

pytestmark = pytest.mark.django_db

RANGE = "from=2020-04-14&to=2020-04-20"


@pytest.fixture
def history(shop, other_shop, customer):
    """Seven days 14-20 April 2020 and the seven before, with the edge cases a dashboard gets wrong."""
    arabica = ProductFactory(seller=shop, name="Arabika Gayo 250 g", price=80_000, stock=500)
    dripper = ProductFactory(
        seller=shop, name="Dripper Kayu", price=120_000, stock=500, category=category("alat-seduh")
    )
    toraja = ProductFactory(seller=other_shop, name="Toraja Sapan 200 g", price=95_000, stock=500)
    second_buyer = UserFactory()
    paid_order(customer, (arabica, 2), at=jkt(2020, 4, 13, 23, 59))  # the previous period's last minute
    paid_order(customer, (arabica, 1), (dripper, 1), at=jkt(2020, 4, 14, 0, 1))
    paid_order(second_buyer, (arabica, 3), at=jkt(2020, 4, 16, 10))
    cancel(paid_order(customer, (arabica, 5), at=jkt(2020, 4, 16, 11)))  # refunded: not a sale
    paid_order(customer, (toraja, 4), at=jkt(2020, 4, 16, 12))  # another shop's sale
    paid_order(customer, (arabica, 1), (toraja, 1), at=jkt(2020, 4, 20, 12))  # split: only our line counts
    return {"arabica": arabica, "dripper": dripper}


def test_totals_daily_rows_top_products_and_change_to_the_rupiah(api, seller_user, shop, history):
    response = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/sales/?{RANGE}")

    assert response.status_code == 200
    body = response.json()
    assert body["totals"] == {"orders": 3, "units": 6, "revenue": 520_000, "buyers": 2, "average_order_value": 173_333}
    assert body["previous"] == {
        "orders": 1,
        "units": 2,
        "revenue": 160_000,
        "buyers": 1,
        "average_order_value": 160_000,
    }
    assert body["change_pct"] == {"orders": 200.0, "units": 200.0, "revenue": 225.0, "buyers": 100.0}
    assert body["daily"] == [
        {"date": "2020-04-14", "orders": 1, "units": 2, "revenue": 200_000},
        {"date": "2020-04-15", "orders": 0, "units": 0, "revenue": 0},
        {"date": "2020-04-16", "orders": 1, "units": 3, "revenue": 240_000},
        {"date": "2020-04-17", "orders": 0, "units": 0, "revenue": 0},
        {"date": "2020-04-18", "orders": 0, "units": 0, "revenue": 0},
        {"date": "2020-04-19", "orders": 0, "units": 0, "revenue": 0},
        {"date": "2020-04-20", "orders": 1, "units": 1, "revenue": 80_000},
    ]
    assert body["top_products"] == [
        {"product": history["arabica"].pk, "name": "Arabika Gayo 250 g", "units": 5, "revenue": 400_000},
        {"product": history["dripper"].pk, "name": "Dripper Kayu", "units": 1, "revenue": 120_000},
    ]
    assert body["by_campaign"] == [{"campaign": None, "hashtag": "", "units": 6, "revenue": 520_000}]


def test_change_is_null_when_the_previous_period_sold_nothing(api, seller_user, shop, history):
    body = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/sales/?from=2020-04-16&to=2020-04-16").json()
    assert body["previous"]["orders"] == 0
    assert body["change_pct"] == {"orders": None, "units": None, "revenue": None, "buyers": None}


def test_csv_has_one_row_per_day_zeros_included(api, seller_user, shop, history):
    response = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/sales.csv?{RANGE}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "date,orders,units,revenue"
    assert lines[1:3] == ["2020-04-14,1,2,200000", "2020-04-15,0,0,0"]
    assert len(lines) == 8


def test_presets_end_today_in_jakarta(api, seller_user, shop):
    body = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/sales/?days=7").json()
    assert len(body["daily"]) == 7
    assert body["daily"][-1]["date"] == sales.today_in_jakarta().isoformat()
    assert len(api.get(f"/api/v1/sellers/{shop.pk}/sales/").json()["daily"]) == 30


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2020-13-01&to=2020-04-20", "from"),
        ("from=2020-04-01&to=kemarin", "to"),
        ("from=2020-04-21&to=2020-04-20", "from"),
        ("from=2019-01-01&to=2020-04-20", "to"),
        ("to=2020-04-20", "from"),
        ("days=14", "days"),
    ],
)
def test_bad_ranges_answer_400_naming_the_field(api, seller_user, shop, query, field):
    response = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/sales/?{query}")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("customer", 404), ("other_seller_user", 404), ("seller_user", 200), ("ministry", 200)],
)
def test_only_the_shops_members_and_the_ministry_see_its_sales(request, api, shop, who, status):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    request.getfixturevalue("other_shop")
    for path in ("sales/", "sales.csv"):
        assert api.as_user(user).get(f"/api/v1/sellers/{shop.pk}/{path}?{RANGE}").status_code == status


def test_an_unknown_shop_is_a_404_like_someone_elses(api, ministry):
    assert api.as_user(ministry).get("/api/v1/sellers/999999/sales/").status_code == 404


def test_the_dashboard_runs_the_same_queries_for_7_and_90_days(
    api, seller_user, shop, history, django_assert_max_num_queries
):
    api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/sales/")  # warm the user's cached group lookup
    counts = []
    for query in ("from=2020-04-14&to=2020-04-20", "from=2020-01-22&to=2020-04-20"):
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(f"/api/v1/sellers/{shop.pk}/sales/?{query}").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(6):  # shop, membership, days, buyers, top products, campaigns
        api.get(f"/api/v1/sellers/{shop.pk}/sales/?from=2020-01-22&to=2020-04-20")


def test_the_seller_centre_page_draws_the_chart_and_the_totals(client, seller_user, shop, history):
    client.force_login(seller_user)
    response = client.get(f"/penjual/{shop.pk}/penjualan/?{RANGE}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Rp 520.000" in html and "Rp 173.333" in html
    assert f"/api/v1/sellers/{shop.pk}/sales.csv?{RANGE}".replace("&", "&amp;") in html


def test_the_seller_centre_page_is_private(client, other_seller_user, shop, other_shop):
    client.force_login(other_seller_user)
    assert client.get(f"/penjual/{shop.pk}/penjualan/").status_code == 404


def test_a_range_whose_previous_period_falls_before_the_calendar_is_a_400(api, seller_user, shop):
    for path in ("sales/", "sales.csv"):
        response = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/{path}?from=0001-01-01&to=0001-01-03")
        assert response.status_code == 400
        assert "from" in response.json()


def test_the_seller_centre_page_explains_a_range_before_the_calendar(client, seller_user, shop):
    client.force_login(seller_user)

    response = client.get(f"/penjual/{shop.pk}/penjualan/?from=0001-01-01&to=0001-01-03")

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
