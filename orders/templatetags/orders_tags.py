"""Small helpers for the order pages."""

from django import template

from orders.models import Order, Payment, Shipment

register = template.Library()

# An event's from/to is an order, shipment or payment status; where values are shared, the order's
# and the shipment's labels win (the payment's own events use the values only payments have).
_LABELS = {**dict(Payment.Status.choices), **dict(Shipment.Status.choices), **dict(Order.Status.choices)}


@register.filter
def status_label(value: str) -> str:
    """`paid` -> `Dibayar`, `pending` -> `Perlu dikemas`, in the page's language."""
    return str(_LABELS.get(value, value))


@register.filter
def lookup(mapping: dict, key):
    """`{{ short|lookup:product.pk }}`: a value of a dict by a key from the page, None when absent."""
    return mapping.get(key) if mapping else None
