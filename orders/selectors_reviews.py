"""Reads of reviews: a product's visible reviews, newest or most helpful first, ready to render."""

from django.db.models import QuerySet

from orders.models_aftersales import Review

ORDERS = {"newest": ("-created_at", "-id"), "helpful": ("-helpful_count", "-created_at", "-id")}


def reviews_of_product(*, product_id: int, order: str = "newest") -> QuerySet[Review]:
    return (
        Review.objects.filter(product_id=product_id, hidden_at__isnull=True)
        .select_related("author")
        .prefetch_related("photos")
        .order_by(*ORDERS.get(order, ORDERS["newest"]))
    )
