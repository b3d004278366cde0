"""Web pages for the cart, checkout, payment and orders."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from orders import selectors


@login_required
def order_detail(request, number: str):
    order = selectors.order_detail_for_buyer(user=request.user, number=number)
    if order is None:
        raise Http404
    return render(request, "orders/order_detail.html", {"order": order})
