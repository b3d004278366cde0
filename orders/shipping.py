"""Shipping fees: billable weight in whole kilograms (at least 1) times the courier's per-kg rate."""

from math import ceil

from marketplace.errors import ValidationError
from marketplace.provinces import zone_of
from orders.models import ShippingRate


def billable_kg(weight_grams: int) -> int:
    return max(1, ceil(weight_grams / 1000))


def per_kg_rate(*, courier: str, province: str) -> int:
    rate = ShippingRate.objects.filter(courier=courier, zone=zone_of(province)).values_list("per_kg", flat=True).first()
    if rate is None:
        raise ValidationError({"courier": ["Kurir ini belum melayani provinsi tujuan."]})
    return rate


def shipping_fee(*, weight_grams: int, per_kg: int) -> int:
    return billable_kg(weight_grams) * per_kg
