"""Search on a phone (390 px wide) in a real browser: products on the first screen, filters behind one
button, a search box in every header with suggestions, and a buy bar that stays in reach."""

import re

import pytest

from tests.factories import ProductFactory, SellerFactory, category

pytestmark = pytest.mark.browser

VIEWPORT_HEIGHT = 844  # the phone of tests/browser/conftest.py


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def coffee_and_sugar():
    aceh = SellerFactory(name="Koperasi Gayo Aman", city="Aceh Tengah", province="11")
    toraja = SellerFactory(name="Kopi Toraja Sapan", city="Tana Toraja", province="73")
    for n in range(6):
        ProductFactory(seller=aceh, name=f"Kopi Arabika Gayo Natural {n + 1}00 g", price=85000 + n * 1000)
    ProductFactory(seller=toraja, name="Kopi Arabika Toraja Peaberry 250 g", price=120000)
    ProductFactory(seller=aceh, name="Gula Aren Cetak 1 kg", category=category("gula-aren"), price=30000)
    return aceh, toraja


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_a_phone_the_catalogue_opens_on_products_and_filters_wait_behind_one_button(
    live_server, phone, coffee_and_sugar
):
    from playwright.sync_api import expect

    phone.goto(f"{live_server.url}/katalog/?search=kopi")

    first_card = phone.locator(".product-card").first
    expect(first_card).to_be_visible()
    box = first_card.bounding_box()
    assert box["y"] + box["height"] / 2 < VIEWPORT_HEIGHT, box  # on the first screen
    expect(phone.get_by_role("heading", name="Provinsi")).to_be_hidden()
    assert no_horizontal_scroll(phone)

    phone.get_by_text("Filter & urutkan").click()
    expect(phone.get_by_role("heading", name="Provinsi")).to_be_visible()
    phone.get_by_role("link", name=re.compile(r"^Sulawesi Selatan 1$")).click()

    phone.wait_for_url(re.compile(r"province=73"))
    expect(phone.locator(".product-card")).to_have_count(1)
    expect(phone.locator(".product-card")).to_contain_text("Kopi Arabika Toraja Peaberry")
    assert no_horizontal_scroll(phone)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_misspelt_search_from_a_product_page_header_finds_the_coffee(live_server, phone, coffee_and_sugar):
    from playwright.sync_api import expect

    phone.goto(f"{live_server.url}/katalog/")
    phone.locator(".product-card a").first.click()
    expect(phone.get_by_role("heading", level=1)).to_be_visible()

    box = phone.get_by_label("Cari di Pasar IKM")
    box.fill("ko")
    # Suggestions arrive as the shopper types (the page's script asks the suggestions endpoint).
    expect(phone.locator("#site-search-suggestions option").first).to_have_attribute("value", re.compile("Kopi"))
    box.fill("kpoi toraja")
    box.press("Enter")

    phone.wait_for_url(re.compile(r"/katalog/\?search=kpoi"))
    expect(phone.locator(".product-card")).to_have_count(1)
    expect(phone.locator(".product-card")).to_contain_text("Kopi Arabika Toraja Peaberry")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_buy_button_stays_in_reach_under_a_long_product_page(live_server, phone, coffee_and_sugar):
    from playwright.sync_api import expect

    aceh, _ = coffee_and_sugar
    product = ProductFactory(seller=aceh, name="Kopi Gayo Wine", description="Cerita kebun.\n\n" * 80)

    phone.goto(f"{live_server.url}{product.get_absolute_url()}")
    phone.mouse.wheel(0, 4000)

    button = phone.get_by_role("button", name="Tambah ke keranjang")
    expect(button).to_be_in_viewport()
    expect(phone.get_by_role("heading", name="Dari toko ini")).to_be_attached()
    assert no_horizontal_scroll(phone)
