"""Following parcels: the courier's events (through the aggregator) recorded for the buyer to see,
and a parcel the courier reports delivered moves its shipment to delivered.

The tracking provider is a function named in `settings.SHIPPING_TRACKING_PROVIDER` taking
`courier` and `waybill` and answering `orders.biteship.Tracking`; empty means none (the buyer still
gets the link to the courier's own tracking page).
"""

import logging
from contextlib import suppress

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from marketplace.couriers import AGGREGATED
from marketplace.errors import ConflictError
from orders.biteship import ProviderError, Tracking
from orders.models import Shipment, TrackingEvent
from orders.services.lifecycle import shipment_deliver

logger = logging.getLogger(__name__)

POLL_BATCH = 200


def tracking_enabled() -> bool:
    return bool(settings.SHIPPING_TRACKING_PROVIDER)


def _provider():
    return import_string(settings.SHIPPING_TRACKING_PROVIDER)


def shipment_track(*, shipment_id: int) -> Shipment | None:
    """Ask the courier where the parcel is; record new events; deliver it when the courier says so.

    Safe to run twice: an event is stored once (unique per shipment, time and status), and a shipment
    already delivered is left alone, unless only its shop said so: the courier's word confirms that.
    None when there is nothing to ask (no provider, no waybill).
    """
    shipment = Shipment.objects.select_related("order").filter(pk=shipment_id).first()
    if (
        shipment is None
        or not tracking_enabled()
        or not (shipment.status == Shipment.Status.SHIPPED or shipment.delivered_by_shop)
        or not shipment.tracking_number
        or shipment.courier not in AGGREGATED
    ):
        return None
    try:
        tracking: Tracking = _provider()(courier=shipment.courier, waybill=shipment.tracking_number)
    except ProviderError as exc:
        logger.warning("tracking unavailable for shipment %s: %s", shipment.pk, exc)
        return shipment
    now = timezone.now()
    with transaction.atomic():
        TrackingEvent.objects.bulk_create(
            [
                TrackingEvent(shipment=shipment, status=s.status, note=s.note, happened_at=s.at, received_at=now)
                for s in tracking.steps
            ],
            ignore_conflicts=True,
        )
        Shipment.objects.filter(pk=shipment.pk).update(tracking_status=tracking.status[:32], tracked_at=now)
        if tracking.delivered:
            # Delivered meanwhile (by the buyer, or by another poll): nothing left to do.
            with suppress(ConflictError):
                shipment_deliver(shipment=shipment, actor=None)
    shipment.refresh_from_db()
    return shipment


def shipments_to_track() -> list[int]:
    """Shipped parcels with a waybill (or delivered on the shop's word only), the longest unasked first."""
    return list(
        Shipment.objects.filter(
            Q(status=Shipment.Status.SHIPPED) | Q(status=Shipment.Status.DELIVERED, delivered_by_shop=True),
            courier__in=AGGREGATED,
        )
        .exclude(tracking_number="")
        .order_by("tracked_at", "shipped_at", "id")
        .values_list("pk", flat=True)[:POLL_BATCH]
    )
