"""A buyer on a phone pays an order by virtual account at a local fake Midtrans and watches it land."""

import re

import pytest
import requests

from orders.services import checkout
from tests.browser.helpers import log_in
from tests.factories import ProductFactory, UserFactory
from tests.fake_midtrans import midtrans  # noqa: F401  (the fixture)
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_buyer_pays_by_virtual_account_and_sees_it_paid_without_reloading(live_server, phone, midtrans):  # noqa: F811
    from playwright.sync_api import expect

    customer = UserFactory(email="siti@example.id", full_name="Siti Pembeli")
    order = checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(ProductFactory(price=85000).pk, 2)]
    )
    base = live_server.url
    log_in(phone, base, customer.email)

    phone.goto(f"{base}/pesanan/{order.number}/bayar/")
    phone.get_by_role("button", name="Virtual account BCA").click()

    va = phone.locator("#va-number")
    expect(va).to_have_text(_va(order.number))
    expect(phone.get_by_role("button", name="Salin")).to_be_visible()
    expect(phone.locator(".steps")).to_contain_text("ATM BCA")
    expect(phone.locator("[data-countdown] .countdown-value")).to_have_text(re.compile(r"^\d{2}:\d{2}:\d{2}$"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone

    # The buyer pays at the bank; Midtrans notifies our server over HTTP. The page is not touched.
    midtrans.settle(order.number)
    answer = requests.post(
        f"{base}/api/v1/payments/midtrans/notification/", json=midtrans.notification(order.number), timeout=10
    )
    assert answer.status_code == 200, answer.text

    expect(phone.locator("#pay-done")).to_be_visible()
    expect(phone.locator("#pay-status")).to_contain_text("Dibayar")


def _va(order_id: str) -> str:
    """The number the fake gave out, as its charge answer carried it."""
    from orders.models import PaymentCharge

    return PaymentCharge.objects.get(provider_order_id=order_id).va_number
