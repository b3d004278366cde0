"""The sales ledger: paid order lines become daily sales facts, cancellations take them out again.

Three rollups are kept, each keyed by the Jakarta date of payment (reports count days by Jakarta date,
so a sale at 23:59 WIB stays on its day; docs/architecture.md, "The sales ledger and analytics"):

- `SalesDay`: per (date, seller, product, campaign, category) - what the campaign impact report
  and a shop's top products read;
- `SellerSalesDay`: per (date, seller) - a shop's dashboard, with exact distinct order counts;
- `SellerBuyerDay`: per (seller, date, buyer) - so distinct buyers over any range are one narrow
  index range, not a join over the shop's orders.

`ledger_record_order` and `ledger_remove_order` run inside the transaction that pays or cancels the
order and issue a constant number of queries whatever the order holds: one read of its lines and one
additive upsert per rollup (`INSERT ... ON CONFLICT DO UPDATE SET x = t.x + excluded.x`, which both
PostgreSQL and SQLite >= 3.24 understand). The upserts are atomic per row, so concurrent payments
add up correctly, and rows are written in key order so two transactions cannot deadlock on them.

`rollup_rebuild` recomputes the tables from the order lines in one SQL aggregate each; the test
suite proves the rebuilt rollup equals the one kept incrementally.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Max, Q, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from orders.models import Order, OrderLine, SalesDay, SellerBuyerDay, SellerSalesDay

SALES_DAY_KEY = ("date", "seller_id", "product_id", "campaign_key", "category_id")
SALES_DAY_SUMS = ("orders", "units", "revenue", "list_revenue")
SELLER_DAY_KEY = ("seller_id", "date")
SELLER_DAY_SUMS = ("orders", "units", "revenue", "campaign_units", "campaign_revenue")
BUYER_DAY_KEY = ("seller_id", "date", "buyer_id")


def jakarta() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def sales_date(paid_at) -> date:
    """The Jakarta date an order counts on: 23:59 WIB stays on its day, 00:01 WIB is the next one."""
    return timezone.localtime(paid_at, jakarta()).date()


def counted_lines():
    """Order lines that are sales: the order was paid and is not cancelled (a refund is a cancellation)."""
    return OrderLine.objects.filter(order__paid_at__isnull=False).exclude(order__status=Order.Status.CANCELLED)


# ---- incremental upkeep ---------------------------------------------------------------------------


def ledger_record_order(*, order: Order) -> None:
    """Add a just-paid order's lines to the rollups (call inside the paying transaction)."""
    _apply(order, sign=1)


def ledger_remove_order(*, order: Order) -> None:
    """Take a paid order out of the rollups again (a cancellation after payment, a refund)."""
    _apply(order, sign=-1)


def _apply(order: Order, *, sign: int) -> None:
    if order.paid_at is None:
        return
    day = sales_date(order.paid_at)
    lines = OrderLine.objects.filter(order_id=order.pk).values_list(
        "seller_id",
        "product_id",
        "category_id",
        "campaign_id",
        "campaign_hashtag",
        "quantity",
        "unit_price",
        "list_price",
        "seller__province",
    )
    products: dict[tuple, list] = {}
    shops: dict[tuple, list] = {}
    for seller_id, product_id, category_id, campaign_id, hashtag, quantity, unit_price, list_price, province in lines:
        key = (day, seller_id, product_id, campaign_id or 0, category_id)
        row = products.setdefault(key, [hashtag, province, 0, 0, 0, 0])
        row[2] = sign  # one order for the product, however many of its variants the order holds
        row[3] += sign * quantity
        row[4] += sign * quantity * unit_price
        row[5] += sign * quantity * list_price
        shop = shops.setdefault((seller_id, day), [sign, 0, 0, 0, 0])
        shop[1] += sign * quantity
        shop[2] += sign * quantity * unit_price
        if campaign_id:
            shop[3] += sign * quantity
            shop[4] += sign * quantity * unit_price
    if not products:
        return
    _upsert(
        SalesDay,
        key=SALES_DAY_KEY,
        extra=("campaign_hashtag", "seller_province"),
        sums=SALES_DAY_SUMS,
        rows=[(*key, *values) for key, values in sorted(products.items())],
    )
    _upsert(
        SellerSalesDay,
        key=SELLER_DAY_KEY,
        extra=(),
        sums=SELLER_DAY_SUMS,
        rows=[(*key, *values) for key, values in sorted(shops.items())],
    )
    _upsert(
        SellerBuyerDay,
        key=BUYER_DAY_KEY,
        extra=(),
        sums=("orders",),
        rows=[(seller_id, day, order.buyer_id, sign) for seller_id, day in sorted(shops)],
    )
    if sign < 0:
        # Rows that fell back to nothing go, so the kept rollup stays equal to a rebuilt one.
        SalesDay.objects.filter(
            date=day, seller_id__in={k[1] for k in products}, orders=0, units=0, revenue=0, list_revenue=0
        ).delete()
        SellerSalesDay.objects.filter(date=day, seller_id__in={k[0] for k in shops}, orders=0, units=0).delete()
        SellerBuyerDay.objects.filter(date=day, buyer_id=order.buyer_id, orders=0).delete()


