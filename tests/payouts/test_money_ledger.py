"""A paid order credits each shop's held funds, less commission and PPh 22; refunds reverse; receipt releases."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.errors import ValidationError
from orders.models import Shipment
from orders.services import lifecycle
from orders.services.completion import shipment_confirm, shipments_complete_due
from payouts.models import Account, CommissionRate, Entry, Invoice, Journal, TaxStatement
from payouts.selectors import balance_of
from payouts.services.money import money_refund, money_release_due
from sellers.models import Category

pytestmark = pytest.mark.django_db


def _total_of_all_accounts() -> int:
    return sum(Account.objects.values_list("balance", flat=True))


def test_a_paid_order_holds_the_shipment_less_commission_and_pph22(buy, coffee, shop):
    CommissionRate.objects.create(category=coffee.category, basis_points=500)
    order = buy((coffee, 2))
    shipment = order.shipments.get()
    goods, fee = 200000, shipment.shipping_fee
    balance = balance_of(seller=shop)
    assert balance.commission_total == 10000
    assert balance.tax_withheld == 1000  # 0.5% of the goods, not of the shipping fee
    assert balance.held == goods + fee - 10000 - 1000
    assert balance.available == 0
    assert _total_of_all_accounts() == 0


def test_a_subcategory_takes_its_parents_rate_and_zero_is_allowed(buy, coffee, shop, settings):
    settings.PAYOUTS_DEFAULT_COMMISSION_BP = 1000
    CommissionRate.objects.create(category=Category.objects.get(pk=coffee.category.parent_id), basis_points=0)
    buy((coffee, 1))
    assert balance_of(seller=shop).commission_total == 0


def test_a_shop_with_its_turnover_statement_has_no_pph22_withheld(buy, coffee, shop, seller_user):
    TaxStatement.objects.create(
        seller=shop,
        year=timezone.localtime().year,
        file="x.pdf",
        content_type="application/pdf",
        uploaded_by=seller_user,
    )
    buy((coffee, 1))
    assert balance_of(seller=shop).tax_withheld == 0


def test_each_shop_of_an_order_gets_its_own_share_and_a_numbered_invoice(buy, coffee, toraja, shop, other_shop):
    order = buy((coffee, 1), (toraja, 1))
    mine = order.shipments.get(seller=shop)
    assert (
        balance_of(seller=shop).held + balance_of(seller=shop).commission_total + balance_of(seller=shop).tax_withheld
        == mine.subtotal + mine.shipping_fee
    )
    assert balance_of(seller=other_shop).held > 0
    numbers = sorted(Invoice.objects.values_list("seller_id", "sequence"))
    assert numbers == sorted([(shop.pk, 1), (other_shop.pk, 1)])


def test_paying_twice_credits_once(buy, coffee, shop):
    order = buy((coffee, 1))
    held = balance_of(seller=shop).held
    lifecycle.order_mark_paid(order=order, method="test")
    assert balance_of(seller=shop).held == held
    assert Journal.objects.filter(kind=Journal.Kind.SALE).count() == 1


def test_cancelling_a_paid_order_reverses_everything_with_new_entries(buy, coffee, shop):
    order = buy((coffee, 3))
    entries_before = list(Entry.objects.order_by("id").values_list("id", "amount"))
    lifecycle.order_cancel(order=order)
    assert balance_of(seller=shop) == balance_of(seller=shop).__class__()
    # The first entries are untouched; the reversal was appended.
    assert (
        list(Entry.objects.filter(id__in=[e for e, _ in entries_before]).order_by("id").values_list("id", "amount"))
        == entries_before
    )
    assert Journal.objects.filter(kind=Journal.Kind.REFUND).count() == 1
    assert _total_of_all_accounts() == 0


def test_partial_refunds_shrink_commission_and_tax_and_end_at_zero(buy, coffee, shop):
    CommissionRate.objects.create(category=coffee.category, basis_points=300)
    shipment = buy((coffee, 1)).shipments.get()
    gross = shipment.subtotal + shipment.shipping_fee
    money_refund(shipment=shipment, amount=gross // 3)
    half = balance_of(seller=shop)
    assert 0 < half.commission_total < 3000
    money_refund(shipment=shipment, amount=gross - gross // 3)
    assert balance_of(seller=shop) == balance_of(seller=shop).__class__()


def test_a_refund_larger_than_what_is_left_is_refused_and_changes_nothing(buy, coffee, shop):
    shipment = buy((coffee, 1)).shipments.get()
    before = balance_of(seller=shop)
    with pytest.raises(ValidationError) as error:
        money_refund(shipment=shipment, amount=shipment.subtotal + shipment.shipping_fee + 1)
    assert "amount" in error.value.detail
    assert balance_of(seller=shop) == before


def test_a_refund_with_the_same_key_counts_once(buy, coffee, shop):
    shipment = buy((coffee, 1)).shipments.get()
    money_refund(shipment=shipment, amount=10000, key="midtrans-refund-1")
    after_first = balance_of(seller=shop)
    money_refund(shipment=shipment, amount=10000, key="midtrans-refund-1")
    assert balance_of(seller=shop) == after_first


def _ship_and_deliver_by_tracking(shipment: Shipment, *, shop_member):
    """Shipped by the shop, delivered as the courier's tracking says (no buyer confirmation)."""
    lifecycle.shipment_ship(shipment=shipment, actor=shop_member, courier="jne", tracking_number="JNE123")
    lifecycle.shipment_deliver(shipment=shipment, actor=None)


