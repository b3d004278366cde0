"""The ministry console's payout pages: batches, their bank file, bank account checks, PPh 22 export."""

import re

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.errors import DomainError
from marketplace.forms import domain_error_text
from marketplace.web import csv_response, ministry_required, page_of
from payouts import selectors
from payouts.forms import PayoutFailForm
from payouts.models import BankAccount, Payout, PayoutBatch
from payouts.providers import STAFF_DECIDE, bank_file
from payouts.services import payouts

BATCHES_PER_PAGE = 30


@ministry_required
def batch_list(request):
    today = selectors.jakarta_now()
    context = {
        "page_obj": page_of(request, selectors.batch_list(), BATCHES_PER_PAGE),
        "to_check": selectors.bank_accounts_to_check().count(),
        "this_month": f"{today.year}-{today.month:02d}",
        "next_payout": selectors.next_payout_date(),
    }
    return render(request, "payouts/staff_batches.html", context)


@ministry_required
@require_POST
def batch_run(request):
    batch = payouts.payout_run(
        trigger=PayoutBatch.Trigger.STAFF, minimum=settings.PAYOUTS_MINIMUM_SCHEDULED, by=request.user
    )
    if batch is None:
        messages.warning(request, _("Tidak ada toko dengan saldo yang bisa ditransfer."))
        return redirect("payouts:batches")
    messages.success(request, _("Batch pembayaran dibuat."))
    return redirect("payouts:batch", batch.pk)


@ministry_required
def batch_detail(request, batch_id: int):
    batch = get_object_or_404(selectors.batch_list(), pk=batch_id)
    context = {
        "batch": batch,
        "payouts": selectors.payouts_of_batch(batch=batch),
        "fail_form": PayoutFailForm(),
        "staff_decide": batch.provider in STAFF_DECIDE,  # else the provider's answers record the outcome
    }
    return render(request, "payouts/staff_batch.html", context)


@ministry_required
def bank_file_csv(request, batch_id: int):
    batch = get_object_or_404(PayoutBatch, pk=batch_id)
    rows = selectors.payouts_of_batch(batch=batch).exclude(status=Payout.Status.FAILED).select_related("batch")
    response = HttpResponse(bank_file(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{batch.number}.csv"'
    return response


@ministry_required
@require_POST
def batch_confirm(request, batch_id: int):
    batch = get_object_or_404(PayoutBatch, pk=batch_id)
    try:
        count = payouts.payout_batch_confirm(batch=batch)
    except DomainError as error:
        messages.error(request, domain_error_text(error.detail))
        return redirect("payouts:batch", batch.pk)
    messages.success(request, _("%(count)s transfer dicatat berhasil.") % {"count": count})
    return redirect("payouts:batch", batch.pk)


@ministry_required
@require_POST
def payout_fail(request, payout_id: int):
    payout = get_object_or_404(Payout, pk=payout_id)
    form = PayoutFailForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis alasan transfer gagal."))
    else:
        try:
            payouts.payout_fail_by_staff(payout_id=payout.pk, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, domain_error_text(error.detail))
        else:
            messages.success(request, _("Transfer dicatat gagal; dana kembali ke saldo toko."))
    return redirect("payouts:batch", payout.batch_id)


@ministry_required
def bank_accounts(request):
    return render(request, "payouts/staff_bank_accounts.html", {"accounts": selectors.bank_accounts_to_check()})


@ministry_required
@require_POST
def bank_verify(request, seller_id: int):
    account = get_object_or_404(BankAccount, seller_id=seller_id)
    seen = tuple(request.POST.get(field, "") for field in ("bank", "number", "holder_name"))
    try:
        payouts.bank_account_verify(account=account, by=request.user, seen=seen)
    except DomainError as error:
        messages.error(request, domain_error_text(error.detail))
    else:
        messages.success(request, _("Rekening %(shop)s dicocokkan.") % {"shop": account.seller.name})
    return redirect("payouts:bank_accounts")


@ministry_required
def withholding_csv(request):
    """PPh 22 withheld per shop in `?month=YYYY-MM` (Jakarta dates), for the tax office."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", request.GET.get("month", ""))
    if not match or not 1 <= int(match[2]) <= 12:
        return HttpResponseBadRequest(_("Bulan harus berbentuk TTTT-BB, misalnya 2026-11."), content_type="text/plain")
    year, month = int(match[1]), int(match[2])
    rows = (
        (f"{year}-{month:02d}", r["account__seller_id"], r["account__seller__name"], r["account__seller__nib"])
        + (r["shipments"], r["base"], r["tax"])
        for r in selectors.withholding_of_month(year=year, month=month)
    )
    header = ["month", "seller_id", "shop", "nib", "shipments", "goods_gross", "pph22_withheld"]
    return csv_response(f"pph22-{year}-{month:02d}.csv", header, rows)
