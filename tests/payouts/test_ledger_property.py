"""Property: after any mix of orders, partial and full refunds, cancellations, releases and payouts,
every account sums to zero in total and per shop, and each shop holds exactly what its orders say."""

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders.models import Shipment
from orders.services import lifecycle
from orders.services.completion import shipment_confirm
from payouts.models import Account, Entry, Payout, PayoutBatch
from payouts.services.money import money_refund, money_release
from payouts.services.payouts import payout_apply, payout_run
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

RATE_BP, TAX_PER_MILLE = 250, 5

operation = st.one_of(
    st.tuples(st.just("buy"), st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True), st.integers(1, 4)),
    st.tuples(st.just("refund"), st.integers(0, 50), st.integers(1, 1000)),
    st.tuples(st.just("cancel"), st.integers(0, 50)),
    st.tuples(st.just("deliver"), st.integers(0, 50), st.booleans()),
    st.tuples(st.just("payout")),
    st.tuples(st.just("fail"), st.integers(0, 50)),
)


@pytest.fixture
def world(shop, other_shop, customer, verified_bank, settings):
    from tests.factories import SellerFactory, UserFactory

    settings.PAYOUTS_DEFAULT_COMMISSION_BP = RATE_BP
    third = SellerFactory(owner=UserFactory())
    shops = [shop, other_shop, third]
    products = [ProductFactory(seller=s, price=10000 + 3333 * i, stock=10_000) for i, s in enumerate(shops)]
    return shops, products


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, min_size=1, max_size=14))
def test_the_ledger_always_balances(world, buy, seller_user, customer, operations):
    shops, products = world
    with transaction.atomic():
        refunded: dict[int, int] = {}
        shipments: list[Shipment] = []
        for op in operations:
            _apply(op, buy, products, shipments, refunded, seller_user, customer)
        _check(shops, shipments, refunded)
        transaction.set_rollback(True)


def _apply(op, buy, products, shipments, refunded, seller_user, customer):
    kind = op[0]
    if kind == "buy":
        order = buy(*[(products[i], op[2]) for i in op[1]])
        shipments.extend(order.shipments.order_by("id"))
        return
    if kind == "payout":
        payout_run(trigger=PayoutBatch.Trigger.SCHEDULE, minimum=1)
        return
    if kind == "fail":
        open_payouts = list(Payout.objects.filter(status=Payout.Status.PENDING).order_by("id"))
        if open_payouts:
            payout = open_payouts[op[1] % len(open_payouts)]
            payout_apply(payout_id=payout.pk, status="failed" if op[1] % 2 else "paid")
        return
    if not shipments:
        return
    shipment = Shipment.objects.get(pk=shipments[op[1] % len(shipments)].pk)
    gross = shipment.subtotal + shipment.shipping_fee
    left = gross - refunded.get(shipment.pk, 0)
    if kind == "refund" and left > 0:
        amount = max(1, left * op[2] // 1000)
        money_refund(shipment=shipment, amount=amount)
        refunded[shipment.pk] = refunded.get(shipment.pk, 0) + amount
    elif kind == "cancel" and shipment.order.status == "paid":
        lifecycle.order_cancel(order=shipment.order)
        for other in shipment.order.shipments.all():
            refunded[other.pk] = other.subtotal + other.shipping_fee
    elif kind == "deliver" and shipment.status == Shipment.Status.PENDING:
        lifecycle.shipment_ship(shipment=shipment, actor=None, courier="jne", tracking_number="X1")
        if op[2]:
            shipment_confirm(shipment=shipment, actor=customer)
        else:
            money_release(shipment=shipment)


def _check(shops, shipments, refunded):
    assert Account.objects.aggregate(total=Sum("balance"))["total"] in (0, None)
    for account in Account.objects.all():
        assert account.balance == (Entry.objects.filter(account=account).aggregate(s=Sum("amount"))["s"] or 0)
    for shop in shops:
        balances = dict(Account.objects.filter(seller=shop).values_list("kind", "balance"))
        assert sum(balances.values()) == 0
        mine = [s for s in shipments if s.seller_id == shop.pk]
        owed = sum(s.subtotal + s.shipping_fee - refunded.get(s.pk, 0) for s in mine)
        assert -balances.get(Account.Kind.BUYER_FUNDS, 0) == owed
        fee = tax = 0
        for s in mine:
            gross, remaining = s.subtotal + s.shipping_fee, s.subtotal + s.shipping_fee - refunded.get(s.pk, 0)
            fee += (s.subtotal * RATE_BP // 10000) * remaining // gross
            tax += (s.subtotal * TAX_PER_MILLE // 1000) * remaining // gross
        assert balances.get(Account.Kind.COMMISSION, 0) == fee
        assert balances.get(Account.Kind.TAX, 0) == tax
        assert balances.get(Account.Kind.HELD, 0) >= 0 and balances.get(Account.Kind.IN_TRANSIT, 0) >= 0
