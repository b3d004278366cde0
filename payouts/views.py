"""The seller centre's money pages: Saldo, bank account, statements, tax statement; invoices as PDF."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.errors import DomainError
from marketplace.forms import add_domain_errors, domain_error_text
from orders.models import Shipment
from payouts import selectors
from payouts.forms import BankAccountForm, TaxStatementForm
from payouts.models import Account, Entry, Invoice, TaxStatement
from payouts.services import documents, payouts
from sellers.selectors import is_member, seller_of_member

ENTRIES_PER_PAGE = 20


def _shop(request, seller_id: int):
    """One of the user's shops; anyone else gets a 404 and learns nothing about the shop's money."""
    seller = seller_of_member(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    return seller


@login_required
def balance(request, seller_id: int):
    seller = selectors.shop_of_member_with_bank(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    bank = getattr(seller, "bank_account", None)
    figures, account_ids = selectors.balance_with_accounts(seller=seller)
    before = request.GET.get("sebelum", "")
    before = int(before) if before.isascii() and before.isdigit() and len(before) < 19 else None
    entries, older = selectors.entry_page(account_ids=account_ids, before=before, size=ENTRIES_PER_PAGE)
    # Labels translated once per page: `get_kind_display` hashes every lazy choice label per call.
    kinds = {value: str(label) for value, label in Entry.Kind.choices}
    accounts = {value: str(label) for value, label in Account.Kind.choices}
    for entry in entries:
        entry.kind_label, entry.account_label = kinds[entry.kind], accounts[entry.account.kind]
    context = {
        "seller": seller,
        "balance": figures,
        "bank": bank,
        "next_payout": selectors.next_payout_date(),
        "minimum_request": settings.PAYOUTS_MINIMUM_REQUEST,
        "can_request": bank is not None and bank.is_verified and figures.available >= settings.PAYOUTS_MINIMUM_REQUEST,
        "entries": entries,
        "older": older,
        "newest_page": before is None,
        "hold_days": settings.PAYOUTS_HOLD_AFTER_DELIVERY.days,
    }
    return render(request, "payouts/balance.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bank_account(request, seller_id: int):
    seller = _shop(request, seller_id)
    current = selectors.bank_account_of(seller=seller)
    initial = {"bank": current.bank, "number": current.number, "holder_name": current.holder_name} if current else {}
    form = BankAccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            payouts.bank_account_save(seller=seller, **form.cleaned_data)
        except DomainError as error:
            add_domain_errors(form, error.detail)
        else:
            messages.success(request, _("Rekening disimpan. Staf akan mencocokkan nama pemiliknya sebelum transfer."))
            return redirect("payouts:balance", seller.pk)
    return render(request, "payouts/bank_account.html", {"seller": seller, "form": form, "current": current})


@login_required
@require_POST
def payout_request(request, seller_id: int):
    seller = _shop(request, seller_id)
    try:
        payouts.payout_request(seller=seller, by=request.user)
    except DomainError as error:
        messages.error(request, domain_error_text(error.detail))
    else:
        messages.success(request, _("Penarikan dana diproses. Dana masuk ke rekening Anda setelah bank mentransfer."))
    return redirect("payouts:balance", seller.pk)


@login_required
def statements(request, seller_id: int):
    seller = _shop(request, seller_id)
    context = {
        "seller": seller,
        "months": selectors.statement_months(seller=seller),
        "tax_statements": TaxStatement.objects.filter(seller=seller).order_by("-year"),
        "form": TaxStatementForm(initial={"year": selectors.jakarta_now().year}),
    }
    return render(request, "payouts/statements.html", context)


def _statement(request, seller_id, year, month):
    seller = _shop(request, seller_id)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    return selectors.statement_of(seller=seller, year=year, month=month)


@login_required
def statement(request, seller_id: int, year: int, month: int):
    return render(request, "payouts/statement.html", {"statement": _statement(request, seller_id, year, month)})


@login_required
def statement_pdf(request, seller_id: int, year: int, month: int):
    report = _statement(request, seller_id, year, month)
    response = HttpResponse(documents.statement_pdf(statement=report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laporan-{report.seller.slug}-{year}-{month:02d}.pdf"'
    return response


@login_required
@require_POST
def tax_statement(request, seller_id: int):
    seller = _shop(request, seller_id)
    form = TaxStatementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            documents.tax_statement_upload(
                seller=seller, year=form.cleaned_data["year"], upload=form.cleaned_data["file"], by=request.user
            )
        except DomainError as error:
            messages.error(request, domain_error_text(error.detail))
        else:
            messages.success(request, _("Surat pernyataan diterima. PPh 22 tidak dipotong untuk tahun itu."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("payouts:statements", seller.pk)


@login_required
def tax_statement_file(request, seller_id: int, year: int):
    """The uploaded statement, for the shop's members and ministry staff only."""
    statement = TaxStatement.objects.filter(seller_id=seller_id, year=year).select_related("seller").first()
    if statement is None or not (request.user.is_ministry or is_member(user=request.user, seller=statement.seller)):
        raise Http404
    return FileResponse(statement.file.open("rb"), content_type=statement.content_type)


@login_required
def invoice_pdf(request, shipment_id: int):
    """The shipment's invoice for the buyer who paid it, the shop's members and ministry staff."""
    shipment = get_object_or_404(Shipment.objects.select_related("order", "seller"), pk=shipment_id)
    user = request.user
    if not (user.pk == shipment.order.buyer_id or user.is_ministry or is_member(user=user, seller=shipment.seller)):
        raise Http404
    invoice = Invoice.objects.filter(shipment=shipment).select_related("seller").first()
    if invoice is None:
        raise Http404
    response = HttpResponse(documents.invoice_pdf(invoice=invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number.replace("/", "-")}.pdf"'
    return response
