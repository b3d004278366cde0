"""The cart's item count for the header of every page."""

from functools import cache

from django.db.models import Sum

from orders.models import CartLine
from orders.services.cart import SESSION_KEY
from sellers.models import Seller


def cart(request):
    @cache
    def cart_count() -> int:
        # Called by the header only, once per page; a visitor's session lines count until they are merged.
        # Lines no longer for sale are left out, as they are of the cart's totals.
        in_session = sum(int(quantity) for quantity in request.session.get(SESSION_KEY, {}).values())
        user = request.user
        if not user.is_authenticated:
            return in_session
        lines = CartLine.objects.filter(
            user=user, variant__is_active=True, product__is_active=True, product__seller__status=Seller.Status.VERIFIED
        )
        return in_session + (lines.aggregate(n=Sum("quantity"))["n"] or 0)

    return {"cart_count": cart_count}
