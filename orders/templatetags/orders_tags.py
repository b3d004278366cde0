"""Small helpers for the order pages."""

from django import template
from django.utils.translation import gettext_lazy as _

from marketplace.couriers import tracking_url
from orders.models import Complaint, Order, Payment, Shipment

register = template.Library()

# An event's from/to is an order, shipment or payment status; where values are shared, the order's
# and the shipment's labels win (the payment's own events use the values only payments have).
_LABELS = {
    **dict(Complaint.Status.choices),
    **dict(Payment.Status.choices),
    **dict(Shipment.Status.choices),
    **dict(Order.Status.choices),
}


@register.filter
def status_label(value: str) -> str:
    """`paid` -> `Dibayar`, `pending` -> `Perlu dikemas`, in the page's language."""
    return str(_LABELS.get(value, value))


@register.filter
def lookup(mapping: dict, key):
    """`{{ short|lookup:product.pk }}`: a value of a dict by a key from the page, None when absent."""
    return mapping.get(key) if mapping else None


# The aggregator's parcel statuses (Biteship's documented list), in the page's language.
_TRACKING_LABELS = {
    "confirmed": _("Dikonfirmasi"),
    "allocated": _("Kurir ditugaskan"),
    "pickingUp": _("Kurir menuju penjual"),
    "picked": _("Paket diambil kurir"),
    "droppingOff": _("Dalam pengantaran"),
    "returnInTransit": _("Dalam perjalanan kembali"),
    "onHold": _("Tertahan"),
    "delivered": _("Paket diterima"),
    "rejected": _("Ditolak"),
    "courierNotFound": _("Kurir tidak ditemukan"),
    "returned": _("Dikembalikan"),
    "cancelled": _("Dibatalkan"),
    "disposed": _("Dimusnahkan"),
}


@register.filter
def tracking_label(value: str) -> str:
    return str(_TRACKING_LABELS.get(value, value))


@register.filter
def tracking_link(shipment) -> str:
    """The courier's own tracking page for this shipment's waybill, or ""."""
    return tracking_url(shipment.courier, shipment.tracking_number)
