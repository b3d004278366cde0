"""HTTP API of complaints and returns (docs/api.md, "After-sales"): thin views over orders/services/complaints.py."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import NotFoundError, error_responses
from marketplace.pagination import PageNumberPagination
from marketplace.permissions import IsMinistry
from orders import selectors
from orders.models import Courier
from orders.models_aftersales import Complaint
from orders.selectors_complaints import complaint_for_user, complaint_messages, complaints_for_staff, complaints_of_shop
from orders.services import complaints
from sellers.models import Seller
from sellers.selectors import is_member

ERRORS = error_responses(400, 401, 403, 404, 409)


class OpenInput(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Complaint.Reason.choices)
    description = serializers.CharField(max_length=2000)
    evidence = serializers.FileField(required=False)


class AnswerInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=["refund", "return", "reject"])
    text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    amount = serializers.IntegerField(min_value=1, required=False)
    evidence = serializers.FileField(required=False)


class ReturnInput(serializers.Serializer):
    courier = serializers.ChoiceField(choices=Courier.choices)
    tracking_number = serializers.CharField(max_length=40)


class EscalateInput(serializers.Serializer):
    text = serializers.CharField(max_length=2000)
    evidence = serializers.FileField(required=False)


class DecideInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["refund", "reject", "return_received"])
    text = serializers.CharField(max_length=2000)
    amount = serializers.IntegerField(min_value=1, required=False)


class ComplaintMessageOutput(serializers.Serializer):
    role = serializers.CharField()
    action = serializers.CharField()
    text = serializers.CharField()
    evidence = serializers.SerializerMethodField()
    evidence_type = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_evidence(self, message) -> str:
        return message.evidence.url if message.evidence else ""


class ComplaintOutput(serializers.Serializer):
    id = serializers.IntegerField()
    shipment = serializers.IntegerField(source="shipment_id")
    order = serializers.CharField(source="shipment.order.number")
    reason = serializers.CharField()
    description = serializers.CharField()
    status = serializers.CharField()
    respond_by = serializers.DateTimeField(allow_null=True)
    return_courier = serializers.CharField()
    return_tracking_number = serializers.CharField()
    refund_amount = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)


class ComplaintDetailOutput(ComplaintOutput):
    messages = serializers.SerializerMethodField()

    def get_messages(self, complaint) -> ComplaintMessageOutput(many=True):
        return ComplaintMessageOutput(complaint_messages(complaint=complaint), many=True).data


def _visible(request, complaint_id: int) -> Complaint:
    complaint = complaint_for_user(complaint_id=complaint_id, user=request.user)
    if complaint is None:
        raise NotFoundError(_("Komplain tidak ditemukan."))
    return complaint


def _detail(complaint: Complaint, code=status.HTTP_200_OK) -> Response:
    fresh = Complaint.objects.select_related("shipment__order").get(pk=complaint.pk)
    return Response(ComplaintDetailOutput(fresh).data, status=code)


def _valid(serializer_class, request) -> dict:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


class ShipmentComplaintApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=OpenInput, responses={201: ComplaintDetailOutput, **error_responses(400, 401, 403, 404, 409)}
    )
    def post(self, request, shipment_id: int):
        shipment = selectors.shipment_for_member_or_buyer(shipment_id=shipment_id, user=request.user)
        if shipment is None:
            raise NotFoundError(_("Pengiriman tidak ditemukan."))
        complaint = complaints.complaint_open(shipment=shipment, buyer=request.user, **_valid(OpenInput, request))
        return _detail(complaint, status.HTTP_201_CREATED)


class ComplaintDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ComplaintDetailOutput, **error_responses(401, 404)})
    def get(self, request, complaint_id: int):
        return _detail(_visible(request, complaint_id))


class ComplaintStepApi(APIView):
    """One step of a complaint: 404 unless the user may see the complaint, 400 for a bad body; the
    service says who may take the step (403) and when (409). The answer is the complaint as it now
    stands. Each step names its service and its input, and `complaint_step` documents it."""

    permission_classes = [IsAuthenticated]
    input_class: type[serializers.Serializer] | None = None
    step = None  # staticmethod(service): service(complaint=, by=, **input)

    def post(self, request, complaint_id: int):
        complaint = _visible(request, complaint_id)
        values = _valid(self.input_class, request) if self.input_class else {}
        self.step(complaint=complaint, by=request.user, **values)
        return _detail(complaint)


def complaint_step(view):
    """The schema of a step: its input, and the errors it can answer with."""
    codes = (400, 401, 403, 404, 409) if view.input_class else (401, 403, 404, 409)
    responses = {200: ComplaintDetailOutput, **error_responses(*codes)}
    return extend_schema_view(post=extend_schema(request=view.input_class, responses=responses))(view)


@complaint_step
class ComplaintAnswerApi(ComplaintStepApi):
    """The shop answers: a refund (all or part), the goods sent back first, or a rejection with its reason."""

    input_class = AnswerInput
    step = staticmethod(complaints.complaint_shop_answer)


@complaint_step
class ComplaintReturnApi(ComplaintStepApi):
    """The buyer has sent the goods back: courier and tracking number."""

    input_class = ReturnInput
    step = staticmethod(complaints.complaint_return_shipped)


@complaint_step
class ComplaintReceivedApi(ComplaintStepApi):
    """The shop has the goods back; the refund follows."""

    step = staticmethod(complaints.complaint_return_received)


@complaint_step
class ComplaintAcceptApi(ComplaintStepApi):
    """The buyer accepts the shop's answer; the complaint closes."""

    step = staticmethod(complaints.complaint_buyer_accept)


@complaint_step
class ComplaintEscalateApi(ComplaintStepApi):
    """Either side asks the ministry's staff to decide."""

    input_class = EscalateInput
    step = staticmethod(complaints.complaint_escalate)


@complaint_step
class ComplaintDecideApi(ComplaintStepApi):
    """Staff decide an escalated complaint: refund, reject, or the returned goods received."""

    permission_classes = [IsMinistry]
    input_class = DecideInput
    step = staticmethod(complaints.complaint_decide)


class SellerComplaintListApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ComplaintOutput(many=True), **error_responses(400, 401, 404)})
    def get(self, request, seller_id: int):
        seller = get_object_or_404(Seller, pk=seller_id)
        if not is_member(user=request.user, seller=seller):
            raise NotFoundError(_("Toko tidak ditemukan."))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(complaints_of_shop(seller_id=seller.pk), request, view=self)
        return paginator.get_paginated_response(ComplaintOutput(page, many=True).data)


class StaffComplaintListApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsMinistry]

    @extend_schema(responses={200: ComplaintOutput(many=True), **error_responses(400, 401, 403)})
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(complaints_for_staff(), request, view=self)
        return paginator.get_paginated_response(ComplaintOutput(page, many=True).data)