def test_funds_become_available_when_the_buyer_confirms_receipt(buy, coffee, shop, customer, seller_user):
    order = buy((coffee, 1))
    shipment = order.shipments.get()
    lifecycle.shipment_ship(shipment=shipment, actor=seller_user, courier="jne", tracking_number="JNE1")
    held = balance_of(seller=shop).held
    shipment_confirm(shipment=shipment, actor=customer)
    assert balance_of(seller=shop).held == 0
    assert balance_of(seller=shop).available == held


def test_funds_delivered_without_the_buyers_word_wait_the_completion_window(buy, coffee, shop, seller_user, settings):
    settings.AFTERSALES_COMPLETE_AFTER_DELIVERY = timedelta(days=3)
    shipment = buy((coffee, 1)).shipments.get()
    _ship_and_deliver_by_tracking(shipment, shop_member=seller_user)
    held = balance_of(seller=shop).held
    assert shipments_complete_due(now=timezone.now() + timedelta(days=2)) == 0
    assert money_release_due() == 0
    assert balance_of(seller=shop).available == 0
    assert shipments_complete_due(now=timezone.now() + timedelta(days=3, minutes=1)) == 1
    assert shipments_complete_due(now=timezone.now() + timedelta(days=4)) == 0
    assert money_release_due() == 0  # completion released it already, once
    assert balance_of(seller=shop).available == held


def test_a_refund_after_release_comes_out_of_the_available_balance(buy, coffee, shop, customer, seller_user):
    shipment = buy((coffee, 1)).shipments.get()
    lifecycle.shipment_ship(shipment=shipment, actor=seller_user, courier="jne", tracking_number="JNE1")
    shipment_confirm(shipment=shipment, actor=customer)
    available = balance_of(seller=shop).available
    money_refund(shipment=shipment, amount=50000)
    after = balance_of(seller=shop)
    assert after.held == 0
    assert available - 50000 < after.available < available
    assert _total_of_all_accounts() == 0


def test_the_money_port_refunds_a_shipment_at_most_what_is_left(buy, coffee, shop):
    from orders.money import money_ledger

    shipment = buy((coffee, 1)).shipments.get()
    money_ledger().shipment_refunded(shipment=shipment, amount=30000, key="refund-1")
    money_ledger().shipment_refunded(
        shipment=shipment, amount=shipment.subtotal + shipment.shipping_fee, key="refund-2"
    )
    assert balance_of(seller=shop) == balance_of(seller=shop).__class__()
    money_ledger().shipment_refunded(shipment=shipment, amount=1000, key="refund-3")  # nothing left: nothing posted
    assert Journal.objects.filter(kind=Journal.Kind.REFUND).count() == 2
