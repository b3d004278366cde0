"""The staff reconciliation report: each Midtrans transaction of a day beside our order, mismatches first."""

import csv
import io

import pytest
from django.utils import timezone

from orders.models import PaymentCharge
from orders.services import charges, lifecycle, reconcile
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/staf/pembayaran/rekonsiliasi/"


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.fixture
def day_of_payments(place_order, customer, midtrans):
    """Three orders paid today: one in order, one Midtrans settled for another amount, one cancelled by
    bank transfer whose refund waits for staff."""
    orders = [place_order((ProductFactory(price=50000 + i * 1000), 1)) for i in range(3)]
    for order, method in zip(orders, ["qris", "va_bca", "va_bni"], strict=True):
        charges.payment_start(order=order, method=method, actor=customer)
        midtrans.settle(order.number)
    midtrans.transactions[orders[1].number].gross_amount += 1
    charges.charge_refresh(charge=PaymentCharge.objects.get(provider_order_id=orders[2].number))
    lifecycle.order_cancel(order=orders[2], actor=customer)
    return orders


def test_the_daily_check_asks_midtrans_about_every_charge_of_the_day(day_of_payments, midtrans):
    before = len(midtrans.calls_to("status"))

    checked = reconcile.payments_check_day(day=timezone.localdate())

    assert checked == 3
    assert len(midtrans.calls_to("status")) - before == 3


def test_the_report_lists_the_mismatches_first(staff, day_of_payments, midtrans):
    fine, wrong_amount, cancelled = day_of_payments
    reconcile.payments_check_day(day=timezone.localdate())

    response = staff.get(URL, {"date": timezone.localdate().isoformat()})

    rows = response.context["rows"]
    assert [row.order_number for row in rows][:2] == sorted([wrong_amount.number, cancelled.number])
    problems = {row.order_number: row.problem for row in rows}
    assert problems[fine.number] == ""
    assert problems[wrong_amount.number].startswith("Jumlah berbeda")
    assert problems[cancelled.number] == "Pesanan dibatalkan, dana belum dikembalikan penuh"
    assert "3 transaksi, 2 tidak cocok." in response.text


def test_the_report_downloads_as_csv(staff, day_of_payments):
    reconcile.payments_check_day(day=timezone.localdate())

    response = staff.get(URL, {"date": timezone.localdate().isoformat(), "format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0][:4] == ["order_number", "provider_order_id", "method", "amount"]
    assert len(table) == 4


def test_the_report_reads_the_same_few_queries_however_many_transactions(
    staff, day_of_payments, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        staff.get(URL, {"date": timezone.localdate().isoformat()})


@pytest.mark.parametrize("date", ["", "kemarin", "2026-13-45"])
def test_a_missing_or_bad_date_shows_yesterday_not_an_error(staff, date):
    assert staff.get(URL, {"date": date}).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "customer", "ministry"])
def test_only_staff_see_the_report(client, who, customer, ministry):
    if who != "anonymous":
        client.force_login({"customer": customer, "ministry": ministry}[who])

    response = client.get(URL)

    assert response.status_code == 302
    assert "/admin/login/" in response.url
