"""HTTP API of the buyer's address book and of parcel tracking."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.couriers import tracking_url
from marketplace.errors import NotFoundError, error_responses
from marketplace.provinces import PROVINCE_CHOICES
from orders import selectors
from orders.models import BuyerAddress, Shipment
from orders.services import addresses as services
from orders.services import tracking

PHONE = r"^\+?[0-9 ()-]{8,20}\Z"


class SavedAddressInput(serializers.Serializer):
    label = serializers.CharField(max_length=40, required=False, allow_blank=True)
    recipient = serializers.CharField(max_length=120)
    phone = serializers.RegexField(PHONE, max_length=20, error_messages={"invalid": _("Nomor telepon tidak valid.")})
    street = serializers.CharField(max_length=255)
    province = serializers.ChoiceField(choices=PROVINCE_CHOICES)
    regency = serializers.CharField(max_length=5, help_text="Kemendagri regency code, e.g. 34.71")
    district = serializers.CharField(max_length=8, help_text="Kemendagri district code, e.g. 34.71.01")
    postal_code = serializers.RegexField(r"^\d{5}\Z", error_messages={"invalid": _("Kode pos harus 5 digit.")})
    is_default = serializers.BooleanField(required=False)


class SavedAddressOutput(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    recipient = serializers.CharField()
    phone = serializers.CharField()
    street = serializers.CharField()
    province = serializers.CharField()
    regency = serializers.CharField(source="regency_id")
    regency_name = serializers.CharField(source="regency.name")
    district = serializers.CharField(source="district_id")
    district_name = serializers.CharField(source="district.name")
    city = serializers.CharField()
    postal_code = serializers.CharField()
    is_default = serializers.BooleanField()


def _own(request, address_id: int) -> BuyerAddress:
    return get_object_or_404(selectors.address_list_for_buyer(user=request.user), pk=address_id)


def _out(address: BuyerAddress) -> dict:
    address = BuyerAddress.objects.select_related("regency", "district").get(pk=address.pk)
    return SavedAddressOutput(address).data


class AddressListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: SavedAddressOutput(many=True), **error_responses(401)})
    def get(self, request):
        return Response(SavedAddressOutput(selectors.address_list_for_buyer(user=request.user), many=True).data)

    @extend_schema(request=SavedAddressInput, responses={201: SavedAddressOutput, **error_responses(400, 401)})
    def post(self, request):
        data = SavedAddressInput(data=request.data)
        data.is_valid(raise_exception=True)
        address = services.address_create(user=request.user, **data.validated_data)
        return Response(_out(address), status=status.HTTP_201_CREATED)


class AddressDetailApi(APIView):
    """One of the caller's own addresses; another buyer's is a 404."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: SavedAddressOutput, **error_responses(401, 404)})
    def get(self, request, address_id: int):
        return Response(_out(_own(request, address_id)))

    @extend_schema(
        request=SavedAddressInput(partial=True), responses={200: SavedAddressOutput, **error_responses(400, 401, 404)}
    )
    def patch(self, request, address_id: int):
        address = _own(request, address_id)
        data = SavedAddressInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return Response(_out(services.address_update(address=address, **data.validated_data)))

    @extend_schema(responses={204: None, **error_responses(401, 404)})
    def delete(self, request, address_id: int):
        services.address_delete(address=_own(request, address_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---- tracking ----------------------------------------------------------------------------------


class TrackingEventOutput(serializers.Serializer):
    status = serializers.CharField()
    note = serializers.CharField()
    at = serializers.DateTimeField(source="happened_at")


class TrackingOutput(serializers.Serializer):
    shipment = serializers.IntegerField(source="pk")
    status = serializers.CharField(help_text="The shipment's status: pending, shipped, delivered, cancelled")
    courier = serializers.CharField()
    tracking_number = serializers.CharField()
    tracking_url = serializers.SerializerMethodField()
    tracking_status = serializers.CharField(help_text="The courier's latest status, e.g. droppingOff, delivered")
    tracked_at = serializers.DateTimeField(allow_null=True)
    events = TrackingEventOutput(many=True, source="tracking_events.all")

    def get_tracking_url(self, shipment) -> str:
        return tracking_url(shipment.courier, shipment.tracking_number)


def _tracked(request, shipment_id: int) -> Shipment:
    """The buyer and the shop's members may follow a parcel; anyone else gets a 404."""
    shipment = selectors.shipment_for_member_or_buyer(shipment_id=shipment_id, user=request.user)
    if shipment is None:
        raise NotFoundError(gettext("Pengiriman tidak ditemukan."))
    return Shipment.objects.prefetch_related("tracking_events").get(pk=shipment.pk)


class ShipmentTrackingApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: TrackingOutput, **error_responses(401, 404)})
    def get(self, request, shipment_id: int):
        return Response(TrackingOutput(_tracked(request, shipment_id)).data)

    @extend_schema(
        request=None,
        responses={200: TrackingOutput, **error_responses(401, 404)},
        description="Ask the courier now (through the tracking provider) and answer the updated tracking; "
        "a parcel the courier reports delivered becomes `delivered`.",
    )
    def post(self, request, shipment_id: int):
        shipment = _tracked(request, shipment_id)
        tracking.shipment_track(shipment_id=shipment.pk)
        return Response(TrackingOutput(_tracked(request, shipment_id)).data)
