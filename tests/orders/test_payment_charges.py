"""Starting a payment by method: a charge at Midtrans (a local fake), idempotent, replaced only when
Midtrans confirms the old one cancelled, expiring at the order's payment deadline."""

from datetime import datetime

import pytest

from orders.models import Order, PaymentCharge
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(place_order, product, other_product):
    return place_order((product, 2), (other_product, 1))


def start(api, user, order, method):
    return api.as_user(user).post(f"/api/v1/orders/{order.number}/payments/", {"method": method}, format="json")


def sent_charge(midtrans) -> dict:
    return midtrans.calls_to("charge")[-1][2]


@pytest.mark.parametrize(
    "method, bank, fields",
    [
        ("va_bca", "bca", ["va_number"]),
        ("va_bni", "bni", ["va_number"]),
        ("va_bri", "bri", ["va_number"]),
        ("va_permata", "permata", ["va_number"]),
        ("va_mandiri", "mandiri", ["va_number", "biller_code"]),
        ("qris", None, ["qr_string", "redirect_url"]),
        ("gopay", None, ["redirect_url"]),
        ("shopeepay", None, ["redirect_url"]),
        ("snap", None, ["redirect_url"]),
    ],
)
def test_each_method_gives_the_buyer_what_they_need_to_pay(api, customer, order, midtrans, method, bank, fields):
    response = start(api, customer, order, method)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["method"], body["status"], body.get("bank")) == (method, "pending", bank)
    assert all(body[name] for name in fields)
    assert datetime.fromisoformat(body["expires_at"]) == order.payment_deadline


def test_the_charge_is_our_order_number_for_the_exact_total_with_items_adding_up(api, customer, order, midtrans):
    start(api, customer, order, "va_bca")

    body = sent_charge(midtrans)
    assert body["transaction_details"] == {"order_id": order.number, "gross_amount": order.total}
    assert sum(item["price"] * item["quantity"] for item in body["item_details"]) == order.total
    shipping = [item for item in body["item_details"] if item["id"].startswith("ONGKIR")]
    assert len(shipping) == 2 and sum(item["price"] for item in shipping) == order.shipping_total
    assert body["bank_transfer"] == {"bank": "bca"}


def test_a_campaign_discount_is_its_own_item(api, customer, place_order, product, midtrans):
    order = place_order((product, 2))
    order.lines.update(unit_price=40000, discount=45000)
    Order.objects.filter(pk=order.pk).update(discount_total=90000, total=order.subtotal - 90000 + order.shipping_total)

    start(api, customer, order, "qris")

    items = sent_charge(midtrans)["item_details"]
    assert {"id": "DISKON", "name": "Diskon", "price": -90000, "quantity": 1} in items
    assert sum(item["price"] * item["quantity"] for item in items) == order.subtotal - 90000 + order.shipping_total


def test_the_charge_expires_exactly_at_the_payment_deadline(api, customer, order, midtrans):
    from datetime import timedelta

    start(api, customer, order, "va_bni")

    expiry = sent_charge(midtrans)["custom_expiry"]
    begins = datetime.strptime(expiry["order_time"], "%Y-%m-%d %H:%M:%S %z")
    assert expiry["unit"] == "minute"
    assert begins + timedelta(minutes=expiry["expiry_duration"]) == order.payment_deadline.replace(microsecond=0)


def test_the_snap_page_expires_at_the_deadline_too(api, customer, order, midtrans):
    from datetime import timedelta

    start(api, customer, order, "snap")

    expiry = midtrans.calls_to("snap")[-1][2]["expiry"]
    begins = datetime.strptime(expiry["start_time"], "%Y-%m-%d %H:%M:%S %z")
    assert begins + timedelta(minutes=expiry["duration"]) == order.payment_deadline.replace(microsecond=0)


def test_choosing_the_same_method_again_returns_the_live_charge(api, customer, order, midtrans):
    first = start(api, customer, order, "va_bca")
    again = start(api, customer, order, "va_bca")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["va_number"] == first.json()["va_number"]
    assert len(midtrans.calls_to("charge")) == 1


def test_another_method_replaces_the_charge_once_midtrans_cancelled_it(api, customer, order, midtrans):
    start(api, customer, order, "va_bca")

    response = start(api, customer, order, "qris")

    assert response.status_code == 201
    assert midtrans.transactions[order.number].status == "cancel"
    assert sent_charge(midtrans)["transaction_details"]["order_id"] == f"{order.number}-2"
    statuses = dict(PaymentCharge.objects.values_list("provider_order_id", "status"))
    assert statuses == {order.number: "cancelled", f"{order.number}-2": "pending"}


