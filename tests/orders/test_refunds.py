"""Refunds through the provider (a local fake Midtrans): whole orders, one shop's shipment, late money;
a refund that times out is retried and never paid twice; what cannot go back online waits for staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.models import Order, Payment, PaymentCharge, PaymentRefund, Shipment
from orders.services import charges, lifecycle, reconcile, refunds

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(place_order, product, other_product):
    return place_order((product, 2), (other_product, 1))


@pytest.fixture
def pay(customer, midtrans):
    """Pay an order by `method` at the fake; Midtrans' status decides, as for a notification."""

    def pay(order, method="qris"):
        charge, _ = charges.payment_start(order=order, method=method, actor=customer)
        midtrans.settle(charge.provider_order_id)
        charges.charge_refresh(charge=charge)
        return Order.objects.select_related("payment").get(pk=order.pk)

    return pay


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what a service queued for after its commit (the refund task), as a worker would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def payment_of(order) -> Payment:
    return Payment.objects.get(order=order)


def test_cancelling_an_order_paid_by_qris_refunds_it_through_midtrans(
    order, pay, run_on_commit, customer, midtrans, api
):
    order = pay(order, "qris")

    run_on_commit(lambda: lifecycle.order_cancel(order=order, actor=customer))

    payment = payment_of(order)
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)
    (sent,) = [body for _, _, body in midtrans.calls_to("refund")]
    assert sent == {"refund_key": f"{order.number}-batal", "amount": order.total, "reason": "Dibatalkan pembeli"}
    assert midtrans.transactions[order.number].refunded == order.total
    shown = api.as_user(customer).get(f"/api/v1/orders/{order.number}/").json()["payment"]
    assert (shown["status"], shown["refunded_amount"]) == ("refunded", order.total)
    assert order.events.filter(to_status="refunded").exists()


def test_a_refund_that_times_out_is_retried_and_never_paid_twice(order, pay, run_on_commit, customer, midtrans):
    """Midtrans carries the refund out but the answer is lost; the retry sends the same refund_key."""
    order = pay(order, "gopay")
    midtrans.fail_next("refund", "drop_after")

    run_on_commit(lambda: lifecycle.order_cancel(order=order, actor=customer))
    assert payment_of(order).status == "refund_pending"
    assert PaymentRefund.objects.get().attempts == 1

    refunds.refunds_retry(now=timezone.now() + timedelta(minutes=10))
    refunds.refunds_retry(now=timezone.now() + timedelta(minutes=20))

    payment = payment_of(order)
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)
    assert midtrans.transactions[order.number].refunded == order.total
    assert len(midtrans.transactions[order.number].refunds) == 1


def test_a_refund_midtrans_never_received_is_sent_again(order, pay, run_on_commit, customer, midtrans):
    order = pay(order, "shopeepay")
    midtrans.fail_next("refund", "drop_before")
    run_on_commit(lambda: lifecycle.order_cancel(order=order, actor=customer))

    refunds.refunds_retry(now=timezone.now() + timedelta(minutes=10))

    assert payment_of(order).status == "refunded"
    assert midtrans.transactions[order.number].refunded == order.total


def test_running_the_same_refund_twice_calls_midtrans_once(order, pay, customer, midtrans):
    order = pay(order, "qris")
    lifecycle.order_cancel(order=order, actor=customer)
    refund = PaymentRefund.objects.get()

    refunds.refund_execute(refund_id=refund.pk)
    refunds.refund_execute(refund_id=refund.pk)

    assert len(midtrans.calls_to("refund")) == 1
    assert payment_of(order).refunded_amount == order.total


def test_one_shops_shipment_is_refunded_partially(order, pay, run_on_commit, other_shop, midtrans):
    order = pay(order, "qris")
    shipment = Shipment.objects.get(order=order, seller=other_shop)

    run_on_commit(lambda: refunds.refund_shipment(shipment=shipment, reason="Toko menolak pesanan"))

    part = shipment.subtotal + shipment.shipping_fee
    payment = payment_of(order)
    assert (payment.status, payment.refunded_amount) == ("partially_refunded", part)
    assert midtrans.transactions[order.number].status == "partial_refund"
    assert midtrans.calls_to("refund")[0][2]["amount"] == part


def test_cancelling_after_a_partial_refund_gives_back_exactly_the_rest(order, pay, run_on_commit, other_shop, customer):
    order = pay(order, "qris")
    shipment = Shipment.objects.get(order=order, seller=other_shop)
    run_on_commit(lambda: refunds.refund_shipment(shipment=shipment, reason="Toko menolak pesanan"))

    run_on_commit(lambda: lifecycle.order_cancel(order=order, actor=customer))

    payment = payment_of(order)
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)
    assert PaymentRefund.objects.get(refund_key=f"{order.number}-batal").amount == order.total - (
        shipment.subtotal + shipment.shipping_fee
    )


