"""The cart on the API, and an anonymous visitor's session cart merged at login."""

import pytest
from django.contrib.sessions.backends.db import SessionStore

from orders.models import CartLine
from orders.services import cart as cart_services
from sellers.models import Product
from tests.factories import ProductFactory, SellerFactory, UserFactory, only_variant, set_price, set_stock

pytestmark = pytest.mark.django_db


def add(api, user, product, quantity):
    return api.as_user(user).post("/api/v1/cart/lines/", {"product": product.pk, "quantity": quantity}, format="json")


def test_adding_a_product_answers_201_with_the_cart(api, customer, product):
    response = add(api, customer, product, 2)

    assert response.status_code == 201, response.json()
    assert [(line["product"], line["quantity"]) for line in response.json()["lines"]] == [(product.pk, 2)]


def test_adding_a_product_already_in_the_cart_adds_to_its_quantity(api, customer, product):
    add(api, customer, product, 2)
    response = add(api, customer, product, 3)

    assert response.status_code == 201
    assert [line["quantity"] for line in response.json()["lines"]] == [5]
    assert CartLine.objects.get(user=customer).quantity == 5


def test_adding_more_than_the_stock_is_a_409_naming_what_is_left(api, customer, product):
    set_stock(product, 3)

    response = add(api, customer, product, 4)

    assert response.status_code == 409
    assert response.json()["products"] == [
        {"product": product.pk, "variant": only_variant(product).pk, "name": product.name, "available": 3}
    ]
    assert not CartLine.objects.exists()


def test_adding_again_past_the_stock_is_a_409_and_keeps_the_line(api, customer, product):
    set_stock(product, 3)
    add(api, customer, product, 2)

    response = add(api, customer, product, 2)

    assert response.status_code == 409
    assert CartLine.objects.get(user=customer).quantity == 2


def test_cart_lines_show_the_price_now_and_line_totals(api, customer, shop):
    coffee = ProductFactory(seller=shop, price=85000)
    tea = ProductFactory(seller=SellerFactory(), price=40000)
    add(api, customer, coffee, 2)
    add(api, customer, tea, 1)

    body = api.as_user(customer).get("/api/v1/cart/").json()

    lines = {line["product"]: line for line in body["lines"]}
    assert lines[coffee.pk]["unit_price"] == 85000
    assert lines[coffee.pk]["line_total"] == 170000
    assert lines[coffee.pk]["seller"] == shop.pk
    assert lines[tea.pk]["line_total"] == 40000
    assert (body["subtotal"], body["discount_total"], body["total"]) == (210000, 0, 210000)


def test_cart_lines_follow_a_price_change(api, customer, product):
    add(api, customer, product, 2)
    set_price(product, 80000)

    body = api.as_user(customer).get("/api/v1/cart/").json()

    assert body["lines"][0]["unit_price"] == 80000
    assert body["total"] == 160000


def test_the_owner_changes_a_lines_quantity(api, customer, product):
    add(api, customer, product, 2)
    line = CartLine.objects.get()

    response = api.as_user(customer).patch(f"/api/v1/cart/lines/{line.pk}/", {"quantity": 7}, format="json")

    assert response.status_code == 200
    assert response.json()["lines"][0]["quantity"] == 7


def test_changing_a_quantity_past_the_stock_is_a_409(api, customer, product):
    add(api, customer, product, 2)
    line = CartLine.objects.get()

    response = api.as_user(customer).patch(f"/api/v1/cart/lines/{line.pk}/", {"quantity": 51}, format="json")

    assert response.status_code == 409
    assert CartLine.objects.get().quantity == 2


def test_the_owner_removes_a_line(api, customer, product):
    add(api, customer, product, 2)
    line = CartLine.objects.get()

    response = api.as_user(customer).delete(f"/api/v1/cart/lines/{line.pk}/")

    assert response.status_code == 204
    assert api.get("/api/v1/cart/").json()["lines"] == []


