"""HTTP API for vouchers (docs/api.md, "Regions and vouchers"): ministry staff only."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from campaigns import selectors_vouchers, services_vouchers
from campaigns.models import Campaign
from campaigns.models_vouchers import Voucher
from marketplace.errors import error_responses
from marketplace.pagination import PageNumberPagination
from marketplace.permissions import IsMinistry
from marketplace.provinces import PROVINCE_CHOICES
from sellers.models import Category, Seller

MONEY = {"min_value": 1, "max_value": 10**12}


class VoucherInput(serializers.Serializer):
    code = serializers.CharField(max_length=32, allow_blank=True, help_text="Empty: applied automatically")
    name = serializers.CharField(max_length=120, required=False, help_text="What shoppers see; default the code")
    kind = serializers.ChoiceField(choices=Voucher.Kind.choices)
    value = serializers.IntegerField(**MONEY, help_text="Rupiah (amount) or percent (percent, shipping)")
    max_discount = serializers.IntegerField(**MONEY, required=False, allow_null=True, help_text="Cap per order")
    min_spend = serializers.IntegerField(min_value=0, max_value=10**12, required=False, default=0)
    budget = serializers.IntegerField(**MONEY)
    max_uses = serializers.IntegerField(min_value=1, max_value=10**9, required=False, allow_null=True)
    per_buyer_limit = serializers.IntegerField(min_value=1, max_value=10**6, required=False, allow_null=True)
    first_order_only = serializers.BooleanField(required=False, default=False)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    funded_by = serializers.ChoiceField(choices=Voucher.Funder.choices)
    campaign = serializers.SlugRelatedField(
        slug_field="slug", queryset=Campaign.objects.all(), required=False, allow_null=True, help_text="Its slug"
    )
    categories = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all(), many=True, required=False)
    sellers = serializers.PrimaryKeyRelatedField(queryset=Seller.objects.all(), many=True, required=False)
    buyer_provinces = serializers.ListField(child=serializers.ChoiceField(choices=PROVINCE_CHOICES), required=False)
    shop_provinces = serializers.ListField(child=serializers.ChoiceField(choices=PROVINCE_CHOICES), required=False)

    def validate(self, attrs):
        if not self.partial and not attrs.get("name"):
            attrs["name"] = attrs.get("code") or Voucher.Kind(attrs["kind"]).label
        return attrs


class VoucherOutput(serializers.ModelSerializer):
    campaign = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    budget_left = serializers.IntegerField(read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Voucher
        fields = [
            "id", "code", "name", "kind", "value", "max_discount", "min_spend", "budget", "budget_used",
            "budget_left", "uses", "max_uses", "per_buyer_limit", "first_order_only", "starts_at", "ends_at",
            "funded_by", "campaign", "categories", "sellers", "buyer_provinces", "shop_provinces", "paused_at",
            "status",
        ]  # fmt: skip

    def get_status(self, voucher) -> str:
        """paused, scheduled, active or ended."""
        from django.utils import timezone

        now = timezone.now()
        if voucher.paused_at:
            return "paused"
        if now < voucher.starts_at:
            return "scheduled"
        return "active" if now <= voucher.ends_at else "ended"


def _voucher(voucher_id) -> Voucher:
    return get_object_or_404(Voucher.objects.select_related("campaign"), pk=voucher_id)


class VoucherListApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsMinistry]

    @extend_schema(responses={200: VoucherOutput(many=True), **error_responses(401, 403)})
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors_vouchers.voucher_list().prefetch_related("categories", "sellers"), request, self
        )
        return paginator.get_paginated_response(VoucherOutput(page, many=True).data)

    @extend_schema(request=VoucherInput, responses={201: VoucherOutput, **error_responses(400, 401, 403)})
    def post(self, request):
        data = VoucherInput(data=request.data)
        data.is_valid(raise_exception=True)
        voucher = services_vouchers.voucher_create(by=request.user, **data.validated_data)
        return Response(VoucherOutput(voucher).data, status=status.HTTP_201_CREATED)


class VoucherDetailApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(responses={200: VoucherOutput, **error_responses(401, 403, 404)})
    def get(self, request, voucher_id: int):
        return Response(VoucherOutput(_voucher(voucher_id)).data)

    @extend_schema(request=VoucherInput, responses={200: VoucherOutput, **error_responses(400, 401, 403, 404, 409)})
    def patch(self, request, voucher_id: int):
        voucher = _voucher(voucher_id)
        data = VoucherInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        voucher = services_vouchers.voucher_update(voucher=voucher, by=request.user, **data.validated_data)
        return Response(VoucherOutput(voucher).data)


class VoucherPauseApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=None, responses={200: VoucherOutput, **error_responses(401, 403, 404)})
    def post(self, request, voucher_id: int):
        return Response(
            VoucherOutput(services_vouchers.voucher_pause(voucher=_voucher(voucher_id), by=request.user)).data
        )


class VoucherResumeApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=None, responses={200: VoucherOutput, **error_responses(401, 403, 404)})
    def post(self, request, voucher_id: int):
        voucher = services_vouchers.voucher_resume(voucher=_voucher(voucher_id), by=request.user)
        return Response(VoucherOutput(voucher).data)


class BurnDayOutput(serializers.Serializer):
    date = serializers.DateField()
    spent = serializers.IntegerField()


class VoucherBurnApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(responses={200: BurnDayOutput(many=True), **error_responses(401, 403, 404)})
    def get(self, request, voucher_id: int):
        voucher = _voucher(voucher_id)
        start, end = selectors_vouchers.burn_window(voucher)
        days = selectors_vouchers.budget_burn(vouchers=Voucher.objects.filter(pk=voucher.pk), start=start, end=end)
        return Response(BurnDayOutput([{"date": d, "spent": s} for d, s in days], many=True).data)