def test_a_charge_midtrans_will_not_cancel_is_not_replaced(api, customer, order, midtrans):
    """A Snap page nobody has paid on has no transaction to cancel; it could still be paid."""
    start(api, customer, order, "snap")

    response = start(api, customer, order, "va_bca")

    assert response.status_code == 409
    assert PaymentCharge.objects.get().method == "snap"
    assert midtrans.calls_to("charge") == []


def test_a_charge_already_paid_is_not_replaced(api, customer, order, midtrans):
    start(api, customer, order, "va_bca")
    midtrans.settle(order.number)

    response = start(api, customer, order, "qris")

    assert response.status_code == 409
    assert len(midtrans.calls_to("charge")) == 1


def test_when_midtrans_does_not_answer_nothing_is_recorded_and_the_buyer_can_retry(api, customer, order, midtrans):
    midtrans.fail_next("charge", "drop_before")

    refused = start(api, customer, order, "va_bri")
    assert refused.status_code == 503
    assert not PaymentCharge.objects.exists()

    assert start(api, customer, order, "va_bri").status_code == 201


def test_a_charge_whose_answer_was_lost_is_cancelled_and_a_new_one_made(api, customer, order, midtrans):
    """Midtrans made the charge but the answer never came back: its order_id is taken now."""
    midtrans.fail_next("charge", "drop_after")
    assert start(api, customer, order, "va_bri").status_code == 503

    response = start(api, customer, order, "va_bri")

    assert response.status_code == 201
    assert midtrans.transactions[order.number].status == "cancel"
    assert PaymentCharge.objects.get(status="pending").provider_order_id == f"{order.number}-2"


def test_a_paid_or_cancelled_order_cannot_start_a_payment(api, customer, order, midtrans):
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CANCELLED)

    response = start(api, customer, order, "qris")

    assert response.status_code == 409
    assert midtrans.calls == []


@pytest.mark.parametrize("method", ["", "bitcoin", None, 7, "test"])
def test_an_unknown_or_unavailable_method_is_a_400_naming_the_field(api, customer, order, midtrans, method):
    response = start(api, customer, order, method)

    assert response.status_code == 400
    assert "method" in response.json()
    assert not PaymentCharge.objects.exists()


def test_without_a_server_key_midtrans_methods_are_unavailable(api, customer, order, midtrans, settings):
    settings.MIDTRANS_SERVER_KEY = ""

    response = start(api, customer, order, "qris")

    assert response.status_code == 400
    assert midtrans.calls == []


def test_with_debug_off_the_test_provider_cannot_be_reached_whatever_else_is_set(api, customer, order, settings):
    settings.DEBUG = False
    settings.PAYMENT_TEST_PROVIDER_ENABLED = True

    by_method = start(api, customer, order, "test")
    by_pay = api.as_user(customer).post(f"/api/v1/orders/{order.number}/pay/")

    assert (by_method.status_code, by_pay.status_code) == (400, 403)
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_in_development_the_test_provider_pays_at_once(api, customer, order, settings):
    settings.DEBUG = settings.PAYMENT_TEST_PROVIDER_ENABLED = True

    response = start(api, customer, order, "test")

    assert response.status_code == 201
    assert Order.objects.get(pk=order.pk).status == "paid"


def test_the_order_shows_the_payment_deadline_and_refunded_amount(api, customer, order):
    payment = api.as_user(customer).get(f"/api/v1/orders/{order.number}/").json()["payment"]

    assert datetime.fromisoformat(payment["expires_at"]) == order.payment_deadline
    assert (payment["status"], payment["refunded_amount"]) == ("pending", 0)


def test_the_payment_state_shows_the_live_charge(api, customer, order, midtrans):
    start(api, customer, order, "va_permata")

    state = api.as_user(customer).get(f"/api/v1/orders/{order.number}/payments/").json()

    assert (state["order_status"], state["status"], state["method"]) == ("awaiting_payment", "pending", "va_permata")
    assert state["charge"]["bank"] == "permata" and state["charge"]["va_number"]


# ---- who may do it ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "other_customer", "seller_user", "ministry"])
def test_only_the_buyer_may_start_or_read_a_payment(api, order, midtrans, who, seller_user, ministry):
    user = {"anonymous": None, "other_customer": UserFactory(), "seller_user": seller_user, "ministry": ministry}[who]
    url = f"/api/v1/orders/{order.number}/payments/"

    read = api.as_user(user).get(url)
    started = api.as_user(user).post(url, {"method": "qris"}, format="json")

    expected = 401 if user is None else 404
    assert (read.status_code, started.status_code) == (expected, expected)
    assert midtrans.calls == []


@pytest.mark.parametrize("number", ["INV%00x", "x" * 40, "%C3%A9"])
def test_an_order_number_that_cannot_exist_is_a_404(api, customer, number):
    assert api.as_user(customer).post(f"/api/v1/orders/{number}/payments/", {"method": "qris"}).status_code == 404
