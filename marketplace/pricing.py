"""The pricing port: what a product costs a buyer at a moment (see docs/architecture.md, "Ports").

The catalogue and checkout ask the backend named in `settings.PRICING_BACKEND`; the default is the
list price. `campaigns` plugs in its own backend, so neither `sellers` nor `orders` imports it.
`PricingBackend` declares every method a caller uses: another backend can be written from it alone.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from marketplace.rows import SqlMark


@dataclass(frozen=True)
class CampaignRef:
    id: int
    slug: str
    hashtag: str


@dataclass(frozen=True)
class Quote:
    unit_price: int
    list_price: int
    campaign: CampaignRef | None = None
    # Units still available at this price for this buyer (None: no limit); checkout enforces it.
    campaign_units_left: int | None = None

    @property
    def discount(self) -> int:
        return self.list_price - self.unit_price

    @property
    def campaign_id(self) -> int | None:
        return self.campaign.id if self.campaign else None


class PricingBackend(Protocol):
    def quote(self, products: Iterable, at: datetime, *, buyer=None) -> dict[int, Quote]:
        """Prices of `products` (model instances) at `at`, by product id; for pages, never locks."""
        ...

    def quote_variants(self, variants: Iterable, at: datetime, *, buyer=None) -> dict[int, Quote]:
        """Prices of `variants` (with `.product` loaded) at `at`, by variant id; for pages, never locks."""
        ...

    def reserve(self, lines: list, *, buyer, at: datetime) -> dict[int, Quote]:
        """Inside the checkout transaction: lock what limits campaign prices, return final quotes by variant id.

        `lines` have `.product`, `.variant` and `.quantity`; a quote's `campaign_units_left` tells
        checkout how many units of the product the buyer may still have at that price.
        """
        ...

    def release(self, order_lines: Iterable) -> None:
        """Give back what `reserve` took (quota, per-buyer counts) when an order is cancelled."""
        ...

    def mark_live(self, at: datetime) -> SqlMark | None:
        """An SQL mark `campaign_live` of the locked product (`sellers_product`): whether a campaign
        may price it at `at`. None: nothing to mark.

        Checkout reads it in the statement that locks its products, so `reserve` can skip its own
        locks and queries when no product of the order is marked (see the campaign backend for why
        that is safe).
        """
        ...

    def next_change(self, at: datetime) -> datetime | None:
        """The next instant after `at` at which prices change by the clock alone (None: never)."""
        ...

    def filter_campaign(self, products: QuerySet, campaign_slug: str) -> QuerySet:
        """The products of the queryset that take part in the campaign (the catalogue's filter)."""
        ...

    def filter_in_campaign(self, products: QuerySet, at: datetime) -> QuerySet:
        """The products of the queryset selling at a campaign's price at `at` (the "in a campaign" facet)."""
        ...


class ListPriceBackend:
    """Everything sells at its list price."""

    def quote(self, products, at, *, buyer=None):
        return {p.pk: Quote(unit_price=p.price, list_price=p.price) for p in products}

    def quote_variants(self, variants, at, *, buyer=None):
        return {v.pk: Quote(unit_price=v.price, list_price=v.price) for v in variants}

    def reserve(self, lines, *, buyer, at):
        return {line.variant.pk: Quote(unit_price=line.variant.price, list_price=line.variant.price) for line in lines}

    def filter_campaign(self, products, campaign_slug: str):
        """Products taking part in a campaign; without campaigns there are none."""
        return products.none()

    def filter_in_campaign(self, products, at: datetime):
        """Products selling at a campaign's price at `at` (the catalogue's "in a campaign" facet)."""
        return products.none()

    def release(self, order_lines) -> None:
        """Give back what `reserve` took, when an order is cancelled. Nothing to give back here."""

    def mark_live(self, at: datetime) -> SqlMark | None:
        """Nothing to mark: no product ever sells at another price."""
        return None

    def next_change(self, at: datetime) -> datetime | None:
        """The next instant after `at` at which prices change by the clock alone (None: never)."""
        return None


@lru_cache(maxsize=4)
def _backend(path: str):
    return import_string(path)()


def pricing_backend() -> PricingBackend:
    return _backend(settings.PRICING_BACKEND)


def quote(products, at: datetime, *, buyer=None) -> dict[int, Quote]:
    return pricing_backend().quote(list(products), at, buyer=buyer)


def quote_variants(variants, at: datetime, *, buyer=None) -> dict[int, Quote]:
    return pricing_backend().quote_variants(list(variants), at, buyer=buyer)


def seconds_prices_hold(at: datetime, *, at_most: int) -> int:
    """How long a rendering of prices at `at` may be cached: never across a campaign start or end."""
    change = pricing_backend().next_change(at)
    if change is None:
        return at_most
    return max(0, min(at_most, int((change - at).total_seconds())))
