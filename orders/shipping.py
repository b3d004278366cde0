"""Shipping fees: billable weight in whole kilograms (at least 1) times the courier's per-kg rate."""

from math import ceil

from django.core.cache import cache
from django.utils.translation import gettext as _

from marketplace.errors import ValidationError
from marketplace.provinces import zone_of
from orders.models import ShippingRate


def billable_kg(weight_grams: int) -> int:
    return max(1, ceil(weight_grams / 1000))


RATES_CACHE_KEY = "shipping-rates"


def _rates() -> dict[tuple[str, str], int]:
    """The whole (small, rarely edited) rate table, kept in the cache so checkout does not query it."""
    rates = cache.get(RATES_CACHE_KEY)
    if rates is None:
        rates = {
            (courier, zone): per_kg
            for courier, zone, per_kg in ShippingRate.objects.values_list("courier", "zone", "per_kg")
        }
        cache.set(RATES_CACHE_KEY, rates, 600)
    return rates


def shipping_rates_changed() -> None:
    """Call after editing rates (the admin does), so the next checkout reads the new table."""
    cache.delete(RATES_CACHE_KEY)


def per_kg_rate(*, courier: str, province: str) -> int:
    rate = _rates().get((courier, zone_of(province)))
    if rate is None:
        raise ValidationError({"courier": [_("Kurir ini belum melayani provinsi tujuan.")]})
    return rate


def shipping_fee(*, weight_grams: int, per_kg: int) -> int:
    return billable_kg(weight_grams) * per_kg
