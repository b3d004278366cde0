"""The ministry's programme overview: shops, monthly GMV and every campaign's headline uplift.

Five queries whatever the number of shops, months or campaigns: shops by province (one grouped
count), monthly GMV (one aggregate over the shop rollup), the campaigns with their categories (two),
the category tree (one) and one aggregate of the product rollup over the span of all campaigns,
from which each campaign's uplift against its 28-day baseline is computed (analytics/impact.py);
and up to three for what its vouchers cost (analytics/cost_effectiveness.py).
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from analytics.cost_effectiveness import extra_sales, per_rupiah, subsidies
from analytics.impact import (
    DEFAULT_BASELINE_DAYS,
    Periods,
    campaign_window,
    category_descendants,
    measure,
    sales_by_day,
)
from analytics.sales import DateRange
from campaigns.models import Campaign
from marketplace.provinces import province_name
from orders.models import SellerSalesDay
from sellers.models import Seller

MAX_CAMPAIGNS = 50


def shops_by_province() -> list[dict]:
    status, scale = Seller.Status, Seller.Scale
    rows = (
        Seller.objects.values("province")
        .annotate(
            shops=Count("id"),
            verified=Count("id", filter=Q(status=status.VERIFIED)),
            pending=Count("id", filter=Q(status=status.PENDING)),
            rejected=Count("id", filter=Q(status=status.REJECTED)),
            mikro=Count("id", filter=Q(scale=scale.MIKRO)),
            kecil=Count("id", filter=Q(scale=scale.KECIL)),
            menengah=Count("id", filter=Q(scale=scale.MENENGAH)),
            e_smart_ikm=Count("id", filter=Q(e_smart_ikm=True)),
        )
        .order_by("province")
    )
    return [{"province": row["province"], "name": province_name(row["province"]), **row} for row in rows]


def monthly_gmv() -> list[dict]:
    """Paid, uncancelled sales per calendar month (Jakarta dates): what buyers paid for goods."""
    rows = (
        SellerSalesDay.objects.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(orders=Sum("orders"), units=Sum("units"), gmv=Sum("revenue"), campaign_gmv=Sum("campaign_revenue"))
        .order_by("month")
    )
    return [
        {
            "month": f"{row['month']:%Y-%m}",
            "orders": row["orders"],
            "units": row["units"],
            "gmv": row["gmv"],
            "campaign_gmv": row["campaign_gmv"],
        }
        for row in rows
    ]


def campaign_headlines(*, limit: int = MAX_CAMPAIGNS) -> list[dict]:
    """The latest campaigns with their revenue uplift, growth and trend-adjusted uplift (28-day baseline).

    `orders` on a shop counts the shop's share of an order; here a campaign's figures come from the
    product rollup, so they match the impact report's per-category figures.
    """
    campaigns = list(
        Campaign.objects.filter(is_draft=False, cancelled_at=None)
        .prefetch_related("categories")
        .order_by("-starts_at")[:limit]
    )
    if not campaigns:
        return []
    descendants = category_descendants()
    plans = []
    for campaign in campaigns:
        periods = Periods.of(campaign_window(campaign), DEFAULT_BASELINE_DAYS)
        categories = set()
        for category in campaign.categories.all():
            categories |= descendants.get(category.pk, {category.pk})
        plans.append((campaign, periods, categories))
    span = DateRange(min(p.span.start for _, p, _ in plans), max(p.span.end for _, p, _ in plans))
    union = set().union(*(c for _, _, c in plans))
    sales = sales_by_day(categories=union, span=span)
    spent = subsidies(
        campaign_ids=[c.pk for c, _, _ in plans],
        windows={c.pk: p.window for c, p, _ in plans},
        category_of=lambda _campaign_id, category_id: category_id,
    )
    rows = []
    for campaign, periods, categories in plans:
        figures = measure(sales, categories, periods)
        cost = extra_sales(lambda period, c=categories: sales.total(c, period)[0], periods)
        subsidy = spent[campaign.pk]["total"]
        rows.append(
            {
                "slug": campaign.slug,
                "hashtag": campaign.hashtag,
                "name": campaign.name,
                "status": campaign.status,
                "started": periods.started,
                "start": periods.window.start,
                "end": periods.window.end,
                "baseline_daily_revenue": figures["baseline_daily_revenue"],
                "campaign_daily_revenue": figures["campaign_daily_revenue"],
                "revenue_uplift_pct": figures["revenue_uplift_pct"],
                "pre_campaign_monthly_growth_pct": figures["pre_campaign_monthly_growth_pct"],
                "trend_adjusted_uplift_pct": figures["trend_adjusted_uplift_pct"],
                "subsidy": subsidy,
                "extra_sales": cost["extra_sales"],
                "extra_sales_per_rupiah": per_rupiah(cost["extra_sales"], subsidy),
            }
        )
    return rows
