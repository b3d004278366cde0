"""A customer on a phone buys from two shops in one order and pays, in a real browser (Debian's chromium)."""

import re

import pytest

from orders.models import Order
from tests.factories import PASSWORD, ProductFactory, SellerFactory, UserFactory

pytestmark = pytest.mark.browser


def add_to_cart(page, base_url, product, quantity):
    from playwright.sync_api import expect

    page.goto(f"{base_url}{product.get_absolute_url()}")
    page.get_by_label("Jumlah").fill(str(quantity))
    page.get_by_role("button", name="Tambah ke keranjang").click()
    expect(page.locator(".messages")).to_contain_text(f"{quantity} × {product.name} masuk ke keranjang.")


# Categories and shipping rates come from data migrations; serialized_rollback puts them back after the flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_customer_buys_from_two_shops_pays_and_sees_two_shipments(live_server, phone, settings):
    from playwright.sync_api import expect

    settings.DEBUG = settings.PAYMENT_TEST_PROVIDER_ENABLED = True  # the test provider answers only with DEBUG on
    customer = UserFactory(email="siti@example.id", full_name="Siti Pembeli")
    gayo = ProductFactory(
        seller=SellerFactory(name="Koperasi Gayo Aman"), name="Kopi Arabika Gayo 250 g", price=85000, weight_grams=250
    )
    toraja = ProductFactory(
        seller=SellerFactory(name="Toraja Sapan", province="73", city="Tana Toraja"),
        name="Kopi Toraja Sapan 200 g",
        price=95000,
        weight_grams=1200,
    )
    base = live_server.url

    # log in
    phone.goto(f"{base}/akun/masuk/")
    phone.get_by_label("Email").fill(customer.email)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Masuk").click()
    phone.wait_for_url(f"{base}/")

    # fill one cart from two shops
    add_to_cart(phone, base, gayo, 2)
    add_to_cart(phone, base, toraja, 1)
    expect(phone.locator(".cart-count")).to_have_text("3")

    phone.locator(".cart-link").click()
    expect(phone.get_by_role("heading", name="Koperasi Gayo Aman")).to_be_visible()
    expect(phone.get_by_role("heading", name="Toraja Sapan")).to_be_visible()
    expect(phone.locator("#cart-total")).to_have_text("Rp 265.000")

    # check out
    phone.get_by_role("link", name="Lanjut ke checkout").click()
    phone.wait_for_url(re.compile(r"/checkout/$"))
    phone.get_by_label("Nama penerima").fill("Siti Pembeli")
    phone.get_by_label("Nomor HP").fill("081234567890")
    phone.get_by_label("Alamat", exact=True).fill("Jl. Malioboro No. 1")
    phone.get_by_label("Kota/kabupaten").fill("Yogyakarta")
    phone.get_by_label("Provinsi").select_option(label="DI Yogyakarta")
    phone.get_by_label("Kode pos").fill("55213")
    phone.get_by_label("SiCepat").check()
    phone.get_by_role("button", name="Buat pesanan").click()

    # pay with the test provider
    phone.wait_for_url(re.compile(r"/pesanan/INV-\d{8}-\d{6}/bayar/$"))
    order = Order.objects.get(buyer=customer)
    expect(phone.locator("#pay-total")).to_have_text(f"Rp {order.total:,}".replace(",", "."))
    phone.get_by_role("button", name="Bayar sekarang (simulasi)").click()

    # the order is paid, in two shipments
    phone.wait_for_url(re.compile(rf"/pesanan/{order.number}/$"))
    expect(phone.locator(".messages")).to_contain_text("Pembayaran diterima")
    expect(phone.locator("#order-status")).to_have_text("Dibayar")
    shipments = phone.locator("article.shipment")
    expect(shipments).to_have_count(2)
    expect(shipments.nth(0)).to_contain_text("Koperasi Gayo Aman")
    expect(shipments.nth(1)).to_contain_text("Toraja Sapan")
    expect(shipments.nth(0)).to_contain_text("Perlu dikemas")
    expect(shipments.nth(1)).to_contain_text("SiCepat")

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.shipments.count() == 2
