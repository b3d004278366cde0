"""Ministry pages: a campaign's impact report and the programme overview, each table also as CSV."""

from django.http import Http404
from django.shortcuts import render

from analytics import impact, overview
from marketplace.charts import Point, chart
from marketplace.errors import ValidationError
from marketplace.web import csv_response, ministry_required


@ministry_required
def impact_report(request, slug: str):
    campaign = impact.campaign_for_impact(slug=slug)
    if campaign is None:
        raise Http404
    errors = {}
    try:
        baseline_days = impact.parse_baseline_days(request.GET.get("baseline_days"))
    except ValidationError as exc:
        errors, baseline_days = exc.detail, impact.DEFAULT_BASELINE_DAYS
    report = impact.campaign_impact(campaign=campaign, baseline_days=baseline_days)
    table = request.GET.get("table")
    if request.GET.get("format") == "csv":
        if table == "categories":
            return csv_response(
                f"dampak-{campaign.slug}-kategori.csv",
                [
                    "category",
                    "baseline_daily_revenue",
                    "campaign_daily_revenue",
                    "revenue_uplift_pct",
                    "baseline_daily_units",
                    "campaign_daily_units",
                    "units_uplift_pct",
                    "pre_campaign_monthly_growth_pct",
                    "trend_adjusted_uplift_pct",
                ],
                (
                    [
                        row["category"]["slug"],
                        row["baseline_daily_revenue"],
                        row["campaign_daily_revenue"],
                        row["revenue_uplift_pct"],
                        row["baseline_daily_units"],
                        row["campaign_daily_units"],
                        row["units_uplift_pct"],
                        row["pre_campaign_monthly_growth_pct"],
                        row["trend_adjusted_uplift_pct"],
                    ]
                    for row in report["categories"]
                ),
            )
        if table == "provinces":
            return csv_response(
                f"dampak-{campaign.slug}-provinsi.csv",
                ["province", "name", "sellers", "orders", "units", "gmv"],
                (
                    [r["province"], r["name"], r["sellers"], r["orders"], r["units"], r["gmv"]]
                    for r in report["by_province"]
                ),
            )
        return csv_response(
            f"dampak-{campaign.slug}-harian.csv",
            ["date", "revenue", "units", "in_campaign", "in_baseline"],
            (
                [d["date"].isoformat(), d["revenue"], d["units"], int(d["in_campaign"]), int(d["in_baseline"])]
                for d in report["daily"]
            ),
        )
    context = {
        "campaign": campaign,
        "report": report,
        "baseline_days": baseline_days,
        "errors": errors,
        "chart": chart(
            [Point(day["date"], day["revenue"]) for day in report["daily"]],
            title=f"Pendapatan harian kategori {campaign.hashtag}",
            shade=(report["window"]["start"], report["window"]["end"]),
            shade_label=campaign.hashtag,
        ),
        "csv_query": f"baseline_days={baseline_days}&format=csv",
    }
    return render(request, "analytics/impact.html", context)


@ministry_required
def programme_overview(request):
    tables = {
        "shops": (
            overview.shops_by_province,
            [
                "province",
                "name",
                "shops",
                "verified",
                "pending",
                "rejected",
                "mikro",
                "kecil",
                "menengah",
                "e_smart_ikm",
            ],
        ),
        "gmv": (overview.monthly_gmv, ["month", "orders", "units", "gmv", "campaign_gmv"]),
        "campaigns": (
            overview.campaign_headlines,
            [
                "hashtag",
                "start",
                "end",
                "baseline_daily_revenue",
                "campaign_daily_revenue",
                "revenue_uplift_pct",
                "pre_campaign_monthly_growth_pct",
                "trend_adjusted_uplift_pct",
                "subsidy",
                "extra_sales",
                "extra_sales_per_rupiah",
            ],
        ),
    }
    if request.GET.get("format") == "csv":
        table = request.GET.get("table")
        if table not in tables:
            raise Http404
        rows_of, header = tables[table]
        return csv_response(f"ikhtisar-{table}.csv", header, ([row[key] for key in header] for row in rows_of()))
    shops, months, campaigns = (tables[name][0]() for name in ("shops", "gmv", "campaigns"))
    totals = {
        key: sum(row[key] for row in shops)
        for key in ("shops", "verified", "pending", "rejected", "mikro", "kecil", "menengah", "e_smart_ikm")
    }
    context = {
        "shops": shops,
        "shop_totals": totals,
        "months": months,
        "campaigns": campaigns,
        "gmv_chart": chart([Point(m["month"], m["gmv"]) for m in months], title="GMV bulanan") if months else "",
    }
    return render(request, "analytics/overview.html", context)
