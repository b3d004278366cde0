"""HTTP API for campaigns and enrolments (docs/api.md, "Campaigns")."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from campaigns import selectors, services
from campaigns.models import Campaign, Enrolment
from marketplace.errors import NotAllowed, NotFoundError, error_responses
from marketplace.pagination import PageNumberPagination
from marketplace.permissions import IsMinistry
from marketplace.provinces import PROVINCE_CHOICES
from sellers.api import ProductOutput, RejectInput, with_quotes
from sellers.models import Category, Seller
from sellers.selectors import is_member


class CampaignInput(serializers.Serializer):
    hashtag = serializers.CharField(max_length=60)
    name = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    enrol_from = serializers.DateTimeField(required=False, allow_null=True)
    enrol_until = serializers.DateTimeField(required=False, allow_null=True)
    benefit = serializers.ChoiceField(choices=Campaign.Benefit.choices, required=False)
    discount_percent = serializers.IntegerField(min_value=1, max_value=90, required=False, allow_null=True)
    max_discount = serializers.IntegerField(min_value=1, max_value=10**12, required=False, allow_null=True)
    default_quota = serializers.IntegerField(min_value=1, max_value=10**9, required=False, allow_null=True)
    limit_per_buyer = serializers.IntegerField(min_value=1, max_value=10**6, required=False, allow_null=True)
    categories = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all(), many=True, allow_empty=False)
    provinces = serializers.ListField(child=serializers.ChoiceField(choices=PROVINCE_CHOICES), required=False)
    scales = serializers.ListField(child=serializers.ChoiceField(choices=Seller.Scale.choices), required=False)
    min_tkdn = serializers.IntegerField(min_value=0, max_value=100, required=False)
    e_smart_ikm_only = serializers.BooleanField(required=False)
    requires_approval = serializers.BooleanField(required=False, default=False)
    draft = serializers.BooleanField(required=False, default=False)
    voucher_budget = serializers.IntegerField(
        min_value=0, max_value=10**13, required=False, allow_null=True, help_text="Rupiah all its vouchers may spend"
    )


class CampaignOutput(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    status = serializers.ChoiceField(choices=Campaign.Status.choices, read_only=True)
    categories = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id", "slug", "url", "hashtag", "name", "description", "banner", "status", "starts_at", "ends_at",
            "enrol_from", "enrol_until", "benefit", "discount_percent", "max_discount", "default_quota",
            "limit_per_buyer", "categories", "provinces", "scales", "min_tkdn", "e_smart_ikm_only",
            "requires_approval", "voucher_budget", "voucher_budget_used",
        ]  # fmt: skip
        read_only_fields = ["voucher_budget_used"]


class EnrolmentInput(serializers.Serializer):
    seller = serializers.IntegerField(min_value=1, max_value=2**62)
    products = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62), allow_empty=False, max_length=500
    )
    quota = serializers.IntegerField(min_value=1, max_value=10**9, required=False, allow_null=True)
    prices = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=10**12), required=False, help_text="{product_id: price}"
    )


class EnrolmentOutput(serializers.ModelSerializer):
    campaign = serializers.CharField(source="campaign.slug", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id", "campaign", "seller", "product", "product_name", "status", "reason", "list_price_at_enrolment",
            "campaign_price", "quota", "sold_units", "decided_at", "created_at",
        ]  # fmt: skip


class EnrolmentBatchOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text="The first enrolment's id")
    status = serializers.CharField()
    enrolments = EnrolmentOutput(many=True)


def _campaign_or_404(request, slug) -> Campaign:
    campaign = selectors.campaign_visible(user=request.user, slug=slug)
    if campaign is None:
        raise NotFoundError(_("Kampanye tidak ditemukan."))
    return campaign


class CampaignListApi(APIView):
    pagination_class = PageNumberPagination

    @extend_schema(
        responses={200: CampaignOutput(many=True), **error_responses(400, 404)},
        parameters=[OpenApiParameter("status", str, description="Comma-separated: draft,scheduled,active,ended")],
    )
    def get(self, request):
        wanted = [s for s in request.query_params.get("status", "").split(",") if s]
        unknown = [s for s in wanted if s not in Campaign.Status.values]
        if unknown:
            raise serializers.ValidationError(
                {"status": [_("Status tidak dikenal: %(statuses)s.") % {"statuses": ", ".join(unknown)}]}
            )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.campaign_list(user=request.user, statuses=wanted), request, self)
        return paginator.get_paginated_response(CampaignOutput(page, many=True).data)

    @extend_schema(request=CampaignInput, responses={201: CampaignOutput, **error_responses(400, 401, 403)})
    def post(self, request):
        if not IsMinistry().has_permission(request, self):
            self.permission_denied(request, message=IsMinistry.message)
        data = CampaignInput(data=request.data)
        data.is_valid(raise_exception=True)
        campaign = services.campaign_create(by=request.user, **data.validated_data)
        return Response(CampaignOutput(campaign).data, status=status.HTTP_201_CREATED)


class CampaignDetailApi(APIView):
    @extend_schema(responses={200: CampaignOutput, **error_responses(404)})
    def get(self, request, slug: str):
        return Response(CampaignOutput(_campaign_or_404(request, slug)).data)

    @extend_schema(
        request=CampaignInput(partial=True),
        responses={200: CampaignOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request, slug: str):
        if not IsMinistry().has_permission(request, self):
            self.permission_denied(request, message=IsMinistry.message)
        campaign = get_object_or_404(Campaign, slug=slug)
        data = CampaignInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        campaign = services.campaign_update(campaign=campaign, by=request.user, **data.validated_data)
        return Response(CampaignOutput(campaign).data)


class CampaignProductListApi(APIView):
    pagination_class = PageNumberPagination

    @extend_schema(responses={200: ProductOutput(many=True), **error_responses(400, 404)})
    def get(self, request, slug: str):
        campaign = _campaign_or_404(request, slug)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.campaign_products(campaign=campaign), request, self)
        return paginator.get_paginated_response(ProductOutput(page, many=True, context=with_quotes(page, request)).data)


class EnrolmentListApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: EnrolmentOutput(many=True), **error_responses(400, 401, 404)})
    def get(self, request, slug: str):
        campaign = _campaign_or_404(request, slug)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.enrolments_for(campaign=campaign, user=request.user), request, self
        )
        return paginator.get_paginated_response(EnrolmentOutput(page, many=True).data)

    @extend_schema(
        request=EnrolmentInput,
        responses={201: EnrolmentBatchOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request, slug: str):
        campaign = _campaign_or_404(request, slug)
        data = EnrolmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        seller = Seller.objects.filter(pk=data.validated_data["seller"]).first()
        if seller is None or not is_member(user=request.user, seller=seller):
            raise NotAllowed({"seller": [_("Anda bukan anggota toko ini.")]})
        prices = {}
        for key, price in (data.validated_data.get("prices") or {}).items():
            if not (str(key).isascii() and str(key).isdigit() and len(str(key)) <= 18):  # int() refuses thousands
                raise serializers.ValidationError(
                    {"prices": [_("Kunci %(key)s harus id produk.") % {"key": repr(key)[:40]}]}
                )
            prices[int(key)] = price
        enrolments = services.enrolments_create(
            campaign=campaign,
            seller=seller,
            product_ids=data.validated_data["products"],
            by=request.user,
            quota=data.validated_data.get("quota"),
            prices=prices,
        )
        body = {
            "id": enrolments[0].pk,
            "status": enrolments[0].status,
            "enrolments": EnrolmentOutput(enrolments, many=True).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class EnrolmentApproveApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=None, responses={200: EnrolmentOutput, **error_responses(401, 403, 404, 409)})
    def post(self, request, enrolment_id: int):
        enrolment = get_object_or_404(Enrolment.objects.select_related("campaign", "product"), pk=enrolment_id)
        return Response(EnrolmentOutput(services.enrolment_approve(enrolment=enrolment, by=request.user)).data)


class EnrolmentRejectApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=RejectInput, responses={200: EnrolmentOutput, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, enrolment_id: int):
        enrolment = get_object_or_404(Enrolment.objects.select_related("campaign", "product"), pk=enrolment_id)
        data = RejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        enrolment = services.enrolment_reject(
            enrolment=enrolment, by=request.user, reason=data.validated_data["reason"]
        )
        return Response(EnrolmentOutput(enrolment).data)
