"""Reads of complaints: who may see one, a shop's queue by deadline, the staff queue."""

from django.db.models import Q, QuerySet

from orders.models_aftersales import Complaint


def complaint_for_user(*, complaint_id: int, user) -> Complaint | None:
    """The complaint if `user` is its buyer, a member of the shop, or ministry staff; else None (a 404)."""
    if not user.is_authenticated:
        return None
    qs = Complaint.objects.select_related("shipment__order__buyer", "shipment__seller", "buyer")
    if not user.is_ministry:
        qs = qs.filter(Q(buyer=user) | Q(shipment__seller__members__user=user)).distinct()
    return qs.filter(pk=complaint_id).first()


def complaints_of_shop(*, seller_id: int, open_only: bool = True) -> QuerySet[Complaint]:
    """A shop's complaints, the nearest deadline first."""
    qs = Complaint.objects.filter(shipment__seller_id=seller_id).select_related("shipment__order", "buyer")
    return (qs.open() if open_only else qs).order_by("respond_by", "pk")


def complaints_for_staff(*, status: str | None = Complaint.Status.ESCALATED) -> QuerySet[Complaint]:
    qs = Complaint.objects.select_related("shipment__order", "shipment__seller", "buyer").order_by("created_at", "pk")
    return qs.filter(status=status) if status else qs


def complaint_messages(*, complaint: Complaint):
    return list(complaint.messages.select_related("author").order_by("created_at", "pk"))


def order_aftersales(*, order) -> dict:
    """What the buyer's order page needs for its per-shipment actions, in two queries."""
    from orders.models_aftersales import Review

    by_shipment = {c.shipment_id: c for c in Complaint.objects.filter(shipment__order=order)}
    reviewed = set(Review.objects.filter(order_line__order=order).values_list("order_line_id", flat=True))
    return {"complaints": by_shipment, "reviewed_lines": reviewed}
