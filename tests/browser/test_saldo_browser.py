"""A shop owner reads the Saldo page on a phone: held funds, the order behind them, no sideways scroll."""

import pytest

from orders.services import lifecycle
from tests.browser.helpers import log_in
from tests.factories import ProductFactory, SellerFactory, UserFactory
from tests.sales_helpers import place

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_shop_owner_reads_the_saldo_page_on_a_phone(live_server, phone):
    from playwright.sync_api import expect

    owner, buyer = UserFactory(), UserFactory()
    shop = SellerFactory(owner=owner, name="Kopi Toraja Sapan")
    product = ProductFactory(seller=shop, price=120_000, stock=10)
    order = lifecycle.order_mark_paid(order=place(buyer, (product, 1)), method="test")

    log_in(phone, live_server.url, owner.email)
    phone.goto(f"{live_server.url}/penjual/{shop.pk}/saldo/")
    expect(phone.locator("[data-figure=held]")).not_to_have_text("Rp 0")
    expect(phone.locator(".entry-list")).to_contain_text(order.number)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    for path in ("saldo/rekening/", "saldo/laporan/"):
        phone.goto(f"{live_server.url}/penjual/{shop.pk}/{path}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