def _upsert(model, *, key, extra, sums, rows) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [*key, *extra, *sums]
    date_at = columns.index("date")
    params = []
    for row in rows:
        row = list(row)
        row[date_at] = connection.ops.adapt_datefield_value(row[date_at])
        params.extend(row)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES {', '.join([placeholders] * len(rows))} "
        f"ON CONFLICT ({', '.join(quote(c) for c in key)}) DO UPDATE SET "
        + ", ".join(f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in sums)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# ---- rebuild from the order lines ---------------------------------------------------------------


def _insert_select(model, columns: list[str], queryset) -> int:
    """`INSERT INTO model (columns) SELECT ...`: the aggregate never leaves the database."""
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) {sql}", params
        )
        return cursor.rowcount


def rollup_rebuild() -> tuple[int, int]:
    """Recompute both rollups from the order lines (paid, not cancelled). Returns the row counts."""
    tz = jakarta()
    campaign_line = Q(campaign_id__isnull=False)
    with transaction.atomic():
        SalesDay.objects.all().delete()
        SellerSalesDay.objects.all().delete()
        line_revenue = F("quantity") * F("unit_price")
        products = (
            counted_lines()
            .annotate(
                r_date=TruncDate("order__paid_at", tzinfo=tz),
                r_campaign=Coalesce("campaign_id", Value(0), output_field=IntegerField()),
            )
            .values("r_date", "seller_id", "product_id", "r_campaign", "category_id")
            .annotate(
                r_hashtag=Max("campaign_hashtag"),
                r_province=Max("seller__province"),
                r_orders=Count("order_id", distinct=True),  # two variants of one product: one order
                r_units=Sum("quantity"),
                r_revenue=Sum(line_revenue),
                r_list=Sum(F("quantity") * F("list_price")),
            )
            .order_by()
        )
        product_columns = _select_columns(
            products,
            {
                "r_date": "date",
                "seller_id": "seller_id",
                "product_id": "product_id",
                "r_campaign": "campaign_key",
                "category_id": "category_id",
                "r_hashtag": "campaign_hashtag",
                "r_province": "seller_province",
                "r_orders": "orders",
                "r_units": "units",
                "r_revenue": "revenue",
                "r_list": "list_revenue",
            },
        )
        product_rows = _insert_select(SalesDay, product_columns, products)
        shops = (
            counted_lines()
            .annotate(r_date=TruncDate("order__paid_at", tzinfo=tz))
            .values("seller_id", "r_date")
            .annotate(
                r_orders=Count("order_id", distinct=True),
                r_units=Sum("quantity"),
                r_revenue=Sum(line_revenue),
                r_campaign_units=Sum(Case(When(campaign_line, then=F("quantity")), default=Value(0))),
                r_campaign_revenue=Sum(Case(When(campaign_line, then=line_revenue), default=Value(0))),
            )
            .order_by()
        )
        shop_columns = _select_columns(
            shops,
            {
                "seller_id": "seller_id",
                "r_date": "date",
                "r_orders": "orders",
                "r_units": "units",
                "r_revenue": "revenue",
                "r_campaign_units": "campaign_units",
                "r_campaign_revenue": "campaign_revenue",
            },
        )
        shop_rows = _insert_select(SellerSalesDay, shop_columns, shops)
        SellerBuyerDay.objects.all().delete()
        buyers = (
            counted_lines()
            .annotate(r_date=TruncDate("order__paid_at", tzinfo=tz))
            .values("seller_id", "r_date", "order__buyer_id")
            .annotate(r_orders=Count("order_id", distinct=True))
            .order_by()
        )
        buyer_columns = _select_columns(
            buyers, {"seller_id": "seller_id", "r_date": "date", "order__buyer_id": "buyer_id", "r_orders": "orders"}
        )
        _insert_select(SellerBuyerDay, buyer_columns, buyers)
    return product_rows, shop_rows


def _select_columns(queryset, target_of: dict[str, str]) -> list[str]:
    """The rollup columns in the order the compiled SELECT lists them (asked of the compiler itself)."""
    compiler = queryset.query.get_compiler(connection=connection)
    compiler.setup_query()
    names = [alias for _, _, alias in compiler.select]
    if sorted(names) != sorted(target_of):
        raise RuntimeError(f"Unexpected SELECT list {names}")
    return [target_of[name] for name in names]


def rollup_rows_for_comparison() -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Both rollups as sorted tuples (what the rebuild-equals-incremental test compares)."""
    products = sorted(
        SalesDay.objects.values_list(*SALES_DAY_KEY, "campaign_hashtag", "seller_province", *SALES_DAY_SUMS)
    )
    shops = sorted(SellerSalesDay.objects.values_list(*SELLER_DAY_KEY, *SELLER_DAY_SUMS))
    buyers = sorted(SellerBuyerDay.objects.values_list(*BUYER_DAY_KEY, "orders"))
    return products, shops, buyers
