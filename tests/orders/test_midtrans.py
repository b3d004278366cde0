"""Midtrans HTTP notifications: signed, consistent, and only a trigger: the status API decides."""

import pytest
from rest_framework.test import APIClient

from orders.models import Order, OrderEvent, Payment, PaymentCharge, PaymentNotification
from orders.services import charges
from sellers.models import Product

pytestmark = pytest.mark.django_db

URL = "/api/v1/payments/midtrans/notification/"


@pytest.fixture
def order(place_order, product):
    return place_order((product, 2))


@pytest.fixture
def charge(order, customer, midtrans):
    charge, _ = charges.payment_start(order=order, method="va_bca", actor=customer)
    return charge


def notify(api, payload, **kwargs):
    return api.post(URL, payload, format="json", **kwargs)


def status_of(order) -> tuple[str, str]:
    order = Order.objects.select_related("payment").get(pk=order.pk)
    return order.status, order.payment.status


def stock(product) -> int:
    return Product.objects.get(pk=product.pk).stock


def test_a_settlement_the_status_api_confirms_pays_the_order(api, order, charge, midtrans):
    midtrans.settle(order.number)

    response = notify(api, midtrans.notification(order.number))

    assert response.status_code == 200, response.json()
    assert status_of(order) == ("paid", "paid")
    payment = Payment.objects.get(order=order)
    assert payment.method == "va_bca"
    assert payment.reference == midtrans.transactions[order.number].transaction_id
    assert PaymentCharge.objects.get(pk=charge.pk).status == "settled"
    assert len(midtrans.calls_to("status")) == 1


def test_a_pending_notification_replayed_as_settlement_never_pays(api, order, charge, midtrans):
    """Sign a pending notification (status code 201) and resend it saying settlement: refused."""
    signed_pending = midtrans.notification(order.number)
    assert (signed_pending["transaction_status"], signed_pending["status_code"]) == ("pending", "201")
    replayed = {**signed_pending, "transaction_status": "settlement"}

    response = notify(api, replayed)

    assert response.status_code == 400
    assert "status_code" in response.json()
    assert status_of(order) == ("awaiting_payment", "pending")


def test_a_signed_settlement_the_status_api_contradicts_changes_nothing(api, order, charge, midtrans):
    """A correctly signed "settlement" (say, one leaked from another environment) while Midtrans
    itself still reports the transaction pending: the status API wins."""
    forged = midtrans.notification(order.number, transaction_status="settlement", status_code="200")

    response = notify(api, forged)

    assert response.status_code == 200
    assert status_of(order) == ("awaiting_payment", "pending")
    assert PaymentCharge.objects.get(pk=charge.pk).status == "pending"


def test_a_repeated_settlement_is_harmless(api, order, charge, midtrans):
    midtrans.settle(order.number)
    payload = midtrans.notification(order.number)

    first, again = notify(api, payload), notify(api, payload)

    assert first.status_code == again.status_code == 200
    assert OrderEvent.objects.filter(order=order, to_status="paid").count() == 1
    assert PaymentNotification.objects.filter(accepted=True).count() == 2


def test_a_wrong_signature_is_refused_changes_nothing_and_is_not_stored(api, order, charge, midtrans):
    midtrans.settle(order.number)
    payload = {**midtrans.notification(order.number), "signature_key": "f" * 128}

    response = notify(api, payload)

    assert response.status_code == 403
    assert status_of(order) == ("awaiting_payment", "pending")
    assert not PaymentNotification.objects.exists()
    assert midtrans.calls_to("status") == []


@pytest.mark.parametrize("signature", ["", "abc", "é" * 128, "0" * 128])
def test_a_garbage_signature_is_refused_not_a_500(api, order, charge, midtrans, signature):
    midtrans.settle(order.number)
    response = notify(api, {**midtrans.notification(order.number), "signature_key": signature})

    assert 400 <= response.status_code < 500
    assert status_of(order)[0] == "awaiting_payment"


def test_a_signed_amount_not_matching_the_charge_is_refused_and_logged(api, order, charge, midtrans):
    midtrans.settle(order.number)
    payload = midtrans.notification(order.number, gross_amount="1000.00")

    response = notify(api, payload)

    assert response.status_code == 400
    assert status_of(order)[0] == "awaiting_payment"
    logged = PaymentNotification.objects.get()
    assert (logged.accepted, logged.order_number, logged.payload["gross_amount"]) == (False, order.number, "1000.00")


