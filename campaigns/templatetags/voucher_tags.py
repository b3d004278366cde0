"""Vouchers on shoppers' pages of other apps (product page, cart): `sellers` and `orders` cannot import
`campaigns`, their templates load these. The arithmetic is checkout's own (campaigns/voucher_rules.py)."""

from dataclasses import dataclass

from django import template
from django.utils import timezone

from campaigns.models_vouchers import Voucher
from campaigns.selectors_vouchers import vouchers_on_offer
from campaigns.voucher_port import budget_left
from campaigns.voucher_rules import Terms, eligible_lines, goods_discounts
from orders.vouchers import CheckoutLine, checkout_lines

register = template.Library()


@dataclass
class Offer:
    voucher: Voucher
    saving: int  # Rupiah off these goods now (0: a shipping voucher, or the minimum spend not reached)
    short_of: int  # Rupiah more to spend before it applies
    best: bool = False


def offers_for(lines: list[CheckoutLine], *, at=None) -> list[Offer]:
    """The vouchers that cover any of these lines, the best goods voucher first and flagged."""
    offers = []
    for voucher in vouchers_on_offer(at=at or timezone.now()):
        terms = Terms.of(voucher)
        eligible = eligible_lines(terms, lines)
        if not eligible:
            continue
        goods = sum(line.goods for line in eligible)
        saving = 0
        if voucher.is_goods:
            saving = sum(goods_discounts(terms, lines, budget_left=budget_left(voucher)).values())
        offers.append(Offer(voucher=voucher, saving=saving, short_of=max(0, voucher.min_spend - goods)))
    best = max((o for o in offers if o.saving), key=lambda o: (o.saving, -o.voucher.pk), default=None)
    if best is not None:
        best.best = True
    offers.sort(key=lambda o: (not o.best, o.voucher.kind == Voucher.Kind.SHIPPING, -o.saving, o.voucher.pk))
    return offers


@dataclass(frozen=True)
class _OneUnit:
    product: object
    unit_price: int
    quantity: int = 1

    @property
    def variant(self):
        """A line is keyed by its variant; a lone line can be keyed by its product as well."""
        return self.product


@register.inclusion_tag("campaigns/vouchers/_offers.html")
def product_vouchers(product, quote):
    """Vouchers for one unit of a product at its price now."""
    return {"offers": offers_for(checkout_lines([_OneUnit(product, quote.unit_price)])), "where": "product"}


@register.inclusion_tag("campaigns/vouchers/_offers.html")
def cart_vouchers(cart):
    """Vouchers for what is in the cart, the best one suggested."""
    return {"offers": offers_for(checkout_lines(cart.buyable)) if cart.buyable else [], "where": "cart"}
