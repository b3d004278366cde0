"""The shipping-rate port: what each courier service charges to carry one shop's parcel to the buyer.

Checkout and the checkout page ask `rate_provider()` (named in `settings.SHIPPING_RATE_PROVIDER`).
The default, `TableRates`, prices from the table staff keep in the admin (origin zone x destination
zone x courier service, per kg, with days). An aggregator adapter (orders.biteship) asks live rates
and falls back on the table whenever it cannot answer, so checkout never waits on it.
"""

import logging
from dataclasses import dataclass, field
from math import ceil
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from marketplace.couriers import Courier, service_name
from marketplace.provinces import zone_of
from orders.models import ShippingRate

logger = logging.getLogger(__name__)

TABLE = "table"


def billable_kg(weight_grams: int) -> int:
    return max(1, ceil(weight_grams / 1000))


@dataclass(frozen=True)
class Place:
    province: str
    regency: str = ""
    district: str = ""
    postal_code: str = ""


@dataclass(frozen=True)
class Parcel:
    """One shop's part of an order: from the shop, to the buyer, with the couriers the shop offers."""

    origin: Place
    destination: Place
    weight_grams: int
    value: int
    couriers: tuple[str, ...]


@dataclass(frozen=True)
class RateOption:
    courier: str
    service: str
    fee: int
    eta_min_days: int
    eta_max_days: int
    provider: str

    @property
    def key(self) -> str:
        return f"{self.courier}:{self.service}"

    @property
    def name(self) -> str:
        return service_name(self.courier, self.service)

    @property
    def eta(self) -> str:
        if self.eta_min_days == self.eta_max_days:
            return str(self.eta_min_days)
        return f"{self.eta_min_days}-{self.eta_max_days}"


@dataclass
class Options:
    """A parcel's options, cheapest first; `provider` says which provider answered."""

    rates: list[RateOption] = field(default_factory=list)

    def find(self, courier: str, service: str = "") -> RateOption | None:
        for option in self.rates:
            if option.courier == courier and (not service or option.service == service):
                return option
        return None


class RateProvider(Protocol):
    def options(self, parcels: list[Parcel]) -> list[Options]:
        """The options of each parcel, in order; never raises for a provider being down."""


# ---- the staff-kept table ------------------------------------------------------------------------

RATES_CACHE_KEY = "shipping-rate-table:v2"
Row = tuple[int, int, int]  # per_kg, eta_min_days, eta_max_days


def rate_table() -> dict[tuple[str, str, str, str], Row]:
    """The whole (small, rarely edited) table, kept in the cache so checkout does not query it."""
    table = cache.get(RATES_CACHE_KEY)
    if table is None:
        table = {
            (courier, service, origin, destination): (per_kg, low, high)
            for courier, service, origin, destination, per_kg, low, high in ShippingRate.objects.values_list(
                "courier", "service", "origin_zone", "zone", "per_kg", "eta_min_days", "eta_max_days"
            )
        }
        cache.set(RATES_CACHE_KEY, table, 600)
    return table


def shipping_rates_changed() -> None:
    """Call after editing rates (the admin does), so the next checkout reads the new table."""
    cache.delete(RATES_CACHE_KEY)


def parcel_of(*, seller, destination: Place, weight_grams: int, value: int) -> Parcel:
    """The parcel one shop sends: from where the shop is, with the couriers it offers."""
    origin = Place(
        province=seller.province,
        regency=seller.regency_id or "",
        district=seller.district_id or "",
        postal_code=seller.postal_code,
    )
    return Parcel(
        origin=origin,
        destination=destination,
        weight_grams=weight_grams,
        value=value,
        couriers=tuple(seller.offered_couriers),
    )


def _local(parcel: Parcel) -> bool:
    """The shop's own courier delivers within its regency only."""
    return bool(parcel.origin.regency) and parcel.origin.regency == parcel.destination.regency


class TableRates:
    """Per-kg rates by origin and destination zone; the default provider and every adapter's fallback."""

    name = TABLE

    def options(self, parcels: list[Parcel]) -> list[Options]:
        table = rate_table()
        return [self.parcel_options(parcel, table) for parcel in parcels]

    def parcel_options(self, parcel: Parcel, table=None) -> Options:
        table = rate_table() if table is None else table
        origin, destination = zone_of(parcel.origin.province), zone_of(parcel.destination.province)
        kg = billable_kg(parcel.weight_grams)
        rates = []
        for (courier, service, from_zone, to_zone), (per_kg, low, high) in table.items():
            if from_zone != origin or to_zone != destination or courier not in parcel.couriers:
                continue
            if courier == Courier.TOKO and not _local(parcel):
                continue
            rates.append(RateOption(courier, service, kg * per_kg, low, high, self.name))
        return Options(rates=sorted(rates, key=_order))


_COURIER_RANK = {code: rank for rank, code in enumerate(Courier.values)}  # (`Courier.values` builds a list per call)


def _order(option: RateOption):
    return (option.fee, option.eta_max_days, _COURIER_RANK[option.courier], option.service)


def rate_provider() -> RateProvider:
    return import_string(settings.SHIPPING_RATE_PROVIDER)()