def test_only_the_whitelisted_fields_are_kept_each_capped(api, order, charge, midtrans):
    midtrans.settle(order.number)
    payload = midtrans.notification(order.number, status_message="x" * 5000)
    payload["custom_field1"] = "y" * 100_000

    notify(api, payload)

    kept = PaymentNotification.objects.get().payload
    assert "custom_field1" not in kept and "signature_key" not in kept
    assert len(kept["status_message"]) <= 120
    assert kept["transaction_status"] == "settlement"


def test_when_the_status_api_is_down_the_notification_is_refused_for_a_retry(api, order, charge, midtrans):
    midtrans.settle(order.number)
    payload = midtrans.notification(order.number)
    midtrans.fail_next("status", "503")

    refused = notify(api, payload)
    assert refused.status_code == 503
    assert status_of(order)[0] == "awaiting_payment"

    assert notify(api, payload).status_code == 200  # Midtrans' retry
    assert status_of(order)[0] == "paid"


def test_an_unknown_order_is_a_404(api, order, charge, midtrans):
    payload = midtrans.notification(order.number, order_id="INV-20260101-999999")

    assert notify(api, payload).status_code == 404


def test_an_unknown_transaction_status_is_a_400(api, order, charge, midtrans):
    response = notify(api, midtrans.notification(order.number, transaction_status="teleported"))

    assert response.status_code == 400
    assert status_of(order)[0] == "awaiting_payment"


@pytest.mark.parametrize("fraud_status", ["challenge", "deny"])
def test_a_capture_without_fraud_status_accept_does_not_pay(api, order, charge, midtrans, fraud_status):
    midtrans.set_status(order.number, "capture", fraud_status=fraud_status)

    response = notify(api, midtrans.notification(order.number))

    assert response.status_code == 200
    assert status_of(order) == ("awaiting_payment", "pending")


def test_a_capture_with_fraud_status_accept_pays(api, order, charge, midtrans):
    midtrans.set_status(order.number, "capture", fraud_status="accept")

    assert notify(api, midtrans.notification(order.number)).status_code == 200
    assert status_of(order)[0] == "paid"


def test_a_denied_payment_lets_the_buyer_choose_another_method(api, order, charge, midtrans, customer):
    midtrans.set_status(order.number, "deny")

    response = notify(api, midtrans.notification(order.number))

    assert response.status_code == 200
    assert status_of(order) == ("awaiting_payment", "failed")
    again, created = charges.payment_start(order=order, method="qris", actor=customer)
    assert created and again.provider_order_id == f"{order.number}-2"
    assert status_of(order) == ("awaiting_payment", "pending")


def test_an_expired_charge_past_the_deadline_cancels_the_order_and_returns_the_stock(
    api, order, charge, midtrans, product
):
    Order.objects.filter(pk=order.pk).update(payment_deadline=order.created_at)
    midtrans.set_status(order.number, "expire")

    response = notify(api, midtrans.notification(order.number))

    assert response.status_code == 200
    assert status_of(order) == ("cancelled", "expired")
    assert stock(product) == 50


def test_a_status_going_backwards_after_payment_is_refused(api, order, charge, midtrans):
    midtrans.settle(order.number)
    notify(api, midtrans.notification(order.number))

    response = notify(api, midtrans.notification(order.number, transaction_status="expire", status_code="407"))

    assert response.status_code == 200  # the status API still says settlement
    assert status_of(order) == ("paid", "paid")


def test_a_transaction_made_outside_our_pay_page_is_adopted_when_midtrans_confirms_it(api, order, midtrans, customer):
    """Before charges were recorded here, buyers paid with the order number on Midtrans' pages."""
    from tests.fake_midtrans import Transaction

    midtrans.transactions[order.number] = Transaction(order.number, order.total, "bank_transfer", {})
    midtrans.settle(order.number)

    response = notify(api, midtrans.notification(order.number))

    assert response.status_code == 200
    assert status_of(order)[0] == "paid"


