"""HTTP API for promotional email (docs/api.md, "Promotional email"). Ministry staff only."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from campaigns.models import Campaign
from mailings import audiences, rendering, selectors, services
from mailings.models import Blast
from marketplace.errors import NotFoundError, error_responses
from marketplace.pagination import PageNumberPagination
from marketplace.permissions import IsMinistry


class AudienceInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Blast.AudienceKind.choices)
    category = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**62, help_text="bought_category: a category id"
    )
    province = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, max_length=2, help_text="province: a Kemendagri code"
    )
    days = serializers.IntegerField(required=False, min_value=1, max_value=3650, default=90)


class BlastInput(serializers.Serializer):
    subject = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=100_000, help_text="Markdown, or a safe subset of HTML")
    audience = AudienceInput()
    scheduled_at = serializers.DateTimeField(required=False, allow_null=True, help_text="Empty: a draft to send later")


class BlastScheduleInput(serializers.Serializer):
    scheduled_at = serializers.DateTimeField(help_text="When the draft goes out, in the future")


class AudienceOutput(serializers.Serializer):
    kind = serializers.CharField(source="audience_kind")
    category = serializers.IntegerField(source="audience_category_id", allow_null=True)
    province = serializers.CharField(source="audience_province", allow_null=True)
    days = serializers.IntegerField(source="audience_days")


class BlastOutput(serializers.ModelSerializer):
    campaign = serializers.CharField(source="campaign.slug", read_only=True)
    audience = AudienceOutput(source="*", read_only=True)
    recipients_estimate = serializers.SerializerMethodField(
        help_text="How many would receive it now (before sending) or the recipients written (after)"
    )

    class Meta:
        model = Blast
        fields = [
            "id", "campaign", "subject", "body", "status", "audience", "scheduled_at", "started_at", "finished_at",
            "recipients_estimate", "created_at",
        ]  # fmt: skip

    def get_recipients_estimate(self, blast) -> int:
        if blast.status in (Blast.Status.DRAFT, Blast.Status.SCHEDULED):
            return audiences.audience_count(audiences.Audience.of(blast))
        return blast.recipients


class BlastStatsOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Blast.Status.choices)
    recipients = serializers.IntegerField()
    pending = serializers.IntegerField(help_text="Not yet sent (waiting or being sent)")
    sent = serializers.IntegerField()
    failed = serializers.IntegerField()
    skipped = serializers.IntegerField(help_text="Unsubscribed between the blast's start and their message")
    cancelled = serializers.IntegerField()
    unsubscribed = serializers.IntegerField(help_text="Recipients who unsubscribed since the blast started")
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    progress_pct = serializers.FloatField()


class TestSentOutput(serializers.Serializer):
    detail = serializers.CharField()


def _blast_or_404(blast_id: int) -> Blast:
    blast = selectors.blast_get(blast_id=blast_id)
    if blast is None:
        raise NotFoundError(_("Blast tidak ditemukan."))
    return blast


def _stats(blast: Blast) -> dict:
    return BlastStatsOutput(selectors.blast_stats(blast=blast)).data


class CampaignBlastListApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsMinistry]

    @extend_schema(responses={200: BlastOutput(many=True), **error_responses(401, 403, 404)})
    def get(self, request, slug: str):
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign is None:
            raise NotFoundError(_("Kampanye tidak ditemukan."))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.blast_list(campaign=campaign), request, self)
        return paginator.get_paginated_response(BlastOutput(page, many=True).data)

    @extend_schema(request=BlastInput, responses={201: BlastOutput, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, slug: str):
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign is None:
            raise NotFoundError(_("Kampanye tidak ditemukan."))
        data = BlastInput(data=request.data)
        data.is_valid(raise_exception=True)
        audience = data.validated_data["audience"]
        blast = services.blast_create(
            campaign=campaign,
            by=request.user,
            subject=data.validated_data["subject"],
            body=data.validated_data["body"],
            audience=audiences.Audience(
                kind=audience["kind"],
                category_id=audience.get("category"),
                province=audience.get("province") or None,
                days=audience.get("days", 90),
            ),
            scheduled_at=data.validated_data.get("scheduled_at"),
        )
        return Response(BlastOutput(blast).data, status=status.HTTP_201_CREATED)


class BlastDetailApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(responses={200: BlastStatsOutput, **error_responses(401, 403, 404)})
    def get(self, request, blast_id: int):
        return Response(_stats(_blast_or_404(blast_id)))


class BlastSendApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=None, responses={200: BlastStatsOutput, **error_responses(401, 403, 404, 409)})
    def post(self, request, blast_id: int):
        blast = services.blast_send(blast=_blast_or_404(blast_id), by=request.user)
        return Response(_stats(blast))


class BlastScheduleApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=BlastScheduleInput, responses={200: BlastOutput, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, blast_id: int):
        data = BlastScheduleInput(data=request.data)
        data.is_valid(raise_exception=True)
        blast = services.blast_schedule(
            blast=_blast_or_404(blast_id), scheduled_at=data.validated_data["scheduled_at"], by=request.user
        )
        return Response(BlastOutput(blast).data)


class BlastCancelApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=None, responses={200: BlastStatsOutput, **error_responses(401, 403, 404, 409)})
    def post(self, request, blast_id: int):
        blast = services.blast_cancel(blast=_blast_or_404(blast_id), by=request.user)
        return Response(_stats(blast))


class BlastPreviewApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(
        responses={
            (200, "text/html"): OpenApiResponse(OpenApiTypes.STR, description="The email as recipients see it"),
            **error_responses(401, 403, 404),
        }
    )
    def get(self, request, blast_id: int):
        rendered = rendering.blast_render(_blast_or_404(blast_id))
        preview = rendered.html.replace(rendering.UNSUBSCRIBE_PLACEHOLDER, "#berhenti-berlangganan")
        response = HttpResponse(preview, content_type="text/html; charset=utf-8")
        # Opened straight from the API in a browser, it must be as harmless as the page's frame.
        response["Content-Security-Policy"] = rendering.PREVIEW_CSP
        return response


class BlastTestApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=None, responses={202: TestSentOutput, **error_responses(401, 403, 404)})
    def post(self, request, blast_id: int):
        services.blast_send_test(blast=_blast_or_404(blast_id), to=request.user)
        return Response({"detail": f"Email uji dikirim ke {request.user.email}."}, status=status.HTTP_202_ACCEPTED)
