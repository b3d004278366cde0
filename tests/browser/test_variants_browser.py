"""A seller adds a gamis in two sizes and photographs it, one photo per size; a customer on a phone picks
the second size, sees its photo and price, buys it, and the order names the size. In a real browser."""

import re

import pytest

from orders.models import Order, OrderLine
from tests.browser.helpers import log_in
from tests.factories import SellerFactory, UserFactory, category
from tests.photo_helpers import picture

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_customer_picks_the_second_variant_sees_its_photo_and_price_buys_it_and_the_order_names_it(
    live_server, browser, settings, tmp_path
):
    from playwright.sync_api import expect

    from tests.browser.conftest import PHONE

    settings.DEBUG = settings.PAYMENT_TEST_PROVIDER_ENABLED = True  # the test provider answers only with DEBUG on
    seller_user = UserFactory(email="aisyah@butik.id", full_name="Aisyah")
    shop = SellerFactory(owner=seller_user, name="Butik Aisyah")
    customer = UserFactory(email="siti@example.id", full_name="Siti Pembeli")
    base = live_server.url

    # The seller adds the gamis: the form's first variant (M) and one more row (XL).
    seller = browser.new_context(**PHONE)
    page = seller.new_page()
    log_in(page, base, seller_user.email)
    page.goto(f"{base}/penjual/{shop.pk}/produk/tambah/")
    page.get_by_label("Nama produk").fill("Gamis Katun Rayon Sage Green")
    page.get_by_label("Kategori").select_option(str(category("gamis").pk))
    page.get_by_label("Nama varian").first.fill("M")
    page.get_by_label("Harga (Rp)").first.fill("250000")
    page.get_by_label("Stok").first.fill("4")
    page.get_by_label("Berat (gram)").first.fill("500")
    row = page.locator("fieldset.variant-row").first
    row.get_by_label("Nama varian").fill("XL")
    row.get_by_label("Harga (Rp)").fill("275000")
    row.get_by_label("Stok").fill("3")
    row.get_by_label("Berat (gram)").fill("550")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".messages")).to_contain_text("Gamis Katun Rayon Sage Green sudah ditambahkan.")

    # Then photographs it (a new product leads to its photo page): the whole gamis, and the XL on a model.
    expect(page.get_by_role("heading", level=1)).to_have_text("Foto produk")
    for name, colour, alt, shows in (
        ("depan.jpg", (150, 170, 150), "Gamis sage green tampak depan", "Semua varian"),
        ("xl.jpg", (120, 150, 120), "Gamis ukuran XL dipakai model", "XL"),
    ):
        (tmp_path / name).write_bytes(picture("JPEG", (900, 1200), colour))
        page.get_by_label("Pilih foto").set_input_files(str(tmp_path / name))
        page.get_by_label("Keterangan foto").fill(alt)
        page.get_by_label("Varian di foto").select_option(label=shows)
        page.get_by_role("button", name="Unggah foto").click()
        expect(page.get_by_text("Foto sudah ditambahkan.")).to_be_visible()
    seller.close()

    # The customer picks XL: the price shown follows, and XL goes into the cart.
    buyer = browser.new_context(**PHONE)
    phone = buyer.new_page()
    log_in(phone, base, customer.email)
    phone.goto(f"{base}/katalog/")
    card = phone.locator(".product-card", has_text="Gamis Katun Rayon")
    expect(card).to_contain_text("mulai Rp 250.000")
    expect(card.locator("img")).to_have_attribute("alt", "Gamis sage green tampak depan")
    phone.locator(".product-card", has_text="Gamis Katun Rayon").get_by_role("link").click()
    expect(phone.locator("[data-variant-price] .price-now")).to_have_text("Rp 250.000")
    xl_photo = phone.get_by_role("img", name="Gamis ukuran XL dipakai model")
    expect(xl_photo).not_to_be_in_viewport()  # the gallery opens on the first photo
    phone.get_by_role("radio", name=re.compile(r"\bXL\b")).check()
    expect(phone.locator("[data-variant-price] .price-now")).to_have_text("Rp 275.000")
    expect(xl_photo).to_be_in_viewport(ratio=0.5)  # and turns to the XL's own photo
    phone.get_by_role("button", name="Tambah ke keranjang").click()
    expect(phone.locator(".messages")).to_contain_text("1 × Gamis Katun Rayon Sage Green (XL) masuk ke keranjang.")

    # Check out and pay.
    phone.goto(f"{base}/keranjang/")
    expect(phone.locator(".cart-line")).to_contain_text("XL")
    phone.get_by_role("link", name="Lanjut ke checkout").click()
    phone.wait_for_url(re.compile(r"/checkout/$"))
    phone.get_by_label("Nama penerima").fill("Siti Pembeli")
    phone.get_by_label("Nomor HP").fill("081234567890")
    phone.get_by_label("Alamat", exact=True).fill("Jl. Malioboro No. 1")
    phone.get_by_label("Kota/kabupaten").fill("Yogyakarta")
    phone.get_by_label("Provinsi").select_option(label="DI Yogyakarta")
    phone.get_by_label("Kode pos").fill("55213")
    phone.get_by_role("button", name="Perbarui daftar & ongkos kirim").click()
    phone.locator(".checkout-shop", has_text="Butik Aisyah").get_by_label(re.compile("SiCepat REG")).check()
    phone.get_by_role("button", name="Buat pesanan").click()
    phone.wait_for_url(re.compile(r"/pesanan/INV-\d{8}-\d{6}/bayar/$"))
    phone.get_by_role("button", name="Bayar sekarang (simulasi)").click()

    # The order names the size bought.
    order = Order.objects.get(buyer=customer)
    phone.wait_for_url(re.compile(rf"/pesanan/{order.number}/$"))
    expect(phone.locator("article.shipment")).to_contain_text("Gamis Katun Rayon Sage Green (XL)")
    line = OrderLine.objects.get(order=order)
    assert (line.variant_name, line.unit_price, line.quantity) == ("XL", 275000, 1)
    buyer.close()
