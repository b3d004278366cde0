"""The buyer's address book: several addresses, one default, picked at checkout; private to the buyer."""

import pytest
from django.urls import reverse

from orders.models import BuyerAddress, Order
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOME = {
    "label": "Rumah",
    "recipient": "Siti Pembeli",
    "phone": "081234567890",
    "street": "Jl. Malioboro No. 1",
    "province": "34",
    "regency": "34.71",
    "district": "34.71.10",
    "postal_code": "55122",
}
OFFICE = {**HOME, "label": "Kantor", "regency": "34.04", "district": "34.04.01", "postal_code": "55294"}


def add(api, user, address):
    return api.as_user(user).post("/api/v1/addresses/", address, format="json")


def test_the_first_address_is_the_default_and_a_new_default_replaces_it(api, customer):
    home = add(api, customer, HOME).json()
    office = add(api, customer, {**OFFICE, "is_default": True}).json()

    listed = api.as_user(customer).get("/api/v1/addresses/").json()

    assert home["is_default"] is True
    assert [(a["id"], a["is_default"]) for a in listed] == [(office["id"], True), (home["id"], False)]
    assert listed[0]["district_name"] == "Gamping" and listed[0]["city"] == "Kabupaten Sleman"


def test_deleting_the_default_makes_another_address_the_default(api, customer):
    home = add(api, customer, HOME).json()
    office = add(api, customer, OFFICE).json()

    response = api.as_user(customer).delete(f"/api/v1/addresses/{home['id']}/")

    assert response.status_code == 204
    assert BuyerAddress.objects.get(pk=office["id"]).is_default


@pytest.mark.parametrize(
    "change, field",
    [
        ({"district": "34.04.01"}, "district"),
        ({"regency": "33.74", "district": "33.74.01"}, "regency"),
        ({"district": ""}, "district"),
        ({"postal_code": "5512"}, "postal_code"),
        ({"province": "00"}, "province"),
    ],
)
def test_an_address_that_does_not_nest_is_a_400_naming_the_field_and_saves_nothing(api, customer, change, field):
    response = add(api, customer, {**HOME, **change})

    assert response.status_code == 400
    assert field in response.json()
    assert not BuyerAddress.objects.exists()


@pytest.mark.parametrize("field", ["recipient", "label"])
def test_a_name_for_the_parcels_label_holding_a_control_character_is_a_400(api, customer, field):
    response = add(api, customer, {**HOME, field: "Siti\x1b[31m Pembeli"})
    home = add(api, customer, HOME).json()
    changed = api.as_user(customer).patch(f"/api/v1/addresses/{home['id']}/", {field: "Siti\tPembeli"}, format="json")

    assert (response.status_code, list(response.json())) == (400, [field])
    assert (changed.status_code, list(changed.json())) == (400, [field])
    assert BuyerAddress.objects.get().recipient == "Siti Pembeli"


def test_editing_a_district_outside_the_regency_is_a_400_naming_the_district(api, customer):
    home = add(api, customer, HOME).json()

    response = api.as_user(customer).patch(f"/api/v1/addresses/{home['id']}/", {"district": "34.04.01"}, format="json")

    assert response.status_code == 400
    assert "district" in response.json()
    assert BuyerAddress.objects.get(pk=home["id"]).district_id == "34.71.10"


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_buyers_address_is_a_404(api, customer, method):
    home = add(api, customer, HOME).json()

    response = getattr(api.as_user(UserFactory()), method)(f"/api/v1/addresses/{home['id']}/", {}, format="json")

    assert response.status_code == 404
    assert BuyerAddress.objects.filter(pk=home["id"]).exists()


def test_anonymous_visitors_have_no_address_book(api):
    assert api.get("/api/v1/addresses/").status_code == 401


def test_checkout_ships_to_a_saved_address_by_its_id(api, customer, product):
    office = add(api, customer, OFFICE).json()

    response = api.as_user(customer).post(
        "/api/v1/orders/", {"address": office["id"], "lines": [{"product": product.pk, "quantity": 1}]}, format="json"
    )

    assert response.status_code == 201, response.json()
    shipping = response.json()["shipping_address"]
    assert (shipping["regency"], shipping["district_name"], shipping["postal_code"]) == ("34.04", "Gamping", "55294")


def test_checkout_with_another_buyers_address_is_a_400_naming_the_address(api, customer, product):
    theirs = add(api, UserFactory(), HOME).json()

    response = api.as_user(customer).post(
        "/api/v1/orders/", {"address": theirs["id"], "lines": [{"product": product.pk, "quantity": 1}]}, format="json"
    )

    assert response.status_code == 400
    assert "address" in response.json()
    assert not Order.objects.exists()


# ---- pages -----------------------------------------------------------------------------------------


def test_without_javascript_the_update_button_lists_the_chosen_provinces_regencies(client, customer):
    client.force_login(customer)

    page = client.post(reverse("orders:addresses"), {**HOME, "regency": "", "district": "", "refresh": "1"})

    assert page.status_code == 200
    regencies = dict(page.context["form"].fields["regency"].choices)
    assert regencies["34.71"] == "Kota Yogyakarta" and "32.73" not in regencies
    assert not BuyerAddress.objects.exists()


def test_an_address_saved_on_the_page_becomes_the_checkouts_default(client, customer, product):
    client.force_login(customer)
    client.post(reverse("orders:addresses"), HOME)
    client.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": 1})

    page = client.get(reverse("orders:checkout"))

    saved = BuyerAddress.objects.get(user=customer)
    assert page.context["form"].initial["saved_address"] == str(saved.pk)
    assert "Gondomanan" in page.text


def test_the_page_refuses_a_district_of_another_regency(client, customer):
    client.force_login(customer)

    page = client.post(reverse("orders:addresses"), {**HOME, "district": "34.04.01"})

    assert page.status_code == 200
    assert page.context["form"].errors["district"]
    assert not BuyerAddress.objects.exists()
