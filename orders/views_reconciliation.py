"""The staff page that matches the provider's transactions of a day with our orders, and its CSV."""

import csv
from datetime import date, timedelta

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from orders.selectors_payments import reconciliation_report

COLUMNS = [
    "order_number",
    "provider_order_id",
    "method",
    "amount",
    "status",
    "order_status",
    "refunded",
    "provider_status",
    "provider_amount",
    "problem",
]


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else timezone.localdate() - timedelta(days=1)
    except ValueError:
        return timezone.localdate() - timedelta(days=1)


@staff_member_required
def payment_reconciliation(request):
    day = _day(request.GET.get("date"))
    rows = reconciliation_report(day=day)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="rekonsiliasi-pembayaran-{day.isoformat()}.csv"'
        writer = csv.writer(response)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([getattr(row, name) if getattr(row, name) is not None else "" for name in COLUMNS])
        return response
    context = {"day": day, "rows": rows, "problems": sum(1 for row in rows if row.problem)}
    return render(request, "orders/payment_reconciliation.html", context)
