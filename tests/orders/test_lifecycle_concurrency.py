"""Races on PostgreSQL: double clicks, payment against expiry, two packers on one shipment."""

from datetime import timedelta

import pytest
from django.db import connection

from orders.models import CartLine, Order, Payment, Shipment
from orders.services import cart, checkout, lifecycle, payments
from sellers.models import Product
from tests.factories import ProductFactory, SellerFactory, UserFactory
from tests.orders.conftest import ADDRESS
from tests.races import together

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

THREADS = 20


def place(buyer, *items):
    return checkout.order_place(
        buyer=buyer, address=checkout.Address(**ADDRESS), product_items=[(p.pk, q) for p, q in items]
    )


def test_many_adds_of_a_product_new_to_the_cart_all_land_on_one_line():
    buyer, product = UserFactory(), ProductFactory(stock=100)

    outcomes, errors = together(*[lambda: cart.cart_add(user=buyer, product_id=product.pk, quantity=2)] * THREADS)

    assert errors == []
    assert [kind for kind, _ in outcomes] == ["ok"] * THREADS
    assert CartLine.objects.get(user=buyer).quantity == 2 * THREADS


def test_a_payment_racing_the_expiry_sweep_leaves_a_consistent_order():
    for _ in range(10):
        buyer, product = UserFactory(), ProductFactory(stock=5)
        order = place(buyer, (product, 2))
        later = order.payment_deadline + timedelta(minutes=1)

        outcomes, errors = together(
            lambda order=order: lifecycle.order_mark_paid(order=order, method=Payment.Method.TEST),
            lambda later=later: lifecycle.orders_cancel_expired(now=later),
        )

        assert errors == []
        order.refresh_from_db()
        payment = Payment.objects.get(order=order)
        stock = Product.objects.get(pk=product.pk).stock
        if order.status == Order.Status.PAID:
            assert (payment.status, stock) == ("paid", 3)
        else:
            assert (order.status, payment.status, stock) == ("cancelled", "expired", 5)
            assert order.paid_at is None  # never a payment taken and then expired away


def test_two_packers_shipping_one_shipment_ship_it_once():
    shop = SellerFactory(owner=UserFactory())
    order = place(UserFactory(), (ProductFactory(seller=shop), 1))
    lifecycle.order_mark_paid(order=order, method=Payment.Method.TEST)
    shipment = Shipment.objects.get(order=order)
    packer = shop.members.get().user

    outcomes, errors = together(
        *[
            lambda n=n: lifecycle.shipment_ship(shipment=shipment, actor=packer, courier="jne", tracking_number=f"R{n}")
            for n in range(THREADS)
        ]
    )

    assert errors == []
    assert [kind for kind, _ in outcomes].count("ok") == 1
    assert order.events.filter(to_status="shipped", shipment=shipment).count() == 1


def test_a_repeated_midtrans_settlement_arriving_twice_at_once_pays_once(midtrans):
    """An order paid on Midtrans' own pages (no charge of ours yet): eight copies of its notification."""
    from tests.fake_midtrans import Transaction

    order = place(UserFactory(), (ProductFactory(), 1))
    midtrans.transactions[order.number] = Transaction(order.number, order.total, "bank_transfer", {})
    midtrans.settle(order.number)
    payload = midtrans.notification(order.number)

    outcomes, errors = together(*[lambda: payments.midtrans_handle_notification(payload=dict(payload))] * 8)

    assert errors == []
    assert {result.status_code for _, result in outcomes} == {200}
    assert order.events.filter(to_status="paid").count() == 1


def test_a_midtrans_copy_that_finds_the_order_adopted_between_its_two_reads_uses_that_charge(midtrans):
    """The narrow window of the race above, opened on purpose: this copy finds no charge of ours, and
    another copy adopts and applies one before this one asks whether the order has charges."""
    from tests.fake_midtrans import Transaction

    order = place(UserFactory(), (ProductFactory(), 1))
    midtrans.transactions[order.number] = Transaction(order.number, order.total, "bank_transfer", {})
    midtrans.settle(order.number)
    payload = midtrans.notification(order.number)
    other_copy = []

    def another_copy_first(execute, sql, params, many, context):
        if not other_copy and '"payment_id"' in sql and "provider_order_id" not in sql:
            other_copy.extend(together(lambda: payments.midtrans_handle_notification(payload=dict(payload))))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(another_copy_first):
        result = payments.midtrans_handle_notification(payload=dict(payload))

    other_outcomes, other_errors = other_copy  # the other copy ran inside the window, and was paid
    assert other_errors == [] and [result.status_code for _, result in other_outcomes] == [200]
    assert result.status_code == 200  # not 404 "Pesanan tidak ditemukan"
    assert order.events.filter(to_status="paid").count() == 1
