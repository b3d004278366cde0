"""How much a campaign moved sales: the impact report the ministry reads.

All figures come from paid, uncancelled order lines, counted on the Jakarta date of payment, read
from the daily rollup `orders.SalesDay` (plus the campaign-priced order lines themselves for exact
order counts). The report runs the same queries whatever the dates (six, and four for the
cost of its vouchers: analytics/cost_effectiveness.py).

Definitions (every percentage is rounded half up to 0.1; every Rupiah average to the whole Rupiah):

- window: the Jakarta dates of `starts_at` .. `ends_at`, both included (W days); while the campaign
  runs, up to today, so that days still to come do not count as days without sales;
  baseline: the `baseline_days` (B, default 28) days right before the window.
- per category (the campaign's categories, each with all its sub-categories):
  daily average = total / number of days of the period (days without sales count as zero), and
  uplift % = (window daily average / baseline daily average - 1) * 100; null ("no baseline") when
  the baseline average is 0 - never a division error.
- pre-campaign monthly growth: a "month" is 28 days (four whole weeks, so each month has the same
  mix of weekdays). The three months right before the window, M1 (oldest) .. M3, give the compound
  average growth per month g = (revenue M3 / revenue M1) ** (1/2) - 1; null when M1 had no sales.
- trend-adjusted uplift: the baseline average grown by g over the time from the baseline's midpoint
  to the window's midpoint, expected = baseline average * (1 + g) ** (gap days / 28), then
  (window average / expected - 1) * 100. It answers "how much more than the trend alone would give".
- difference in differences: the revenue uplift of participating shops (an approved enrolment in
  this campaign) minus that of the other shops selling in the same categories, in percentage
  points, computed from the two rounded uplifts shown.
- participating_sellers, orders, units, gmv and by_province: order lines priced by this campaign
  whose order was paid within the window (gmv = what buyers paid, unit_price * quantity); orders are
  distinct orders, so an order with two shops' campaign products counts once in the total.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, Subquery, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from analytics.sales import DateRange, day_start, pct_change, round_half_up, rupiah_div
from campaigns.models import Campaign, Enrolment
from marketplace.errors import ValidationError
from marketplace.provinces import province_name
from orders.models import SalesDay
from orders.services.ledger import counted_lines, jakarta
from sellers.models import Category

DEFAULT_BASELINE_DAYS = 28
MIN_BASELINE_DAYS, MAX_BASELINE_DAYS = 7, 365
MONTH_DAYS = 28
GROWTH_MONTHS = 3


def parse_baseline_days(raw) -> int:
    if raw in (None, ""):
        return DEFAULT_BASELINE_DAYS
    try:
        days = int(raw)
    except (TypeError, ValueError):
        days = None
    if days is None or not MIN_BASELINE_DAYS <= days <= MAX_BASELINE_DAYS:
        raise ValidationError(
            {
                "baseline_days": [
                    _("Isi bilangan bulat %(min)s sampai %(max)s (hari).")
                    % {"min": MIN_BASELINE_DAYS, "max": MAX_BASELINE_DAYS}
                ]
            }
        )
    return days


def campaign_window(campaign: Campaign) -> DateRange:
    tz = jakarta()
    start, end = timezone.localtime(campaign.starts_at, tz).date(), timezone.localtime(campaign.ends_at, tz).date()
    today = timezone.localdate(timezone=tz)
    return DateRange(start, today if start <= today < end else end)


@dataclass(frozen=True)
class Periods:
    window: DateRange
    baseline: DateRange
    months: tuple[DateRange, ...]  # the growth months, oldest first, ending the day before the window

    @classmethod
    def of(cls, window: DateRange, baseline_days: int) -> Periods:
        baseline = DateRange(window.start - timedelta(days=baseline_days), window.start - timedelta(days=1))
        months = tuple(
            DateRange(
                window.start - timedelta(days=MONTH_DAYS * (GROWTH_MONTHS - n)),
                window.start - timedelta(days=MONTH_DAYS * (GROWTH_MONTHS - n - 1) + 1),
            )
            for n in range(GROWTH_MONTHS)
        )
        return cls(window, baseline, months)

    @property
    def span(self) -> DateRange:
        return DateRange(min(self.baseline.start, self.months[0].start), self.window.end)

    @property
    def started(self) -> bool:
        """Before its first day a campaign has no sales to measure: not a fall of 100%."""
        return self.window.start <= timezone.localdate(timezone=jakarta())

    @property
    def gap_days(self) -> Decimal:
        """Days from the baseline's midpoint to the window's midpoint."""
        mid = lambda r: Decimal(r.start.toordinal()) + Decimal(r.days - 1) / 2  # noqa: E731
        return mid(self.window) - mid(self.baseline)


class Sales:
    """Daily revenue and units by (category, participant?), summed over any set of categories and days."""

    def __init__(self, rows):
        self.by_key: dict[tuple[int, bool], dict[date, list[int]]] = defaultdict(dict)
        for day, category_id, participant, revenue, units in rows:
            self.by_key[(category_id, bool(participant))][day] = [revenue or 0, units or 0]

    def total(self, categories, period: DateRange, *, participant: bool | None = None) -> tuple[int, int]:
        revenue = units = 0
        for (category_id, is_participant), days in self.by_key.items():
            if category_id not in categories or (participant is not None and participant != is_participant):
                continue
            for day, (r, u) in days.items():
                if period.start <= day <= period.end:
                    revenue += r
                    units += u
        return revenue, units

    def daily(self, categories, period: DateRange) -> dict[date, list[int]]:
        out = {d: [0, 0] for d in period.dates()}
        for (category_id, _campaign), days in self.by_key.items():
            if category_id in categories:
                for day, (r, u) in days.items():
                    if day in out:
                        out[day][0] += r
                        out[day][1] += u
        return out


def uplift_pct(during, before) -> float | None:
    """(during / before - 1) * 100 to 0.1; None when there was no baseline."""
    return pct_change(during, before)


def measure(sales: Sales, categories, periods: Periods, *, participant: bool | None = None) -> dict:
    """Averages, uplift, growth and trend-adjusted uplift of one set of categories (and shops)."""
    base_revenue, base_units = sales.total(categories, periods.baseline, participant=participant)
    camp_revenue, camp_units = sales.total(categories, periods.window, participant=participant)
    base_avg = Decimal(base_revenue) / periods.baseline.days
    camp_avg = Decimal(camp_revenue) / periods.window.days
    base_units_avg = Decimal(base_units) / periods.baseline.days
    camp_units_avg = Decimal(camp_units) / periods.window.days
    first, last = (
        sales.total(categories, m, participant=participant)[0] for m in (periods.months[0], periods.months[-1])
    )
    growth = None
    if first > 0:
        growth = (Decimal(last) / Decimal(first)) ** (Decimal(1) / (GROWTH_MONTHS - 1)) - 1
    trend = None
    if growth is not None and base_avg > 0:
        expected = base_avg * (1 + growth) ** (periods.gap_days / MONTH_DAYS)
        trend = uplift_pct(camp_avg, expected) if expected > 0 else None
    started = periods.started
    growth_pct = round_half_up(growth * 100, "0.1") if growth is not None and started else None
    return {
        "baseline_daily_revenue": rupiah_div(base_revenue, periods.baseline.days),
        "campaign_daily_revenue": rupiah_div(camp_revenue, periods.window.days),
        "revenue_uplift_pct": uplift_pct(camp_avg, base_avg) if started else None,
        "baseline_daily_units": round_half_up(base_units_avg, "0.01"),
        "campaign_daily_units": round_half_up(camp_units_avg, "0.01"),
        "units_uplift_pct": uplift_pct(camp_units_avg, base_units_avg) if started else None,
        "pre_campaign_monthly_growth_pct": growth_pct,
        "trend_adjusted_uplift_pct": trend if started else None,
    }


def category_descendants() -> dict[int, set[int]]:
    """Every category with itself and all its sub-categories (one query; the tree is small)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)

    def below(pk: int) -> set[int]:
        found, todo = set(), [pk]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(children.get(current, []))
        return found

    return {pk: below(pk) for pks in children.values() for pk in pks}


