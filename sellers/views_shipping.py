"""The seller centre page where a shop sets where its parcels start and which couriers it offers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from marketplace.errors import DomainError
from marketplace.forms import add_domain_errors
from sellers import selectors
from sellers.forms import ShopShippingForm
from sellers.services_shipping import seller_shipping_set


@login_required
@require_http_methods(["GET", "POST"])
def shop_shipping(request, seller_id: int):
    seller = selectors.seller_of_member(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    initial = {
        "province": seller.province,
        "regency": seller.regency_id,
        "district": seller.district_id,
        "postal_code": seller.postal_code,
        "couriers": seller.offered_couriers,
    }
    if request.method == "POST" and "refresh" in request.POST:
        form = ShopShippingForm(initial={**request.POST.dict(), "couriers": request.POST.getlist("couriers")})
    elif request.method == "POST":
        form = ShopShippingForm(request.POST)
    else:
        form = ShopShippingForm(initial=initial)
    if form.is_bound and form.is_valid():
        try:
            seller_shipping_set(seller=seller, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(request, _("Lokasi dan kurir toko sudah disimpan."))
            return redirect("sellers:centre")
    return render(request, "sellers/shop_shipping.html", {"seller": seller, "form": form})
