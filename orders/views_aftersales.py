"""After-sales pages: the buyer confirms, complains and reviews from the order page; the shop declines
and answers complaints from the seller centre; staff decide escalated complaints. Thin: each calls a
service and shows its domain error as a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.errors import DomainError
from marketplace.forms import domain_error_text
from marketplace.web import ministry_required, page_of
from orders import selectors
from orders.forms_aftersales import (
    ComplaintForm,
    DecideForm,
    DeclineForm,
    EscalateForm,
    ReturnForm,
    ReviewForm,
    ShopAnswerForm,
)
from orders.models import OrderLine, Shipment
from orders.models_aftersales import Complaint
from orders.selectors_complaints import complaint_for_user, complaint_messages, complaints_for_staff, complaints_of_shop
from orders.services import complaints, completion, declines, reviews
from sellers.selectors import is_member, seller_of_member

STEP_FORMS = {"answer": ShopAnswerForm, "return": ReturnForm, "escalate": EscalateForm, "decide": DecideForm}


def _buyer_shipment(request, number: str, shipment_id: int) -> Shipment:
    return get_object_or_404(
        Shipment.objects.select_related("order", "seller"), pk=shipment_id, order__number=number,
        order__buyer=request.user,
    )  # fmt: skip


def _run(request, action, success: str) -> bool:
    try:
        action()
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
        return False
    messages.success(request, success)
    return True


def _form_error(request, form) -> None:
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


@login_required
@require_POST
def shipment_confirm(request, number: str, shipment_id: int):
    shipment = _buyer_shipment(request, number, shipment_id)
    _run(
        request,
        lambda: completion.shipment_confirm(shipment=shipment, actor=request.user),
        _("Pesanan dari %(shop)s selesai. Terima kasih!") % {"shop": shipment.seller.name},
    )
    return redirect(shipment.order.get_absolute_url())


@login_required
def complaint_new(request, number: str, shipment_id: int):
    shipment = _buyer_shipment(request, number, shipment_id)
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = complaints.complaint_open(shipment=shipment, buyer=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, domain_error_text(exc.detail))
        else:
            messages.success(request, _("Komplain terkirim ke toko."))
            return redirect("orders:complaint", complaint_id=complaint.pk)
    status = 400 if form.errors else 200
    return render(request, "orders/complaint_new.html", {"shipment": shipment, "form": form}, status=status)


@login_required
def complaint_detail(request, complaint_id: int):
    complaint = complaint_for_user(complaint_id=complaint_id, user=request.user)
    if complaint is None:
        raise Http404
    is_buyer = complaint.buyer_id == request.user.pk
    is_shop = is_member(user=request.user, seller=complaint.shipment.seller)
    is_staff = request.user.is_ministry
    S = Complaint.Status
    context = {
        "complaint": complaint,
        "shipment": complaint.shipment,
        "messages_list": complaint_messages(complaint=complaint),
        "is_buyer": is_buyer,
        "is_shop": is_shop,
        "is_staff": is_staff,
        "answer_form": ShopAnswerForm(auto_id="answer-%s") if is_shop and complaint.status == S.AWAITING_SHOP else None,
        "return_form": ReturnForm(auto_id="return-%s") if is_buyer and complaint.status == S.AWAITING_RETURN else None,
        "can_receive": is_shop and complaint.status == S.RETURN_SHIPPED,
        "can_accept": is_buyer and complaint.status in (S.AWAITING_SHOP, S.SHOP_REJECTED, S.AWAITING_RETURN),
        "escalate_form": EscalateForm(auto_id="escalate-%s")
        if (is_buyer or is_shop) and complaint.is_open and complaint.status != S.ESCALATED
        else None,
        "decide_form": DecideForm(auto_id="decide-%s")
        if request.user.is_ministry and complaint.status == S.ESCALATED
        else None,
    }
    return render(request, "orders/complaint_detail.html", context)


@login_required
@require_POST
def complaint_step(request, complaint_id: int, step: str):
    complaint = complaint_for_user(complaint_id=complaint_id, user=request.user)
    if complaint is None:
        raise Http404
    data = {}
    if step in STEP_FORMS:
        form = STEP_FORMS[step](request.POST, request.FILES or None)
        if not form.is_valid():
            _form_error(request, form)
            return redirect("orders:complaint", complaint_id=complaint.pk)
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "") or k == "text"}
    services = {
        "answer": complaints.complaint_shop_answer,
        "return": complaints.complaint_return_shipped,
        "received": complaints.complaint_return_received,
        "accept": complaints.complaint_buyer_accept,
        "escalate": complaints.complaint_escalate,
        "decide": complaints.complaint_decide,
    }
    if step not in services:
        raise Http404
    _run(request, lambda: services[step](complaint=complaint, by=request.user, **data), _("Tersimpan."))
    return redirect("orders:complaint", complaint_id=complaint.pk)


@login_required
@require_POST
def review_new(request, number: str, line_id: int):
    line = get_object_or_404(
        OrderLine.objects.select_related("order", "product"), pk=line_id, order__number=number,
        order__buyer=request.user,
    )  # fmt: skip
    form = ReviewForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
    else:
        _run(
            request,
            lambda: reviews.review_create(
                author=request.user,
                product=line.product,
                line_id=line.pk,
                photos=request.FILES.getlist("photos"),
                **form.cleaned_data,
            ),
            _("Terima kasih atas ulasan Anda."),
        )
    return redirect(line.order.get_absolute_url())


def _member_shop_or_404(request, seller_id: int):
    seller = seller_of_member(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    return seller


@login_required
@require_POST
def shipment_decline(request, seller_id: int, shipment_id: int):
    seller = _member_shop_or_404(request, seller_id)
    shipment = selectors.shipment_for_member(shipment_id=shipment_id, user=request.user)
    if shipment is None or shipment.seller_id != seller.pk:
        raise Http404
    form = DeclineForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
    else:
        _run(
            request,
            lambda: declines.shipment_decline(shipment=shipment, actor=request.user, **form.cleaned_data),
            _("Pesanan %(number)s dibatalkan; dana pembeli dikembalikan.") % {"number": shipment.order.number},
        )
    return redirect(reverse("orders:seller_shipments", kwargs={"seller_id": seller.pk}))


@login_required
def seller_complaints(request, seller_id: int):
    seller = _member_shop_or_404(request, seller_id)
    show_all = request.GET.get("semua") == "1"
    page = page_of(request, complaints_of_shop(seller_id=seller.pk, open_only=not show_all), 20)
    return render(request, "orders/seller_complaints.html", {"seller": seller, "page_obj": page, "show_all": show_all})


@ministry_required
def staff_complaints(request):
    page = page_of(request, complaints_for_staff(), 20)
    return render(request, "orders/staff_complaints.html", {"page_obj": page})
