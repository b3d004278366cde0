"""Actions that cannot be undone ask first, and they do so without JavaScript; a phone shows what a seller edits."""

import pytest
from django.test import Client

from orders.models import Order
from tests.factories import ProductFactory, SellerFactory, UserFactory
from tests.sales_helpers import place

pytestmark = pytest.mark.browser


def session_cookie(user, base_url) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_customer_without_javascript_cancels_an_order_with_a_reason(live_server, browser):
    from playwright.sync_api import expect

    from tests.browser.conftest import PHONE

    customer = UserFactory()
    order = place(customer, (ProductFactory(name="Kopi Arabika Gayo 250 g", stock=10), 2))
    context = browser.new_context(**PHONE, java_script_enabled=False)
    context.add_cookies([session_cookie(customer, live_server.url)])
    phone = context.new_page()

    phone.goto(f"{live_server.url}{order.get_absolute_url()}")
    expect(phone.get_by_role("button", name="Batalkan pesanan ini")).to_be_hidden()  # asked first, folded away
    phone.get_by_text("Batalkan pesanan", exact=True).click()
    phone.get_by_label("Alasan pembatalan").select_option(label="Alamat pengiriman salah")
    phone.get_by_label("Ya, batalkan pesanan ini. Pembatalan tidak bisa diurungkan.").check()
    phone.get_by_role("button", name="Batalkan pesanan ini").click()

    expect(phone.locator("#order-status")).to_have_text("Dibatalkan")
    expect(phone.locator("main")).to_contain_text("Dibatalkan pembeli: Alamat pengiriman salah")
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_seller_on_a_phone_sees_how_to_edit_each_product(live_server, browser):
    from playwright.sync_api import expect

    from tests.browser.conftest import PHONE

    owner = UserFactory()
    shop = SellerFactory(owner=owner)
    product = ProductFactory(seller=shop, name="Kopi Bubuk Arabika Gayo Kasar French Press 250 g")
    context = browser.new_context(**PHONE)
    context.add_cookies([session_cookie(owner, live_server.url)])
    phone = context.new_page()

    phone.goto(f"{live_server.url}/penjual/{shop.pk}/produk/")

    link = phone.get_by_role("link", name=product.name, exact=True)  # its photo links to the photo page
    expect(link).to_be_in_viewport()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    link.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Ubah")
    context.close()
