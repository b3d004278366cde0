"""The ministry console's voucher pages: list, create, edit, a voucher's budget and burn, pause."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from campaigns import selectors_vouchers, services_vouchers
from campaigns.forms_vouchers import VoucherForm
from campaigns.models_vouchers import Voucher
from marketplace.charts import Point, chart
from marketplace.errors import DomainError
from marketplace.forms import add_domain_errors
from marketplace.web import ministry_required, page_of

PAGE_SIZE = 50


@ministry_required
def voucher_list(request):
    page = page_of(request, selectors_vouchers.voucher_list(), PAGE_SIZE)
    return render(request, "campaigns/vouchers/list.html", {"page_obj": page})


@ministry_required
@require_http_methods(["GET", "POST"])
def voucher_create(request):
    form = VoucherForm(
        request.POST or None, initial={"kind": Voucher.Kind.AMOUNT, "funded_by": Voucher.Funder.MINISTRY}
    )
    if request.method == "POST" and form.is_valid():
        try:
            voucher = services_vouchers.voucher_create(by=request.user, **form.service_kwargs())
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(request, _("Voucher %(name)s sudah dibuat.") % {"name": voucher})
            return redirect("campaigns:voucher_detail", voucher_id=voucher.pk)
    return render(request, "campaigns/vouchers/form.html", {"form": form, "voucher": None})


@ministry_required
@require_http_methods(["GET", "POST"])
def voucher_edit(request, voucher_id: int):
    voucher = get_object_or_404(Voucher, pk=voucher_id)
    form = VoucherForm(request.POST or None, initial=VoucherForm.initial_for(voucher))
    if request.method == "POST" and form.is_valid():
        try:
            voucher = services_vouchers.voucher_update(
                voucher=voucher, by=request.user, **form.service_kwargs(voucher=voucher)
            )
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(request, _("Voucher %(name)s sudah disimpan.") % {"name": voucher})
            return redirect("campaigns:voucher_detail", voucher_id=voucher.pk)
    return render(request, "campaigns/vouchers/form.html", {"form": form, "voucher": voucher})


@ministry_required
def voucher_detail(request, voucher_id: int):
    """Budget used and left, read fresh on every request, and what was spent per day."""
    voucher = get_object_or_404(Voucher.objects.select_related("campaign"), pk=voucher_id)
    start, end = selectors_vouchers.burn_window(voucher)
    days = selectors_vouchers.budget_burn(vouchers=Voucher.objects.filter(pk=voucher.pk), start=start, end=end)
    context = {
        "voucher": voucher,
        "days": days,
        "chart": chart([Point(d, spent) for d, spent in days], title=_("Anggaran terpakai per hari")),
        "used_pct": voucher.budget_used * 100 // voucher.budget if voucher.budget else 0,
    }
    return render(request, "campaigns/vouchers/detail.html", context)


@ministry_required
@require_POST
def voucher_pause(request, voucher_id: int):
    voucher = get_object_or_404(Voucher, pk=voucher_id)
    if request.POST.get("resume"):
        services_vouchers.voucher_resume(voucher=voucher, by=request.user)
        messages.success(request, _("Voucher %(name)s berlaku lagi.") % {"name": voucher})
    else:
        services_vouchers.voucher_pause(voucher=voucher, by=request.user)
        messages.success(request, _("Voucher %(name)s dihentikan sementara.") % {"name": voucher})
    if request.POST.get("next") == "list":
        return redirect("campaigns:vouchers")
    return redirect("campaigns:voucher_detail", voucher_id=voucher.pk)
