"""Complaints and returns, per shipment, within the completion window.

The buyer opens one (reason, description, evidence); the shop answers by its deadline: a refund
(full or partial), a return (the buyer sends the goods back with a tracking number, and is refunded
when the shop confirms it received them), or a rejection with a reason, which the buyer may accept
or take to staff. Either side may ask staff to decide at any open step. Every step is a message and
an order event; the party who must act next gets an email. While a complaint is open the shipment
does not complete and the shop's funds stay held; closing it completes the shipment (releasing what
is left) or, after a return, marks it returned (stock and quota back, out of the sales ledger).
`complaints_enforce_deadlines` is the beat task: a silent shop refunds in full, a buyer who never
sends the return or never answers a rejection closes the complaint, a shop that never confirms a
return's receipt sends it to staff.
"""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, NotAllowed, ValidationError
from marketplace.models import MINISTRY_GROUP, User
from marketplace.money import format_rupiah as rupiah
from orders.evidence import evidence_clean
from orders.models import Courier, Order, OrderLine, Shipment
from orders.models_aftersales import Complaint, ComplaintMessage
from orders.services.completion import shipment_complete
from orders.services.email import email_enqueue, email_render
from orders.services.ledger import ledger_remove_shipment
from orders.services.lifecycle import lines_give_back, order_event_record, order_status_refresh
from orders.services.refunds import refund_shipment_amount
from sellers.models import SellerMember
from sellers.selectors import is_member

S = Complaint.Status
R = ComplaintMessage.Role
OPENABLE = (Shipment.Status.SHIPPED, Shipment.Status.DELIVERED)


def _text(text: str, *, required: bool, field: str = "text") -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({field: [_("Wajib diisi.")]})
    if len(text) > 2000:
        raise ValidationError({field: [_("Paling panjang 2000 karakter.")]})
    return text


def _locked(complaint: Complaint) -> Complaint:
    Order.objects.select_for_update().filter(pk=complaint.shipment.order_id).exists()
    return (
        Complaint.objects.select_for_update()
        .select_related("shipment__order__buyer", "shipment__seller")
        .get(pk=complaint.pk)
    )


def _step(complaint, *, to: str, by, role: str, action: str, text: str = "", evidence=None, deadline=None):
    """Move the complaint to `to`, keep the message, the order event, and email who acts next."""
    previous = complaint.status
    complaint.status, complaint.respond_by = to, deadline
    fields = ["status", "respond_by"]
    if to in Complaint.CLOSED:
        complaint.closed_at = timezone.now()
        fields.append("closed_at")
    complaint.save(update_fields=[*fields, "refund_amount", "return_courier", "return_tracking_number"])
    message = ComplaintMessage(complaint=complaint, author=by, role=role, action=action, text=text)
    if evidence is not None:
        message.evidence_type, message.evidence = evidence_clean(evidence)
    message.save()
    shipment = complaint.shipment
    order_event_record(shipment.order, actor=by, from_status=previous, to_status=to, shipment=shipment,
           note=f"Komplain #{complaint.pk}: {action} {text}")  # fmt: skip
    _notify(complaint, to)


def _notify(complaint: Complaint, status: str) -> None:
    order, shipment = complaint.shipment.order, complaint.shipment
    shop_turn = status in (S.AWAITING_SHOP, S.RETURN_SHIPPED)
    buyer_turn = status in (S.AWAITING_RETURN, S.SHOP_REJECTED) or status in Complaint.CLOSED
    recipients = []
    if shop_turn or status in Complaint.CLOSED or status == S.ESCALATED:
        recipients += list(
            SellerMember.objects.filter(seller_id=shipment.seller_id).values_list("user__email", flat=True)
        )
    if buyer_turn or status == S.ESCALATED:
        recipients.append(order.buyer.email)
    if status == S.ESCALATED:  # staff decide next
        recipients += list(User.objects.filter(groups__name=MINISTRY_GROUP).values_list("email", flat=True))
    kind = "complaint_opened" if status == S.AWAITING_SHOP else "complaint_update"
    context = {"order": order, "shipment": shipment, "complaint": complaint}
    email_enqueue([email_render(kind=kind, to=to, context=context, order=order) for to in recipients])


