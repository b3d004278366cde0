"""A shop's sales dashboard, read from the daily rollups (orders/services/ledger.py).

`seller_sales` runs four queries whatever the range: the shop's days (the range and the period
before it in one read), distinct buyers of both periods (one aggregate over the orders), top
products and sales by campaign. Days are Jakarta dates; every day of the range is present, zeros
included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import ValidationError
from orders.models import SalesDay, SellerBuyerDay, SellerSalesDay
from orders.services.ledger import jakarta
from sellers.models import Seller

PRESETS = (7, 30, 90)
DEFAULT_DAYS = 30
MAX_RANGE_DAYS = 366
TOP_PRODUCTS = 10


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> DateRange:
        """The period of the same length right before this one."""
        return DateRange(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range(self.days)]


def today_in_jakarta() -> date:
    return timezone.localtime(timezone.now(), jakarta()).date()


def day_start(day: date) -> datetime:
    """00:00 Jakarta time of `day`, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=jakarta())


def pct_change(current, previous) -> float | None:
    """(current / previous - 1) * 100, rounded half up to 0.1; None when there is nothing to compare with."""
    if not previous:
        return None
    return round_half_up((Decimal(current) / Decimal(previous) - 1) * 100, "0.1")


def round_half_up(value, places: str = "0.1") -> float:
    return float(Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP))


def rupiah_div(amount, count) -> int:
    """Whole Rupiah of amount / count, half up (0 when count is 0)."""
    if not count:
        return 0
    return int((Decimal(amount) / Decimal(count)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def parse_date_range(params, *, today: date | None = None) -> DateRange:
    """`?from=&to=` (ISO dates, Jakarta) or `?days=7|30|90` (ending today); 400 naming the field otherwise."""
    today = today or today_in_jakarta()
    raw_from, raw_to, raw_days = params.get("from"), params.get("to"), params.get("days")
    if raw_from or raw_to:
        errors, parsed = {}, {}
        for field, raw in (("from", raw_from), ("to", raw_to)):
            if not raw:
                parsed[field] = today if field == "to" else None
                if field == "from":
                    errors[field] = [_("Tanggal awal wajib diisi bersama tanggal akhir (YYYY-MM-DD).")]
                continue
            try:
                parsed[field] = date.fromisoformat(raw)
            except (TypeError, ValueError):
                errors[field] = [_("Tanggal tidak valid; gunakan format YYYY-MM-DD.")]
        if errors:
            raise ValidationError(errors)
        start, end = parsed["from"], parsed["to"]
        if start > end:
            raise ValidationError({"from": [_("Tanggal awal harus sebelum atau sama dengan tanggal akhir.")]})
        if (end - start).days + 1 > MAX_RANGE_DAYS:
            raise ValidationError({"to": [_("Rentang paling panjang %(days)s hari.") % {"days": MAX_RANGE_DAYS}]})
        if start.toordinal() <= (end - start).days + 1:
            # The report compares with the period right before, which must still be a calendar date.
            raise ValidationError({"from": [_("Tanggal awal terlalu jauh di masa lalu.")]})
        return DateRange(start, end)
    days = DEFAULT_DAYS
    if raw_days not in (None, ""):
        if raw_days not in {str(p) for p in PRESETS}:
            raise ValidationError(
                {"days": [_("Pilih salah satu: %(choices)s.") % {"choices": ", ".join(str(p) for p in PRESETS)}]}
            )
        days = int(raw_days)
    return DateRange(today - timedelta(days=days - 1), today)


def _totals(orders: int, units: int, revenue: int, buyers: int) -> dict:
    return {
        "orders": orders,
        "units": units,
        "revenue": revenue,
        "buyers": buyers,
        "average_order_value": rupiah_div(revenue, orders),
    }


def seller_sales(*, seller: Seller, period: DateRange) -> dict:
    """Everything the dashboard shows for `period`, and the same totals for the period before."""
    previous = period.previous()
    rows = SellerSalesDay.objects.filter(seller=seller, date__gte=previous.start, date__lte=period.end).values_list(
        "date", "orders", "units", "revenue", "campaign_units", "campaign_revenue"
    )
    by_date = {row[0]: row for row in rows}

    buyer_counts = SellerBuyerDay.objects.filter(
        seller=seller, date__gte=previous.start, date__lte=period.end
    ).aggregate(
        current=Count("buyer_id", distinct=True, filter=Q(date__gte=period.start)),
        previous=Count("buyer_id", distinct=True, filter=Q(date__lt=period.start)),
    )

    def sums(days: DateRange) -> tuple[int, int, int]:
        picked = [by_date[d] for d in days.dates() if d in by_date]
        return tuple(sum(row[i] for row in picked) for i in (1, 2, 3))

    current_sums, previous_sums = sums(period), sums(previous)
    totals = _totals(*current_sums, buyer_counts["current"])
    before = _totals(*previous_sums, buyer_counts["previous"])

    in_period = SalesDay.objects.filter(seller=seller, date__gte=period.start, date__lte=period.end)
    top = (
        in_period.values("product_id", "product__name")
        .annotate(units=Sum("units"), revenue=Sum("revenue"))
        .order_by("-revenue", "-units", "product_id")[:TOP_PRODUCTS]
    )
    campaigns = (
        in_period.values("campaign_key")
        .annotate(hashtag=Max("campaign_hashtag"), units=Sum("units"), revenue=Sum("revenue"))
        .order_by("-revenue", "campaign_key")
    )
    return {
        "seller": {"id": seller.pk, "name": seller.name},
        "range": {"from": period.start, "to": period.end, "days": period.days},
        "previous_range": {"from": previous.start, "to": previous.end},
        "totals": totals,
        "previous": before,
        "change_pct": {key: pct_change(totals[key], before[key]) for key in ("orders", "units", "revenue", "buyers")},
        "daily": [
            {
                "date": d,
                "orders": by_date[d][1] if d in by_date else 0,
                "units": by_date[d][2] if d in by_date else 0,
                "revenue": by_date[d][3] if d in by_date else 0,
            }
            for d in period.dates()
        ],
        "top_products": [
            {
                "product": row["product_id"],
                "name": row["product__name"],
                "units": row["units"],
                "revenue": row["revenue"],
            }
            for row in top
        ],
        "by_campaign": [
            {
                "campaign": row["campaign_key"] or None,
                "hashtag": row["hashtag"] if row["campaign_key"] else "",
                "units": row["units"],
                "revenue": row["revenue"],
            }
            for row in campaigns
        ],
    }
