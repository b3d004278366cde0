"""Template helpers of the after-sales pages."""

from django import template

from orders.services.declines import ship_by as ship_by_of

register = template.Library()


@register.filter
def ship_by(paid_at):
    """The moment a shipment paid at `paid_at` must have shipped (working days, Jakarta time)."""
    return ship_by_of(paid_at) if paid_at else None
