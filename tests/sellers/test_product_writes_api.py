"""docs/api.md, "Catalogue": adding, changing and deactivating products; who may, and what bad input
does (a 400 on its field, nothing changed)."""

import pytest

from sellers.models import Product
from tests.factories import category
from tests.sellers.product_api_helpers import DETAIL_FIELDS, PRODUCTS, ids

pytestmark = pytest.mark.django_db


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


def test_a_new_product_comes_back_with_its_variant_so_the_next_call_can_name_it(api, seller_user, shop):
    body = api.as_user(seller_user).post(f"/api/v1/sellers/{shop.pk}/products/", product_body(), format="json").json()

    [variant] = body["variants"]
    assert (variant["price"], variant["stock"], variant["weight_grams"]) == (95000, 20, 250)
    changed = api.as_user(seller_user).patch(f"/api/v1/products/{body['id']}/", {"price": 90000}, format="json")
    assert [v["id"] for v in changed.json()["variants"]] == [variant["id"]]


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
