"""A visitor on a phone finds coffee from the home page and opens it, in a real browser (Debian's chromium)."""

import os
import re

import pytest

from tests.factories import ProductFactory, SellerFactory, category

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"),
]


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; the ORM calls made here are still synchronous.

    Set for this test only: left in os.environ it would leak into `manage.py check --deploy` subprocesses
    of other tests (async.E001).
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def phone():
    """A browser tab the size of a phone, asking for Indonesian pages."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID", is_mobile=True)
        context.set_default_timeout(15_000)
        yield context.new_page()
        context.close()
        browser.close()


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
    expect(phone.locator(".product .badge-bbi")).to_have_text("Bangga Buatan Indonesia")
    expect(phone.get_by_role("link", name="Koperasi Gayo Aman")).to_be_visible()
