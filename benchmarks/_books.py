"""The books after a load run: stock against sales, so that an oversold unit fails the run.

Shared by checkout.py and cluster.py; Django must be set up first.
"""

from __future__ import annotations


def stock_books(data: dict) -> dict:
    """Check stock against sales, per variant and per product; the benchmarks' oversell check.

    A variant is oversold when its stock is below zero or initial stock - units in non-cancelled
    orders differs from its stock now; a product when its stock is not the sum of its active
    variants' (checkout writes both).
    """
    from django.db.models import F, Q, Sum

    from orders.models import Order, OrderLine
    from sellers.models import Product, ProductVariant

    sold = dict(
        OrderLine.objects.exclude(order__status=Order.Status.CANCELLED)
        .values("variant_id")
        .annotate(units=Sum("quantity"))
        .values_list("variant_id", "units")
    )
    now = dict(ProductVariant.objects.values_list("pk", "stock"))
    oversold = [
        pk for pk, initial in data["initial_stock"].items() if now[pk] < 0 or initial - sold.get(pk, 0) != now[pk]
    ]
    summed = Sum("variants__stock", filter=Q(variants__is_active=True), default=0)
    off = Product.objects.annotate(summed=summed).exclude(stock=F("summed"))
    products_off = list(off.values_list("pk", flat=True)[:10])
    return {"sold": sold, "now": now, "oversold": oversold, "products_off": products_off}


def audit(data: dict) -> dict:
    """The books after a run: orders, units, how the scarce variants sold, and oversold ones."""
    from orders.models import Order

    books = stock_books(data)
    sold, now = books["sold"], books["now"]
    return {
        "oversold": len(books["oversold"]) + len(books["products_off"]),
        "oversold_ids": books["oversold"][:10],
        "products_off": books["products_off"],
        "orders": Order.objects.count(),
        "units": sum(sold.values()),
        "scarce_sold_out": sum(1 for pk in data["scarce"] if now[pk] == 0),
        "scarce_units": sum(data["scarce"].values()),
        "scarce_sold": sum(sold.get(pk, 0) for pk in data["scarce"]),
    }
