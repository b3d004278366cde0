"""Campaign web pages: the public landing page, the ministry console, seller enrolment."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from campaigns import selectors
from marketplace.pricing import quote


def campaign_landing(request, slug: str):
    campaign = selectors.campaign_visible(user=request.user, slug=slug)
    if campaign is None:
        raise Http404
    products = list(selectors.campaign_products(campaign=campaign)[:60])
    quotes = quote(products, timezone.now(), buyer=request.user if request.user.is_authenticated else None)
    rows = [(product, quotes[product.pk]) for product in products]
    return render(request, "campaigns/landing.html", {"campaign": campaign, "rows": rows})