def sales_by_day(*, categories: set[int], span: DateRange, campaign_ids=None) -> Sales:
    """One aggregate over the rollup: per day and category, split by whether the shop took part.

    A shop takes part when it has an approved enrolment in one of `campaign_ids` (none: all count as
    non-participants).
    """
    participant = Value(0)
    if campaign_ids:
        enrolled = Enrolment.objects.filter(campaign_id__in=campaign_ids, status=Enrolment.Status.APPROVED)
        participant = Case(
            When(seller_id__in=Subquery(enrolled.values("seller_id")), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    rows = (
        SalesDay.objects.filter(date__gte=span.start, date__lte=span.end, category_id__in=categories)
        .annotate(participant=participant)
        .values_list("date", "category_id", "participant")
        .annotate(revenue=Sum("revenue"), units=Sum("units"))
        .order_by()
    )
    return Sales(rows)


def _campaign_lines(campaign: Campaign, window: DateRange):
    """The campaign's sold lines: as the sales ledger counts them (a shipment a shop declined or a
    buyer sent back is no sale)."""
    return counted_lines().filter(
        campaign_id=campaign.pk,
        order__paid_at__gte=day_start(window.start),
        order__paid_at__lt=day_start(window.end + timedelta(days=1)),
    )


def campaign_impact(*, campaign: Campaign, baseline_days: int = DEFAULT_BASELINE_DAYS) -> dict:
    periods = Periods.of(campaign_window(campaign), baseline_days)
    campaign_categories = sorted(campaign.categories.all(), key=lambda c: (c.position, c.name, c.pk))
    descendants = category_descendants()
    sets = {c.pk: descendants.get(c.pk, {c.pk}) for c in campaign_categories}
    union = set().union(*sets.values()) if sets else set()
    sales = sales_by_day(categories=union, span=periods.span, campaign_ids=[campaign.pk])

    overall = measure(sales, union, periods)
    participants = measure(sales, union, periods, participant=True)
    others = measure(sales, union, periods, participant=False)
    did = None
    if participants["revenue_uplift_pct"] is not None and others["revenue_uplift_pct"] is not None:
        did = round_half_up(
            Decimal(str(participants["revenue_uplift_pct"])) - Decimal(str(others["revenue_uplift_pct"]))
        )

    lines = _campaign_lines(campaign, periods.window)
    gmv = Sum(F("quantity") * F("unit_price"))
    totals = lines.aggregate(
        sellers=Count("seller_id", distinct=True),
        orders=Count("order_id", distinct=True),
        units=Sum("quantity"),
        gmv=gmv,
    )
    provinces = (
        lines.values("seller__province")
        .annotate(
            sellers=Count("seller_id", distinct=True),
            orders=Count("order_id", distinct=True),
            units=Sum("quantity"),
            gmv=gmv,
        )
        .order_by("-gmv", "seller__province")
    )
    enrolled_sellers = Enrolment.objects.filter(campaign=campaign, status=Enrolment.Status.APPROVED).aggregate(
        n=Count("seller_id", distinct=True)
    )["n"]
    daily = sales.daily(union, periods.span)
    from analytics.cost_effectiveness import campaign_cost_effectiveness  # it builds on this module's periods

    cost = campaign_cost_effectiveness(
        campaign=campaign, periods=periods, sales=sales, sets=sets, categories=campaign_categories
    )
    return {
        "campaign": {"id": campaign.pk, "slug": campaign.slug, "hashtag": campaign.hashtag, "name": campaign.name},
        "started": periods.started,
        "window": {"start": periods.window.start, "end": periods.window.end, "days": periods.window.days},
        "baseline": {"start": periods.baseline.start, "end": periods.baseline.end, "days": periods.baseline.days},
        "growth_months": [{"start": m.start, "end": m.end, "days": m.days} for m in periods.months],
        "categories": [
            {"category": {"id": c.pk, "slug": c.slug, "name": c.name}, **measure(sales, sets[c.pk], periods)}
            for c in campaign_categories
        ],
        "enrolled_sellers": enrolled_sellers,
        "participating_sellers": totals["sellers"] or 0,
        "orders": totals["orders"] or 0,
        "units": totals["units"] or 0,
        "gmv": totals["gmv"] or 0,
        "by_province": [
            {
                "province": row["seller__province"],
                "name": province_name(row["seller__province"]),
                "sellers": row["sellers"],
                "orders": row["orders"],
                "units": row["units"],
                "gmv": row["gmv"],
            }
            for row in provinces
        ],
        "baseline_daily_revenue": overall["baseline_daily_revenue"],
        "campaign_daily_revenue": overall["campaign_daily_revenue"],
        "revenue_uplift_pct": overall["revenue_uplift_pct"],
        "units_uplift_pct": overall["units_uplift_pct"],
        "pre_campaign_monthly_growth_pct": overall["pre_campaign_monthly_growth_pct"],
        "trend_adjusted_uplift_pct": overall["trend_adjusted_uplift_pct"],
        "difference_in_differences": {
            "participants_uplift_pct": participants["revenue_uplift_pct"],
            "non_participants_uplift_pct": others["revenue_uplift_pct"],
            "did_pct_points": did,
        },
        "daily": [
            {
                "date": day,
                "revenue": revenue,
                "units": units,
                "in_campaign": periods.window.start <= day <= periods.window.end,
                "in_baseline": periods.baseline.start <= day <= periods.baseline.end,
            }
            for day, (revenue, units) in daily.items()
        ],
        "cost_effectiveness": cost,
    }


def campaign_for_impact(*, slug: str) -> Campaign | None:
    return Campaign.objects.prefetch_related("categories").filter(slug=slug).first()
