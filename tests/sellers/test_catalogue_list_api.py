"""docs/api.md, "Catalogue": the product list, which products it shows, its pages, search, filters and
ordering, bad filter values, and the few queries it runs."""

import pytest

from sellers.models import Product, Seller
from tests.factories import ProductFactory, SellerFactory, category
from tests.sellers.product_api_helpers import DETAIL_FIELDS, PRODUCTS, ids

pytestmark = pytest.mark.django_db


def test_the_catalogue_lists_only_active_products_of_verified_shops(api, shop, pending_shop):
    on_sale = ProductFactory(seller=shop)
    ProductFactory(seller=shop, is_active=False)
    ProductFactory(seller=pending_shop)
    ProductFactory(seller=SellerFactory(status=Seller.Status.REJECTED))

    response = api.get(PRODUCTS)

    assert response.status_code == 200
    assert ids(response) == [on_sale.pk]


def test_the_catalogue_is_paginated(api, shop):
    ProductFactory.create_batch(3, seller=shop)

    body = api.get(PRODUCTS, {"page_size": 2}).json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["previous"] is None
    assert "page=2" in body["next"]
    second = api.get(body["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None


def test_a_page_size_above_100_is_capped(api, shop):
    ProductFactory.create_batch(3, seller=shop)

    response = api.get(PRODUCTS, {"page_size": 10**20})

    assert response.status_code == 200
    assert response.json()["count"] == 3


def test_the_catalogue_rows_have_the_detail_fields(api, product):
    row = api.get(PRODUCTS).json()["results"][0]

    assert set(row) == DETAIL_FIELDS | {"image", "variants"}  # the cover photo; the detail lists every photo


def test_a_catalogue_row_names_its_variants_with_their_prices_now(api, shop):
    from sellers.models import ProductVariant
    from tests.factories import CampaignFactory, EnrolmentFactory

    gamis = ProductFactory(seller=shop, name="Gamis Toraja", price=200000)
    ProductVariant.objects.create(product=gamis, seller=shop, name="XL", price=220000, stock=3, weight_grams=400)
    EnrolmentFactory(product=gamis, campaign=CampaignFactory(discount_percent=10))

    row = next(r for r in api.get(PRODUCTS).json()["results"] if r["id"] == gamis.pk)

    assert [(v["name"], v["price"]) for v in row["variants"]] == [
        (v.name, v.price) for v in ProductVariant.objects.filter(product=gamis, is_active=True)
    ]
    detail = api.get(f"{PRODUCTS}{gamis.pk}/").json()["variants"]
    assert row["variants"] == detail  # the same variants, at the same prices now, as its own page


def test_search_finds_products_by_name_whatever_the_case(api, shop):
    gayo = ProductFactory(seller=shop, name="Kopi Arabika Gayo")
    ProductFactory(seller=shop, name="Gula Aren Banten", category=category("gula-aren"))

    assert ids(api.get(PRODUCTS, {"search": "ARABIKA"})) == [gayo.pk]
    assert ids(api.get(PRODUCTS, {"search": "arabika gayo"})) == [gayo.pk]


def test_search_finds_products_by_shop_name(api, shop, other_shop):
    toraja = ProductFactory(seller=other_shop, name="Kopi Robusta")
    ProductFactory(seller=shop, name="Kopi Arabika")

    assert ids(api.get(PRODUCTS, {"search": "toraja sapan"})) == [toraja.pk]


def test_the_category_filter_takes_sub_categories_of_a_parent(api, shop):
    sangrai = ProductFactory(seller=shop, category=category("kopi-biji-sangrai"))
    bubuk = ProductFactory(seller=shop, category=category("kopi-bubuk"))
    ProductFactory(seller=shop, category=category("gamis"))
    kopi = category("kopi")

    assert set(ids(api.get(PRODUCTS, {"category": kopi.pk}))) == {sangrai.pk, bubuk.pk}
    assert set(ids(api.get(PRODUCTS, {"category": "kopi"}))) == {sangrai.pk, bubuk.pk}
    assert ids(api.get(PRODUCTS, {"category": "kopi-bubuk"})) == [bubuk.pk]
    assert ids(api.get(PRODUCTS, {"category": category("kopi-bubuk").pk})) == [bubuk.pk]


def test_the_province_filter_uses_the_shops_province(api, shop, other_shop):
    ProductFactory(seller=shop)
    toraja = ProductFactory(seller=other_shop)

    assert ids(api.get(PRODUCTS, {"province": "73"})) == [toraja.pk]
    assert ids(api.get(PRODUCTS, {"province": "34"})) == []


def test_the_seller_filter_shows_one_shops_products(api, shop, other_shop):
    mine = ProductFactory(seller=shop)
    ProductFactory(seller=other_shop)

    assert ids(api.get(PRODUCTS, {"seller": shop.pk})) == [mine.pk]


def test_min_tkdn_keeps_products_at_or_above_the_level(api, shop):
    ProductFactory(seller=shop, tkdn_percent=39)
    forty = ProductFactory(seller=shop, tkdn_percent=40)
    ninety = ProductFactory(seller=shop, tkdn_percent=90)

    assert set(ids(api.get(PRODUCTS, {"min_tkdn": 40}))) == {forty.pk, ninety.pk}


def test_in_stock_keeps_products_that_can_be_bought(api, shop):
    available = ProductFactory(seller=shop, stock=3)
    sold_out = ProductFactory(seller=shop, stock=0)

    assert ids(api.get(PRODUCTS, {"in_stock": "true"})) == [available.pk]
    assert ids(api.get(PRODUCTS, {"in_stock": "false"})) == [sold_out.pk]


def test_an_unknown_campaign_filter_gives_an_empty_result(api, product):
    response = api.get(PRODUCTS, {"campaign": "tidak-ada"})

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_ordering_by_price_both_ways_and_by_newest(api, shop):
    mid = ProductFactory(seller=shop, price=50000)
    cheap = ProductFactory(seller=shop, price=10000)
    dear = ProductFactory(seller=shop, price=90000)

    assert ids(api.get(PRODUCTS, {"ordering": "price"})) == [cheap.pk, mid.pk, dear.pk]
    assert ids(api.get(PRODUCTS, {"ordering": "-price"})) == [dear.pk, mid.pk, cheap.pk]
    assert ids(api.get(PRODUCTS, {"ordering": "-created"})) == [dear.pk, cheap.pk, mid.pk]
    assert ids(api.get(PRODUCTS)) == [dear.pk, cheap.pk, mid.pk]


def test_equal_prices_keep_a_stable_order_across_pages(api, shop):
    products = ProductFactory.create_batch(6, seller=shop, price=50000)

    seen = []
    for page in (1, 2, 3):
        seen += ids(api.get(PRODUCTS, {"ordering": "price", "page_size": 2, "page": page}))

    assert sorted(seen) == sorted(p.pk for p in products)


def test_filters_combine(api, shop, other_shop):
    match = ProductFactory(seller=other_shop, name="Kopi Toraja Sapan", tkdn_percent=80, stock=5)
    ProductFactory(seller=other_shop, name="Kopi Toraja Lain", tkdn_percent=20, stock=5)
    ProductFactory(seller=shop, name="Kopi Toraja Gayo", tkdn_percent=80, stock=5)

    response = api.get(PRODUCTS, {"search": "toraja", "province": "73", "min_tkdn": 40, "in_stock": "true"})

    assert ids(response) == [match.pk]


@pytest.mark.parametrize(
    "query",
    [
        {"province": "99"},
        {"province": "a\x00b"},
        {"category": "999999"},
        {"category": str(10**20)},
        {"category": "tidak-ada"},
        {"category": "a\x00b"},
        {"category": "9" * 5000},  # int() refuses thousands of digits with an error
        {"seller": "9" * 5000},
        {"page": "9" * 5000},
        {"min_tkdn": "9" * 5000},
        {"seller": "abc"},
        {"seller": "1.5"},
        {"seller": str(10**20)},
        {"seller": "-1"},
        {"min_tkdn": "150"},
        {"min_tkdn": "-1"},
        {"min_tkdn": "abc"},
        {"min_tkdn": "NaN"},
        {"min_tkdn": "1e400"},
        {"in_stock": "maybe"},
        {"ordering": "bogus"},
        {"ordering": "price,bogus"},
        {"ordering": "stock"},
        {"search": "a\x00b"},
        {"search": "x" * 1000},
        {"search": "%"},
        {"search": "'; DROP TABLE sellers_product; --"},
        {"campaign": "a\x00b"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "999"},
        {"page": str(10**20)},
        {"page_size": "abc"},
        {"page_size": "-5"},
        {"page_size": str(10**20)},
    ],
)
def test_unknown_filter_values_are_a_400_or_an_empty_or_ignored_result_never_a_500(api, product, query):
    response = api.get(PRODUCTS, query)

    assert response.status_code in (200, 400, 404), response.content
    if response.status_code == 200:
        assert set(response.json()) == {"count", "next", "previous", "results"}
    assert Product.objects.count() == 1


@pytest.mark.parametrize("query", [{"province": "99"}, {"min_tkdn": "150"}, {"ordering": "bogus"}, {"page": "abc"}])
def test_a_filter_value_that_can_never_match_names_the_parameter(api, product, query):
    response = api.get(PRODUCTS, query)

    assert response.status_code == 400
    assert set(query) <= set(response.json())


def test_product_list_queries_do_not_grow_with_page_size(api, django_assert_max_num_queries):
    ProductFactory.create_batch(120)

    # The page, its photos, its campaign prices, its variants and their campaign prices.
    with django_assert_max_num_queries(6):
        small = api.get(PRODUCTS, {"page_size": 10})
    with django_assert_max_num_queries(6):
        large = api.get(PRODUCTS, {"page_size": 100})

    assert len(small.json()["results"]) == 10
    assert len(large.json()["results"]) == 100


def test_filtering_by_a_parent_category_adds_one_query_at_most(api, django_assert_max_num_queries):
    ProductFactory.create_batch(30)

    with django_assert_max_num_queries(9):  # the photos and the variants of the page's products among them
        response = api.get(PRODUCTS, {"category": "kopi", "page_size": 100, "search": "kopi", "in_stock": "true"})

    assert response.json()["count"] == 30
