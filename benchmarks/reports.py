"""Sales reports on PostgreSQL with at least 1,000,000 order lines: rollup reads against raw aggregates.

    .venv/bin/python benchmarks/reports.py              # the run recorded in docs/benchmarks.md
    .venv/bin/python benchmarks/reports.py --help       # lines, runs, --keep-db

What it does, in order:

1. drops and creates its own PostgreSQL database (`bench_reports`), migrates it and runs `seed_demo`
   (the demo shops, products, #SatuDalamKopi with its enrolments and its 2020 order history);
2. loads `--orders` more orders of two lines each (1,000,000 lines by default) in SQL with
   `INSERT ... SELECT ... FROM generate_series`, paid over two years (June 2019 - May 2021, 2% of
   them cancelled), with campaign prices on enrolled products paid inside the campaign window; ANALYZE;
3. rebuilds the sales rollup (`rollup_rebuild`, timed);
4. times, `--runs` times each (median, min, max), the seller dashboard selector for 30 and 90 days
   of the busiest shop, the campaign impact report selector (28-day baseline), and the same
   questions asked as plain SQL aggregates over the raw order lines;
5. drops the database (`--keep-db` keeps it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--db-name", default="bench_reports")
    parser.add_argument("--orders", type=int, default=500_000, help="generated orders, two lines each")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


def recreate_database(args) -> None:
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.db_name}"')


def drop_database(args) -> None:
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')


LOAD_SQL = [
    "SELECT setseed(0.2020)",
    # Verified shops with their products as arrays, numbered 1..n.
    """CREATE TEMP TABLE bench_shop AS
       SELECT row_number() OVER (ORDER BY p.seller_id) AS rn, p.seller_id,
              array_agg(p.id ORDER BY p.id) AS ids, array_agg(p.price ORDER BY p.id) AS prices,
              array_agg(p.category_id ORDER BY p.id) AS cats, array_agg(p.name ORDER BY p.id) AS names,
              count(*) AS n
       FROM sellers_product p JOIN sellers_seller s ON s.id = p.seller_id
       WHERE s.status = 'verified' GROUP BY p.seller_id HAVING count(*) >= 2""",
    "CREATE TEMP TABLE bench_buyer AS SELECT row_number() OVER (ORDER BY id) AS rn, id FROM marketplace_user",
    # One row per generated order: shop, buyer, products, quantities, time of payment.
    """CREATE TEMP TABLE bench_order AS
       SELECT g,
              1 + floor(power(random(), 1.6) * (SELECT count(*) FROM bench_shop))::int AS shop_rn,
              1 + floor(random() * (SELECT count(*) FROM bench_buyer))::int AS buyer_rn,
              floor(random() * 1000)::int AS pick,
              1 + floor(random() * 3)::int AS q1, 1 + floor(random() * 2)::int AS q2,
              timestamptz '2019-06-01 00:00+07' + random() * interval '730 days' AS paid_at,
              (random() < 0.02) AS cancelled
       FROM generate_series(1, %(orders)s) AS g""",
    """CREATE TEMP TABLE bench_line AS
       SELECT o.g, k, s.seller_id, o.paid_at, o.cancelled,
              s.ids[1 + (o.pick + k) %% s.n] AS product_id, s.prices[1 + (o.pick + k) %% s.n] AS price,
              s.cats[1 + (o.pick + k) %% s.n] AS category_id, s.names[1 + (o.pick + k) %% s.n] AS name,
              CASE WHEN k = 0 THEN o.q1 ELSE o.q2 END AS quantity, o.buyer_rn
       FROM bench_order o JOIN bench_shop s ON s.rn = o.shop_rn CROSS JOIN generate_series(0, 1) AS k""",
    """INSERT INTO orders_order (number, buyer_id, status, recipient, phone, street, city, province,
              postal_code, courier, subtotal, discount_total, shipping_total, total, payment_deadline,
              paid_at, cancelled_at, created_at)
       SELECT 'BENCH-' || l.g, b.id, CASE WHEN bool_or(l.cancelled) THEN 'cancelled' ELSE 'delivered' END,
              'Pembeli Bench', '081200000000', 'Jl. Bench 1', 'Kota Bench', '34', '55213', 'jne',
              sum(l.price * l.quantity), 0, 12000, sum(l.price * l.quantity) + 12000,
              min(l.paid_at) + interval '1 day', min(l.paid_at),
              CASE WHEN bool_or(l.cancelled) THEN min(l.paid_at) + interval '2 hours' END,
              min(l.paid_at) - interval '10 minutes'
       FROM bench_line l JOIN bench_buyer b ON b.rn = l.buyer_rn GROUP BY l.g, b.id""",
    """CREATE TEMP TABLE bench_order_id AS
       SELECT id, substr(number, 7)::int AS g FROM orders_order WHERE number LIKE 'BENCH-%%'""",
    "CREATE INDEX ON bench_order_id (g)",
    """INSERT INTO orders_shipment (order_id, seller_id, status, subtotal, weight_grams, shipping_fee, courier,
              tracking_number)
       SELECT i.id, min(l.seller_id), 'delivered', sum(l.price * l.quantity), 1000, 12000, 'jne', 'JNEBENCH'
       FROM bench_line l JOIN bench_order_id i ON i.g = l.g GROUP BY i.id""",
    """INSERT INTO orders_orderline (order_id, shipment_id, product_id, seller_id, category_id, product_name,
              quantity, list_price, unit_price, discount, campaign_id, campaign_hashtag)
       SELECT i.id, sh.id, l.product_id, l.seller_id, l.category_id, l.name, l.quantity, l.price, l.price, 0,
              NULL, ''
       FROM bench_line l JOIN bench_order_id i ON i.g = l.g JOIN orders_shipment sh ON sh.order_id = i.id""",
    # Campaign prices on enrolled products paid inside the campaign's window.
    """UPDATE orders_orderline ol
       SET unit_price = e.campaign_price, discount = ol.list_price - e.campaign_price,
           campaign_id = c.id, campaign_hashtag = c.hashtag
       FROM campaigns_enrolment e, campaigns_campaign c, orders_order o
       WHERE e.product_id = ol.product_id AND e.status = 'approved' AND c.id = e.campaign_id
         AND o.id = ol.order_id AND o.number LIKE 'BENCH-%%' AND o.paid_at BETWEEN c.starts_at AND c.ends_at
         AND e.list_price_at_enrolment = ol.list_price""",
    "ANALYZE",
]


def load(args) -> int:
    from django.core.management import call_command
    from django.db import connection

    from orders.models import OrderLine

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0)
    with connection.cursor() as cursor:
        for sql in LOAD_SQL:
            cursor.execute(sql, {"orders": args.orders})
    return OrderLine.objects.count()


def timed(fn, runs: int) -> tuple[float, float, float]:
    fn()  # warm: plans, caches, connection
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples), max(samples)


def raw_seller_daily(seller_id: int, start: date, end: date):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT (o.paid_at AT TIME ZONE 'Asia/Jakarta')::date AS day, count(DISTINCT o.id),
                      sum(l.quantity), sum(l.quantity * l.unit_price), count(DISTINCT o.buyer_id)
               FROM orders_orderline l JOIN orders_order o ON o.id = l.order_id
               WHERE l.seller_id = %s AND o.status <> 'cancelled' AND o.paid_at IS NOT NULL
                 AND o.paid_at >= (%s::date)::timestamp AT TIME ZONE 'Asia/Jakarta'
                 AND o.paid_at < (%s::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta'
               GROUP BY 1 ORDER BY 1""",
            [seller_id, start, end],
        )
        return cursor.fetchall()


