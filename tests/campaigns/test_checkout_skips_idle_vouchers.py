"""Checkout reads vouchers only when the buyer typed a code or an automatic voucher is live."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.voucher_port import CampaignVoucherBackend, live_vouchers
from orders.services import checkout
from sellers.models import ProductVariant
from tests.factories import VoucherFactory
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db


def place(buyer, product, codes=()):
    with CaptureQueriesContext(connection) as ctx:
        order = checkout.order_place(
            buyer=buyer,
            address=checkout.Address(**ADDRESS),
            product_items=[(product.pk, 1)],
            courier="jne",
            vouchers=list(codes),
        )
    voucher_reads = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT "campaigns_voucher"')]
    return order, voucher_reads


def automatic(**terms):
    return VoucherFactory(code="", min_spend=0, **terms)


def test_an_order_with_no_code_and_no_automatic_voucher_reads_no_vouchers(customer, product):
    VoucherFactory(code="KOPI20", min_spend=0)  # needs its code typed

    order, voucher_reads = place(customer, product)

    assert voucher_reads == []
    assert order.voucher_discount == 0
    assert order.total == order.subtotal + order.shipping_total


def test_paused_ended_and_future_automatic_vouchers_are_not_read(customer, product):
    now = timezone.now()
    automatic(paused_at=now)
    automatic(starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=2))
    automatic(starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=9))

    order, voucher_reads = place(customer, product)

    assert voucher_reads == []
    assert order.voucher_discount == 0


def test_a_live_automatic_voucher_is_read_and_applied(customer, product):
    voucher = automatic(value=7000)

    order, voucher_reads = place(customer, product)

    assert len(voucher_reads) == 1
    assert order.voucher_discount == 7000
    voucher.refresh_from_db()
    assert voucher.budget_used == 7000


def test_a_typed_code_is_read_even_when_no_automatic_voucher_is_live(customer, product):
    VoucherFactory(code="KOPI20", value=20000, min_spend=0)

    order, voucher_reads = place(customer, product, codes=["kopi20"])

    assert len(voucher_reads) == 1
    assert order.voucher_discount == 20000


def test_a_typed_code_that_does_not_exist_is_still_refused(customer, product):
    with pytest.raises(checkout.ValidationError) as refused:
        place(customer, product, codes=["TIDAKADA"])

    assert "TIDAKADA" in str(refused.value.detail["voucher"])


def test_the_sql_mark_agrees_with_the_query_it_stands_for(product):
    """Each voucher state at once, compared at several moments around its edges."""
    now = timezone.now().replace(microsecond=0)
    cases = [
        {},
        {"paused_at": now},
        {"starts_at": now, "ends_at": now + timedelta(hours=1)},
        {"starts_at": now - timedelta(hours=1), "ends_at": now},
        {"starts_at": now + timedelta(seconds=1), "ends_at": now + timedelta(hours=1)},
    ]
    backend = CampaignVoucherBackend()
    rows = ProductVariant.objects.filter(product=product)
    for terms in cases:
        voucher = automatic(**terms)
        for at in (now - timedelta(seconds=1), now, now + timedelta(seconds=1)):
            marked = backend.mark_live(at).annotate(rows).get().vouchers_live
            assert bool(marked) == live_vouchers(codes=[], at=at).exists(), (terms, at)
        voucher.delete()
