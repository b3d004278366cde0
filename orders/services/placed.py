"""A just-placed order handed back with the rows checkout wrote, as if they had been prefetched.

Showing the new order (the API's 201 answer) read the order, its lines and its shipments back: three
queries and about a fifth of a checkout's CPU (docs/benchmarks.md), for rows the transaction had in
hand. Each related manager here answers from those rows the way a `prefetch_related` answers
(Django keeps a fetched queryset per relation in `_prefetched_objects_cache`); anything narrower
(`filter`, `get`) still goes to the database.
"""

from orders.models import Order


def order_with_rows(order: Order, *, lines: list, shipments: list) -> Order:
    """`lines` and `shipments` must be every one of the order's rows, in id order (as bulk-inserted)."""
    cache = {}
    for name, rows in (("lines", lines), ("shipments", shipments)):
        fetched = getattr(order, name).all()
        fetched._result_cache = list(rows)
        fetched._prefetch_done = True
        cache[name] = fetched
    order._prefetched_objects_cache = cache
    return order
