"""Facets: counts per category, province, price band and "in a campaign" for the current query and
filters, and narrowing the catalogue by them."""

import pytest

from tests.factories import EnrolmentFactory, ProductFactory, SellerFactory, category

pytestmark = pytest.mark.django_db

FACETS = "/api/v1/products/facets/"
PRODUCTS = "/api/v1/products/"


@pytest.fixture
def catalogue(shop, other_shop):
    """Aceh (shop, "11"): two coffees and a palm sugar; South Sulawesi (other_shop, "73"): one coffee."""
    return {
        "gayo": ProductFactory(seller=shop, name="Kopi Arabika Gayo", price=85_000),
        "gayo_kecil": ProductFactory(seller=shop, name="Kopi Arabika Gayo Mini", price=30_000),
        "gula": ProductFactory(seller=shop, name="Gula Aren Kopi Susu", category=category("gula-aren"), price=40_000),
        "toraja": ProductFactory(seller=other_shop, name="Kopi Toraja Sapan", price=120_000),
    }


def categories_of(body):
    return {row["slug"]: row["count"] for top in body["categories"] for row in [top, *top["children"]]}


def test_facets_count_the_products_of_the_current_search(api, catalogue):
    body = api.get(FACETS, {"search": "kopi arabika"}).json()

    assert categories_of(body) == {"kopi": 2, "kopi-biji-sangrai": 2}
    assert body["provinces"] == [{"code": "11", "name": "Aceh", "count": 2}]
    assert [band["count"] for band in body["price_bands"]] == [1, 1, 0, 0, 0]
    assert body["in_campaign"] == {"count": 0}


def test_a_parent_category_counts_its_sub_categories(api, catalogue):
    body = api.get(FACETS, {"search": "kopi"}).json()

    assert categories_of(body) == {"kopi": 3, "kopi-biji-sangrai": 3, "produk-terkait-kopi": 1, "gula-aren": 1}


def test_a_facet_ignores_its_own_choice_so_the_alternatives_stay_visible(api, catalogue):
    body = api.get(FACETS, {"category": "gula-aren", "province": "11"}).json()

    # Categories are counted in the chosen province, whatever the chosen category...
    assert categories_of(body) == {"kopi": 2, "kopi-biji-sangrai": 2, "produk-terkait-kopi": 1, "gula-aren": 1}
    # ...and provinces in the chosen category, whatever the chosen province.
    assert body["provinces"] == [{"code": "11", "name": "Aceh", "count": 1}]


def test_provinces_with_most_products_come_first(api, catalogue):
    ProductFactory.create_batch(3, seller=SellerFactory(province="73"))

    codes = [row["code"] for row in api.get(FACETS).json()["provinces"]]

    assert codes == ["73", "11"]


def test_price_bands_cover_every_price_and_narrow_the_list(api, catalogue):
    body = api.get(FACETS).json()
    bands = {(band["min_price"], band["max_price"]): band["count"] for band in body["price_bands"]}

    assert bands == {
        (0, 50_000): 2,
        (50_000, 100_000): 1,
        (100_000, 250_000): 1,
        (250_000, 500_000): 0,
        (500_000, None): 0,
    }
    names = [row["name"] for row in api.get(PRODUCTS, {"min_price": 50_000, "max_price": 100_000}).json()["results"]]
    assert names == ["Kopi Arabika Gayo"]


def test_products_in_a_running_campaign_are_counted_and_can_be_picked(api, catalogue):
    EnrolmentFactory(product=catalogue["toraja"])

    assert api.get(FACETS).json()["in_campaign"] == {"count": 1}
    picked = api.get(PRODUCTS, {"in_campaign": "true"}).json()["results"]
    assert [row["name"] for row in picked] == ["Kopi Toraja Sapan"]
    assert api.get(PRODUCTS, {"in_campaign": "false"}).json()["count"] == 3


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"min_price": "-1"}, "min_price"),
        ({"max_price": "murah"}, "max_price"),
        ({"in_campaign": "mungkin"}, "in_campaign"),
        ({"province": "99"}, "province"),
        ({"search": "!!!"}, "search"),
    ],
)
def test_bad_facet_filters_are_a_400_naming_the_parameter(api, catalogue, query, field):
    for url in (FACETS, PRODUCTS):
        response = api.get(url, query)

        assert response.status_code == 400
        assert field in response.json()


@pytest.mark.parametrize("count", [5, 30])
def test_facets_take_a_fixed_number_of_queries(api, shop, django_assert_max_num_queries, count):
    ProductFactory.create_batch(count, seller=shop)

    # The four facets, the category names, and the typo check of the query word.
    with django_assert_max_num_queries(6):
        response = api.get(FACETS, {"search": "kopi", "in_stock": "true"})

    assert categories_of(response.json())["kopi"] == count


def test_anonymous_facets_are_shared_briefly_like_the_catalogue(api, catalogue, settings, django_assert_num_queries):
    settings.CATALOGUE_CACHE_SECONDS = 30
    first = api.get(FACETS, {"search": "kopi"}).json()

    with django_assert_num_queries(0):
        again = api.get(FACETS, {"search": "kopi"}).json()

    assert again == first


def test_facets_are_shared_by_logged_in_shoppers_too(api, customer, catalogue, settings, django_assert_num_queries):
    settings.CATALOGUE_CACHE_SECONDS = 30
    first = api.as_user(customer).get(FACETS, {"search": "kopi", "page": "2"}).json()

    with django_assert_num_queries(0):
        again = api.as_user(customer).get(FACETS, {"search": "kopi"}).json()  # the page does not matter

    assert again == first
