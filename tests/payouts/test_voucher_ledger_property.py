"""Property: with vouchers of every funder in any mix of orders, partial and full refunds and
cancellations, the ledger balances per shop, buyers' funds hold what buyers paid, each funder owes
exactly its live subsidies, and commission and PPh 22 follow the shop's own amount."""

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders.models import OrderLine, Shipment
from orders.services import lifecycle
from payouts.models import Account, Entry
from payouts.services.money import money_refund
from tests.factories import ProductFactory, SellerFactory, UserFactory, VoucherFactory

pytestmark = pytest.mark.django_db

RATE_BP, TAX_PER_MILLE = 250, 5

operation = st.one_of(
    st.tuples(
        st.just("buy"),
        st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
        st.integers(1, 4),
        st.sampled_from([None, "MIN", "TOKO"]),
        st.booleans(),
    ),
    st.tuples(st.just("refund"), st.integers(0, 50), st.integers(1, 1000)),
    st.tuples(st.just("cancel"), st.integers(0, 50)),
)


@pytest.fixture
def world(shop, other_shop, settings):
    settings.PAYOUTS_DEFAULT_COMMISSION_BP = RATE_BP
    shops = [shop, other_shop, SellerFactory(owner=UserFactory())]
    products = [ProductFactory(seller=s, price=10000 + 3333 * i, stock=10_000) for i, s in enumerate(shops)]
    VoucherFactory(code="MIN", value=3000, min_spend=0, budget=10**9, funded_by="ministry")
    VoucherFactory(code="TOKO", value=2000, min_spend=0, budget=10**9, funded_by="shop").sellers.set([shop])
    VoucherFactory(code="ONGKIR", kind="shipping", value=50, min_spend=0, budget=10**9, funded_by="platform")
    return shops, products


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, min_size=1, max_size=12))
def test_the_ledger_balances_and_charges_each_funder_what_it_funds(world, buy, operations):
    shops, products = world
    with transaction.atomic():
        refunded: dict[int, int] = {}
        shipments: list[Shipment] = []
        for op in operations:
            _apply(op, buy, products, shipments, refunded)
        _check(shops, shipments, refunded)
        transaction.set_rollback(True)


def _apply(op, buy, products, shipments, refunded):
    kind = op[0]
    if kind == "buy":
        goods = op[3] if op[3] != "TOKO" or 0 in op[1] else None  # the shop's voucher covers its own products only
        codes = [c for c in (goods, "ONGKIR" if op[4] else None) if c]
        order = buy(*[(products[i], op[2]) for i in op[1]], buyer=UserFactory(), vouchers=codes)
        shipments.extend(order.shipments.order_by("id"))
        return
    if not shipments:
        return
    shipment = Shipment.objects.get(pk=shipments[op[1] % len(shipments)].pk)
    left = shipment.buyer_amount - refunded.get(shipment.pk, 0)
    if kind == "refund" and left > 0:
        amount = max(1, left * op[2] // 1000)
        money_refund(shipment=shipment, amount=amount)
        refunded[shipment.pk] = refunded.get(shipment.pk, 0) + amount
    elif kind == "cancel" and shipment.order.status == "paid":
        lifecycle.order_cancel(order=shipment.order)
        for other in shipment.order.shipments.all():
            refunded[other.pk] = other.buyer_amount


def _shop_goods(shipment) -> int:
    return shipment.subtotal - (shipment.voucher_discount if shipment.voucher_funder == "shop" else 0)


def _check(shops, shipments, refunded):
    assert Account.objects.aggregate(total=Sum("balance"))["total"] in (0, None)
    for account in Account.objects.all():
        assert account.balance == (Entry.objects.filter(account=account).aggregate(s=Sum("amount"))["s"] or 0)
    for shop in shops:
        balances = dict(Account.objects.filter(seller=shop).values_list("kind", "balance"))
        assert sum(balances.values()) == 0
        mine = [Shipment.objects.get(pk=s.pk) for s in shipments if s.seller_id == shop.pk]
        assert -balances.get(Account.Kind.BUYER_FUNDS, 0) == sum(s.buyer_amount - refunded.get(s.pk, 0) for s in mine)
        live = [s for s in mine if refunded.get(s.pk, 0) < s.buyer_amount]
        owed = {"ministry": 0, "platform": 0}
        for s in live:
            if s.voucher_funder in owed:
                owed[s.voucher_funder] += s.voucher_discount
            if s.subsidy_funder in owed:
                owed[s.subsidy_funder] += s.shipping_subsidy
        assert -balances.get(Account.Kind.MINISTRY_DUE, 0) == owed["ministry"]
        assert -balances.get(Account.Kind.PLATFORM_DUE, 0) == owed["platform"]
        fee = tax = 0
        for s in mine:
            paid, remaining = s.buyer_amount, s.buyer_amount - refunded.get(s.pk, 0)
            first_fee = sum(
                (line.unit_price * line.quantity - (line.voucher_discount if line.voucher_funder == "shop" else 0))
                * RATE_BP
                // 10000
                for line in OrderLine.objects.filter(shipment=s)
            )
            fee += first_fee * remaining // paid
            tax += (_shop_goods(s) * TAX_PER_MILLE // 1000) * remaining // paid
        assert balances.get(Account.Kind.COMMISSION, 0) == fee
        assert balances.get(Account.Kind.TAX, 0) == tax
        assert balances.get(Account.Kind.HELD, 0) >= 0
