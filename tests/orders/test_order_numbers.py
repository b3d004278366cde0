"""Order numbers: the id and the Jakarta date, written with the order row."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orders.models import Order
from orders.services import checkout

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the sequence is PostgreSQL's")


def test_the_order_number_shows_the_jakarta_date_and_the_order_id(place_order, product):
    order = place_order((product, 1))

    order.refresh_from_db()
    assert order.number == f"INV-{timezone.localdate(order.created_at):%Y%m%d}-{order.pk:06d}"


def test_the_date_in_the_number_is_jakartas_even_when_it_is_still_yesterday_in_utc():
    at = datetime(2026, 11, 30, 18, 30, tzinfo=ZoneInfo("UTC"))  # 01:30 on 1 December in Jakarta

    assert checkout.order_number(42, at) == "INV-20261201-000042"


@postgresql_only
def test_on_postgresql_the_number_is_written_with_the_row_never_updated_after(place_order, product):
    with CaptureQueriesContext(connection) as ctx:
        order = place_order((product, 1))

    statements = [q["sql"] for q in ctx.captured_queries]
    assert not [sql for sql in statements if sql.startswith('UPDATE "orders_order"')]
    assert Order.objects.get(pk=order.pk).number == order.number


@postgresql_only
def test_orders_created_otherwise_and_checkouts_share_one_sequence(place_order, product, customer):
    first = place_order((product, 1))
    other = Order.objects.create(
        number="IMPORT-1", buyer=customer, subtotal=0, shipping_total=0, total=0, payment_deadline=timezone.now()
    )
    second = place_order((product, 1))

    assert first.pk < other.pk < second.pk
    assert len({first.number, second.number}) == 2
