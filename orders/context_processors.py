"""The cart's item count for the header of every page."""

from functools import cache

from django.db.models import Sum

from orders.models import CartLine
from orders.services.cart import SESSION_KEY


def cart(request):
    @cache
    def cart_count() -> int:
        # Called by the header only, once per page; a visitor's session lines count until they are merged.
        in_session = sum(int(quantity) for quantity in request.session.get(SESSION_KEY, {}).values())
        user = request.user
        if not user.is_authenticated:
            return in_session
        return in_session + (CartLine.objects.filter(user=user).aggregate(n=Sum("quantity"))["n"] or 0)

    return {"cart_count": cart_count}
