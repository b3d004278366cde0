"""Completing a shipment: the buyer says "Pesanan diterima", or the completion window passes.

`delivered` means the parcel arrived (the courier's tracking or the buyer said so); `completed`
means the buyer has no more claim on it: they confirmed receipt, or it stayed delivered for
`AFTERSALES_COMPLETION_DAYS` without a complaint. Only completion releases the shop's held funds
(through the money port, whose release is keyed per shipment, so it happens once). A parcel the
courier never reports delivered completes `AFTERSALES_COMPLETE_SHIPPED_DAYS` after it shipped.
An open complaint keeps the shipment from completing until it closes (orders/services/complaints.py).
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, NotAllowed
from orders.models import Order, Shipment
from orders.models_aftersales import Complaint
from orders.money import money_ledger
from orders.services.lifecycle import order_event_record, order_status_refresh

COMPLETABLE = (Shipment.Status.SHIPPED, Shipment.Status.DELIVERED)


def shipment_confirm(*, shipment: Shipment, actor) -> Shipment:
    """The buyer confirms the parcel arrived in order ("Pesanan diterima"): it completes now."""
    if actor is None or actor.pk != shipment.order.buyer_id:
        raise NotAllowed(_("Hanya pembeli yang dapat mengonfirmasi pesanan diterima."))
    return shipment_complete(shipment=shipment, actor=actor, note="Pesanan diterima (dikonfirmasi pembeli)")


def shipment_complete(*, shipment: Shipment, actor, note: str, now: datetime | None = None) -> Shipment:
    """Complete a shipped or delivered shipment and release its shop's funds. Refused while a
    complaint about it is open."""
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=shipment.order_id)
        shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
        if shipment.status not in COMPLETABLE:
            raise ConflictError(
                _("Pengiriman berstatus %(status)s; tidak bisa diselesaikan.")
                % {"status": shipment.get_status_display()}
            )
        if Complaint.objects.filter(shipment=shipment).open().exists():
            raise ConflictError(_("Komplain atas pengiriman ini masih berjalan."))
        previous = shipment.status
        shipment.status, shipment.completed_at = Shipment.Status.COMPLETED, now
        fields = ["status", "completed_at"]
        if shipment.delivered_at is None:
            shipment.delivered_at = now
            fields.append("delivered_at")
        shipment.save(update_fields=fields)
        order_event_record(
            order, actor=actor, from_status=previous, to_status=shipment.status, note=note, shipment=shipment
        )
        order_status_refresh(order, actor=actor, note=note)
        money_ledger().shipment_received(shipment=shipment)
    return shipment


def shipments_due_for_completion(*, now: datetime):
    """Delivered past the window, or shipped long ago and never reported delivered (the shop's own word
    does not count as a report); no complaint open."""
    delivered_by = now - settings.AFTERSALES_COMPLETE_AFTER_DELIVERY
    shipped_by = now - settings.AFTERSALES_COMPLETE_AFTER_SHIPPING
    S = Shipment.Status
    return (
        Shipment.objects.filter(
            Q(status=S.DELIVERED, delivered_by_shop=False, delivered_at__lte=delivered_by)
            | Q(status__in=[S.SHIPPED, S.DELIVERED], shipped_at__lte=shipped_by)
        )
        .exclude(pk__in=Complaint.objects.open().values("shipment_id"))
        .order_by("pk")
    )


def shipments_complete_due(*, now: datetime | None = None) -> int:
    """The beat task: complete every shipment whose window passed. Running it twice completes nothing more."""
    now = now or timezone.now()
    completed = 0
    for shipment in shipments_due_for_completion(now=now).iterator():
        try:
            shipment_complete(shipment=shipment, actor=None, note="Selesai otomatis (masa komplain lewat)", now=now)
        except ConflictError:
            continue  # completed, cancelled or complained about meanwhile
        completed += 1
    return completed