def test_a_refund_larger_than_what_is_left_is_refused(order, pay):
    order = pay(order, "qris")
    payment = payment_of(order)

    with pytest.raises(refunds.ConflictError):
        refunds.refund_request(payment=payment, amount=order.total + 1, reason="x", refund_key="too-much")
    assert not PaymentRefund.objects.exists()


def test_a_bank_transfer_is_refunded_by_staff_to_the_account_the_buyer_gives(
    order, pay, run_on_commit, customer, ministry, midtrans, client
):
    order = pay(order, "va_bca")
    run_on_commit(lambda: lifecycle.order_cancel(order=order, actor=customer))
    refund = PaymentRefund.objects.get()
    assert (refund.status, payment_of(order).status) == ("manual", "refund_pending")
    assert midtrans.calls_to("refund") == []

    client.force_login(customer)
    page = client.get(order.get_absolute_url()).text
    assert "Rekening tujuan pengembalian dana" in page
    client.post(
        f"/pesanan/{order.number}/pengembalian/{refund.pk}/rekening/",
        {"bank_name": "BCA", "account_number": "1234 5678 90", "account_holder": "Siti Pembeli"},
    )
    refunds.refund_mark_transferred(refund=PaymentRefund.objects.get(), by=ministry)

    refund.refresh_from_db()
    assert (refund.account_number, refund.status, refund.done_by) == ("1234567890", "done", ministry)
    assert payment_of(order).status == "refunded"


@pytest.mark.parametrize(
    "data, field",
    [
        ({"bank_name": "BCA", "account_number": "12ab", "account_holder": "Siti"}, "account_number"),
        ({"bank_name": "", "account_number": "1234567890", "account_holder": "Siti"}, "bank_name"),
        ({"bank_name": "BCA", "account_number": "1234567890", "account_holder": " "}, "account_holder"),
        # PostgreSQL refuses a NUL character with an error: the page answered 500.
        ({"bank_name": "BCA\x00", "account_number": "1234567890", "account_holder": "Siti"}, "bank_name"),
        ({"bank_name": "BCA", "account_number": "1234567890", "account_holder": "Siti\x00"}, "account_holder"),
        ({"bank_name": "BCA", "account_number": "1234567890", "account_holder": "Siti\x1b[2J"}, "account_holder"),
        # Digits of other scripts pass str.isdigit() but are no bank account number.
        ({"bank_name": "BCA", "account_number": "١٢٣٤٥٦٧٨٩٠", "account_holder": "Siti"}, "account_number"),
        ({"bank_name": "BCA", "account_number": "123456²", "account_holder": "Siti"}, "account_number"),
    ],
)
def test_bad_bank_details_are_refused_and_nothing_is_saved(order, pay, customer, data, field):
    order = pay(order, "va_bni")
    lifecycle.order_cancel(order=order, actor=customer)

    with pytest.raises(refunds.ValidationError) as refused:
        refunds.refund_set_bank_details(refund=PaymentRefund.objects.get(), **data)

    assert field in refused.value.detail
    assert PaymentRefund.objects.get().account_number == ""


def test_the_refund_account_page_refuses_a_nul_character_with_a_message(order, pay, customer, client):
    order = pay(order, "va_bni")
    lifecycle.order_cancel(order=order, actor=customer)
    client.force_login(customer)

    response = client.post(
        f"/pesanan/{order.number}/pengembalian/{PaymentRefund.objects.get().pk}/rekening/",
        {"bank_name": "BCA", "account_number": "1234567890", "account_holder": "Siti\x00Pembeli"},
        follow=True,
    )

    assert response.status_code == 200
    assert PaymentRefund.objects.get().account_number == ""


def test_another_customer_cannot_give_the_account_of_someone_elses_refund(order, pay, customer, client):
    from tests.factories import UserFactory

    order = pay(order, "va_bni")
    lifecycle.order_cancel(order=order, actor=customer)
    client.force_login(UserFactory())

    response = client.post(
        f"/pesanan/{order.number}/pengembalian/{PaymentRefund.objects.get().pk}/rekening/",
        {"bank_name": "BCA", "account_number": "999999999", "account_holder": "Penipu"},
    )

    assert response.status_code == 404
    assert PaymentRefund.objects.get().account_number == ""