def complaint_open(*, shipment: Shipment, buyer, reason: str, description: str, evidence=None) -> Complaint:
    """The buyer complains about a shipped or delivered parcel, before it completes."""
    errors = {}
    if reason not in Complaint.Reason.values:
        errors["reason"] = [_("Pilih salah satu: %(c)s.") % {"c": ", ".join(Complaint.Reason.values)}]
    try:
        description = _text(description, required=True, field="description")
    except ValidationError as exc:
        errors.update(exc.detail)
    if errors:
        raise ValidationError(errors)
    if buyer.pk != shipment.order.buyer_id:
        raise NotAllowed(_("Hanya pembeli yang dapat mengajukan komplain."))
    if evidence is not None:
        evidence_clean(evidence)  # refused before anything is written
    with transaction.atomic():
        Order.objects.select_for_update().filter(pk=shipment.order_id).exists()
        shipment = Shipment.objects.select_for_update().select_related("order__buyer", "seller").get(pk=shipment.pk)
        if shipment.status not in OPENABLE:
            raise ConflictError(
                _("Pengiriman berstatus %(s)s; komplain tidak bisa diajukan.") % {"s": shipment.get_status_display()}
            )
        window = settings.AFTERSALES_COMPLETE_AFTER_DELIVERY
        if shipment.delivered_at is not None and shipment.delivered_at + window <= timezone.now():
            raise ConflictError(_("Masa komplain untuk pengiriman ini sudah lewat."))
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    shipment=shipment, buyer=buyer, reason=reason, description=description
                )
        except IntegrityError as exc:
            raise ConflictError(_("Pengiriman ini sudah pernah dikomplain.")) from exc
        complaint.status = ""  # so the first step records "" -> awaiting_shop
        _step(complaint, to=S.AWAITING_SHOP, by=buyer, role=R.BUYER, action="opened", text=description,
              evidence=evidence, deadline=timezone.now() + settings.AFTERSALES_COMPLAINT_ANSWER)  # fmt: skip
    return complaint


def _refund(complaint: Complaint, amount: int | None, *, by, note: str) -> int:
    """Refund `amount` (None: all the buyer paid, which is Rp 0 for a shipment vouchers paid entirely:
    then nothing goes to the provider and the ledger gives the funders their part back)."""
    shipment = complaint.shipment
    gross = shipment.buyer_amount  # what the buyer paid for it, after vouchers
    if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= gross):
        raise ValidationError({"amount": [_("Jumlah 1 sampai %(max)s.") % {"max": rupiah(gross)}]})
    refund_shipment_amount(shipment=shipment, amount=amount, reason=note[:255],
                           refund_key=f"{shipment.order.number}-K{complaint.pk}", actor=by)  # fmt: skip
    complaint.refund_amount = gross if amount is None else amount
    return complaint.refund_amount


def _close_and_complete(complaint: Complaint, *, by, note: str) -> None:
    """A closed complaint lets its shipment complete: what is still held goes to the shop."""
    shipment_complete(shipment=complaint.shipment, actor=by, note=note)


def complaint_shop_answer(
    *, complaint: Complaint, by, action: str, text: str = "", amount: int | None = None, evidence=None
) -> Complaint:
    """The shop answers: `refund` (amount, default all), `return`, or `reject` (a reason required)."""
    if action not in ("refund", "return", "reject"):
        raise ValidationError({"action": [_("Pilih refund, return atau reject.")]})
    text = _text(text, required=action == "reject")
    if not is_member(user=by, seller=complaint.shipment.seller):
        raise NotAllowed(_("Hanya toko penjualnya yang dapat menjawab komplain ini."))
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.status != S.AWAITING_SHOP:
            raise ConflictError(_("Komplain berstatus %(s)s.") % {"s": complaint.get_status_display()})
        now = timezone.now()
        if action == "refund":
            paid = _refund(complaint, amount, by=by, note=_("Komplain disetujui toko"))
            _step(complaint, to=S.REFUNDED, by=by, role=R.SHOP, action="refund", text=f"{rupiah(paid)} {text}",
                  evidence=evidence)  # fmt: skip
            _close_and_complete(complaint, by=by, note=_("Komplain selesai: dana dikembalikan"))
        elif action == "return":
            _step(complaint, to=S.AWAITING_RETURN, by=by, role=R.SHOP, action="return", text=text, evidence=evidence,
                  deadline=now + settings.AFTERSALES_RETURN_SHIP)  # fmt: skip
        else:
            _step(complaint, to=S.SHOP_REJECTED, by=by, role=R.SHOP, action="reject", text=text, evidence=evidence,
                  deadline=now + settings.AFTERSALES_COMPLAINT_ANSWER)  # fmt: skip
    return complaint


