"""What the order page tests share: a stand-in for campaign pricing at half price (the `half_price`
fixture turns it on), putting a product in the cart, and an order placed and paid."""

from django.urls import reverse

from marketplace.pricing import CampaignRef, Quote
from orders.models import Payment
from orders.services import lifecycle


class HalfPriceBackend:
    """A stand-in for campaign pricing: everything at half price in #SatuDalamKopi."""

    campaign = CampaignRef(id=1, slug="satu-dalam-kopi", hashtag="#SatuDalamKopi")

    def _quote(self, product):
        return Quote(unit_price=product.price // 2, list_price=product.price, campaign=self.campaign)

    def quote(self, products, at, *, buyer=None):
        return {p.pk: self._quote(p) for p in products}

    def quote_variants(self, variants, at, *, buyer=None):
        return {v.pk: self._quote(v) for v in variants}

    def reserve(self, lines, *, buyer, at):
        return {line.variant.pk: self._quote(line.variant) for line in lines}

    def release(self, order_lines):
        pass

    def mark_live(self, at):
        return None


def add_to_cart(client, product, quantity=1):
    return client.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": quantity})


def a_paid_order(place_order, *items, buyer):
    order = place_order(*items, buyer=buyer)
    lifecycle.order_mark_paid(order=order, method=Payment.Method.TEST, actor=buyer)
    return order
