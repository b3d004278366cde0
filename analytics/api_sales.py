"""HTTP API of a shop's sales (docs/api.md, "Sales"): the dashboard figures and their CSV."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from analytics import sales
from marketplace.errors import NotFoundError, error_responses
from marketplace.web import csv_response
from sellers.models import Seller
from sellers.selectors import is_member

RANGE_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First Jakarta date (with `to`)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last Jakarta date; the range is at most 366 days"),
    OpenApiParameter("days", int, enum=list(sales.PRESETS), description="A preset ending today (default 30)"),
]


class TotalsOutput(serializers.Serializer):
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    revenue = serializers.IntegerField()
    buyers = serializers.IntegerField()
    average_order_value = serializers.IntegerField()


class ChangeOutput(serializers.Serializer):
    orders = serializers.FloatField(allow_null=True)
    units = serializers.FloatField(allow_null=True)
    revenue = serializers.FloatField(allow_null=True)
    buyers = serializers.FloatField(allow_null=True)


class DayOutput(serializers.Serializer):
    date = serializers.DateField()
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    revenue = serializers.IntegerField()


class TopProductOutput(serializers.Serializer):
    product = serializers.IntegerField()
    name = serializers.CharField()
    units = serializers.IntegerField()
    revenue = serializers.IntegerField()


class CampaignSalesOutput(serializers.Serializer):
    campaign = serializers.IntegerField(allow_null=True, help_text="null: sales outside any campaign")
    hashtag = serializers.CharField()
    units = serializers.IntegerField()
    revenue = serializers.IntegerField()


class RangeOutput(serializers.Serializer):
    start = serializers.DateField(source="from")
    end = serializers.DateField(source="to")


class SellerSalesOutput(serializers.Serializer):
    range = RangeOutput()
    previous_range = RangeOutput()
    totals = TotalsOutput()
    previous = TotalsOutput(help_text="The same totals for the period of equal length right before")
    change_pct = ChangeOutput(help_text="Percent change against the previous period; null when it had none")
    daily = DayOutput(many=True)
    top_products = TopProductOutput(many=True)
    by_campaign = CampaignSalesOutput(many=True)


def _shop_for(request, seller_id: int) -> Seller:
    """The shop when the caller is one of its members or ministry staff; a 404 for everyone else."""
    seller = Seller.objects.filter(pk=seller_id).first()
    if seller is None or not (request.user.is_ministry or is_member(user=request.user, seller=seller)):
        raise NotFoundError(_("Toko tidak ditemukan."))
    return seller


class SellerSalesApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=RANGE_PARAMETERS,
        responses={200: SellerSalesOutput, **error_responses(400, 401, 404)},
        description="Paid sales by Jakarta date of payment; cancelled and refunded orders are taken out.",
    )
    def get(self, request, seller_id: int):
        seller = _shop_for(request, seller_id)
        period = sales.parse_date_range(request.query_params)
        report = sales.seller_sales(seller=seller, period=period)
        return Response(SellerSalesOutput(report).data)


def sales_csv(report: dict, filename: str) -> HttpResponse:
    rows = ((day["date"].isoformat(), day["orders"], day["units"], day["revenue"]) for day in report["daily"])
    return csv_response(filename, ["date", "orders", "units", "revenue"], rows)


class SellerSalesCsvApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=RANGE_PARAMETERS,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="date,orders,units,revenue per day"),
            **error_responses(400, 401, 404),
        },
    )
    def get(self, request, seller_id: int):
        seller = _shop_for(request, seller_id)
        period = sales.parse_date_range(request.query_params)
        report = sales.seller_sales(seller=seller, period=period)
        return sales_csv(report, f"penjualan-{seller.slug}-{period.start}-{period.end}.csv")