def complaint_return_shipped(*, complaint: Complaint, by, courier: str, tracking_number: str) -> Complaint:
    """The buyer sent the goods back and gives the return's tracking number."""
    tracking_number = (tracking_number or "").strip()
    if courier not in Courier.values:
        raise ValidationError({"courier": [_("Pilih salah satu: %(c)s.") % {"c": ", ".join(Courier.values)}]})
    if not tracking_number or len(tracking_number) > 40:
        raise ValidationError({"tracking_number": [_("Nomor resi wajib diisi (paling panjang 40).")]})
    if by.pk != complaint.buyer_id:
        raise NotAllowed(_("Hanya pembeli yang mengirim balik barangnya."))
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.status != S.AWAITING_RETURN:
            raise ConflictError(_("Komplain berstatus %(s)s.") % {"s": complaint.get_status_display()})
        complaint.return_courier, complaint.return_tracking_number = courier, tracking_number
        _step(complaint, to=S.RETURN_SHIPPED, by=by, role=R.BUYER, action="return_shipped",
              text=f"{courier.upper()} {tracking_number}",
              deadline=timezone.now() + settings.AFTERSALES_RETURN_RECEIVE)  # fmt: skip
    return complaint


def complaint_return_received(*, complaint: Complaint, by) -> Complaint:
    """The shop has the goods back: the buyer is refunded the shipment; stock and quota come back."""
    if not is_member(user=by, seller=complaint.shipment.seller) and not getattr(by, "is_ministry", False):
        raise NotAllowed(_("Hanya toko penjualnya yang dapat mengonfirmasi barang kembali."))
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.status not in (S.RETURN_SHIPPED, S.ESCALATED) or not complaint.return_tracking_number:
            raise ConflictError(_("Komplain berstatus %(s)s.") % {"s": complaint.get_status_display()})
        _return(complaint, by=by)
    return complaint


def _return(complaint: Complaint, *, by) -> None:
    shipment = Shipment.objects.select_for_update().get(pk=complaint.shipment_id)
    lines_give_back(OrderLine.objects.filter(shipment=shipment))
    ledger_remove_shipment(shipment=shipment)
    _refund(complaint, None, by=by, note=_("Barang dikembalikan pembeli"))
    previous = shipment.status
    shipment.status = Shipment.Status.RETURNED
    shipment.save(update_fields=["status"])
    complaint.shipment = shipment
    role = R.STAFF if getattr(by, "is_ministry", False) and not is_member(user=by, seller=shipment.seller) else R.SHOP
    _step(complaint, to=S.RETURNED, by=by, role=role, action="return_received")
    order = Order.objects.get(pk=shipment.order_id)
    order_event_record(order, actor=by, from_status=previous, to_status=shipment.status, shipment=shipment,
           note=_("Barang dikembalikan"))  # fmt: skip
    order_status_refresh(order, actor=by, note=_("Barang dikembalikan"))


def complaint_buyer_accept(*, complaint: Complaint, by) -> Complaint:
    """The buyer withdraws the complaint, or accepts the shop's rejection: the shipment completes."""
    if by.pk != complaint.buyer_id:
        raise NotAllowed(_("Hanya pembeli yang dapat menutup komplainnya."))
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.status not in (S.AWAITING_SHOP, S.SHOP_REJECTED, S.AWAITING_RETURN):
            raise ConflictError(_("Komplain berstatus %(s)s.") % {"s": complaint.get_status_display()})
        to = S.REJECTED if complaint.status == S.SHOP_REJECTED else S.WITHDRAWN
        _step(complaint, to=to, by=by, role=R.BUYER, action="accept")
        _close_and_complete(complaint, by=by, note=_("Komplain selesai"))
    return complaint


