"""The seller centre's sales page: totals against the previous period, a daily chart, top products."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop

from analytics import sales
from marketplace.charts import Point, chart
from marketplace.errors import ValidationError
from sellers.models import Seller
from sellers.selectors import is_member

# Marked for extraction only: the template translates each label with {% translate m.label %} at render time.
METRICS = [
    ("orders", gettext_noop("Pesanan")),
    ("units", gettext_noop("Unit terjual")),
    ("revenue", gettext_noop("Pendapatan")),
    ("buyers", gettext_noop("Pembeli")),
]


@login_required
def sales_dashboard(request, seller_id: int):
    seller = Seller.objects.filter(pk=seller_id).first()
    if seller is None or not (request.user.is_ministry or is_member(user=request.user, seller=seller)):
        raise Http404
    errors = {}
    try:
        period = sales.parse_date_range(request.GET)
    except ValidationError as exc:
        errors = exc.detail
        period = sales.parse_date_range(QueryDict())
    report = sales.seller_sales(seller=seller, period=period)
    query = f"from={period.start.isoformat()}&to={period.end.isoformat()}"
    context = {
        "seller": seller,
        "report": report,
        "period": period,
        "errors": errors,
        "presets": sales.PRESETS,
        "active_days": request.GET.get("days", "" if "from" in request.GET else str(sales.DEFAULT_DAYS)),
        "metrics": [
            {
                "key": key,
                "label": label,
                "value": report["totals"][key],
                "previous": report["previous"][key],
                "change": report["change_pct"][key],
                "money": key == "revenue",
            }
            for key, label in METRICS
        ],
        "chart": chart(
            [Point(day["date"], day["revenue"]) for day in report["daily"]],
            title=gettext("Pendapatan harian %(shop)s, %(start)s - %(end)s")
            % {"shop": seller.name, "start": f"{period.start:%d/%m/%Y}", "end": f"{period.end:%d/%m/%Y}"},
        ),
        # The API's CSV endpoint also accepts the page's session cookie.
        "csv_url": f"/api/v1/sellers/{seller.pk}/sales.csv?{query}",
    }
    return render(request, "analytics/sales_dashboard.html", context)
