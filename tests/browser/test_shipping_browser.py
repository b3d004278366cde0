"""A buyer on a phone picks the place from the lists, a different courier for each of two shops, sees
the fees change, pays, and later sees a tracking event move a parcel to delivered."""

import re

import pytest

from orders.models import Order
from orders.services import lifecycle
from tests.factories import PASSWORD, ProductFactory, SellerFactory, UserFactory
from tests.orders.fake_biteship import FakeBiteship

pytestmark = pytest.mark.browser


# Categories, rates and regions come from data migrations; serialized_rollback puts them back after the flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_shops_two_couriers_then_the_courier_reports_delivery(live_server, phone, settings):
    from playwright.sync_api import expect

    settings.DEBUG = settings.PAYMENT_TEST_PROVIDER_ENABLED = True  # the test provider answers only with DEBUG on
    customer = UserFactory(email="siti@example.id", full_name="Siti Pembeli")
    seller = UserFactory()
    gayo_shop = SellerFactory(
        name="Koperasi Gayo Aman", owner=seller, province="11", regency_id="11.04", district_id="11.04.01"
    )
    gayo = ProductFactory(seller=gayo_shop, name="Kopi Arabika Gayo 250 g", price=85000, weight_grams=250)
    sleman_shop = SellerFactory(name="Kriya Kayu Jogja", province="34", regency_id="34.04", district_id="34.04.01")
    chair = ProductFactory(seller=sleman_shop, name="Kursi Jati Mini", price=150000, weight_grams=900)
    base = live_server.url

    phone.goto(f"{base}/akun/masuk/")
    phone.get_by_label("Email").fill(customer.email)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.locator("main").get_by_role("button", name="Masuk").click()
    phone.wait_for_url(f"{base}/")
    for product in (gayo, chair):
        phone.goto(f"{base}{product.get_absolute_url()}")
        phone.get_by_role("button", name="Tambah ke keranjang").click()
        expect(phone.locator(".messages")).to_contain_text("masuk ke keranjang")

    # the address, picked from lists that follow each other
    phone.goto(f"{base}/checkout/")
    phone.get_by_label("Nama penerima").fill("Siti Pembeli")
    phone.get_by_label("Nomor HP").fill("081234567890")
    phone.get_by_label("Alamat", exact=True).fill("Jl. Malioboro No. 1")
    phone.get_by_label("Provinsi").select_option(label="DI Yogyakarta")
    phone.get_by_label("Kabupaten/kota", exact=True).select_option(label="Kota Yogyakarta")
    phone.get_by_label("Kecamatan").select_option(label="Gondomanan")
    phone.get_by_label("Kode pos").fill("55122")
    phone.get_by_role("button", name="Perbarui daftar & ongkos kirim").click()

    # a courier per shop; the totals follow each pick
    gayo_box = phone.locator(".checkout-shop", has_text="Koperasi Gayo Aman")
    sleman_box = phone.locator(".checkout-shop", has_text="Kriya Kayu Jogja")
    gayo_box.get_by_label(re.compile("JNE YES")).check()
    expect(gayo_box.locator("[data-shop-fee]")).to_have_text("Rp 37.000")
    sleman_box.get_by_label(re.compile("SiCepat REG")).check()
    expect(sleman_box.locator("[data-shop-fee]")).to_have_text("Rp 9.000")
    expect(phone.locator("[data-shipping-total]")).to_have_text("Rp 46.000")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Buat pesanan").click()

    phone.wait_for_url(re.compile(r"/pesanan/INV-\d{8}-\d{6}/bayar/$"))
    order = Order.objects.get(buyer=customer)
    assert order.total == 85000 + 150000 + 46000
    phone.get_by_role("button", name="Bayar sekarang (simulasi)").click()
    phone.wait_for_url(re.compile(rf"/pesanan/{order.number}/$"))

    # the shop ships; the courier later reports the parcel delivered
    gayo_parcel = order.shipments.get(seller=gayo_shop)
    lifecycle.shipment_ship(shipment=gayo_parcel, actor=seller, courier="jne", tracking_number="JNE777")
    with FakeBiteship() as biteship:
        settings.SHIPPING_TRACKING_PROVIDER = "orders.biteship.track"
        settings.BITESHIP_BASE_URL = biteship.url
        biteship.track(
            waybill="JNE777",
            courier="jne",
            status="delivered",
            history=[("delivered", "Diterima oleh SITI", "2026-04-17T14:30:00+07:00")],
        )
        phone.reload()
        parcel = phone.locator("article.shipment", has_text="Koperasi Gayo Aman")
        parcel.get_by_role("button", name="Perbarui status paket").click()

    parcel = phone.locator("article.shipment", has_text="Koperasi Gayo Aman")
    expect(parcel).to_contain_text("Diterima oleh SITI")
    expect(parcel.locator(".status").first).to_have_text("Diterima")
    gayo_parcel.refresh_from_db()
    assert gayo_parcel.status == "delivered"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_address_book_and_the_shops_location_page_fit_a_phone(live_server, phone):
    from playwright.sync_api import expect

    from tests.browser.helpers import log_in

    owner = UserFactory(email="aman@example.id")
    shop = SellerFactory(name="Koperasi Gayo Aman", owner=owner, province="11", city="Aceh Tengah")
    base = live_server.url
    log_in(phone, base, owner.email)

    # the buyer's address book: the lists follow the province and regency as they are picked
    phone.goto(f"{base}/akun/alamat/")
    phone.get_by_label("Nama penerima").fill("Aman Ridwan")
    phone.get_by_label("Nomor HP").fill("081234567890")
    phone.get_by_label("Alamat", exact=True).fill("Jl. Lebe Kader No. 7")
    phone.get_by_label("Provinsi").select_option(label="Aceh")
    phone.get_by_label("Kabupaten/kota", exact=True).select_option(label="Kabupaten Aceh Tengah")
    phone.get_by_label("Kecamatan").select_option(label="Laut Tawar")
    phone.get_by_label("Kode pos").fill("24519")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Simpan alamat").click()
    expect(phone.locator(".address-card")).to_contain_text("Laut Tawar")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # the shop's place and couriers
    phone.goto(f"{base}/penjual/{shop.pk}/lokasi-kurir/")
    expect(phone.locator(".notice")).to_contain_text("Aceh Tengah")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
