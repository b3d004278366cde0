"""Reads of seller money: balances, the entry list, monthly statements, PPh 22 withheld per month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, F, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from marketplace.celery import PAYOUT_RUN_DAYS, PAYOUT_RUN_HOUR
from orders.vouchers import Funder
from payouts.models import Account, BankAccount, Entry, Journal, Payout, PayoutBatch
from sellers.models import Seller

K = Account.Kind
E = Entry.Kind
SHOP_FACING = (K.HELD, K.AVAILABLE)


def jakarta_now(at: datetime | None = None) -> datetime:
    return timezone.localtime(at or timezone.now(), ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class Balance:
    held: int = 0
    available: int = 0
    in_transit: int = 0
    paid_out: int = 0
    commission_total: int = 0
    tax_withheld: int = 0
    # What voucher funders owe for this shop's sales: credited to the shop already, paid by them.
    ministry_subsidy: int = 0
    platform_subsidy: int = 0


def balance_of(*, seller: Seller) -> Balance:
    """The shop's figures in one indexed read of its account rows (never a sum over entries)."""
    return balance_with_accounts(seller=seller)[0]


def balance_with_accounts(*, seller: Seller) -> tuple[Balance, list[int]]:
    """The figures and the ids of the shop's own accounts (held, available), from the same one query."""
    rows = {
        kind: (pk, balance)
        for pk, kind, balance in Account.objects.filter(seller=seller).values_list("pk", "kind", "balance")
    }
    figures = {kind: balance for kind, (_, balance) in rows.items()}
    balance = Balance(
        held=figures.get(K.HELD, 0),
        available=figures.get(K.AVAILABLE, 0),
        in_transit=figures.get(K.IN_TRANSIT, 0),
        paid_out=figures.get(K.PAID_OUT, 0),
        commission_total=figures.get(K.COMMISSION, 0),
        tax_withheld=figures.get(K.TAX, 0),
        ministry_subsidy=-figures.get(K.MINISTRY_DUE, 0),
        platform_subsidy=-figures.get(K.PLATFORM_DUE, 0),
    )
    return balance, [rows[kind][0] for kind in SHOP_FACING if kind in rows]


def balance_by_summing_entries(*, seller: Seller) -> dict[str, int]:
    """The same figures summed over every entry: what the benchmark compares `balance_of` with."""
    return dict(
        Entry.objects.filter(account__seller=seller).values_list("account__kind").annotate(Sum("amount")).order_by()
    )


def _shop_account_ids(seller: Seller) -> list[int]:
    return list(Account.objects.filter(seller=seller, kind__in=SHOP_FACING).values_list("pk", flat=True))


def entry_list(*, seller: Seller) -> QuerySet[Entry]:
    """The shop's own entries (held and available), newest first, with their order and shipment."""
    return (
        Entry.objects.filter(account_id__in=_shop_account_ids(seller))
        .select_related("account", "journal__order")
        .order_by("-id")
    )


def entry_page(*, account_ids: list[int], before: int | None = None, size: int = 20) -> tuple[list[Entry], int | None]:
    """The newest `size` entries of these accounts older than entry `before`, and the id to go on from.

    One indexed range per account (`account, -id`), merged: the page costs the same whether the shop
    has a hundred entries or a million, and needs no `COUNT(*)` over them. PostgreSQL takes the
    ranges in one `UNION ALL`; SQLite, which cannot limit inside a union, one query per account.
    """
    ranges = []
    for account_id in account_ids:
        qs = Entry.objects.filter(account_id=account_id)
        if before is not None:
            qs = qs.filter(id__lt=before)
        ranges.append(qs.select_related("account", "journal__order").order_by("-id")[: size + 1])
    if not ranges:
        return [], None
    if connection.features.supports_slicing_ordering_in_compound:
        rows = list(ranges[0].union(*ranges[1:], all=True).order_by("-id")[: size + 1])
    else:
        rows = sorted((entry for qs in ranges for entry in qs), key=lambda entry: entry.pk, reverse=True)
    more = len(rows) > size
    rows = rows[:size]
    return rows, (rows[-1].pk if more and rows else None)


def next_payout_date(now: datetime | None = None) -> date:
    """The Jakarta date of the next scheduled run (08:00 on the 1st and the 16th, marketplace/celery.py):
    today while today's run is still to come."""
    now = jakarta_now(now)
    today = now.date()
    if today.day in PAYOUT_RUN_DAYS and now.hour < PAYOUT_RUN_HOUR:
        return today
    later = [day for day in PAYOUT_RUN_DAYS if day > today.day]
    if later:
        return today.replace(day=later[0])
    return (today.replace(day=28) + timedelta(days=4)).replace(day=PAYOUT_RUN_DAYS[0])


def bank_account_of(*, seller: Seller) -> BankAccount | None:
    return BankAccount.objects.filter(seller=seller).first()


