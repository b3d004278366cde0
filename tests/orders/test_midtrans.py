"""Midtrans HTTP notifications: signed, matched to the order's amount, harmless when repeated."""

import hashlib

import pytest

from orders.models import Order, OrderEvent, Payment, PaymentNotification
from orders.services import lifecycle
from sellers.models import Product

pytestmark = pytest.mark.django_db

URL = "/api/v1/payments/midtrans/notification/"
SERVER_KEY = "SB-Mid-server-TEST-kunci-rahasia"
STATUS_CODES = {
    "settlement": "200",
    "capture": "200",
    "pending": "201",
    "expire": "407",
    "cancel": "200",
    "deny": "202",
}


@pytest.fixture(autouse=True)
def _server_key(settings):
    settings.MIDTRANS_SERVER_KEY = SERVER_KEY


@pytest.fixture
def order(place_order, product):
    return place_order((product, 2))


def signed(order_id, transaction_status, gross_amount, *, status_code=None, server_key=SERVER_KEY, **extra):
    status_code = status_code or STATUS_CODES.get(transaction_status, "200")
    signature = hashlib.sha512(f"{order_id}{status_code}{gross_amount}{server_key}".encode()).hexdigest()
    return {
        "transaction_time": "2026-04-15 10:00:00",
        "transaction_status": transaction_status,
        "transaction_id": "9aed5972-5b6a-401e-894b-a32c91ed1a3a",
        "status_message": "midtrans payment notification",
        "status_code": status_code,
        "signature_key": signature,
        "payment_type": "bank_transfer",
        "order_id": order_id,
        "merchant_id": "G141532850",
        "gross_amount": gross_amount,
        "currency": "IDR",
        **extra,
    }


def amount(order) -> str:
    return f"{order.total}.00"


def notify(api, payload, **kwargs):
    return api.post(URL, payload, format="json", **kwargs)


def stock(product) -> int:
    return Product.objects.get(pk=product.pk).stock


def test_a_signed_settlement_pays_the_order(api, order):
    response = notify(api, signed(order.number, "settlement", amount(order)))

    assert response.status_code == 200, response.json()
    order.refresh_from_db()
    assert order.status == "paid"
    payment = Payment.objects.get(order=order)
    assert (payment.status, payment.method) == ("paid", "midtrans")
    assert payment.reference == "9aed5972-5b6a-401e-894b-a32c91ed1a3a"
    assert PaymentNotification.objects.get().accepted is True


def test_the_amount_is_signed_exactly_as_midtrans_sends_it(api, order):
    """170000 + 23000 shipping (JNE REG, Aceh to Java) = 193000: Midtrans sends and signs "193000.00"."""
    assert amount(order) == "193000.00"
    response = notify(api, signed(order.number, "settlement", "193000.00"))
    assert response.status_code == 200


def test_a_capture_with_fraud_status_accept_pays_the_order(api, order):
    response = notify(api, signed(order.number, "capture", amount(order), fraud_status="accept"))

    assert response.status_code == 200
    assert Order.objects.get(pk=order.pk).status == "paid"


@pytest.mark.parametrize("fraud_status", ["challenge", "deny", None])
def test_a_capture_without_fraud_status_accept_does_not_pay(api, order, fraud_status):
    extra = {"fraud_status": fraud_status} if fraud_status else {}
    response = notify(api, signed(order.number, "capture", amount(order), **extra))

    assert response.status_code == 200
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"
    assert Payment.objects.get(order=order).status == "pending"


def test_a_repeated_settlement_is_harmless(api, order):
    payload = signed(order.number, "settlement", amount(order))

    first = notify(api, payload)
    again = notify(api, payload)

    assert first.status_code == again.status_code == 200
    assert OrderEvent.objects.filter(order=order, to_status="paid").count() == 1
    assert PaymentNotification.objects.count() == 2


def test_a_wrong_signature_is_refused_and_changes_nothing(api, order):
    payload = signed(order.number, "settlement", amount(order), server_key="someone-elses-key")

    response = notify(api, payload)

    assert 400 <= response.status_code < 500
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"
    assert PaymentNotification.objects.get().accepted is False


@pytest.mark.parametrize("signature", ["", "abc", "é" * 128, "0" * 128])
def test_a_garbage_signature_is_refused_not_a_500(api, order, signature):
    payload = {**signed(order.number, "settlement", amount(order)), "signature_key": signature}

    response = notify(api, payload)

    assert 400 <= response.status_code < 500
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_a_correctly_signed_but_tampered_amount_is_refused(api, order):
    payload = {**signed(order.number, "settlement", amount(order)), "gross_amount": "1.00"}

    response = notify(api, payload)

    assert 400 <= response.status_code < 500
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