def test_money_arriving_for_a_cancelled_order_goes_back(order, customer, midtrans, run_on_commit):
    charge, _ = charges.payment_start(order=order, method="qris", actor=customer)
    midtrans.fail_next("cancel", "503")  # the withdrawal of the charge fails...
    run_on_commit(lambda: lifecycle.order_cancel(order=order, actor=customer))
    midtrans.settle(order.number)  # ...and the buyer pays the QR at that moment

    run_on_commit(lambda: charges.charge_refresh(charge=charge))

    payment = payment_of(order)
    assert Order.objects.get(pk=order.pk).status == "cancelled"
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)
    assert midtrans.transactions[order.number].refunded == order.total


def test_cancelling_an_unpaid_order_withdraws_its_charge(order, customer, midtrans, run_on_commit):
    charges.payment_start(order=order, method="va_bri", actor=customer)

    run_on_commit(lambda: lifecycle.order_cancel(order=order, actor=customer))

    assert midtrans.transactions[order.number].status == "cancel"
    assert PaymentCharge.objects.get().status == "cancelled"
    assert payment_of(order).status == "cancelled"


# ---- the reconcile sweep -------------------------------------------------------------------------


def test_a_lost_notification_is_recovered_by_the_beat_task(order, customer, midtrans):
    charges.payment_start(order=order, method="va_mandiri", actor=customer)
    midtrans.settle(order.number)  # paid; the notification never arrives

    result = reconcile.payments_reconcile(now=timezone.now() + timedelta(minutes=10))

    assert result["charges_checked"] == 1
    assert Order.objects.get(pk=order.pk).status == "paid"


def test_the_sweep_leaves_a_charge_alone_during_its_quiet_period(order, customer, midtrans):
    charges.payment_start(order=order, method="va_mandiri", actor=customer)
    midtrans.settle(order.number)

    reconcile.payments_reconcile(now=timezone.now())

    assert midtrans.calls_to("status") == []
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_an_overdue_order_paid_at_the_last_minute_is_paid_not_cancelled(order, customer, midtrans):
    charges.payment_start(order=order, method="qris", actor=customer)
    midtrans.settle(order.number)

    reconcile.orders_expire(now=order.payment_deadline + timedelta(minutes=1))

    assert Order.objects.get(pk=order.pk).status == "paid"
    assert not PaymentRefund.objects.exists()


def test_an_overdue_unpaid_order_is_cancelled_and_its_charge_withdrawn(order, customer, midtrans, run_on_commit):
    charges.payment_start(order=order, method="qris", actor=customer)

    run_on_commit(lambda: reconcile.orders_expire(now=order.payment_deadline + timedelta(minutes=1)))

    assert (Order.objects.get(pk=order.pk).status, payment_of(order).status) == ("cancelled", "expired")
    assert midtrans.transactions[order.number].status == "cancel"


def test_staff_mark_a_manual_refund_transferred_from_the_admin(order, pay, customer, client):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    order = pay(order, "va_permata")
    lifecycle.order_cancel(order=order, actor=customer)
    refund = refunds.refund_set_bank_details(
        refund=PaymentRefund.objects.get(), bank_name="Permata", account_number="9876543210", account_holder="Siti"
    )
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_paymentrefund"))
    client.force_login(staff)

    client.post(
        "/admin/orders/paymentrefund/", {"action": "mark_transferred", "_selected_action": [refund.pk]}, follow=True
    )

    refund.refresh_from_db()
    assert (refund.status, refund.done_by) == ("done", staff)
    assert payment_of(order).status == "refunded"


def test_a_snap_payment_is_refunded_the_way_it_was_paid(order, customer, midtrans, run_on_commit, api):
    charge, _ = charges.payment_start(order=order, method="snap", actor=customer)
    midtrans.snap_pay(order.number, payment_type="shopeepay")
    assert (
        api.post("/api/v1/payments/midtrans/notification/", midtrans.notification(order.number), format="json").json()[
            "detail"
        ]
        == "Pembayaran diterima."
    )

    run_on_commit(lambda: lifecycle.order_cancel(order=order, actor=customer))

    assert PaymentCharge.objects.get(pk=charge.pk).payment_type == "shopeepay"
    assert payment_of(order).status == "refunded"
    assert midtrans.transactions[order.number].refunded == order.total


def test_the_order_timeline_names_the_refund(order, pay, run_on_commit, customer, client):
    order = pay(order, "qris")
    run_on_commit(lambda: lifecycle.order_cancel(order=order, actor=customer))
    client.force_login(customer)

    timeline = client.get(order.get_absolute_url()).text.split('id="timeline-title"')[1]

    assert "<strong>Dana dikembalikan</strong>" in timeline
    assert "dikembalikan (midtrans)" in timeline
