"""Names end up in email headers: control characters are refused, and subjects are always one line."""

import pytest
from django.core import mail

from marketplace.models import User
from orders.models import OutgoingEmail
from sellers.models import Product, Seller
from tests.factories import ProductFactory, SellerFactory, UserFactory, category
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db

SHOP = {"nib": "9120001234567", "province": "51", "city": "Bangli", "scale": "mikro"}


@pytest.mark.parametrize("name", ["Kopi Kintamani\nBcc: semua@contoh.id", "Kopi\rKintamani", "Kopi\tKintamani"])
def test_a_shop_name_with_a_control_character_is_a_400_and_no_shop(api, customer, name):
    response = api.as_user(customer).post("/api/v1/sellers/", {**SHOP, "name": name}, format="json")

    assert response.status_code == 400
    assert "name" in response.json()
    assert not Seller.objects.exists()


def test_the_shop_registration_page_shows_the_refusal_on_the_name(client, customer):
    from django.urls import reverse

    client.force_login(customer)
    page = client.post(reverse("sellers:register"), {**SHOP, "name": "Kopi\nKintamani", "description": ""})

    assert page.status_code == 200
    assert "baris baru" in page.text
    assert not Seller.objects.exists()


def test_a_product_name_with_a_newline_is_a_400(api, seller_user, shop):
    body = {"name": "Kopi\nGayo", "category": category("kopi-biji-sangrai").pk, "price": 1000, "stock": 1,
            "weight_grams": 250}  # fmt: skip

    response = api.as_user(seller_user).post(f"/api/v1/sellers/{shop.pk}/products/", body, format="json")

    assert response.status_code == 400
    assert "name" in response.json()
    assert not Product.objects.exists()


def test_a_full_name_with_a_newline_is_refused_at_registration_and_on_me(api, customer):
    registered = api.post(
        "/api/v1/auth/register/",
        {"email": "baru@example.id", "password": "kopi-gayo-2020", "full_name": "Siti\nBcc: x@y.id"},
        format="json",
    )
    changed = api.as_user(customer).patch("/api/v1/me/", {"full_name": "Siti\r\nPembeli"}, format="json")

    assert registered.status_code == changed.status_code == 400
    assert "full_name" in registered.json() and "full_name" in changed.json()
    assert not User.objects.filter(email="baru@example.id").exists()
    customer.refresh_from_db()
    assert customer.full_name == "Siti Pembeli"


def test_an_older_shop_whose_name_holds_a_newline_still_gets_its_order_email(
    api, customer, django_capture_on_commit_callbacks
):
    owner = UserFactory()
    shop = SellerFactory(name="Kopi Gayo\nAman", owner=owner)  # saved before names were checked
    product = ProductFactory(seller=shop)

    with django_capture_on_commit_callbacks(execute=True):
        response = api.as_user(customer).post(
            "/api/v1/orders/", {"shipping_address": ADDRESS, "lines": [{"product": product.pk, "quantity": 1}]},
            format="json",
        )  # fmt: skip

    assert response.status_code == 201
    assert not OutgoingEmail.objects.filter(sent_at=None).exists()
    to_shop = next(m for m in mail.outbox if m.to == [owner.email])
    assert "Kopi Gayo Aman" in to_shop.subject
    assert "\n" not in to_shop.subject
