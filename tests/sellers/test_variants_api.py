"""The variants API: who may add, change and deactivate a product's variants, and what the product shows."""

import pytest

from sellers.models import Product, ProductVariant
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, UserFactory, only_variant

pytestmark = pytest.mark.django_db

NEW = {"name": "1 kg / biji", "price": 300000, "stock": 4, "weight_grams": 1100, "sku": "GAYO-1K"}


@pytest.fixture
def shop_staff(shop):
    from sellers.models import SellerMember

    user = UserFactory()
    SellerMember.objects.create(seller=shop, user=user, role=SellerMember.Role.STAFF)
    return user


def add(api, user, product, body=NEW):
    client = api.as_user(user) if user else api
    return client.post(f"/api/v1/products/{product.pk}/variants/", body, format="json")


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 401),
        ("customer", 403),
        ("other_seller_user", 403),
        ("ministry", 403),
        ("seller_user", 201),
        ("shop_staff", 201),
    ],
)
def test_only_members_of_the_owning_shop_add_a_variant(request, api, product, other_shop, who, status):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    response = add(api, user, product)

    assert response.status_code == status
    assert ProductVariant.objects.filter(product=product).count() == (2 if status == 201 else 1)


def test_a_hidden_product_is_not_found_for_anyone_but_its_shop(api, customer, product, seller_user):
    Product.objects.filter(pk=product.pk).update(is_active=False)

    assert add(api, customer, product).status_code == 404
    assert add(api, seller_user, product).status_code == 201


def test_an_added_variant_is_answered_and_shown_on_the_product_with_its_price_now(api, seller_user, product):
    body = add(api, seller_user, product).json()

    assert body == {**NEW, "id": body["id"], "price_now": 300000, "is_active": True}
    shown = api.get(f"/api/v1/products/{product.pk}/").json()
    assert [v["name"] for v in shown["variants"]] == ["", "1 kg / biji"]
    assert (shown["price"], shown["stock"]) == (85000, 54)  # the cheapest variant's price, the sum of stock


@pytest.mark.parametrize(
    "field, value",
    [
        ("price", 0),
        ("price", "mahal"),
        ("stock", -1),
        ("weight_grams", 0),
        ("name", ""),
        ("name", "X\tL"),
        ("sku", "x" * 65),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_adds_nothing(api, seller_user, product, field, value):
    response = add(api, seller_user, product, {**NEW, field: value})

    assert response.status_code == 400
    assert field in response.json()
    assert ProductVariant.objects.filter(product=product).count() == 1


def test_a_sku_is_unique_within_a_shop_but_another_shop_may_use_it(
    api, seller_user, other_seller_user, product, other_shop
):
    add(api, seller_user, product)
    theirs = ProductFactory(seller=other_shop)

    again = add(api, seller_user, ProductFactory(seller=product.seller), {**NEW, "name": "Lain"})
    elsewhere = add(api, other_seller_user, theirs)

    assert again.status_code == 400
    assert "sku" in again.json()
    assert elsewhere.status_code == 201


def test_a_member_changes_a_variant_and_the_product_follows_its_cheapest_price(api, seller_user, product):
    new = add(api, seller_user, product).json()

    response = api.as_user(seller_user).patch(f"/api/v1/variants/{new['id']}/", {"price": 50000}, format="json")

    assert response.status_code == 200
    assert response.json()["price"] == 50000
    assert Product.objects.get(pk=product.pk).price == 50000


@pytest.mark.parametrize("who, status", [("customer", 403), ("other_seller_user", 403), ("ministry", 403)])
def test_others_cannot_change_or_deactivate_a_variant(request, api, product, other_shop, who, status):
    variant = only_variant(product)
    client = api.as_user(request.getfixturevalue(who))

    assert client.patch(f"/api/v1/variants/{variant.pk}/", {"price": 1}, format="json").status_code == status
    assert client.delete(f"/api/v1/variants/{variant.pk}/").status_code == status
    variant.refresh_from_db()
    assert (variant.price, variant.is_active) == (85000, True)


def test_anonymous_cannot_change_a_variant(api, product):
    assert api.patch(f"/api/v1/variants/{only_variant(product).pk}/", {"price": 1}, format="json").status_code == 401


def test_deleting_deactivates_a_variant_but_never_a_products_last_one(api, seller_user, product):
    first = only_variant(product)
    new = add(api, seller_user, product).json()
    client = api.as_user(seller_user)

    assert client.delete(f"/api/v1/variants/{new['id']}/").status_code == 204
    assert ProductVariant.objects.get(pk=new["id"]).is_active is False
    assert [v["id"] for v in api.get(f"/api/v1/products/{product.pk}/").json()["variants"]] == [first.pk]
    assert client.delete(f"/api/v1/variants/{first.pk}/").status_code == 409


def test_the_first_apis_price_edit_is_refused_for_a_product_with_several_variants(api, seller_user, product):
    add(api, seller_user, product)

    response = api.as_user(seller_user).patch(f"/api/v1/products/{product.pk}/", {"price": 1000}, format="json")

    assert response.status_code == 400
    assert "price" in response.json()


def test_a_variant_shows_its_own_campaign_price(api, seller_user, product):
    campaign = CampaignFactory(discount_percent=20)
    first = only_variant(product)
    big = add(api, seller_user, product).json()
    EnrolmentFactory(
        campaign=campaign,
        product=product,
        variant_prices={str(first.pk): [85000, 68000], str(big["id"]): [300000, 240000]},
    )

    shown = {v["name"]: v["price_now"] for v in api.get(f"/api/v1/products/{product.pk}/").json()["variants"]}

    assert shown == {"": 68000, "1 kg / biji": 240000}


def test_a_cart_line_by_product_with_several_variants_is_a_400_naming_them(api, customer, seller_user, product):
    add(api, seller_user, product)

    response = api.as_user(customer).post("/api/v1/cart/lines/", {"product": product.pk, "quantity": 1}, format="json")

    assert response.status_code == 400
    assert "1 kg / biji" in str(response.json()["variant"])


def test_a_cart_line_by_variant_names_the_variant(api, customer, seller_user, product):
    big = add(api, seller_user, product).json()

    response = api.as_user(customer).post("/api/v1/cart/lines/", {"variant": big["id"], "quantity": 2}, format="json")

    line = response.json()["lines"][0]
    assert (line["variant"], line["variant_name"], line["unit_price"]) == (big["id"], "1 kg / biji", 300000)
