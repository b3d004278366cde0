"""What each Rupiah of voucher subsidy bought: the cost side of the impact report.

Definitions (Rupiah whole, ratios rounded half up to 0.01):

- subsidy spent: what the campaign's vouchers took off orders paid within the campaign window and
  not cancelled: goods vouchers' discounts on the lines and shipping vouchers' part of the fees
  (of shipments neither declined nor sent back, which the sales leave out too and whose vouchers
  the funders get back), whoever funds them. A shipping subsidy is spread over its shipment's
  lines by their goods (remainder to the largest line), so that categories add up to the total.
- expected sales: what the baseline would have sold over the window with the pre-campaign trend,
  as the impact report's trend-adjusted uplift reads it (analytics/impact.py): baseline daily
  revenue x (1 + g) ** (gap days / 28) x window days; without growth months (M1 had no sales) the
  baseline alone, flagged `trend_adjusted: false`.
- extra sales = window revenue - expected sales (may be negative); revenue is what the goods sold
  for at campaign prices, before vouchers, as everywhere in the impact report.
- extra sales per Rupiah of subsidy = extra sales / subsidy spent; null without subsidy.

Per campaign, per campaign category (with its sub-categories) and per shop province. Four queries:
the uses with their orders, the lines, the subsidised shipments and the rollup by province.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Sum
from django.utils import timezone

from analytics.impact import GROWTH_MONTHS, MONTH_DAYS, Periods
from analytics.sales import DateRange, day_start, round_half_up
from campaigns.models_vouchers import Voucher, VoucherUse
from campaigns.voucher_rules import spread
from marketplace.provinces import province_name
from orders.models import Order, OrderLine, SalesDay, Shipment
from orders.services.ledger import jakarta

OTHER = 0  # a line outside the campaign's categories that a voucher still covered
GONE = (Shipment.Status.CANCELLED, Shipment.Status.RETURNED)  # no sale, and no subsidy


def extra_sales(total, periods: Periods) -> dict:
    """`total(period)` is the revenue of one group of sales over a period."""
    window, base = total(periods.window), total(periods.baseline)
    first, last = total(periods.months[0]), total(periods.months[-1])
    expected = Decimal(base) / periods.baseline.days * periods.window.days
    trended = first > 0
    if trended:
        growth = (Decimal(last) / Decimal(first)) ** (Decimal(1) / (GROWTH_MONTHS - 1)) - 1
        expected *= (1 + growth) ** (periods.gap_days / MONTH_DAYS)
    expected_rupiah = int(round_half_up(expected, "1"))
    return {
        "campaign_revenue": window,
        "expected_revenue": expected_rupiah,
        "extra_sales": window - expected_rupiah,
        "trend_adjusted": trended,
    }


def per_rupiah(extra: int, subsidy: int) -> float | None:
    return round_half_up(Decimal(extra) / Decimal(subsidy), "0.01") if subsidy else None


def subsidies(*, campaign_ids, windows: dict[int, DateRange], category_of) -> dict[int, dict]:
    """Subsidy spent per campaign: {campaign id: {"total", "categories": {key: Rupiah}, "provinces": {...}}}.

    `category_of(campaign_id, category_id)` names the campaign category a line counts under.
    """
    out = {pk: {"total": 0, "categories": defaultdict(int), "provinces": defaultdict(int)} for pk in campaign_ids}
    if not campaign_ids:
        return out
    starts = min(w.start for w in windows.values())
    ends = max(w.end for w in windows.values())
    uses = list(
        VoucherUse.objects.filter(
            voucher__campaign_id__in=campaign_ids,
            order__paid_at__gte=day_start(starts),
            order__paid_at__lt=day_start(ends + timedelta(days=1)),
        )
        .exclude(order__status=Order.Status.CANCELLED)
        .values_list("order_id", "order__paid_at", "voucher__kind", "voucher__campaign_id")
    )
    goods_of, shipping_of = {}, {}
    for order_id, paid_at, kind, campaign_id in uses:
        paid = day_of(paid_at)
        if not windows[campaign_id].start <= paid <= windows[campaign_id].end:
            continue
        (shipping_of if kind == Voucher.Kind.SHIPPING else goods_of)[order_id] = campaign_id
    orders = set(goods_of) | set(shipping_of)
    lines = list(
        OrderLine.objects.filter(order_id__in=orders)
        .exclude(shipment__status__in=GONE)
        .values_list("pk", "order_id", "shipment_id", "category_id", "seller__province", "voucher_discount")
        .annotate(goods=F("unit_price") * F("quantity"))
        .order_by("pk")
    )
    fees = dict(
        Shipment.objects.filter(order_id__in=list(shipping_of), shipping_subsidy__gt=0)
        .exclude(status__in=GONE)
        .values_list("pk", "shipping_subsidy")
    )

    def add(campaign_id, category_id, province, amount):
        if amount:
            figures = out[campaign_id]
            figures["total"] += amount
            figures["categories"][category_of(campaign_id, category_id)] += amount
            figures["provinces"][province] += amount

    by_shipment = defaultdict(list)
    for pk, order_id, shipment_id, category_id, province, off, goods in lines:
        if order_id in goods_of:
            add(goods_of[order_id], category_id, province, off)
        if shipment_id in fees:
            by_shipment[shipment_id].append((pk, order_id, category_id, province, goods))
    for shipment_id, shipment_lines in by_shipment.items():
        shares = spread(fees[shipment_id], [(pk, max(goods, 1)) for pk, _, _, _, goods in shipment_lines])
        for pk, order_id, category_id, province, _goods in shipment_lines:
            add(shipping_of[order_id], category_id, province, shares.get(pk, 0))
    return out


def day_of(at) -> date:
    return timezone.localtime(at, jakarta()).date()


def revenue_by_province(*, categories: set[int], span: DateRange) -> dict[str, dict[date, int]]:
    rows = (
        SalesDay.objects.filter(date__gte=span.start, date__lte=span.end, category_id__in=categories)
        .values_list("seller_province", "date")
        .annotate(revenue=Sum("revenue"))
        .order_by()
    )
    out: dict[str, dict[date, int]] = defaultdict(dict)
    for province, day, revenue in rows:
        out[province][day] = revenue or 0
    return out


def _between(days: dict[date, int]):
    return lambda period: sum(v for d, v in days.items() if period.start <= d <= period.end)


def campaign_cost_effectiveness(*, campaign, periods: Periods, sales, sets: dict, categories: list) -> dict:
    """The impact report's `cost_effectiveness` block (sales: analytics.impact.Sales of the report)."""
    union = set().union(*sets.values()) if sets else set()

    def category_of(_campaign_id, category_id):
        return next((pk for pk, members in sets.items() if category_id in members), OTHER)

    spent = subsidies(campaign_ids=[campaign.pk], windows={campaign.pk: periods.window}, category_of=category_of)
    spent = spent[campaign.pk]
    overall = extra_sales(lambda period: sales.total(union, period)[0], periods)
    rows = []
    for category in categories:
        figures = extra_sales(lambda period, c=category: sales.total(sets[c.pk], period)[0], periods)
        subsidy = spent["categories"].get(category.pk, 0)
        rows.append(
            {
                "category": {"id": category.pk, "slug": category.slug, "name": category.name},
                "subsidy": subsidy,
                **figures,
                "extra_sales_per_rupiah": per_rupiah(figures["extra_sales"], subsidy),
            }
        )
    provinces = revenue_by_province(categories=union, span=periods.span)
    province_rows = []
    for code in sorted(set(provinces) | set(spent["provinces"])):
        figures = extra_sales(_between(provinces.get(code, {})), periods)
        subsidy = spent["provinces"].get(code, 0)
        province_rows.append(
            {
                "province": code,
                "name": province_name(code),
                "subsidy": subsidy,
                **figures,
                "extra_sales_per_rupiah": per_rupiah(figures["extra_sales"], subsidy),
            }
        )
    province_rows.sort(key=lambda row: (-row["subsidy"], -row["extra_sales"], row["province"]))
    return {
        "subsidy": spent["total"],
        "subsidy_outside_categories": spent["categories"].get(OTHER, 0),
        **overall,
        "extra_sales_per_rupiah": per_rupiah(overall["extra_sales"], spent["total"]),
        "categories": rows,
        "provinces": province_rows,
    }
