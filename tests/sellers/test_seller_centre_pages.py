"""Registering a shop, and the seller centre: a member's shops, their products, and adding and editing
them; nobody else's shop is reachable."""

import re

import pytest
from django.urls import reverse

from sellers.models import Product, Seller
from tests.factories import ProductFactory, SellerFactory, category

pytestmark = pytest.mark.django_db


def product_form_data(**overrides):
    data = {
        "name": "Kopi Arabika Gayo Natural 200 g",
        "category": category("kopi-biji-sangrai").pk,
        "description": "Petik merah, proses natural.",
        "price": "95000",
        "stock": "12",
        "weight_grams": "200",
        "tkdn_percent": "90",
    }
    data.update(overrides)
    return data


# ---- shop registration -----------------------------------------------------------------------------


def test_shop_registration_sends_visitors_to_login(client):
    response = client.get(reverse("sellers:register"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_shop_registration_offers_all_38_provinces(client, customer):
    client.force_login(customer)

    response = client.get(reverse("sellers:register"))

    assert response.status_code == 200
    assert len(response.context["form"].fields["province"].choices) == 38 + 1  # and the empty choice
    assert "Papua Barat Daya" in response.text


def test_registering_a_shop_makes_the_user_its_owner_and_waits_for_verification(client, customer):
    client.force_login(customer)

    response = client.post(
        reverse("sellers:register"),
        {"name": "Kopi Kintamani Jaya", "nib": "1234567890123", "province": "51", "city": "Bangli", "scale": "kecil"},
    )

    assert response.status_code == 302
    assert response.url == reverse("sellers:centre")
    seller = Seller.objects.get(name="Kopi Kintamani Jaya")
    assert seller.status == Seller.Status.PENDING
    assert seller.members.get().user == customer
    assert seller.e_smart_ikm is False


@pytest.mark.parametrize("nib", ["123", "12345678901234", "12345678901ab"])
def test_a_shop_needs_a_13_digit_nib(client, customer, nib):
    client.force_login(customer)

    response = client.post(
        reverse("sellers:register"),
        {"name": "Kopi Kintamani", "nib": nib, "province": "51", "city": "Bangli", "scale": "kecil"},
    )

    assert response.status_code == 200
    assert "NIB harus 13 digit angka." in response.text or "13" in response.text
    assert not Seller.objects.filter(name="Kopi Kintamani").exists()


def test_a_wrong_nib_is_announced_with_its_field_to_screen_readers(client, customer):
    client.force_login(customer)

    response = client.post(
        reverse("sellers:register"),
        {"name": "Kopi Kintamani", "nib": "123", "province": "51", "city": "Bangli", "scale": "kecil"},
    )

    nib_input = re.search(r'<input[^>]*name="nib"[^>]*>', response.text).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', nib_input).group(1).split()
    assert described_by == ["id_nib_helptext", "id_nib_error"]
    for element_id in described_by:
        assert f'id="{element_id}"' in response.text
    assert re.search(r'id="id_nib_error"[^>]*>.*NIB harus 13 digit angka\.', response.text, re.S)


def test_a_shop_named_like_the_registration_page_still_gets_its_own_page(client, customer):
    client.force_login(customer)
    client.post(
        reverse("sellers:register"),
        {"name": "Daftar", "nib": "1234567890123", "province": "51", "city": "Bangli", "scale": "mikro"},
    )

    seller = Seller.objects.get(name="Daftar")
    assert seller.slug != "daftar"
    assert client.get(seller.get_absolute_url()).status_code == 200


# ---- seller centre ---------------------------------------------------------------------------------


def test_seller_centre_sends_visitors_to_login(client):
    assert client.get(reverse("sellers:centre")).url.startswith(reverse("login"))


def test_seller_centre_lists_the_users_shops_with_status_and_rejection_reason(client, seller_user, shop, other_shop):
    rejected = SellerFactory(owner=seller_user, name="Toko Ditolak", status=Seller.Status.REJECTED)
    rejected.rejection_reason = "NIB tidak cocok dengan OSS."
    rejected.save()
    client.force_login(seller_user)

    text = client.get(reverse("sellers:centre")).text

    assert "Kopi Gayo Aman" in text
    assert "Terverifikasi" in text
    assert "Toko Ditolak" in text
    assert "NIB tidak cocok dengan OSS." in text
    assert "Toraja Sapan" not in text


def test_seller_centre_product_list_shows_stock_to_members(client, seller_user, shop):
    ProductFactory(seller=shop, name="Kopi Gayo Peaberry", stock=17, is_active=False)
    client.force_login(seller_user)

    response = client.get(reverse("sellers:centre_products", kwargs={"seller_id": shop.pk}))

    assert response.status_code == 200
    assert "Kopi Gayo Peaberry" in response.text
    assert ">17<" in response.text


@pytest.mark.parametrize("who", ["customer", "other_seller_user", "ministry"])
def test_seller_centre_pages_of_a_shop_are_not_found_by_non_members(client, shop, product, who, request):
    client.force_login(request.getfixturevalue(who))
    urls = [
        reverse("sellers:centre_products", kwargs={"seller_id": shop.pk}),
        reverse("sellers:product_add", kwargs={"seller_id": shop.pk}),
        reverse("sellers:product_edit", kwargs={"seller_id": shop.pk, "product_id": product.pk}),
    ]

    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, product_form_data()).status_code == 404
    product.refresh_from_db()
    assert product.price == 85000


def test_seller_centre_pages_of_a_shop_send_visitors_to_login(client, shop):
    response = client.get(reverse("sellers:product_add", kwargs={"seller_id": shop.pk}))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_member_adds_a_product_to_a_verified_shop(client, seller_user, shop):
    client.force_login(seller_user)

    response = client.post(reverse("sellers:product_add", kwargs={"seller_id": shop.pk}), product_form_data())

    assert response.status_code == 302
    product = Product.objects.get(name="Kopi Arabika Gayo Natural 200 g")
    assert (product.seller, product.price, product.stock, product.tkdn_percent) == (shop, 95000, 12, 90)


def test_a_pending_shop_cannot_add_products_and_is_told_why(client, seller_user, pending_shop):
    client.force_login(seller_user)

    response = client.post(reverse("sellers:product_add", kwargs={"seller_id": pending_shop.pk}), product_form_data())

    assert response.status_code == 200
    assert "Toko belum terverifikasi; produk bisa ditambahkan setelah verifikasi." in response.text
    assert not Product.objects.filter(seller=pending_shop).exists()


@pytest.mark.parametrize(
    "overrides", [{"price": "0"}, {"price": "dua puluh ribu"}, {"stock": "-1"}, {"tkdn_percent": "101"}, {"name": ""}]
)
def test_bad_product_values_are_shown_on_the_form_and_nothing_is_created(client, seller_user, shop, overrides):
    client.force_login(seller_user)

    response = client.post(
        reverse("sellers:product_add", kwargs={"seller_id": shop.pk}), product_form_data(**overrides)
    )

    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert not Product.objects.filter(seller=shop).exists()


def test_a_member_changes_price_and_stock_and_takes_a_product_off_sale(client, seller_user, shop, product):
    client.force_login(seller_user)
    url = reverse("sellers:product_edit", kwargs={"seller_id": shop.pk, "product_id": product.pk})
    assert client.get(url).status_code == 200

    response = client.post(url, product_form_data(price="90000", stock="3"))  # is_active left unticked

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.price, product.stock, product.is_active) == (90000, 3, False)


def test_a_product_cannot_be_edited_through_another_shop_of_the_same_member(client, seller_user, shop, other_shop):
    foreign = ProductFactory(seller=other_shop)
    client.force_login(seller_user)

    url = reverse("sellers:product_edit", kwargs={"seller_id": shop.pk, "product_id": foreign.pk})

    assert client.get(url).status_code == 404
