"""The catalogue page's facet links: each option of a facet as a link that narrows the current
query, with its count, and the chips that undo a narrowing. Pure presentation of `sellers.facets`."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from marketplace.money import format_rupiah
from sellers.facets import Facets


@dataclass(frozen=True)
class FacetOption:
    label: str
    count: int
    url: str
    selected: bool
    child: bool = False


@dataclass(frozen=True)
class FacetGroup:
    title: str
    options: list[FacetOption]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    remove_url: str


def query_with(params: QueryDict, **changes) -> str:
    """`?...` of the current query with some parameters set (None removes them), back on page one."""
    data = params.copy()
    data.pop("page", None)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = str(value)
    return f"?{data.urlencode()}"


def _category_selected(params: QueryDict, category) -> bool:
    return params.get("category") in (str(category.pk), category.slug)


def price_band_label(low: int, high: int | None) -> str:
    if not low:
        return _("di bawah %(high)s") % {"high": format_rupiah(high)}
    if high is None:
        return _("%(low)s ke atas") % {"low": format_rupiah(low)}
    return f"{format_rupiah(low)} – {format_rupiah(high)}"


def facet_groups(facets: Facets, params: QueryDict, category_name) -> list[FacetGroup]:
    """The facets as link groups; `category_name(category)` names a category in the page's language."""
    categories = []
    for row in facets.categories:
        for item, child in [(row, False), *((c, True) for c in row.children)]:
            selected = _category_selected(params, item.category)
            url = query_with(params, category=None if selected else item.category.slug)
            categories.append(FacetOption(category_name(item.category), item.count, url, selected, child))
    provinces = [
        FacetOption(
            name,
            count,
            query_with(params, province=None if params.get("province") == code else code),
            params.get("province") == code,
        )
        for code, name, count in facets.provinces
    ]
    bands = []
    for band in facets.price_bands:
        selected = params.get("min_price") == str(band.min_price) and params.get("max_price", "") == str(
            band.max_price or ""
        )
        url = (
            query_with(params, min_price=None, max_price=None)
            if selected
            else query_with(params, min_price=band.min_price, max_price=band.max_price)
        )
        bands.append(FacetOption(price_band_label(band.min_price, band.max_price), band.count, url, selected))
    in_campaign = params.get("in_campaign") == "true"
    campaign = FacetOption(
        _("Sedang dalam kampanye"),
        facets.in_campaign,
        query_with(params, in_campaign=None if in_campaign else "true"),
        in_campaign,
    )
    groups = [
        FacetGroup(_("Kategori"), categories),
        FacetGroup(_("Harga"), [b for b in bands if b.count or b.selected]),
        FacetGroup(_("Kampanye"), [campaign] if campaign.count or campaign.selected else []),
        FacetGroup(_("Provinsi"), provinces),
    ]
    return [group for group in groups if group.options]


def active_filters(groups: list[FacetGroup]) -> list[ActiveFilter]:
    """The chosen facet options, each with the link that drops it."""
    return [ActiveFilter(o.label, o.url) for group in groups for o in group.options if o.selected]
