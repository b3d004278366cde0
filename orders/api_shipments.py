"""HTTP API of fulfilment (docs/api.md): a shop's shipments to pack, shipping and delivering them."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import NotFoundError, error_responses
from marketplace.pagination import PageNumberPagination
from orders import selectors
from orders.api import AddressOutput, ShipmentOutput
from orders.models import Courier, Shipment
from orders.services import lifecycle
from sellers.models import Seller
from sellers.selectors import is_member


class ShipInput(serializers.Serializer):
    courier = serializers.ChoiceField(choices=Courier.choices)
    tracking_number = serializers.CharField(max_length=40)


class SellerShipmentLineOutput(serializers.Serializer):
    product = serializers.IntegerField(source="product_id")
    product_name = serializers.CharField()
    variant = serializers.IntegerField(source="variant_id", allow_null=True)
    variant_name = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = serializers.IntegerField()


class SellerShipmentOutput(ShipmentOutput):
    order = serializers.CharField(source="order.number")
    order_status = serializers.CharField(source="order.status")
    lines = SellerShipmentLineOutput(many=True)
    shipping_address = serializers.SerializerMethodField()

    def get_shipping_address(self, shipment) -> AddressOutput:
        return AddressOutput(shipment.order).data


class SellerShipmentListApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={200: SellerShipmentOutput(many=True), **error_responses(400, 401, 404)},
        parameters=[OpenApiParameter("status", str, enum=Shipment.Status.values)],
    )
    def get(self, request, seller_id: int):
        seller = get_object_or_404(Seller, pk=seller_id)
        if not is_member(user=request.user, seller=seller):
            raise NotFoundError(_("Toko tidak ditemukan."))
        wanted = request.query_params.get("status")
        if wanted and wanted not in Shipment.Status.values:
            raise serializers.ValidationError(
                {"status": [_("Pilih salah satu: %(choices)s.") % {"choices": ", ".join(Shipment.Status.values)}]}
            )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.shipments_for_seller(seller=seller, status=wanted), request, view=self
        )
        return paginator.get_paginated_response(SellerShipmentOutput(page, many=True).data)


class ShipmentShipApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=ShipInput, responses={200: ShipmentOutput, **error_responses(400, 401, 404, 409)})
    def post(self, request, shipment_id: int):
        shipment = selectors.shipment_for_member(shipment_id=shipment_id, user=request.user)
        if shipment is None:
            raise NotFoundError(_("Pengiriman tidak ditemukan."))
        data = ShipInput(data=request.data)
        data.is_valid(raise_exception=True)
        shipment = lifecycle.shipment_ship(shipment=shipment, actor=request.user, **data.validated_data)
        return Response(ShipmentOutput(shipment).data)


class ShipmentDeliverApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: ShipmentOutput, **error_responses(401, 403, 404, 409)},
        description=(
            "The buyer or a member of the shop marks the parcel arrived. On the shop's word alone the buyer's "
            "claim still runs on the shipping clock; the buyer's or the courier's confirmation starts the "
            "completion window. A shipment delivered on the shop's word may be confirmed again by the buyer."
        ),
    )
    def post(self, request, shipment_id: int):
        shipment = selectors.shipment_for_member_or_buyer(shipment_id=shipment_id, user=request.user)
        if shipment is None:
            raise NotFoundError(_("Pengiriman tidak ditemukan."))
        shipment = lifecycle.shipment_deliver(shipment=shipment, actor=request.user)
        return Response(ShipmentOutput(Shipment.objects.select_related("seller").get(pk=shipment.pk)).data)
