"""Races on PostgreSQL against a local fake Midtrans: a notification and a cancellation at once, two
notifications at once, two workers sending one refund: nobody pays twice, nothing is refunded twice."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from orders.models import Order, OrderEvent, Payment, PaymentRefund
from orders.services import charges, lifecycle, payments, refunds
from tests.factories import ProductFactory, UserFactory
from tests.orders.test_lifecycle_concurrency import place, together

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]
ROUNDS = 6


def paid_at_midtrans(midtrans, method="qris"):
    """An order whose buyer has just paid at Midtrans; our side has not heard of it yet."""
    buyer = UserFactory()
    order = place(buyer, (ProductFactory(stock=10), 2))
    charges.payment_start(order=order, method=method, actor=buyer)
    midtrans.settle(order.number)
    return buyer, order


def test_a_notification_and_a_cancellation_at_once_refund_exactly_once(midtrans):
    for _ in range(ROUNDS):
        buyer, order = paid_at_midtrans(midtrans)
        notification = midtrans.notification(order.number)

        outcomes, errors = together(
            lambda n=notification: payments.midtrans_handle_notification(payload=dict(n)),
            lambda order=order, buyer=buyer: lifecycle.order_cancel(order=order, actor=buyer),
        )
        refunds.refunds_retry(now=timezone.now() + timedelta(minutes=10))

        assert errors == []
        payment = Payment.objects.get(order=order)
        assert Order.objects.get(pk=order.pk).status == "cancelled"
        assert PaymentRefund.objects.filter(payment=payment).count() == 1
        assert (payment.status, payment.refunded_amount) == ("refunded", order.total)
        assert midtrans.transactions[order.number].refunded == order.total


def test_two_notifications_at_once_pay_once(midtrans):
    for _ in range(ROUNDS):
        _, order = paid_at_midtrans(midtrans, method="va_bca")
        notification = midtrans.notification(order.number)

        outcomes, errors = together(
            *[lambda n=notification: payments.midtrans_handle_notification(payload=dict(n))] * 4
        )

        assert errors == []
        assert [result.status_code for _, result in outcomes] == [200] * 4
        assert OrderEvent.objects.filter(order=order, to_status="paid").count() == 1
        assert Order.objects.get(pk=order.pk).status == "paid"


def test_two_workers_sending_one_refund_send_it_once(midtrans):
    for _ in range(ROUNDS):
        buyer, order = paid_at_midtrans(midtrans, method="gopay")
        charges.charge_refresh(charge=Payment.objects.get(order=order).charges.get())
        before = len(midtrans.calls_to("refund"))
        lifecycle.order_cancel(order=order, actor=buyer)  # on commit: a worker sends it...
        refund = PaymentRefund.objects.get(payment__order=order)

        outcomes, errors = together(*[lambda r=refund: refunds.refund_execute(refund_id=r.pk)] * 3)  # ...and these

        assert errors == []
        assert len(midtrans.calls_to("refund")) - before == 1
        assert midtrans.transactions[order.number].refunded == order.total
        assert Payment.objects.get(order=order).refunded_amount == order.total