def test_another_users_line_is_a_404_and_unchanged(api, customer, product):
    add(api, customer, product, 2)
    line = CartLine.objects.get()
    stranger = UserFactory()

    patch = api.as_user(stranger).patch(f"/api/v1/cart/lines/{line.pk}/", {"quantity": 1}, format="json")
    delete = api.as_user(stranger).delete(f"/api/v1/cart/lines/{line.pk}/")

    assert (patch.status_code, delete.status_code) == (404, 404)
    assert CartLine.objects.get().quantity == 2
    assert api.as_user(stranger).get("/api/v1/cart/").json()["lines"] == []


def test_anonymous_visitors_get_a_401_on_the_cart_api(api, product):
    assert api.get("/api/v1/cart/").status_code == 401
    assert api.post("/api/v1/cart/lines/", {"product": product.pk, "quantity": 1}, format="json").status_code == 401
    assert api.patch("/api/v1/cart/lines/1/", {"quantity": 1}, format="json").status_code == 401
    assert api.delete("/api/v1/cart/lines/1/").status_code == 401


def test_inactive_products_and_products_of_unverified_shops_cannot_be_added(api, customer):
    inactive = ProductFactory(is_active=False)
    unverified = ProductFactory(seller=SellerFactory(pending=True))

    for product in (inactive, unverified):
        response = add(api, customer, product, 1)
        assert response.status_code == 400
        assert "product" in response.json()
    assert not CartLine.objects.exists()