def raw_impact_daily(category_ids: list[int], start: date, end: date):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT (o.paid_at AT TIME ZONE 'Asia/Jakarta')::date AS day, l.category_id,
                      sum(l.quantity * l.unit_price), sum(l.quantity)
               FROM orders_orderline l JOIN orders_order o ON o.id = l.order_id
               WHERE l.category_id = ANY(%s) AND o.status <> 'cancelled' AND o.paid_at IS NOT NULL
                 AND o.paid_at >= (%s::date)::timestamp AT TIME ZONE 'Asia/Jakarta'
                 AND o.paid_at < (%s::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta'
               GROUP BY 1, 2""",
            [category_ids, start, end],
        )
        return cursor.fetchall()


def main() -> None:
    args = parse_args()
    os.environ["DATABASE_URL"] = f"{args.pg}/{args.db_name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    recreate_database(args)
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from analytics.impact import Periods, campaign_impact, campaign_window, category_descendants
    from analytics.sales import DateRange, seller_sales
    from campaigns.models import Campaign
    from orders.models import OrderLine, SalesDay, SellerSalesDay
    from orders.services.ledger import rollup_rebuild
    from sellers.models import Seller

    try:
        started = time.perf_counter()
        lines = load(args)
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        rollup_rebuild()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE orders_salesday; ANALYZE orders_sellersalesday")
        rebuild_s = time.perf_counter() - started
        busiest = OrderLine.objects.values("seller_id").annotate(n=Count("id")).order_by("-n").first()
        seller = Seller.objects.get(pk=busiest["seller_id"])
        campaign = Campaign.objects.get(slug="satu-dalam-kopi")
        campaign = Campaign.objects.prefetch_related("categories").get(pk=campaign.pk)
        periods = Periods.of(campaign_window(campaign), 28)
        descendants = category_descendants()
        categories = sorted(set().union(*(descendants[c.pk] for c in campaign.categories.all())))
        month = DateRange(date(2020, 4, 1), date(2020, 4, 30))
        quarter = DateRange(date(2020, 2, 1), date(2020, 4, 30))

        rows = [
            ("seller dashboard, 30 days (rollup)", lambda: seller_sales(seller=seller, period=month)),
            ("  same, plain SQL over order lines", lambda: raw_seller_daily(seller.pk, month.start, month.end)),
            ("seller dashboard, 90 days (rollup)", lambda: seller_sales(seller=seller, period=quarter)),
            ("  same, plain SQL over order lines", lambda: raw_seller_daily(seller.pk, quarter.start, quarter.end)),
            ("campaign impact, 28-day baseline (rollup)", lambda: campaign_impact(campaign=campaign)),
            (
                "  daily by category, plain SQL over order lines",
                lambda: raw_impact_daily(categories, periods.span.start, periods.span.end),
            ),
        ]
        print(f"\nPostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}, database {args.db_name}")
        print(f"order lines: {lines:,}; rollup rows: {SalesDay.objects.count():,} product-days, ", end="")
        print(f"{SellerSalesDay.objects.count():,} shop-days")
        print(f"busiest shop: {seller.name} ({busiest['n']:,} lines); campaign {campaign.hashtag}")
        print(f"load {load_s:.1f} s, rollup rebuild {rebuild_s:.1f} s\n")
        print(f"{'what':<50} {'median ms':>10} {'min':>8} {'max':>8}")
        for label, fn in rows:
            median, low, high = timed(fn, args.runs)
            print(f"{label:<50} {median:>10.1f} {low:>8.1f} {high:>8.1f}")
        report = campaign_impact(campaign=campaign)
        print(
            f"\nimpact report: uplift {report['revenue_uplift_pct']}%, growth "
            f"{report['pre_campaign_monthly_growth_pct']}%/month, orders {report['orders']:,}, gmv {report['gmv']:,}"
        )
    finally:
        connection.close()
        if not args.keep_db:
            drop_database(args)


if __name__ == "__main__":
    main()
