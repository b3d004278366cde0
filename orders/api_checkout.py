"""What `POST /api/v1/orders/` takes: the lines, the address (given, or saved by id) and the couriers."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from marketplace.couriers import Courier
from marketplace.provinces import PROVINCE_CHOICES
from marketplace.serializers import SharedFieldsMixin
from orders import selectors
from orders.services import cart as cart_services
from orders.services import checkout


class CartLineInput(serializers.Serializer):
    variant = serializers.IntegerField(min_value=1, max_value=2**62, required=False)
    product = serializers.IntegerField(
        min_value=1, max_value=2**62, required=False, help_text="Instead of `variant`, for a product with one variant"
    )
    quantity = serializers.IntegerField(min_value=1, max_value=cart_services.MAX_QUANTITY)

    def validate(self, attrs):
        if attrs.get("variant") is None and attrs.get("product") is None:
            raise serializers.ValidationError(
                {"variant": [_("Pilih varian (atau produk yang hanya punya satu varian).")]}
            )
        return attrs


class AddressInput(serializers.Serializer):
    recipient = serializers.CharField(max_length=120)
    phone = serializers.RegexField(
        r"^\+?[0-9 ()-]{8,20}\Z", max_length=20, error_messages={"invalid": _("Nomor telepon tidak valid.")}
    )
    street = serializers.CharField(max_length=255)
    city = serializers.CharField(
        max_length=80, required=False, allow_blank=True, help_text="Free text; may be left out when `regency` is given"
    )
    province = serializers.ChoiceField(choices=PROVINCE_CHOICES)
    regency = serializers.CharField(
        max_length=5, required=False, allow_blank=True, help_text="Kemendagri regency code, e.g. 34.71"
    )
    district = serializers.CharField(
        max_length=8, required=False, allow_blank=True, help_text="Kemendagri district code, e.g. 34.71.01"
    )
    postal_code = serializers.RegexField(r"^[0-9]{5}\Z", error_messages={"invalid": _("Kode pos harus 5 digit.")})

    def validate(self, attrs):
        if not attrs.get("city", "").strip() and not attrs.get("regency"):
            raise serializers.ValidationError({"city": [_("Isi kota/kabupaten, atau pilih kode kabupaten/kota.")]})
        return attrs


class ShipmentChoiceInput(serializers.Serializer):
    seller = serializers.IntegerField(min_value=1, max_value=2**62)
    courier = serializers.ChoiceField(choices=Courier.choices)
    service = serializers.CharField(max_length=10, required=False, allow_blank=True)


class OrderInput(SharedFieldsMixin, serializers.Serializer):
    shipping_address = AddressInput(required=False, help_text="Or `address`, the id of a saved address")
    address = serializers.IntegerField(
        min_value=1, max_value=2**62, required=False, help_text="One of the buyer's saved addresses"
    )
    lines = CartLineInput(many=True, required=False, allow_empty=False, max_length=checkout.MAX_LINES)
    courier = serializers.ChoiceField(
        choices=Courier.choices, required=False, help_text="One courier for every shop (without `shipments`)"
    )
    shipments = ShipmentChoiceInput(
        many=True, required=False, max_length=checkout.MAX_LINES, help_text="The courier service chosen per shop"
    )

    voucher = serializers.CharField(
        max_length=32, required=False, allow_blank=True, help_text="A voucher code; automatic vouchers apply anyway"
    )
    vouchers = serializers.ListField(
        child=serializers.CharField(max_length=32),
        required=False,
        max_length=2,
        help_text="Up to two codes: one goods voucher and one shipping voucher",
    )

    def validate(self, attrs):
        if "shipping_address" not in attrs and "address" not in attrs:
            raise serializers.ValidationError({"shipping_address": [_("Isi alamat pengiriman, atau pilih `address`.")]})
        return attrs


def voucher_codes(v) -> list[str]:
    codes = [*v.get("vouchers", []), v.get("voucher", "")]
    return list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))


def checkout_address(user, v) -> checkout.Address:
    """The address an order goes to: a saved one by its id, or the one given in full."""
    if "address" in v:
        saved = selectors.address_list_for_buyer(user=user).filter(pk=v["address"]).first()
        if saved is None:
            raise serializers.ValidationError({"address": [_("Alamat tidak ditemukan di buku alamat Anda.")]})
        return checkout.Address(
            recipient=saved.recipient,
            phone=saved.phone,
            street=saved.street,
            city=saved.city,
            province=saved.province,
            postal_code=saved.postal_code,
            regency=saved.regency_id or "",
            district=saved.district_id or "",
        )
    address = dict(v["shipping_address"])
    address.setdefault("city", "")
    return checkout.Address(**address)
