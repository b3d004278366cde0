"""#SatuDalamKopi end to end in a real browser (Debian's chromium): the ministry creates the campaign,
a coffee shop enrols its product, and a customer buys it at the campaign price and pays."""

import re

import pytest
from django.utils import timezone

from tests.browser.helpers import log_in
from tests.factories import ProductFactory, SellerFactory, UserFactory

pytestmark = pytest.mark.browser


def jakarta_local(moment) -> str:
    """What a datetime-local input holds for `moment` in Jakarta time."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# The categories come from a data migration; serialized_rollback puts them back after this test's flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ministry_runs_satu_dalam_kopi_a_shop_enrols_and_a_customer_pays_the_campaign_price(
    live_server, open_phone, settings
):
    from playwright.sync_api import expect

    from campaigns.models import Campaign, Enrolment
    from orders.models import Order, OrderLine

    settings.DEBUG = settings.PAYMENT_TEST_PROVIDER_ENABLED = True  # the test provider answers only with DEBUG on
    staff = UserFactory(email="staf@kemenperin.go.id", full_name="Staf Kemenperin", ministry=True)
    owner = UserFactory(email="aman@kopigayo.id", full_name="Pak Aman")
    buyer = UserFactory(email="siti@example.id", full_name="Siti Pembeli")
    shop = SellerFactory(owner=owner, name="Koperasi Kopi Gayo Aman", province="11", city="Aceh Tengah")
    ProductFactory(seller=shop, name="Kopi Arabika Gayo Wine 250 g", price=85000, stock=20, tkdn_percent=85)

    # 1. The ministry creates #SatuDalamKopi in the console: coffee, 20% off, from an hour ago for a week.
    ministry = open_phone()
    log_in(ministry, live_server.url, staff.email)
    ministry.goto(f"{live_server.url}/kementerian/kampanye/")
    ministry.get_by_role("link", name="Buat kampanye").click()
    now = timezone.now()
    ministry.get_by_label("Tagar").fill("#SatuDalamKopi")
    ministry.get_by_label("Nama kampanye").fill("Satu Dalam Kopi")
    ministry.get_by_label("Deskripsi").fill("Dukung IKM pengolah kopi Indonesia.")
    ministry.get_by_label("Mulai (WIB)").fill(jakarta_local(now - timezone.timedelta(hours=1)))
    ministry.get_by_label("Selesai (WIB)").fill(jakarta_local(now + timezone.timedelta(days=7, hours=-2)))
    ministry.get_by_label("Kopi", exact=True).check()
    ministry.get_by_label("Diskon (%)").fill("20")
    ministry.get_by_role("button", name="Simpan kampanye").click()

    expect(ministry.locator(".messages")).to_contain_text("Kampanye #SatuDalamKopi sudah dibuat.")
    expect(ministry.get_by_role("row", name=re.compile("#SatuDalamKopi"))).to_contain_text("Berlangsung")
    campaign = Campaign.objects.get(hashtag="#SatuDalamKopi")

    # 2. The shop's owner enrols the coffee from the seller centre.
    seller = open_phone()
    log_in(seller, live_server.url, owner.email)
    seller.goto(f"{live_server.url}/penjual/")
    seller.get_by_role("link", name="Kampanye", exact=True).last.click()
    expect(seller.get_by_role("heading", name="Kampanye yang bisa diikuti")).to_be_visible()
    seller.get_by_role("link", name="Daftarkan produk").click()
    seller.get_by_label(re.compile("Kopi Arabika Gayo Wine 250 g")).check()
    seller.get_by_role("button", name="Daftarkan produk terpilih").click()

    expect(seller.locator(".messages")).to_contain_text("1 produk didaftarkan ke #SatuDalamKopi.")
    expect(seller.get_by_role("row", name=re.compile("Kopi Arabika Gayo Wine"))).to_contain_text("Disetujui")
    assert Enrolment.objects.get(campaign=campaign).campaign_price == 68000

    # 3. A customer finds the campaign from the menu, sees the campaign price and buys it.
    customer = open_phone()
    log_in(customer, live_server.url, buyer.email)
    customer.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Kampanye").click()
    customer.get_by_role("link", name="Satu Dalam Kopi").click()
    expect(customer.get_by_role("heading", level=1)).to_have_text("Satu Dalam Kopi")
    expect(customer.locator(".countdown-value")).to_have_text(re.compile(r"^6 hari \d\d:\d\d:\d\d$"))
    card = customer.locator(".product-card", has_text="Kopi Arabika Gayo Wine 250 g")
    expect(card.locator(".price-now")).to_have_text("Rp 68.000")
    expect(card.locator("s.price-list")).to_have_text("Rp 85.000")

    card.get_by_role("link", name="Kopi Arabika Gayo Wine 250 g").click()
    expect(customer.locator(".product .price-now")).to_have_text("Rp 68.000")
    expect(customer.locator(".product .badge-campaign")).to_have_text("#SatuDalamKopi")
    customer.get_by_role("button", name="Tambah ke keranjang").click()
    expect(customer.locator(".messages")).to_contain_text("masuk ke keranjang")

    customer.goto(f"{live_server.url}/keranjang/")
    expect(customer.locator("main")).to_contain_text("Rp 68.000")
    customer.get_by_role("link", name="Lanjut ke checkout").click()
    customer.get_by_label("Nama penerima").fill("Siti Pembeli")
    customer.get_by_label("Nomor HP").fill("081234567890")
    customer.get_by_role("textbox", name="Alamat", exact=True).fill("Jl. Merdeka No. 1, RT 01/RW 02")
    customer.get_by_label("Kota/kabupaten").fill("Bandung")
    customer.get_by_label("Provinsi").select_option("32")
    customer.get_by_label("Kode pos").fill("40111")
    customer.get_by_role("button", name="Buat pesanan").click()

    customer.wait_for_url(re.compile(r"/pesanan/[^/]+/bayar/$"))
    expect(customer.locator(".discount")).to_have_text("−Rp 17.000")
    order = Order.objects.get(buyer=buyer)
    expect(customer.locator("#pay-total")).to_have_text(f"Rp {order.total:,}".replace(",", "."))
    customer.get_by_role("button", name=re.compile("Bayar sekarang")).click()
    expect(customer.locator(".messages")).to_contain_text("Pembayaran diterima")

    order.refresh_from_db()
    assert order.paid_at is not None
    line = OrderLine.objects.get(order=order)
    assert (line.list_price, line.unit_price, line.discount) == (85000, 68000, 17000)
    assert (line.campaign_id, line.campaign_hashtag) == (campaign.pk, "#SatuDalamKopi")
    assert Enrolment.objects.get(campaign=campaign).sold_units == 1
