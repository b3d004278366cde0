"""docs/api.md, "Reference data" and "Catalogue": products, their filters, and who may change them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from marketplace.provinces import PROVINCES
from sellers.models import Category, Product, Seller
from tests.factories import ProductFactory, SellerFactory, category, only_variant

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/products/"
DETAIL_FIELDS = {
    "rating",
    "units_sold",
    "id",
    "name",
    "slug",
    "url",
    "description",
    "price",
    "price_now",
    "campaign",
    "stock",
    "weight_grams",
    "tkdn_percent",
    "bangga_buatan_indonesia",
    "seller",
    "category",
}

ROLE_FIXTURES = {
    "anonymous": None,
    "customer": "customer",
    "member": "seller_user",
    "other_member": "other_seller_user",
    "ministry": "ministry",
}


@pytest.fixture
def as_role(api, request, other_shop):
    """The api client as a row of the role matrix; `member` owns `shop`, `other_member` owns `other_shop`."""

    def _as(role):
        fixture = ROLE_FIXTURES[role]
        return api.as_user(request.getfixturevalue(fixture) if fixture else None)

    return _as


def product_body(**overrides):
    body = {
        "name": "Kopi Arabika Gayo Wine 250 g",
        "description": "Proses natural, sangrai medium.",
        "category": category("kopi-biji-sangrai").pk,
        "price": 95000,
        "stock": 20,
        "weight_grams": 250,
        "tkdn_percent": 90,
    }
    body.update(overrides)
    return body


def ids(response):
    return [row["id"] for row in response.json()["results"]]


# ---- reference data ----------------------------------------------------------------------------


def test_the_provinces_are_all_38_with_their_kemendagri_codes(api):
    response = api.get("/api/v1/provinces/")

    assert response.status_code == 200
    body = response.json()
    assert len(body) == 38
    assert {"code": "34", "name": "DI Yogyakarta"} in body
    assert {"code": "11", "name": "Aceh"} in body
    assert {"code": "96", "name": "Papua Barat Daya"} in body
    assert {row["code"] for row in body} == set(PROVINCES)
    assert all(set(row) == {"code", "name"} for row in body)


def test_the_categories_are_a_tree_with_coffee_and_its_children(api):
    response = api.get("/api/v1/categories/")

    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert all(set(row) == {"id", "slug", "name", "parent"} for row in body)
    by_slug = {row["slug"]: row for row in body}
    kopi = by_slug["kopi"]
    assert kopi["parent"] is None
    children = {row["slug"] for row in body if row["parent"] == kopi["id"]}
    assert children == {"kopi-biji-mentah", "kopi-biji-sangrai", "kopi-bubuk", "kopi-siap-minum"}
    assert by_slug["fesyen-muslim"]["parent"] is None
    assert by_slug["gamis"]["parent"] == by_slug["fesyen-muslim"]["id"]


def test_top_level_categories_come_before_their_children(api):
    body = api.get("/api/v1/categories/").json()

    parents = [index for index, row in enumerate(body) if row["parent"] is None]
    children = [index for index, row in enumerate(body) if row["parent"] is not None]
    assert max(parents) < min(children)


# ---- creating products: who may ---------------------------------------------------------------


def test_a_member_of_a_verified_shop_adds_a_product(api, seller_user, shop):
    response = api.as_user(seller_user).post(f"/api/v1/sellers/{shop.pk}/products/", product_body(), format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) >= DETAIL_FIELDS
    assert body["name"] == "Kopi Arabika Gayo Wine 250 g"
    assert body["price"] == 95000
    assert body["price_now"] == 95000
    assert body["seller"] == {"id": shop.pk, "name": shop.name, "province": shop.province}
    product = Product.objects.get(pk=body["id"])
    assert product.seller == shop
    assert product.is_active


def test_a_new_product_appears_in_the_catalogue(api, seller_user, shop):
    product_id = (
        api.as_user(seller_user)
        .post(f"/api/v1/sellers/{shop.pk}/products/", product_body(), format="json")
        .json()["id"]
    )

    assert product_id in ids(api.as_user(None).get(PRODUCTS))


@pytest.mark.parametrize(
    "role, status", [("anonymous", 401), ("customer", 403), ("other_member", 403), ("ministry", 403)]
)
def test_only_members_add_products_to_a_verified_shop(as_role, shop, role, status):
    response = as_role(role).post(f"/api/v1/sellers/{shop.pk}/products/", product_body(), format="json")

    assert response.status_code == status
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    "role, status", [("anonymous", 401), ("customer", 404), ("other_member", 404), ("ministry", 403), ("member", 409)]
)
def test_a_pending_shop_takes_no_products_and_outsiders_do_not_learn_it_exists(as_role, pending_shop, role, status):
    response = as_role(role).post(f"/api/v1/sellers/{pending_shop.pk}/products/", product_body(), format="json")

    assert response.status_code == status
    assert not Product.objects.exists()


def test_a_pending_shop_answers_409_to_its_member_with_a_reason(api, seller_user, pending_shop):
    response = api.as_user(seller_user).post(
        f"/api/v1/sellers/{pending_shop.pk}/products/", product_body(), format="json"
    )

    assert response.status_code == 409
    assert "detail" in response.json()


def test_adding_a_product_to_an_unknown_shop_is_a_404(api, seller_user):
    response = api.as_user(seller_user).post("/api/v1/sellers/999999/products/", product_body(), format="json")

    assert response.status_code == 404


# ---- creating products: bad input --------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"price": 0}, "price"),
        ({"price": -1}, "price"),
        ({"price": "abc"}, "price"),
        ({"price": 1.5}, "price"),
        ({"price": 10**20}, "price"),
        ({"stock": -1}, "stock"),
        ({"stock": 10**20}, "stock"),
        ({"weight_grams": 0}, "weight_grams"),
        ({"tkdn_percent": 150}, "tkdn_percent"),
        ({"tkdn_percent": -1}, "tkdn_percent"),
        ({"category": 999999}, "category"),
        ({"category": 10**20}, "category"),
        ({"category": "kopi\x00"}, "category"),
        ({"category": None}, "category"),
        ({"name": "a\x00b"}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 161}, "name"),
        ({"description": "a\x00b"}, "description"),
    ],
)
def test_bad_product_input_is_a_400_on_its_field_and_creates_nothing(api, seller_user, shop, overrides, field):
    response = api.as_user(seller_user).post(
        f"/api/v1/sellers/{shop.pk}/products/", product_body(**overrides), format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert Product.objects.count() == 0


@pytest.mark.parametrize("field", ["name", "category", "price", "stock", "weight_grams"])
def test_a_product_needs_each_required_field(api, seller_user, shop, field):
    body = product_body()
    del body[field]

    response = api.as_user(seller_user).post(f"/api/v1/sellers/{shop.pk}/products/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_tkdn_defaults_to_zero(api, seller_user, shop):
    body = product_body()
    del body["tkdn_percent"]

    response = api.as_user(seller_user).post(f"/api/v1/sellers/{shop.pk}/products/", body, format="json")

    assert response.json()["tkdn_percent"] == 0
    assert response.json()["bangga_buatan_indonesia"] is False


# ---- changing and deactivating products --------------------------------------------------------


def test_a_member_changes_the_price_and_stock(api, seller_user, product):
    response = api.as_user(seller_user).patch(f"{PRODUCTS}{product.pk}/", {"price": 90000, "stock": 7}, format="json")

    assert response.status_code == 200
    assert response.json()["price"] == 90000
    assert response.json()["stock"] == 7
    product.refresh_from_db()
    assert (product.price, product.stock) == (90000, 7)
    assert product.tkdn_percent == 85  # fields left out of a PATCH keep their value


def test_a_member_moves_a_product_to_another_category(api, seller_user, product):
    bubuk = category("kopi-bubuk")

    response = api.as_user(seller_user).patch(f"{PRODUCTS}{product.pk}/", {"category": bubuk.pk}, format="json")

    assert response.json()["category"] == {"id": bubuk.pk, "slug": "kopi-bubuk", "name": bubuk.name}


@pytest.mark.parametrize(
    "role, status", [("anonymous", 401), ("customer", 403), ("other_member", 403), ("ministry", 403)]
)
def test_only_members_change_a_product(as_role, product, role, status):
    response = as_role(role).patch(f"{PRODUCTS}{product.pk}/", {"price": 1000}, format="json")

    assert response.status_code == status
    product.refresh_from_db()
    assert product.price == 85000


@pytest.mark.parametrize(
    "role, status", [("anonymous", 401), ("customer", 403), ("other_member", 403), ("ministry", 403)]
)
def test_only_members_deactivate_a_product(as_role, product, role, status):
    response = as_role(role).delete(f"{PRODUCTS}{product.pk}/")

    assert response.status_code == status
    product.refresh_from_db()
    assert product.is_active


@pytest.mark.parametrize("role, status", [("customer", 404), ("other_member", 404)])
def test_a_hidden_product_stays_hidden_from_outsiders_who_try_to_change_it(as_role, product, role, status):
    product.is_active = False
    product.save()

    assert as_role(role).patch(f"{PRODUCTS}{product.pk}/", {"price": 1}, format="json").status_code == status
    assert as_role(role).delete(f"{PRODUCTS}{product.pk}/").status_code == status


def test_deleting_a_product_deactivates_it_and_keeps_the_row(api, seller_user, product):
    response = api.as_user(seller_user).delete(f"{PRODUCTS}{product.pk}/")

    assert response.status_code == 204
    product.refresh_from_db()
    assert product.is_active is False
    assert product.pk not in ids(api.as_user(None).get(PRODUCTS))
    assert api.get(f"{PRODUCTS}{product.pk}/").status_code == 404


def test_a_member_puts_a_deactivated_product_back_on_sale(api, seller_user, product):
    api.as_user(seller_user).delete(f"{PRODUCTS}{product.pk}/")

    response = api.as_user(seller_user).patch(f"{PRODUCTS}{product.pk}/", {"is_active": True}, format="json")

    assert response.status_code == 200
    assert product.pk in ids(api.as_user(None).get(PRODUCTS))


@pytest.mark.parametrize(
    "body, field",
    [
        ({"price": 0}, "price"),
        ({"price": -1}, "price"),
        ({"stock": -1}, "stock"),
        ({"tkdn_percent": 150}, "tkdn_percent"),
        ({"category": 999999}, "category"),
        ({"name": "a\x00b"}, "name"),
        ({"name": ""}, "name"),
        ({"is_active": "maybe"}, "is_active"),
    ],
)
def test_bad_product_changes_are_a_400_and_change_nothing(api, seller_user, product, body, field):
    before = Product.objects.values().get(pk=product.pk)

    response = api.as_user(seller_user).patch(f"{PRODUCTS}{product.pk}/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert Product.objects.values().get(pk=product.pk) == before


def test_a_product_cannot_be_moved_to_another_shop(api, seller_user, product, other_shop):
    response = api.as_user(seller_user).patch(f"{PRODUCTS}{product.pk}/", {"seller": other_shop.pk}, format="json")

    assert response.status_code in (200, 400)
    product.refresh_from_db()
    assert product.seller_id != other_shop.pk


def test_changing_an_unknown_product_is_a_404(api, seller_user):
    assert api.as_user(seller_user).patch(f"{PRODUCTS}999999/", {"price": 1}, format="json").status_code == 404
    assert api.as_user(seller_user).delete(f"{PRODUCTS}{10**20}/").status_code == 404


# ---- the catalogue -----------------------------------------------------------------------------


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

    assert set(row) == DETAIL_FIELDS | {"image"}  # the cover photo; the detail also lists every photo


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


# ---- product detail ----------------------------------------------------------------------------


def test_product_detail_has_exactly_the_documented_fields(api, shop):
    product = ProductFactory(
        seller=shop,
        name="Kopi Arabika Gayo 250 g",
        description="Sangrai medium",
        price=85000,
        stock=12,
        tkdn_percent=85,
    )
    sangrai = category("kopi-biji-sangrai")

    response = api.get(f"{PRODUCTS}{product.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": product.pk,
        "name": "Kopi Arabika Gayo 250 g",
        "slug": product.slug,
        "url": product.get_absolute_url(),
        "description": "Sangrai medium",
        "price": 85000,
        "price_now": 85000,
        "campaign": None,
        "stock": 12,
        "weight_grams": 250,
        "tkdn_percent": 85,
        "bangga_buatan_indonesia": True,
        "seller": {"id": shop.pk, "name": shop.name, "province": "11"},
        "category": {"id": sangrai.pk, "slug": "kopi-biji-sangrai", "name": sangrai.name},
        "variants": [
            {
                "id": only_variant(product).pk,
                "name": "",
                "sku": "",
                "price": 85000,
                "price_now": 85000,
                "stock": 12,
                "weight_grams": 250,
            }
        ],
        "rating": {"average": None, "count": 0},
        "units_sold": 0,
        "image": None,
        "images": [],
    }


def test_the_product_url_is_the_path_of_its_web_page(api, product):
    url = api.get(f"{PRODUCTS}{product.pk}/").json()["url"]

    assert url.startswith("/")
    assert product.slug in url
    assert api.get(url).status_code == 200


@pytest.mark.parametrize("tkdn, badge", [(39, False), (40, True), (100, True), (0, False)])
def test_the_bangga_buatan_indonesia_badge_starts_at_40_percent(api, shop, tkdn, badge):
    product = ProductFactory(seller=shop, tkdn_percent=tkdn)

    assert api.get(f"{PRODUCTS}{product.pk}/").json()["bangga_buatan_indonesia"] is badge


@pytest.mark.parametrize(
    "make",
    [
        lambda shop, pending: ProductFactory(seller=shop, is_active=False),
        lambda shop, pending: ProductFactory(seller=pending),
    ],
    ids=["inactive", "pending-shop"],
)
def test_a_product_off_sale_is_a_404(api, shop, pending_shop, make):
    product = make(shop, pending_shop)

    assert api.get(f"{PRODUCTS}{product.pk}/").status_code == 404


def test_an_unknown_product_is_a_404(api):
    assert api.get(f"{PRODUCTS}999999/").status_code == 404
    assert api.get(f"{PRODUCTS}{10**20}/").status_code == 404


# ---- query counts ------------------------------------------------------------------------------


def test_product_list_queries_do_not_grow_with_page_size(api, django_assert_max_num_queries):
    ProductFactory.create_batch(120)

    with django_assert_max_num_queries(4):
        small = api.get(PRODUCTS, {"page_size": 10})
    with django_assert_max_num_queries(4):
        large = api.get(PRODUCTS, {"page_size": 100})

    assert len(small.json()["results"]) == 10
    assert len(large.json()["results"]) == 100


def test_filtering_by_a_parent_category_adds_one_query_at_most(api, django_assert_max_num_queries):
    ProductFactory.create_batch(30)

    with django_assert_max_num_queries(7):  # the photos of the page's products are one of them
        response = api.get(PRODUCTS, {"category": "kopi", "page_size": 100, "search": "kopi", "in_stock": "true"})

    assert response.json()["count"] == 30


def test_the_category_list_is_one_query(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        api.get("/api/v1/categories/")


def test_categories_are_reference_data_not_changed_by_reads(api):
    before = Category.objects.count()

    api.get("/api/v1/categories/")

    assert Category.objects.count() == before


def test_the_hand_built_product_output_matches_the_declared_serializer_fields(product, rf):
    """ProductOutput renders by hand for speed; it must say exactly what its declared fields say."""
    from rest_framework import serializers

    from sellers.api import ProductMemberOutput, ProductOutput, with_quotes
    from tests.factories import EnrolmentFactory

    EnrolmentFactory(product=ProductFactory(seller=product.seller))
    request = rf.get("/")
    request.user = AnonymousUser()
    for item in Product.objects.select_related("seller", "category"):
        for output in (ProductOutput, ProductMemberOutput):
            serializer = output(context=with_quotes([item], request))
            assert serializer.to_representation(item) == serializers.ModelSerializer.to_representation(serializer, item)
