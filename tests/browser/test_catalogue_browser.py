"""A visitor on a phone finds coffee from the home page and opens it, in a real browser (Debian's chromium)."""

import re

import pytest

from tests.factories import ProductFactory, SellerFactory, category

pytestmark = pytest.mark.browser


# The categories come from a data migration; serialized_rollback puts them back after this test's flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_visitor_searches_kopi_from_home_and_sees_price_and_badge(live_server, phone):
    from playwright.sync_api import expect

    coffee_shop = SellerFactory(name="Koperasi Gayo Aman", city="Aceh Tengah", province="11")
    fashion_shop = SellerFactory(name="Butik Nur", city="Tasikmalaya", province="32")
    ProductFactory(seller=coffee_shop, name="Kopi Arabika Gayo Wine 250 g", price=85000, tkdn_percent=85)
    ProductFactory(seller=fashion_shop, name="Gamis Katun Jepang", category=category("gamis"), price=189000)

    phone.goto(f"{live_server.url}/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Produk lokal")

    phone.get_by_role("searchbox", name="Cari produk").fill("kopi")
    phone.get_by_role("button", name="Cari", exact=True).click()

    phone.wait_for_url(re.compile(r"/katalog/\?search=kopi"))
    expect(phone.get_by_text("Gamis Katun Jepang")).to_have_count(0)
    phone.get_by_role("link", name=re.compile("Kopi Arabika Gayo Wine")).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Kopi Arabika Gayo Wine 250 g")
    expect(phone.locator(".product .price-now")).to_have_text("Rp 85.000")
    expect(phone.locator(".product .badge-bbi")).to_contain_text("Bangga Buatan Indonesia")
    expect(phone.get_by_role("link", name="Koperasi Gayo Aman")).to_be_visible()