def shop_of_member_with_bank(*, user, seller_id: int) -> Seller | None:
    """One of the user's shops with its bank account (or None), in one query, for the Saldo page."""
    if not user.is_authenticated:
        return None
    return Seller.objects.filter(pk=seller_id, members__user=user).select_related("bank_account").first()


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    tz = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(date(year, month, 1), time.min, tz)
    end_day = (date(year, month, 28) + timedelta(days=4)).replace(day=1)
    return start, datetime.combine(end_day, time.min, tz)


@dataclass(frozen=True)
class Statement:
    seller: Seller
    year: int
    month: int
    gross_sales: int
    refunds: int
    commission: int
    tax_withheld: int
    released: int
    paid_out: int
    lines: list
    shop_discounts: int = 0  # vouchers the shop funds: off its sales
    subsidies: int = 0  # vouchers the ministry or platform funds: in its sales, paid by them
    subsidies_returned: int = 0  # their part of orders refunded in full

    @property
    def net(self) -> int:
        return (
            self.gross_sales
            - self.shop_discounts
            - self.refunds
            - self.subsidies_returned
            - self.commission
            - self.tax_withheld
        )


def statement_of(*, seller: Seller, year: int, month: int) -> Statement:
    """A shop's month by Jakarta dates: sales, refunds, commission and PPh 22 (net of reversals), payouts."""
    start, end = month_bounds(year, month)
    entries = Entry.objects.filter(account__seller=seller, created_at__gte=start, created_at__lt=end)
    sums = dict(
        ((a, k), v) for a, k, v in entries.values_list("account__kind", "kind").annotate(Sum("amount")).order_by()
    )
    lines = list(
        entries.filter(account__kind=K.TAX)
        .values("journal__shipment_id", "journal__order__number")
        .annotate(tax=Sum("amount"))
        .order_by("journal__shipment_id")
    )
    return Statement(
        seller=seller,
        year=year,
        month=month,
        gross_sales=sums.get((K.HELD, E.SALE), 0),
        refunds=sums.get((K.BUYER_FUNDS, E.REFUND), 0),
        commission=sums.get((K.COMMISSION, E.COMMISSION), 0),
        tax_withheld=sums.get((K.TAX, E.TAX), 0),
        released=sums.get((K.AVAILABLE, E.RELEASE), 0),
        paid_out=sums.get((K.PAID_OUT, E.PAYOUT_PAID), 0),
        lines=lines,
        shop_discounts=-sums.get((K.HELD, E.SHOP_DISCOUNT), 0),
        subsidies=-sums.get((K.MINISTRY_DUE, E.SUBSIDY), 0) - sums.get((K.PLATFORM_DUE, E.SUBSIDY), 0),
        subsidies_returned=-sums.get((K.HELD, E.SUBSIDY), 0) - sums.get((K.AVAILABLE, E.SUBSIDY), 0),
    )


def statement_months(*, seller: Seller) -> list[tuple[int, int]]:
    """Months (newest first) in which the shop had any entry, by Jakarta date."""
    first = Entry.objects.filter(account__seller=seller).order_by("id").values_list("created_at", flat=True).first()
    if first is None:
        return []
    start, now = jakarta_now(first), jakarta_now()
    months, y, m = [], now.year, now.month
    while (y, m) >= (start.year, start.month):
        months.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return months


def withholding_of_month(*, year: int, month: int) -> list[dict]:
    """PPh 22 withheld per shop in a month (net of reversals) with the goods it was withheld on: the
    shipment's goods less the shop's own voucher, as `money_credit_paid_order` taxed them (a voucher
    the ministry or the platform funds is still the shop's turnover)."""
    start, end = month_bounds(year, month)
    sale = Q(journal__kind=Journal.Kind.SALE)
    shop_voucher = Case(
        When(journal__shipment__voucher_funder=Funder.SHOP, then=F("journal__shipment__voucher_discount")),
        default=Value(0),
    )
    return list(
        Entry.objects.filter(created_at__gte=start, created_at__lt=end, account__kind=K.TAX)
        .values("account__seller_id", "account__seller__name", "account__seller__nib")
        .annotate(
            tax=Sum("amount"),
            base=Sum(F("journal__shipment__subtotal") - shop_voucher, filter=sale, default=0),
            shipments=Count("journal__shipment", filter=sale, distinct=True),
        )
        .order_by("account__seller__name", "account__seller_id")
    )


def batch_list() -> QuerySet[PayoutBatch]:
    return (
        PayoutBatch.objects.annotate(
            payout_count=Count("payouts"),
            total=Sum("payouts__amount", default=0),
            paid=Count("payouts", filter=Q(payouts__status=Payout.Status.PAID)),
            failed=Count("payouts", filter=Q(payouts__status=Payout.Status.FAILED)),
        )
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


def payouts_of_batch(*, batch: PayoutBatch) -> QuerySet[Payout]:
    return batch.payouts.select_related("seller").order_by("id")


def payout_list_of_shop(*, seller: Seller) -> QuerySet[Payout]:
    return Payout.objects.filter(seller=seller).select_related("batch").order_by("-id")


def bank_accounts_to_check() -> QuerySet[BankAccount]:
    return (
        BankAccount.objects.filter(verified_at=None).select_related("seller").prefetch_related("seller__members__user")
    )
