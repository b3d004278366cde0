"""What a voucher takes off an order: plain arithmetic on the order's lines and fees, no queries.

The same functions price the checkout, the cart's suggestion and the product page, so what a buyer
is promised is what checkout gives. Every result is whole Rupiah and never more than what it cuts:
a line never goes below zero, nor a shipping fee; the voucher's cap and the budget left bound it.
"""

from dataclasses import dataclass

from campaigns.models_vouchers import Voucher
from orders.vouchers import CheckoutLine, CheckoutShipment


@dataclass(frozen=True)
class Terms:
    """A voucher's terms with its categories and shops read once (no query while pricing)."""

    voucher: Voucher
    category_ids: frozenset[int]
    seller_ids: frozenset[int]

    @classmethod
    def of(cls, voucher: Voucher) -> "Terms":
        return cls(
            voucher=voucher,
            category_ids=frozenset(c.pk for c in voucher.categories.all()),
            seller_ids=frozenset(s.pk for s in voucher.sellers.all()),
        )


def eligible_lines(terms: Terms, lines: list[CheckoutLine]) -> list[CheckoutLine]:
    v = terms.voucher
    return [
        line
        for line in lines
        if (not terms.category_ids or terms.category_ids.intersection(line.category_ids))
        and (not terms.seller_ids or line.seller_id in terms.seller_ids)
        and (not v.shop_provinces or line.seller_province in v.shop_provinces)
    ]


def spread(total: int, weights: list[tuple[int, int]]) -> dict[int, int]:
    """Split `total` over keys in proportion to their weights (rounded down), the remainder to the
    largest ones first; the shares always add up to `total`. No key gets more than its weight while
    total <= sum of weights (a discount on lines); above it (a shipping subsidy spread over cheaper
    goods, analytics/cost_effectiveness.py) each key gets its proportional share rounded up or down."""
    whole = sum(w for _, w in weights)
    if total <= 0 or whole <= 0:
        return {}
    shares = {key: total * weight // whole for key, weight in weights}
    left = total - sum(shares.values())  # fewer Rupiah than keys of positive weight
    for key, weight in sorted(weights, key=lambda kw: (-kw[1], kw[0])):
        if left <= 0:
            break
        extra = min(left, max(weight - shares[key], 1))
        shares[key] += extra
        left -= extra
    return {key: share for key, share in shares.items() if share}


def goods_discounts(terms: Terms, lines: list[CheckoutLine], *, budget_left: int) -> dict[int, int]:
    """Rupiah off each eligible line (by product id) for an amount or percent voucher."""
    v = terms.voucher
    eligible = eligible_lines(terms, lines)
    goods = sum(line.goods for line in eligible)
    if not eligible or goods < max(v.min_spend, 1):
        return {}
    off = v.value if v.kind == Voucher.Kind.AMOUNT else goods * v.value // 100
    if v.max_discount is not None:
        off = min(off, v.max_discount)
    off = min(off, goods, budget_left)
    return spread(off, [(line.line_id, line.goods) for line in eligible])


def shipping_subsidies(
    terms: Terms, lines: list[CheckoutLine], shipments: list[CheckoutShipment], *, budget_left: int
) -> dict[int, int]:
    """Rupiah off each eligible shop's shipping fee (by seller id): `value` percent of the fee, the
    whole order capped by `max_discount`, filled shop by shop in seller order."""
    v = terms.voucher
    eligible = eligible_lines(terms, lines)
    if not eligible or sum(line.goods for line in eligible) < max(v.min_spend, 1):
        return {}
    sellers = {line.seller_id for line in eligible}
    room = budget_left if v.max_discount is None else min(budget_left, v.max_discount)
    subsidies = {}
    for shipment in sorted(shipments, key=lambda s: s.seller_id):
        if shipment.seller_id not in sellers or room <= 0:
            continue
        off = min(shipment.fee * v.value // 100, room)
        if off > 0:
            subsidies[shipment.seller_id] = off
            room -= off
    return subsidies


def saving(terms: Terms, lines: list[CheckoutLine], shipments: list[CheckoutShipment], *, budget_left: int) -> int:
    """What the voucher would take off this order in all (0: it does not apply)."""
    if terms.voucher.kind == Voucher.Kind.SHIPPING:
        return sum(shipping_subsidies(terms, lines, shipments, budget_left=budget_left).values())
    return sum(goods_discounts(terms, lines, budget_left=budget_left).values())
