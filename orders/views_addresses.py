"""The buyer's address book pages: list, add, edit, delete, choose the default.

Province, regency and district are lists; without JavaScript the "update the lists" button
re-renders the form with the lists of what was chosen, keeping what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.errors import DomainError
from marketplace.forms import add_domain_errors, domain_error_text
from orders import selectors
from orders.forms import AddressForm
from orders.models import BuyerAddress
from orders.services import addresses as services


def _own(request, address_id: int) -> BuyerAddress:
    return get_object_or_404(BuyerAddress, pk=address_id, user=request.user)


def _form_for(request, *, initial=None) -> AddressForm:
    if request.method == "POST" and "refresh" in request.POST:
        return AddressForm(initial=request.POST.dict())
    if request.method == "POST":
        return AddressForm(request.POST)
    return AddressForm(initial=initial or {"recipient": request.user.full_name})


@login_required
@require_http_methods(["GET", "POST"])
def address_list(request):
    form = _form_for(request)
    if form.is_bound and form.is_valid():
        try:
            services.address_create(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(request, _("Alamat sudah disimpan."))
            return redirect("orders:addresses")
    addresses = selectors.address_list_for_buyer(user=request.user)
    return render(request, "orders/addresses.html", {"addresses": addresses, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def address_edit(request, address_id: int):
    address = _own(request, address_id)
    initial = {
        name: getattr(address, name) for name in ("label", "recipient", "phone", "street", "province", "postal_code")
    }
    initial.update(regency=address.regency_id, district=address.district_id, is_default=address.is_default)
    form = _form_for(request, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            changes = dict(form.cleaned_data)
            if not changes["is_default"]:
                changes.pop("is_default")
            services.address_update(address=address, **changes)
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(request, _("Alamat sudah diubah."))
            return redirect("orders:addresses")
    return render(request, "orders/address_edit.html", {"address": address, "form": form})


@login_required
@require_POST
def address_delete(request, address_id: int):
    services.address_delete(address=_own(request, address_id))
    messages.success(request, _("Alamat sudah dihapus."))
    return redirect("orders:addresses")


@login_required
@require_POST
def address_make_default(request, address_id: int):
    try:
        services.address_set_default(address=_own(request, address_id))
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("Alamat utama sudah diganti."))
    return redirect("orders:addresses")
