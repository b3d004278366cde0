"""A seller photographs a product from a phone; a shopper sees the photos on the card and in the gallery."""

import re

import pytest

from tests.browser.helpers import log_in
from tests.factories import ProductFactory
from tests.photo_helpers import picture

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_seller_uploads_two_photos_and_a_shopper_sees_them(live_server, open_phone, seller_user, shop, tmp_path):
    from playwright.sync_api import expect

    product = ProductFactory(seller=shop, name="Kopi Arabika Gayo Wine 250 g")
    front, back = tmp_path / "depan.jpg", tmp_path / "belakang.png"
    front.write_bytes(picture("JPEG", (1200, 900), (120, 70, 40)))
    back.write_bytes(picture("PNG", (900, 1200), (40, 90, 60)))

    seller = open_phone()
    log_in(seller, live_server.url, seller_user.email)
    seller.goto(f"{live_server.url}/penjual/{shop.pk}/produk/")
    seller.get_by_role("link", name=f"Foto {product.name}").click()
    expect(seller.get_by_role("heading", level=1)).to_have_text("Foto produk")
    expect(seller.get_by_text("Cahaya:")).to_be_visible()
    for path, alt in ((front, "Kemasan kopi tampak depan"), (back, "Label belakang dengan tanggal sangrai")):
        seller.get_by_label("Pilih foto").set_input_files(str(path))
        seller.get_by_label("Keterangan foto").fill(alt)
        seller.get_by_role("button", name="Unggah foto").click()
        expect(seller.get_by_text("Foto sudah ditambahkan.")).to_be_visible()
    expect(seller.get_by_test_id("managed-photo")).to_have_count(2)

    shopper = open_phone()
    shopper.goto(f"{live_server.url}/katalog/")
    cover = shopper.locator(".product-card img.photo").first
    expect(cover).to_have_attribute("alt", "Kemasan kopi tampak depan")
    expect(cover).to_have_attribute("loading", "lazy")
    shopper.get_by_role("link", name=re.compile("Kopi Arabika Gayo Wine")).click()

    gallery = shopper.get_by_test_id("gallery-photo")
    expect(gallery).to_have_count(2)
    first = gallery.first.locator("img")
    expect(first).to_have_attribute("alt", "Kemasan kopi tampak depan")
    first.scroll_into_view_if_needed()
    shopper.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=first.element_handle())
    assert first.evaluate("img => img.naturalWidth") == 960  # the page rendition, served as WebP
    expect(gallery.nth(1).locator("img")).to_have_attribute("alt", "Label belakang dengan tanggal sangrai")
    assert shopper.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
