"""Addresses take ASCII digits only, and a very heavy shipment is an order like any other."""

import pytest

from orders.models import Order, Shipment
from orders.services import checkout as checkout_service
from tests.factories import ProductFactory
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db


def checkout(api, user, address, lines):
    body = {"shipping_address": address, "lines": [{"product": p.pk, "quantity": q} for p, q in lines]}
    return api.as_user(user).post("/api/v1/orders/", body, format="json")


@pytest.mark.parametrize(
    "field, value",
    [("postal_code", "１２３４５"), ("postal_code", "٥٥٢١٣")],
)
def test_the_api_refuses_an_address_with_digits_of_another_script(api, customer, product, field, value):
    response = checkout(api, customer, {**ADDRESS, field: value}, [(product, 1)])

    assert response.status_code == 400
    assert field in response.json()["shipping_address"]
    assert not Order.objects.exists()


@pytest.mark.parametrize("field, value", [("postal_code", "５５２１３"), ("phone", "０８１２３４５６７８９０")])
def test_the_checkout_page_refuses_digits_of_another_script(client, customer, product, field, value):
    from django.urls import reverse

    client.force_login(customer)
    client.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": 1})
    page = client.get(reverse("orders:checkout"))
    token = page.context["form"]["token"].value()

    response = client.post(reverse("orders:checkout"), {**ADDRESS, field: value, "courier": "jne", "token": token})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Order.objects.exists()


def test_the_checkout_service_itself_refuses_digits_of_another_script(customer, product):
    from marketplace.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        checkout_service.order_place(
            buyer=customer, address=checkout_service.Address(**{**ADDRESS, "postal_code": "５５２１３"}),
            product_items=[(product.pk, 1)],
        )  # fmt: skip

    assert "postal_code" in refused.value.detail["shipping_address"]


def test_a_shipment_heavier_than_two_billion_grams_is_placed(api, customer, shop):
    anvil = ProductFactory(seller=shop, name="Landasan tempa besi", weight_grams=100_000_000, stock=100)

    response = checkout(api, customer, ADDRESS, [(anvil, 30)])

    assert response.status_code == 201, response.content
    shipment = Shipment.objects.get()
    assert shipment.weight_grams == 3_000_000_000
    # 3.000.000 kg at the cheapest rate from Aceh (Sumatra) to Yogyakarta (Java): POS Reguler, 19.500/kg
    assert response.json()["shipping_total"] == 3_000_000 * 19_500
