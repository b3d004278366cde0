"""Facets: how many products of the current search and filters fall in each category, province,
price band and "in a campaign", so a shopper sees where to narrow before clicking.

Each facet is counted with every filter applied except its own (the category counts ignore the
chosen category, so the other categories stay visible as alternatives). Four queries, whatever
the size of the catalogue.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils import timezone

from marketplace.pricing import pricing_backend, seconds_prices_hold
from marketplace.provinces import PROVINCE_CHOICES
from sellers.filters import ProductFilter
from sellers.models import Category
from sellers.selectors import product_public_list

# List-price bands in whole Rupiah: [min, max) and the last one open-ended.
PRICE_BANDS: list[tuple[int, int | None]] = [
    (0, 50_000),
    (50_000, 100_000),
    (100_000, 250_000),
    (250_000, 500_000),
    (500_000, None),
]
# Which query parameters each facet sets (and so leaves out when counting itself).
FACET_PARAMS = {
    "category": ("category",),
    "province": ("province",),
    "price": ("min_price", "max_price"),
    "in_campaign": ("in_campaign",),
}
# Parameters that only shape the page, never which products match.
NOT_FILTERS = ("page", "page_size", "ordering")


@dataclass(frozen=True)
class CategoryCount:
    category: Category
    count: int
    children: list[CategoryCount]


@dataclass(frozen=True)
class PriceBandCount:
    min_price: int
    max_price: int | None
    count: int


@dataclass(frozen=True)
class Facets:
    categories: list[CategoryCount]  # top-level categories with a product, each with its sub-categories
    provinces: list[tuple[str, str, int]]  # (code, name, count), most products first
    price_bands: list[PriceBandCount]
    in_campaign: int


def _matching(params: QueryDict, without: tuple[str, ...], request):
    data = params.copy()
    for key in (*without, *NOT_FILTERS):
        data.pop(key, None)
    filterset = ProductFilter(data, queryset=product_public_list(), request=request)
    return filterset.qs.order_by() if filterset.is_valid() else product_public_list().none()


def _category_counts(counts: dict[int, int]) -> list[CategoryCount]:
    """Counts per leaf rolled up into their parents; categories without products are left out."""
    categories = list(Category.objects.order_by("position", "name"))
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id:
            children.setdefault(category.parent_id, []).append(category)
    tree = []
    for top in (c for c in categories if c.parent_id is None):
        below = [CategoryCount(c, counts[c.pk], []) for c in children.get(top.pk, []) if counts.get(c.pk)]
        total = counts.get(top.pk, 0) + sum(c.count for c in below)
        if total:
            tree.append(CategoryCount(top, total, below))
    return tree


def product_facets(*, params: QueryDict, request=None) -> Facets:
    """The facet counts for a catalogue query (the product list's own parameters)."""
    by_category = dict(
        _matching(params, FACET_PARAMS["category"], request)
        .values_list("category_id")
        .annotate(n=Count("pk"))
        .values_list("category_id", "n")
    )
    by_province = dict(
        _matching(params, FACET_PARAMS["province"], request)
        .values_list("seller__province")
        .annotate(n=Count("pk"))
        .values_list("seller__province", "n")
    )
    band_filters = {
        f"band_{i}": Count("pk", filter=Q(price__gte=low) & (Q(price__lt=high) if high else Q()))
        for i, (low, high) in enumerate(PRICE_BANDS)
    }
    bands = _matching(params, FACET_PARAMS["price"], request).aggregate(**band_filters)
    in_campaign = pricing_backend().filter_in_campaign(
        _matching(params, FACET_PARAMS["in_campaign"], request), timezone.now()
    )
    return Facets(
        categories=_category_counts(by_category),
        provinces=sorted(
            ((code, name, by_province[code]) for code, name in PROVINCE_CHOICES if by_province.get(code)),
            key=lambda row: (-row[2], row[1]),
        ),
        price_bands=[PriceBandCount(low, high, bands[f"band_{i}"] or 0) for i, (low, high) in enumerate(PRICE_BANDS)],
        in_campaign=in_campaign.count(),
    )


def product_facets_shared(*, params: QueryDict, request=None) -> Facets:
    """`product_facets`, shared by every shopper for up to `CATALOGUE_CACHE_SECONDS` (never across a
    campaign's start or end): the counts depend on the query, not on who asks, and cost four scans."""
    if not settings.CATALOGUE_CACHE_SECONDS:
        return product_facets(params=params, request=request)
    shaping = sorted((key, value) for key, values in params.lists() if key not in NOT_FILTERS for value in values)
    key = "facets:" + hashlib.sha1(urlencode(shaping).encode()).hexdigest()
    facets = cache.get(key)
    if facets is None:
        facets = product_facets(params=params, request=request)
        seconds = seconds_prices_hold(timezone.now(), at_most=settings.CATALOGUE_CACHE_SECONDS)
        if seconds > 0:
            cache.set(key, facets, seconds)
    return facets