def test_an_unknown_product_is_a_400(api, customer):
    response = api.as_user(customer).post("/api/v1/cart/lines/", {"product": 999999, "quantity": 1}, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize("quantity", [0, -1, 10**12, "x", None, 1.5, [1]])
def test_a_bad_quantity_is_a_400_and_adds_nothing(api, customer, product, quantity):
    response = add(api, customer, product, quantity)

    assert response.status_code == 400
    assert "quantity" in response.json()
    assert not CartLine.objects.exists()


@pytest.mark.parametrize("quantity", [0, -1, 10**12, "x"])
def test_a_bad_quantity_on_a_line_is_a_400_and_changes_nothing(api, customer, product, quantity):
    add(api, customer, product, 2)
    line = CartLine.objects.get()

    response = api.as_user(customer).patch(f"/api/v1/cart/lines/{line.pk}/", {"quantity": quantity}, format="json")

    assert response.status_code == 400
    assert CartLine.objects.get().quantity == 2


@pytest.mark.parametrize("body", [[], "x", {"product": "kopi", "quantity": 1}, {"product": 10**30, "quantity": 1}])
def test_a_malformed_body_is_a_400(api, customer, body):
    response = api.as_user(customer).post("/api/v1/cart/lines/", body, format="json")
    assert response.status_code == 400


def test_a_body_that_is_not_json_is_a_400(api, customer):
    response = api.as_user(customer).post("/api/v1/cart/lines/", "{not json", content_type="application/json")
    assert response.status_code == 400


# ---- the session cart ---------------------------------------------------------------------------


@pytest.fixture
def session(db):
    store = SessionStore()
    store.create()
    return store


def test_a_visitors_session_cart_adds_quantities_of_the_same_product(session, product):
    cart_services.session_cart_add(session=session, product_id=product.pk, quantity=2)
    cart_services.session_cart_add(session=session, product_id=product.pk, quantity=3)

    assert session[cart_services.SESSION_KEY] == {str(only_variant(product).pk): 5}


def test_a_visitors_session_cart_is_checked_against_stock(session, product):
    from marketplace.errors import ConflictError

    with pytest.raises(ConflictError):
        cart_services.session_cart_add(session=session, product_id=product.pk, quantity=51)
    assert session.get(cart_services.SESSION_KEY, {}) == {}


def test_merging_a_session_cart_adds_its_quantities_to_the_users_cart(session, customer, product, other_shop):
    other = ProductFactory(seller=other_shop)
    CartLine.objects.create(user=customer, product=product, variant=only_variant(product), quantity=2)
    cart_services.session_cart_add(session=session, product_id=product.pk, quantity=3)
    cart_services.session_cart_add(session=session, product_id=other.pk, quantity=1)

    merged = cart_services.cart_merge_session(user=customer, session=session)

    assert merged == 2
    assert dict(CartLine.objects.filter(user=customer).values_list("product_id", "quantity")) == {
        product.pk: 5,
        other.pk: 1,
    }
    assert cart_services.SESSION_KEY not in session


def test_merging_a_session_cart_caps_quantities_at_the_stock(session, customer, product):
    CartLine.objects.create(user=customer, product=product, variant=only_variant(product), quantity=30)
    cart_services.session_cart_add(session=session, product_id=product.pk, quantity=40)

    cart_services.cart_merge_session(user=customer, session=session)

    assert CartLine.objects.get(user=customer).quantity == 50


def test_merging_skips_products_that_are_no_longer_sold_or_sold_out(session, customer, product, shop):
    sold_out = ProductFactory(seller=shop)
    cart_services.session_cart_add(session=session, product_id=product.pk, quantity=1)
    cart_services.session_cart_add(session=session, product_id=sold_out.pk, quantity=1)
    Product.objects.filter(pk=product.pk).update(is_active=False)
    set_stock(sold_out, 0)

    assert cart_services.cart_merge_session(user=customer, session=session) == 0
    assert not CartLine.objects.filter(user=customer).exists()


def test_merging_an_empty_session_cart_does_nothing(session, customer):
    assert cart_services.cart_merge_session(user=customer, session=session) == 0


def test_merging_caps_quantities_at_the_most_a_cart_line_may_hold(session, customer, shop):
    plenty = ProductFactory(seller=shop, stock=50_000)
    session[cart_services.SESSION_KEY] = {str(only_variant(plenty).pk): 20_000}

    cart_services.cart_merge_session(user=customer, session=session)

    assert CartLine.objects.get(user=customer).quantity == cart_services.MAX_QUANTITY


def test_merging_skips_garbage_in_the_session(session, customer, product):
    session[cart_services.SESSION_KEY] = {"kopi": 1, str(only_variant(product).pk): "dua", "999999": 1}

    assert cart_services.cart_merge_session(user=customer, session=session) == 0
    assert not CartLine.objects.exists()


def test_a_line_of_a_product_no_longer_for_sale_is_marked_unavailable_and_left_out_of_the_totals(api, customer, shop):
    coffee = ProductFactory(seller=shop, price=85000)
    withdrawn = ProductFactory(seller=shop, price=40000)
    of_suspended_shop = ProductFactory(seller=SellerFactory(), price=30000)
    for product in (coffee, withdrawn, of_suspended_shop):
        add(api, customer, product, 1)
    Product.objects.filter(pk=withdrawn.pk).update(is_active=False)
    of_suspended_shop.seller.status = "pending"
    of_suspended_shop.seller.save()

    body = api.as_user(customer).get("/api/v1/cart/").json()

    available = {line["product"]: line["available"] for line in body["lines"]}
    assert available == {coffee.pk: True, withdrawn.pk: False, of_suspended_shop.pk: False}
    assert (body["subtotal"], body["discount_total"], body["total"]) == (85000, 0, 85000)


def test_checking_out_the_cart_leaves_a_line_added_after_it_was_read(
    customer, product, other_product, address, monkeypatch
):
    """A line added from another tab while checkout ran is not deleted without being ordered."""
    from orders.models import CartLine
    from orders.services import checkout

    CartLine.objects.create(user=customer, product=product, variant=only_variant(product), quantity=1)
    lock = checkout._lock_variants

    def lock_while_another_tab_adds(quantities, **kwargs):
        CartLine.objects.create(user=customer, product=other_product, variant=only_variant(other_product), quantity=1)
        return lock(quantities, **kwargs)

    monkeypatch.setattr(checkout, "_lock_variants", lock_while_another_tab_adds)
    checkout.order_place(buyer=customer, address=checkout.Address(**address))

    assert list(CartLine.objects.filter(user=customer).values_list("product_id", flat=True)) == [other_product.pk]