@pytest.mark.parametrize("missing", ["order_id", "status_code", "gross_amount", "signature_key"])
def test_a_missing_field_is_a_400(api, order, charge, midtrans, missing):
    payload = midtrans.notification(order.number)
    del payload[missing]

    response = notify(api, payload)

    assert response.status_code == 400
    assert missing in response.json()


@pytest.mark.parametrize("field", ["order_id", "status_code", "gross_amount", "signature_key"])
def test_a_field_that_is_not_text_is_a_400(api, order, charge, midtrans, field):
    assert notify(api, {**midtrans.notification(order.number), field: 181000}).status_code == 400


@pytest.mark.parametrize("body", [[], ["order_id"], "settlement", 42, None, {}])
def test_a_body_that_is_not_an_object_is_a_400(api, body):
    assert api.post(URL, body, format="json").status_code == 400


@pytest.mark.parametrize(
    "raw, content_type",
    [
        ("{not json", "application/json"),
        ("", "application/json"),
        ("order_id=1&status_code=200", "application/x-www-form-urlencoded"),
        ("<xml/>", "text/xml"),
        ('{"order_id": NaN}', "application/json"),
    ],
)
def test_a_body_that_is_not_json_is_never_a_500(api, raw, content_type):
    assert 400 <= api.post(URL, raw, content_type=content_type).status_code < 500


def test_nul_characters_in_a_notification_are_never_a_500(api, order, charge, midtrans):
    payload = midtrans.notification(order.number, order_id=order.number + "\x00", note="a\x00b")

    response = notify(api, payload)

    assert 400 <= response.status_code < 500
    assert status_of(order)[0] == "awaiting_payment"


def test_without_a_server_key_notifications_are_refused(api, order, charge, midtrans, settings):
    midtrans.settle(order.number)
    payload = midtrans.notification(order.number)
    settings.MIDTRANS_SERVER_KEY = ""

    assert notify(api, payload).status_code == 403
    assert status_of(order)[0] == "awaiting_payment"


def test_no_login_is_needed_and_csrf_does_not_apply(order, charge, midtrans):
    midtrans.settle(order.number)
    client = APIClient(enforce_csrf_checks=True)

    assert client.post(URL, midtrans.notification(order.number), format="json").status_code == 200
    assert status_of(order)[0] == "paid"


def test_an_address_sending_forged_notifications_is_throttled(api, order, charge, midtrans, settings):
    settings.PAYMENT_NOTIFICATION_RATE = "2/min"
    forged = {**midtrans.notification(order.number), "signature_key": "0" * 128}

    # An address of its own: parallel test workers sharing one Redis count 127.0.0.1 together.
    answers = [notify(api, forged, REMOTE_ADDR="203.0.113.77").status_code for _ in range(3)]

    assert answers == [403, 403, 429]


def test_genuine_notifications_are_never_throttled(api, order, charge, midtrans, settings):
    """Midtrans sends every buyer's notifications from a few addresses."""
    settings.PAYMENT_NOTIFICATION_RATE = "2/min"
    midtrans.settle(order.number)
    payload = midtrans.notification(order.number)

    answers = [notify(api, payload, REMOTE_ADDR="203.0.113.78").status_code for _ in range(5)]

    assert answers == [200] * 5


def test_the_replay_needs_no_charge_of_ours_and_still_never_pays(api, order, settings):
    """The attack as reported: a signed pending (201) notification resent as settlement."""
    import hashlib

    settings.MIDTRANS_SERVER_KEY = "SB-Mid-server-kunci"
    gross = f"{order.total}.00"
    signature = hashlib.sha512(f"{order.number}201{gross}SB-Mid-server-kunci".encode()).hexdigest()
    payload = {"order_id": order.number, "status_code": "201", "gross_amount": gross, "signature_key": signature}

    response = notify(api, {**payload, "transaction_status": "settlement"})

    assert response.status_code == 400
    assert status_of(order) == ("awaiting_payment", "pending")


def test_with_redis_down_forged_notifications_are_still_refused_not_a_500(api, order, charge, midtrans, dead_redis):
    forged = {**midtrans.notification(order.number), "signature_key": "0" * 128}

    answers = [notify(api, forged, REMOTE_ADDR="203.0.113.78").status_code for _ in range(3)]

    assert answers == [403, 403, 403]  # no shared count to throttle by, but never accepted
    assert status_of(order)[0] == "awaiting_payment"
