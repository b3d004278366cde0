"""HTTP API of a shop's shipping settings: where its parcels start and which couriers it offers."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.couriers import Courier
from marketplace.errors import error_responses
from marketplace.provinces import PROVINCE_CHOICES
from sellers import selectors, services_shipping
from sellers.models import Seller


class ShopPlaceInput(serializers.Serializer):
    """The place and couriers a shop may give when it registers (all optional)."""

    regency = serializers.CharField(max_length=5, required=False, allow_blank=True, default="")
    district = serializers.CharField(max_length=8, required=False, allow_blank=True, default="")
    postal_code = serializers.RegexField(
        r"^[0-9]{5}\Z", required=False, default="", error_messages={"invalid": "Kode pos harus 5 digit."}
    )
    couriers = serializers.ListField(
        child=serializers.ChoiceField(choices=Courier.choices), required=False, allow_empty=False, max_length=10
    )


class SellerInput(ShopPlaceInput):
    name = serializers.CharField(max_length=120)
    nib = serializers.RegexField(r"^[0-9]{13}\Z", error_messages={"invalid": "NIB harus 13 digit angka."})
    province = serializers.ChoiceField(choices=PROVINCE_CHOICES)
    city = serializers.CharField(
        max_length=80, required=False, allow_blank=True, default="", help_text="Free text; optional with `regency`"
    )
    scale = serializers.ChoiceField(choices=Seller.Scale.choices)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    e_smart_ikm = serializers.BooleanField(required=False, default=False)


class SellerShippingInput(serializers.Serializer):
    """Where the shop's parcels start, and the couriers it ships with; what is left out stays."""

    province = serializers.ChoiceField(choices=PROVINCE_CHOICES, required=False)
    regency = serializers.CharField(max_length=5, required=False)
    district = serializers.CharField(max_length=8, required=False)
    postal_code = serializers.RegexField(
        r"^\d{5}\Z", required=False, error_messages={"invalid": "Kode pos harus 5 digit."}
    )
    couriers = serializers.ListField(
        child=serializers.ChoiceField(choices=Courier.choices), required=False, allow_empty=False, max_length=10
    )


class SellerShippingOutput(serializers.Serializer):
    province = serializers.CharField()
    regency = serializers.CharField(source="regency_id", allow_null=True)
    district = serializers.CharField(source="district_id", allow_null=True)
    postal_code = serializers.CharField()
    couriers = serializers.ListField(child=serializers.CharField(), source="offered_couriers")
    needs_region = serializers.BooleanField(help_text="True until the shop has picked its regency and district")


class SellerShippingApi(APIView):
    """A shop's place and couriers, for its members (owner and staff); anyone else gets a 404."""

    permission_classes = [IsAuthenticated]

    def _shop(self, request, seller_id: int) -> Seller:
        seller = selectors.seller_of_member(user=request.user, seller_id=seller_id)
        if seller is None:
            raise NotFound()
        return seller

    @extend_schema(responses={200: SellerShippingOutput, **error_responses(401, 404)})
    def get(self, request, seller_id: int):
        return Response(SellerShippingOutput(self._shop(request, seller_id)).data)

    @extend_schema(request=SellerShippingInput, responses={200: SellerShippingOutput, **error_responses(400, 401, 404)})
    def patch(self, request, seller_id: int):
        seller = self._shop(request, seller_id)
        data = SellerShippingInput(data=request.data)
        data.is_valid(raise_exception=True)
        seller = services_shipping.seller_shipping_set(seller=seller, **data.validated_data)
        return Response(SellerShippingOutput(seller).data)
