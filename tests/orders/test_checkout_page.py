"""The checkout page: who may open it, the shipping estimate per shop, placing one order, and what it
says when stock is short, a product is gone or the address is bad."""

import uuid
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from orders.models import CartLine, Order
from sellers.models import Product
from tests.factories import only_variant, set_stock
from tests.orders.page_helpers import add_to_cart

FORM = "application/x-www-form-urlencoded"  # as a browser sends this form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_test_provider")]


def checkout_data(address, **overrides):
    data = {**address, "courier": "jne", "token": str(uuid.uuid4())}
    data.update(overrides)
    return data


def test_checkout_sends_visitors_to_log_in(client):
    response = client.get(reverse("orders:checkout"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(as_user, customer):
    response = as_user(customer).get(reverse("orders:checkout"))

    assert response.url == reverse("orders:cart")


def test_the_checkout_page_lists_each_shop_with_its_shipping_estimate(
    as_user, customer, product, other_product, address
):
    client = as_user(customer)
    add_to_cart(client, product, 1)  # 250 g -> 1 kg
    add_to_cart(client, other_product, 1)  # 1200 g -> 2 kg
    data = checkout_data(address, estimate="1")

    page = client.post(reverse("orders:checkout"), data)

    shops = page.context["estimate"].shops
    assert [shop.seller for shop in shops] == [product.seller, other_product.seller]
    # Each shop lists its couriers, cheapest first, priced from where it ships: Aceh and Toraja to Java.
    assert [o.key for o in shops[0].options][:1] == ["pos:reg"]
    assert shops[0].options[0].fee == 19500 and shops[1].options[0].fee == 2 * 26500
    assert shops[0].chosen == shops[0].options[0]
    assert f'name="ship_{product.seller_id}" value="jne:yes"' in page.text
    assert "Ongkos kirim" in page.text
    assert len(page.context["form"]["province"].field.choices) == 39  # "—" and the 38 provinces
    assert not Order.objects.exists()


def test_every_hint_and_error_the_checkout_fields_point_at_is_on_the_page(as_user, customer, product, address):
    """A screen reader reads a field's help text and error through aria-describedby: the ids must exist."""
    import re

    client = as_user(customer)
    add_to_cart(client, product, 1)

    for page in (
        client.get(reverse("orders:checkout")),
        client.post(reverse("orders:checkout"), checkout_data(address, postal_code="12", phone="x")),
    ):
        referenced = {ref for refs in re.findall(r'aria-describedby="([^"]+)"', page.text) for ref in refs.split()}
        assert referenced, "the fields describe themselves"
        assert {ref for ref in referenced if f'id="{ref}"' not in page.text} == set()


def test_checkout_creates_one_order_with_a_shipment_per_shop_and_goes_to_payment(
    as_user, customer, product, other_product, address
):
    client = as_user(customer)
    add_to_cart(client, product, 2)
    add_to_cart(client, other_product, 1)

    response = client.post(reverse("orders:checkout"), checkout_data(address, courier="sicepat"))

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("orders:pay", args=[order.number])
    assert order.buyer == customer and order.courier == "sicepat"
    shops = set(order.shipments.values_list("seller_id", flat=True))
    assert shops == {product.seller_id, other_product.seller_id}
    assert order.total == 2 * 85000 + 95000 + order.shipping_total
    assert not CartLine.objects.filter(user=customer).exists()


def test_submitting_the_same_checkout_form_twice_places_one_order(as_user, customer, product, address):
    client = as_user(customer)
    add_to_cart(client, product, 1)
    data = checkout_data(address)

    first = client.post(reverse("orders:checkout"), data)
    second = client.post(reverse("orders:checkout"), data)

    assert Order.objects.count() == 1
    assert first.url == second.url == reverse("orders:pay", args=[Order.objects.get().number])


def test_checkout_when_stock_is_short_names_the_product_and_creates_nothing(
    as_user, customer, product, other_product, address
):
    client = as_user(customer)
    add_to_cart(client, product, 3)
    add_to_cart(client, other_product, 1)
    set_stock(product, 1)

    response = client.post(reverse("orders:checkout"), checkout_data(address))

    assert response.status_code == 200
    assert f"Stok tidak cukup: {product.name} (tersisa 1)." in response.text
    assert response.context["short"] == {only_variant(product).pk: 1}  # keyed by variant
    assert not Order.objects.exists()
    assert Product.objects.get(pk=product.pk).stock == 1
    assert CartLine.objects.filter(user=customer).count() == 2


def test_checkout_with_a_product_no_longer_for_sale_names_it_and_creates_nothing(
    as_user, customer, product, other_product, address
):
    client = as_user(customer)
    add_to_cart(client, product, 1)
    add_to_cart(client, other_product, 1)
    Product.objects.filter(pk=other_product.pk).update(is_active=False)

    response = client.post(reverse("orders:checkout"), checkout_data(address))

    assert response.status_code == 200
    assert f"{other_product.name} tidak dijual lagi; hapus dari keranjang." in response.text
    assert not Order.objects.exists()
    assert CartLine.objects.filter(user=customer).count() == 2


def test_checkout_with_a_bad_address_shows_the_fields_and_creates_nothing(as_user, customer, product, address):
    client = as_user(customer)
    add_to_cart(client, product, 1)

    response = client.post(reverse("orders:checkout"), checkout_data(address, province="99", postal_code="12"))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"province", "postal_code"}
    assert not Order.objects.exists()


@pytest.mark.parametrize("shop_key", ["²", "9" * 5000])
@pytest.mark.parametrize("submit", [{"estimate": "1"}, {}], ids=["estimate", "place"])
def test_a_shipping_choice_keyed_by_no_shop_id_is_ignored_not_a_500(
    as_user, customer, product, address, shop_key, submit
):
    """ "²" passes str.isdigit() but not int(), and int() refuses 5000 digits: both answered 500."""
    client = as_user(customer)
    add_to_cart(client, product, 1)
    data = checkout_data(address, **{f"ship_{shop_key}": "jne:reg"}, **submit)

    response = client.post(reverse("orders:checkout"), urlencode(data), content_type=FORM)

    assert response.status_code in (200, 302)


def test_checkout_fills_the_address_of_the_last_order(as_user, customer, product, place_order, address):
    place_order((product, 1))
    client = as_user(customer)
    add_to_cart(client, product, 1)

    form = client.get(reverse("orders:checkout")).context["form"]

    assert form.initial["street"] == address["street"]
    assert form.initial["province"] == address["province"]
