"""Who pays a voucher: the ministry's and the platform's are not the shop's; the shop's own are."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.services import complaints, declines, lifecycle
from payouts.models import Account, CommissionRate, Entry
from payouts.selectors import balance_of, jakarta_now, statement_of, withholding_of_month
from payouts.services.money import money_refund
from tests.factories import VoucherFactory

pytestmark = pytest.mark.django_db


def _total_of_all_accounts() -> int:
    return sum(Account.objects.values_list("balance", flat=True))


@pytest.fixture
def five_percent(coffee):
    CommissionRate.objects.create(category=coffee.category, basis_points=500)


def test_a_ministry_voucher_leaves_the_shops_held_funds_as_before_and_the_ministry_owes_it(
    buy, coffee, shop, five_percent
):
    VoucherFactory(code="KEMENPERIN", value=20000, funded_by="ministry")
    order = buy((coffee, 1), vouchers=["KEMENPERIN"])
    fee = order.shipments.get().shipping_fee

    balance = balance_of(seller=shop)
    assert order.total == 100000 - 20000 + fee
    assert balance.held == 100000 + fee - 5000 - 500  # commission and PPh 22 on the goods before the voucher
    assert balance.ministry_subsidy == 20000
    assert Account.objects.get(seller=shop, kind="buyer_funds").balance == -(80000 + fee)
    assert _total_of_all_accounts() == 0


def test_a_platform_shipping_subsidy_is_owed_by_the_platform(buy, coffee, shop):
    VoucherFactory(code="ONGKIR", kind="shipping", value=100, min_spend=0, funded_by="platform")
    order = buy((coffee, 1), vouchers=["ONGKIR"])
    fee = order.shipments.get().shipping_fee

    assert order.total == 100000
    assert balance_of(seller=shop).platform_subsidy == fee
    assert balance_of(seller=shop).held == 100000 + fee - 2500 - 500  # default commission 2.5%


def test_a_shop_funded_voucher_comes_off_the_shops_amount_commission_and_tax(buy, coffee, shop, five_percent):
    VoucherFactory(code="TOKO", value=20000, funded_by="shop")
    order = buy((coffee, 1), vouchers=["TOKO"])
    fee = order.shipments.get().shipping_fee

    balance = balance_of(seller=shop)
    assert balance.held == 80000 + fee - 4000 - 400
    assert (balance.ministry_subsidy, balance.platform_subsidy) == (0, 0)
    shop_discount = Entry.objects.get(kind="shop_discount")
    assert shop_discount.amount == -20000
    assert _total_of_all_accounts() == 0


def test_the_statement_shows_the_shops_own_and_the_funders_vouchers(buy, coffee, shop):
    VoucherFactory(code="TOKO", value=10000, funded_by="shop")
    VoucherFactory(code="KIRIM", kind="shipping", value=100, min_spend=0, funded_by="ministry")
    order = buy((coffee, 1), vouchers=["TOKO", "KIRIM"])
    fee = order.shipments.get().shipping_fee
    at = jakarta_now(order.paid_at)  # statements count Jakarta months

    statement = statement_of(seller=shop, year=at.year, month=at.month)

    assert (statement.gross_sales, statement.shop_discounts, statement.subsidies) == (100000 + fee, 10000, fee)
    assert statement.net == balance_of(seller=shop).held


def test_cancelling_a_paid_order_takes_back_the_buyers_money_and_the_funders_part(buy, coffee, shop):
    VoucherFactory(code="KEMENPERIN", value=20000, funded_by="ministry")
    order = buy((coffee, 1), vouchers=["KEMENPERIN"])

    lifecycle.order_cancel(order=order)

    balance = balance_of(seller=shop)
    assert (balance.held, balance.commission_total, balance.tax_withheld, balance.ministry_subsidy) == (0, 0, 0, 0)
    assert _total_of_all_accounts() == 0


def test_a_partial_refund_gives_back_only_what_the_buyer_paid(buy, coffee, shop):
    VoucherFactory(code="KEMENPERIN", value=20000, funded_by="ministry")
    order = buy((coffee, 1), vouchers=["KEMENPERIN"])
    shipment = order.shipments.get()

    money_refund(shipment=shipment, amount=30000, key="r1")

    assert balance_of(seller=shop).ministry_subsidy == 20000
    with pytest.raises(Exception, match="Paling banyak"):
        money_refund(shipment=shipment, amount=shipment.buyer_amount, key="r2")
    money_refund(shipment=shipment, amount=shipment.buyer_amount - 30000, key="r3")
    assert balance_of(seller=shop).ministry_subsidy == 0
    assert balance_of(seller=shop).held == 0
    assert _total_of_all_accounts() == 0


def test_a_shipment_paid_entirely_by_funders_is_reversed_on_cancellation(buy, coffee, shop):
    VoucherFactory(code="SEMUA", kind="percent", value=100, min_spend=0, funded_by="ministry")
    VoucherFactory(code="KIRIM", kind="shipping", value=100, min_spend=0, funded_by="platform")
    order = buy((coffee, 1), vouchers=["SEMUA", "KIRIM"])
    assert order.total == 0

    lifecycle.order_cancel(order=order)

    balance = balance_of(seller=shop)
    assert (balance.held, balance.ministry_subsidy, balance.platform_subsidy) == (0, 0, 0)
    assert _total_of_all_accounts() == 0


def test_a_shop_declines_its_shipment_that_funders_paid_entirely_and_their_part_comes_back(
    buy, coffee, toraja, shop, other_shop, seller_user
):
    VoucherFactory(code="SEMUA", kind="percent", value=100, min_spend=0, funded_by="ministry")
    VoucherFactory(code="KIRIM", kind="shipping", value=100, min_spend=0, funded_by="platform").sellers.add(shop)
    order = buy((coffee, 1), (toraja, 1), vouchers=["SEMUA", "KIRIM"])
    free = order.shipments.get(seller=shop)
    assert free.buyer_amount == 0 and order.total > 0

    declines.shipment_decline(shipment=free, actor=seller_user, reason="Stok habis")

    free.refresh_from_db()
    assert free.status == "cancelled"
    balance = balance_of(seller=shop)
    assert (balance.held, balance.ministry_subsidy, balance.platform_subsidy) == (0, 0, 0)
    assert _total_of_all_accounts() == 0
    assert order.payment.refunds.count() == 0  # the buyer paid nothing for it: nothing to send back


def test_a_silent_shop_past_its_complaint_deadline_on_a_shipment_funders_paid_entirely_does_not_stop_the_sweep(
    buy, coffee, toraja, shop, other_shop, seller_user, customer, settings
):
    VoucherFactory(code="SEMUA", kind="percent", value=100, min_spend=0, funded_by="ministry")
    VoucherFactory(code="KIRIM", kind="shipping", value=100, min_spend=0, funded_by="platform").sellers.add(shop)
    order = buy((coffee, 1), (toraja, 1), vouchers=["SEMUA", "KIRIM"])
    free = lifecycle.shipment_ship(
        shipment=order.shipments.get(seller=shop), actor=seller_user, courier="jne", tracking_number="JNE0012345678"
    )
    complaint = complaints.complaint_open(shipment=free, buyer=customer, reason="damaged", description="Pecah.")

    later = timezone.now() + settings.AFTERSALES_COMPLAINT_ANSWER + timedelta(minutes=1)
    assert complaints.complaints_enforce_deadlines(now=later) == 1

    complaint.refresh_from_db()
    assert (complaint.status, complaint.refund_amount) == ("refunded", 0)
    balance = balance_of(seller=shop)
    assert (balance.held, balance.available, balance.ministry_subsidy, balance.platform_subsidy) == (0, 0, 0, 0)
    assert _total_of_all_accounts() == 0


def test_the_pph22_export_names_the_goods_after_the_shops_own_voucher_as_the_base(buy, coffee, shop):
    VoucherFactory(code="TOKO", value=20000, funded_by="shop")
    VoucherFactory(code="KEMENPERIN", value=30000, funded_by="ministry")
    buy((coffee, 1), vouchers=["TOKO"])
    buy((coffee, 1), vouchers=["KEMENPERIN"])  # the ministry's voucher is the shop's turnover all the same
    now = jakarta_now()

    (row,) = withholding_of_month(year=now.year, month=now.month)

    assert (row["base"], row["tax"]) == (80000 + 100000, 400 + 500)


def test_the_buyer_cancels_an_order_whose_only_shipment_left_funders_paid_after_the_other_was_declined(
    buy, coffee, toraja, shop, other_shop, other_seller_user
):
    VoucherFactory(code="GRATIS", kind="percent", value=100, min_spend=0, funded_by="ministry").sellers.add(shop)
    VoucherFactory(code="KIRIM", kind="shipping", value=100, min_spend=0, funded_by="platform").sellers.add(shop)
    order = buy((coffee, 1), (toraja, 1), vouchers=["GRATIS", "KIRIM"])
    assert order.shipments.get(seller=shop).buyer_amount == 0
    declines.shipment_decline(
        shipment=order.shipments.get(seller=other_shop), actor=other_seller_user, reason="Stok habis"
    )  # its refund is on its way (not yet done)

    lifecycle.order_cancel(order=order)

    order.refresh_from_db()
    assert order.status == "cancelled"
    assert order.payment.refunds.count() == 1  # only the declined shipment's money goes back
    balance = balance_of(seller=shop)
    assert (balance.held, balance.ministry_subsidy, balance.platform_subsidy) == (0, 0, 0)
    assert _total_of_all_accounts() == 0


def test_goods_sent_back_after_a_complaint_give_the_ministry_voucher_budget_back_as_the_ledger_does(
    buy, coffee, shop, seller_user, customer
):
    voucher = VoucherFactory(code="KEMENPERIN", value=20000, funded_by="ministry")
    order = buy((coffee, 1), vouchers=["KEMENPERIN"])
    shipment = lifecycle.shipment_ship(
        shipment=order.shipments.get(), actor=seller_user, courier="jne", tracking_number="JNE0012345678"
    )
    complaint = complaints.complaint_open(shipment=shipment, buyer=customer, reason="damaged", description="Pecah.")
    complaint = complaints.complaint_shop_answer(complaint=complaint, by=seller_user, action="return")
    complaint = complaints.complaint_return_shipped(
        complaint=complaint, by=customer, courier="jne", tracking_number="JNE0099"
    )

    complaints.complaint_return_received(complaint=complaint, by=seller_user)

    assert balance_of(seller=shop).ministry_subsidy == 0  # the ledger: the ministry pays nothing for it
    voucher.refresh_from_db()
    assert (voucher.budget_used, voucher.uses) == (0, 0)  # and its budget reads the same
