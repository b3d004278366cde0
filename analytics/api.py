"""HTTP API of a campaign's impact report (docs/api.md, "Campaigns"): ministry staff only."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from analytics import impact
from marketplace.errors import NotFoundError, error_responses
from marketplace.permissions import IsMinistry


class PeriodOutput(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    days = serializers.IntegerField()


class CategoryRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class CampaignRefOutput(CategoryRefOutput):
    hashtag = serializers.CharField()


class Pct(serializers.FloatField):
    """A percentage to 0.1; null when there is nothing to compare with ("no baseline")."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)


class CategoryImpactOutput(serializers.Serializer):
    category = CategoryRefOutput()
    baseline_daily_revenue = serializers.IntegerField()
    campaign_daily_revenue = serializers.IntegerField()
    revenue_uplift_pct = Pct()
    baseline_daily_units = serializers.FloatField()
    campaign_daily_units = serializers.FloatField()
    units_uplift_pct = Pct()
    pre_campaign_monthly_growth_pct = Pct()
    trend_adjusted_uplift_pct = Pct()


class ProvinceImpactOutput(serializers.Serializer):
    province = serializers.CharField()
    name = serializers.CharField()
    sellers = serializers.IntegerField()
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    gmv = serializers.IntegerField()


class DidOutput(serializers.Serializer):
    participants_uplift_pct = Pct()
    non_participants_uplift_pct = Pct()
    did_pct_points = Pct()


class ImpactDayOutput(serializers.Serializer):
    date = serializers.DateField()
    revenue = serializers.IntegerField()
    units = serializers.IntegerField()
    in_campaign = serializers.BooleanField()
    in_baseline = serializers.BooleanField()


class CostFiguresOutput(serializers.Serializer):
    subsidy = serializers.IntegerField(help_text="Rupiah the campaign's vouchers took off, whoever funds them")
    campaign_revenue = serializers.IntegerField()
    expected_revenue = serializers.IntegerField(help_text="The baseline over the window, grown by the trend")
    extra_sales = serializers.IntegerField(help_text="campaign_revenue - expected_revenue")
    trend_adjusted = serializers.BooleanField(help_text="False: no growth months, the flat baseline was used")
    extra_sales_per_rupiah = serializers.FloatField(allow_null=True, help_text="extra_sales / subsidy, to 0.01")


class CategoryCostOutput(CostFiguresOutput):
    category = CategoryRefOutput()


class ProvinceCostOutput(CostFiguresOutput):
    province = serializers.CharField()
    name = serializers.CharField()


class CostEffectivenessOutput(CostFiguresOutput):
    subsidy_outside_categories = serializers.IntegerField()
    categories = CategoryCostOutput(many=True)
    provinces = ProvinceCostOutput(many=True)


class ImpactOutput(serializers.Serializer):
    campaign = CampaignRefOutput()
    started = serializers.BooleanField(help_text="False before the campaign's first day: no uplift is measured yet")
    window = PeriodOutput()
    baseline = PeriodOutput()
    growth_months = PeriodOutput(many=True)
    categories = CategoryImpactOutput(many=True)
    enrolled_sellers = serializers.IntegerField()
    participating_sellers = serializers.IntegerField()
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    gmv = serializers.IntegerField()
    by_province = ProvinceImpactOutput(many=True)
    baseline_daily_revenue = serializers.IntegerField()
    campaign_daily_revenue = serializers.IntegerField()
    revenue_uplift_pct = Pct()
    units_uplift_pct = Pct()
    pre_campaign_monthly_growth_pct = Pct()
    trend_adjusted_uplift_pct = Pct()
    difference_in_differences = DidOutput()
    daily = ImpactDayOutput(many=True)
    cost_effectiveness = CostEffectivenessOutput()


class CampaignImpactApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(
        parameters=[OpenApiParameter("baseline_days", int, description="7..365, default 28")],
        responses={200: ImpactOutput, **error_responses(400, 401, 403, 404)},
        description=impact.__doc__,
    )
    def get(self, request, slug: str):
        baseline_days = impact.parse_baseline_days(request.query_params.get("baseline_days"))
        campaign = impact.campaign_for_impact(slug=slug)
        if campaign is None:
            raise NotFoundError(_("Kampanye tidak ditemukan."))
        return Response(ImpactOutput(impact.campaign_impact(campaign=campaign, baseline_days=baseline_days)).data)