@pytest.mark.parametrize("gross_amount", ["1000.00", "181000", "181000.0", "181001.00"])
def test_an_amount_not_matching_the_order_is_refused_and_logged(api, order, gross_amount):
    response = notify(api, signed(order.number, "settlement", gross_amount))

    assert 400 <= response.status_code < 500
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"
    assert Payment.objects.get(order=order).status == "pending"
    logged = PaymentNotification.objects.get()
    assert (logged.accepted, logged.order_number, logged.provider) == (False, order.number, "midtrans")
    assert logged.payload["gross_amount"] == gross_amount


@pytest.mark.parametrize(
    "transaction_status, payment_status", [("expire", "expired"), ("cancel", "cancelled"), ("deny", "denied")]
)
def test_a_failed_payment_cancels_an_unpaid_order_and_returns_the_stock(
    api, order, product, transaction_status, payment_status
):
    assert stock(product) == 48

    response = notify(api, signed(order.number, transaction_status, amount(order)))

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert Payment.objects.get(order=order).status == payment_status
    assert stock(product) == 50


def test_a_repeated_expire_is_harmless(api, order, product):
    payload = signed(order.number, "expire", amount(order))

    notify(api, payload)
    response = notify(api, payload)

    assert response.status_code == 200
    assert stock(product) == 50
    assert OrderEvent.objects.filter(order=order, to_status="cancelled").count() == 1


@pytest.mark.parametrize("transaction_status", ["expire", "cancel", "deny", "pending"])
def test_a_status_going_backwards_after_payment_is_refused_and_the_order_stays_paid(
    api, order, product, transaction_status
):
    notify(api, signed(order.number, "settlement", amount(order)))

    response = notify(api, signed(order.number, transaction_status, amount(order)))

    assert response.status_code == 409
    order.refresh_from_db()
    assert order.status == "paid"
    assert Payment.objects.get(order=order).status == "paid"
    assert stock(product) == 48
    assert PaymentNotification.objects.filter(accepted=False).count() == 1


def test_a_settlement_for_a_cancelled_order_is_refused_and_logged(api, order, customer):
    lifecycle.order_cancel(order=order, actor=customer)

    response = notify(api, signed(order.number, "settlement", amount(order)))

    assert response.status_code == 409
    assert Order.objects.get(pk=order.pk).status == "cancelled"
    assert PaymentNotification.objects.get().accepted is False


def test_a_pending_notification_changes_nothing(api, order):
    response = notify(api, signed(order.number, "pending", amount(order)))

    assert response.status_code == 200
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_an_unknown_order_is_a_404(api, order):
    response = notify(api, signed("INV-20260101-999999", "settlement", amount(order)))

    assert response.status_code == 404
    assert PaymentNotification.objects.get().accepted is False


def test_an_unknown_transaction_status_is_a_400(api, order):
    response = notify(api, signed(order.number, "teleported", amount(order)))

    assert response.status_code == 400
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


@pytest.mark.parametrize("missing", ["order_id", "status_code", "gross_amount", "signature_key"])
def test_a_missing_field_is_a_400(api, order, missing):
    payload = signed(order.number, "settlement", amount(order))
    del payload[missing]

    response = notify(api, payload)

    assert response.status_code == 400
    assert missing in response.json()
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


@pytest.mark.parametrize("field", ["order_id", "status_code", "gross_amount", "signature_key"])
def test_a_field_that_is_not_text_is_a_400(api, order, field):
    payload = {**signed(order.number, "settlement", amount(order)), field: 181000}
    assert notify(api, payload).status_code == 400


@pytest.mark.parametrize("body", [[], ["order_id"], "settlement", 42, None, {}])
def test_a_body_that_is_not_an_object_is_a_400(api, order, body):
    response = api.post(URL, body, format="json")

    assert response.status_code == 400
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


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
def test_a_body_that_is_not_json_is_never_a_500(api, order, raw, content_type):
    response = api.post(URL, raw, content_type=content_type)

    assert 400 <= response.status_code < 500
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_nul_characters_in_a_notification_are_never_a_500(api, order):
    payload = {**signed(order.number + "\x00", "settlement", amount(order)), "note": "a\x00b"}

    response = notify(api, payload)

    assert 400 <= response.status_code < 500
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_without_a_server_key_notifications_are_refused(api, order, settings):
    settings.MIDTRANS_SERVER_KEY = ""
    payload = signed(order.number, "settlement", amount(order), server_key="")

    response = notify(api, payload)

    assert response.status_code == 403
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_a_logged_in_session_is_not_needed_and_csrf_does_not_apply(order):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    response = client.post(URL, signed(order.number, "settlement", amount(order)), format="json")

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "paid"


@pytest.mark.parametrize("transaction_status", ["refund", "partial_refund"])
def test_a_refund_notification_is_recorded_for_staff_and_changes_nothing(api, order, transaction_status):
    notify(api, signed(order.number, "settlement", amount(order)))

    response = notify(api, signed(order.number, transaction_status, amount(order)))

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "paid"
    recorded = PaymentNotification.objects.filter(payload__transaction_status=transaction_status).get()
    assert recorded.accepted is True
    assert "staf" in recorded.outcome
