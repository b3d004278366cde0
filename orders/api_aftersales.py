"""HTTP API of after-sales (docs/api.md, "After-sales"): the buyer confirms receipt, a shop declines its part."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import NotFoundError, error_responses
from orders import selectors
from orders.api import ShipmentOutput
from orders.models import Shipment
from orders.services import completion, declines


class DeclineInput(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


def _output(shipment: Shipment) -> dict:
    return ShipmentOutput(Shipment.objects.select_related("seller").get(pk=shipment.pk)).data


class ShipmentConfirmApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: ShipmentOutput, **error_responses(401, 403, 404, 409)},
        description="The buyer confirms receipt: the shipment completes and the shop's funds are released.",
    )
    def post(self, request, shipment_id: int):
        shipment = selectors.shipment_for_member_or_buyer(shipment_id=shipment_id, user=request.user)
        if shipment is None:
            raise NotFoundError(_("Pengiriman tidak ditemukan."))
        return Response(_output(completion.shipment_confirm(shipment=shipment, actor=request.user)))


class ShipmentDeclineApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=DeclineInput,
        responses={200: ShipmentOutput, **error_responses(400, 401, 404, 409)},
        description="A member of the shop cancels its paid, unshipped part: stock back, the buyer refunded.",
    )
    def post(self, request, shipment_id: int):
        shipment = selectors.shipment_for_member(shipment_id=shipment_id, user=request.user)
        if shipment is None:
            raise NotFoundError(_("Pengiriman tidak ditemukan."))
        data = DeclineInput(data=request.data)
        data.is_valid(raise_exception=True)
        shipment = declines.shipment_decline(
            shipment=shipment, actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(_output(shipment))