def complaint_escalate(*, complaint: Complaint, by, text: str, evidence=None) -> Complaint:
    """The buyer or the shop asks staff to decide."""
    text = _text(text, required=True)
    if by.pk == complaint.buyer_id:
        role = R.BUYER
    elif is_member(user=by, seller=complaint.shipment.seller):
        role = R.SHOP
    else:
        raise NotAllowed(_("Hanya pembeli atau toko yang dapat meminta bantuan staf."))
    with transaction.atomic():
        complaint = _locked(complaint)
        if not complaint.is_open or complaint.status == S.ESCALATED:
            raise ConflictError(_("Komplain berstatus %(s)s.") % {"s": complaint.get_status_display()})
        _step(complaint, to=S.ESCALATED, by=by, role=role, action="escalate", text=text, evidence=evidence)
    return complaint


def complaint_decide(*, complaint: Complaint, by, outcome: str, text: str, amount: int | None = None) -> Complaint:
    """Staff decide an escalated complaint: `refund` (amount, default all), `return_received`, or `reject`."""
    if not getattr(by, "is_ministry", False):
        raise NotAllowed(_("Hanya staf yang dapat memutuskan komplain."))
    if outcome not in ("refund", "reject", "return_received"):
        raise ValidationError({"outcome": [_("Pilih refund, return_received atau reject.")]})
    text = _text(text, required=True)
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.status != S.ESCALATED:
            raise ConflictError(_("Komplain berstatus %(s)s.") % {"s": complaint.get_status_display()})
        if outcome == "return_received":
            if not complaint.return_tracking_number:
                raise ConflictError(_("Pembeli belum mengirim balik barangnya."))
            _return(complaint, by=by)
            return complaint
        if outcome == "refund":
            paid = _refund(complaint, amount, by=by, note=_("Keputusan staf"))
            _step(complaint, to=S.REFUNDED, by=by, role=R.STAFF, action="decide_refund",
                  text=f"{rupiah(paid)} {text}")  # fmt: skip
        else:
            _step(complaint, to=S.REJECTED, by=by, role=R.STAFF, action="decide_reject", text=text)
        _close_and_complete(complaint, by=by, note=_("Komplain diputuskan staf"))
    return complaint


def complaints_enforce_deadlines(*, now: datetime | None = None) -> int:
    """The beat task: act for whoever let their deadline pass. Running it twice does nothing more."""
    now = now or timezone.now()
    due = Complaint.objects.filter(
        status__in=(S.AWAITING_SHOP, S.AWAITING_RETURN, S.RETURN_SHIPPED, S.SHOP_REJECTED), respond_by__lte=now
    ).order_by("pk")
    acted = 0
    for complaint_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            complaint = _locked(Complaint.objects.select_related("shipment").get(pk=complaint_id))
            if complaint.respond_by is None or complaint.respond_by > now or not complaint.is_open:
                continue  # someone acted meanwhile
            _lapse(complaint)
        acted += 1
    return acted


def _lapse(complaint: Complaint) -> None:
    late = _("Batas waktu lewat")
    if complaint.status == S.AWAITING_SHOP:
        paid = _refund(complaint, None, by=None, note=_("Toko tidak menjawab komplain"))
        _step(complaint, to=S.REFUNDED, by=None, role=R.SYSTEM, action="lapsed_refund", text=f"{rupiah(paid)} {late}")
        _close_and_complete(complaint, by=None, note=_("Komplain selesai: toko tidak menjawab"))
    elif complaint.status in (S.AWAITING_RETURN, S.SHOP_REJECTED):
        _step(complaint, to=S.REJECTED, by=None, role=R.SYSTEM, action="lapsed_close", text=late)
        _close_and_complete(complaint, by=None, note=_("Komplain selesai: pembeli tidak melanjutkan"))
    elif complaint.status == S.RETURN_SHIPPED:
        _step(complaint, to=S.ESCALATED, by=None, role=R.SYSTEM, action="lapsed_escalate", text=late)
