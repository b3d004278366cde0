"""The pay page: choose a method, see what to pay with (QR, VA number, a redirect), and watch it land.

The QR image is drawn here from the charge's QR string (segno, as inline SVG), so nothing about the
payment is fetched from a third party by the buyer's browser. The page polls a small status view
and reloads itself once the order is paid; without JavaScript, "check status" asks the provider.
"""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from marketplace.errors import DomainError
from marketplace.forms import domain_error_text
from orders import selectors
from orders.models import Order, Payment, PaymentCharge, PaymentRefund
from orders.providers import available_methods, simulation_enabled
from orders.services import charges, payments, refunds

# Method groups as the page lists them; only those a configured provider offers are shown.
METHOD_GROUPS = [
    (gettext_lazy("QRIS (semua e-wallet dan m-banking)"), ["qris"]),
    (gettext_lazy("Transfer virtual account"), ["va_bca", "va_bni", "va_bri", "va_mandiri", "va_permata"]),
    (gettext_lazy("E-wallet"), ["gopay", "shopeepay"]),
    (gettext_lazy("Semua metode di halaman Midtrans"), ["snap"]),
]
BANK_NAMES = {"bca": "BCA", "bni": "BNI", "permata": "Permata"}


def _bank_steps(bank: str) -> list[str]:
    """How to pay a virtual account at each bank, in the page's language."""
    enter = _("Masukkan nomor virtual account di atas; nama dan jumlah tagihan muncul otomatis.")
    confirm = _("Periksa jumlahnya sama persis, lalu konfirmasi dengan PIN Anda.")
    if bank == "bri":
        return [_("Buka BRImo atau ATM BRI, pilih Pembayaran › BRIVA."), enter, confirm]
    if bank == "mandiri":
        return [
            _("Buka Livin' by Mandiri atau ATM Mandiri, pilih Bayar › Multipayment."),
            _("Masukkan kode perusahaan, lalu kode pembayaran di atas."),
            confirm,
        ]
    if bank in BANK_NAMES:
        first = _("Buka aplikasi m-banking atau ATM %(bank)s, pilih Transfer › Virtual Account.")
        return [first % {"bank": BANK_NAMES[bank]}, enter, confirm]
    return []


def _buyer_order_or_404(request, number: str) -> Order:
    order = selectors.order_detail_for_buyer(user=request.user, number=number)
    if order is None:
        raise Http404
    return order


def _live_charge(order: Order) -> PaymentCharge | None:
    return order.payment.charges.filter(status=PaymentCharge.Status.PENDING).first()


def _qr_svg(text: str) -> str:
    """An inline SVG of the QR code; segno escapes nothing it does not draw, the text is only encoded."""
    return segno.make(text, error="m", micro=False).svg_inline(scale=5, border=2, dark="#111", light="#fff")


def _method_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    offered = set(available_methods())
    labels = dict(Payment.Method.choices)
    groups = []
    for title, methods in METHOD_GROUPS:
        choices = [(m, labels[m]) for m in methods if m in offered]
        if choices:
            groups.append((title, choices))
    return groups


@login_required
@require_http_methods(["GET", "POST"])
def pay(request, number: str):
    order = _buyer_order_or_404(request, number)
    if request.method == "POST":
        return _pay_post(request, order)
    charge = _live_charge(order) if order.status == Order.Status.AWAITING_PAYMENT else None
    context = {
        "order": order,
        "charge": charge,
        "charge_label": dict(Payment.Method.choices).get(charge.method, charge.method) if charge else "",
        "qr_svg": _qr_svg(charge.qr_string) if charge and charge.qr_string else "",
        "bank_steps": _bank_steps(charge.bank) if charge else [],
        "method_groups": _method_groups(),
        "test_provider": simulation_enabled(),
    }
    return render(request, "orders/pay.html", context)


def _pay_post(request, order: Order):
    try:
        if "check" in request.POST:
            charge = _live_charge(order)
            if charge is not None:
                charges.charge_refresh(charge=charge)
        elif request.POST.get("method", "test") == "test":
            payments.test_provider_pay(order=order, actor=request.user)
        else:
            charges.payment_start(order=order, method=request.POST["method"], actor=request.user)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
        return redirect("orders:pay", number=order.number)
    order.refresh_from_db()
    if order.status == Order.Status.PAID:
        messages.success(request, _("Pembayaran diterima. Terima kasih!"))
        return redirect(order.get_absolute_url())
    return redirect("orders:pay", number=order.number)


@login_required
@require_GET
def pay_status(request, number: str):
    """What the pay page polls: the order's and the payment's status, from our own database."""
    order = Order.objects.filter(buyer=request.user, number=number).select_related("payment").first()
    if order is None:
        raise Http404
    return JsonResponse({"order_status": order.status, "payment_status": order.payment.status})


@login_required
@require_http_methods(["POST"])
def refund_account(request, number: str, refund_id: int):
    """The buyer gives the bank account a manual refund goes to."""
    order = _buyer_order_or_404(request, number)
    refund = PaymentRefund.objects.filter(pk=refund_id, payment__order=order).first()
    if refund is None:
        raise Http404
    try:
        refunds.refund_set_bank_details(
            refund=refund,
            bank_name=request.POST.get("bank_name", ""),
            account_number=request.POST.get("account_number", ""),
            account_holder=request.POST.get("account_holder", ""),
        )
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("Rekening tujuan tersimpan. Staf kami akan mentransfer dananya."))
    return redirect(order.get_absolute_url())
