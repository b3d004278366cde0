"""What one checkout costs in CPU, measured so that other load on the machine hardly moves the figure.

    .venv/bin/python benchmarks/checkout_cost.py               # 3 x 200 orders, the figures in docs/benchmarks.md
    .venv/bin/python benchmarks/checkout_cost.py --profile     # and where the Python CPU goes (cProfile)
    .venv/bin/python benchmarks/checkout_cost.py --help

`benchmarks/checkout.py` measures orders per second, which needs an otherwise idle machine. This
script measures what an order costs instead, on a busy machine too: it places `--orders` orders
in-process through Django's test client (production settings: DEBUG off, Redis as cache and Celery
broker, so each order's emails are published on commit), each `POST /api/v1/orders/` with its own
`Idempotency-Key` and token, 1-3 lines from 1-2 shops. It reads

- the CPU time of this process (`time.process_time`): Django, DRF, the ORM, psycopg, the Celery
  publish; the test client's own work is a small part of it;
- the CPU time of the PostgreSQL backend serving this process's connection (`/proc/<pid>/stat` of
  `pg_backend_pid()`): parsing, planning, executing, the commit;
- the SQL statements per order (`CaptureQueriesContext`, on one further order);
- the Python function calls per order (cProfile's count over 50 more orders).

CPU time counts only the time a process ran, not the time it waited for a core, so it moves far
less with other load than wall time does, but it still moves: on a busy machine the shared caches
and cores make every instruction slower (a third more CPU per order at load average 6 than at 2,
here). The statement and call counts do not move at all: compare those across runs taken under
different load, and CPU times only between runs taken side by side. The database is its own
(`bench_checkout_cost`, dropped at the end).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402 - the benchmarks directory is on the path only once the line above ran
    CLOCK_TICKS,
    ROOT,
    _stat,
    drop_database,
    machine_speed,
    production_env,
    recreate_database,
)

sys.path.insert(0, str(ROOT))

CHECKOUT_PATH = "/api/v1/orders/"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--db-name", default="bench_checkout_cost")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15", help="Redis URL (cache and Celery broker)")
    parser.add_argument("--orders", type=int, default=200, help="orders measured per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the median round is the figure")
    parser.add_argument("--buyers", type=int, default=50)
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--scarce", type=int, default=0, help="variants with 2-4 units in stock")
    parser.add_argument(
        "--scarce-share", type=float, default=0.0,
        help="share of the measured orders asking for a scarce variant: once sold out, a 409 that rolls back",
    )  # fmt: skip
    parser.add_argument("--campaign", action="store_true", help="a live campaign with some of the products enrolled")
    parser.add_argument("--pool", type=int, default=0, help="DATABASE_POOL (1 keeps one backend to measure)")
    parser.add_argument("--profile", action="store_true", help="cProfile the orders and print the parts")
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


def backend_cpu(pid: int) -> float:
    fields = _stat(pid)
    if fields is None:
        raise SystemExit(f"cannot read /proc/{pid}/stat: run on the PostgreSQL server's machine")
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def enrol_live_campaign(data: dict) -> int:
    """A live campaign with the products of a tenth of the variants enrolled at 10% off (no quota): the path
    with the lock."""
    from datetime import timedelta

    from django.utils import timezone

    from campaigns.models import Campaign, Enrolment
    from marketplace.models import User
    from sellers.models import Product

    staff = User.objects.filter(is_staff=True).first() or User.objects.create(email="staf@bench.test", is_staff=True)
    now = timezone.now()
    campaign = Campaign.objects.create(
        name="Bench", slug="bench", hashtag="#Bench", starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=1), discount_percent=10, created_by=staff,
    )  # fmt: skip
    products = Product.objects.filter(variants__pk__in=list(data["initial_stock"])[::10]).distinct()
    Enrolment.objects.bulk_create(
        Enrolment(
            campaign=campaign,
            product=p,
            seller_id=p.seller_id,
            status=Enrolment.Status.APPROVED,
            campaign_price=p.price * 9 // 10,
            list_price_at_enrolment=p.price,
            variant_prices={str(v.pk): [v.price, v.price * 9 // 10] for v in p.variants.all()},
        )  # fmt: skip
        for p in products.prefetch_related("variants")
    )
    return products.count()


def main() -> None:
    args = parse_args()
    os.environ.update(production_env(args), DATABASE_POOL=str(args.pool))
    os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings"
    os.chdir(ROOT)
    warnings.filterwarnings("ignore", message="No directory at")
    recreate_database(args)
    try:
        import django

        django.setup()
        from _checkout_data import PARTS, drop_queued_tasks, load, make_bodies
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        data = load(args)
        if args.campaign:
            print(f"Live campaign: {enrol_live_campaign(data)} products enrolled.")
        if args.scarce_share and not args.scarce:
            raise SystemExit("--scarce-share needs --scarce N variants to run out of")
        plain = make_bodies(data, 500, scarce_share=0, seed=11)
        measured = make_bodies(data, 500, scarce_share=args.scarce_share, seed=12) if args.scarce_share else plain
        client = Client()
        answers = Counter()

        def post(i: int, bodies=plain):
            response = client.post(
                CHECKOUT_PATH,
                bodies[i % len(bodies)],
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {data['tokens'][i % len(data['tokens'])]}",
                HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
            )
            answers[response.status_code] += 1
            if response.status_code != 201 and not (response.status_code == 409 and bodies is measured):
                raise SystemExit(f"checkout answered {response.status_code}: {response.content[:300]!r}")
            return response

        for i in range(20):  # warm-up: url resolver, templates, the shipping-rate cache, connections
            post(i)
        with CaptureQueriesContext(connection) as ctx:
            post(20)
        captured = list(ctx.captured_queries)  # the next request's start clears the connection's log
        statements = len(captured)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]

        n = args.orders
        print(f"\n{args.rounds} rounds of {n} checkouts (1-3 lines from 1-2 shops, an Idempotency-Key each):")
        print("| round | Python CPU ms/order | PostgreSQL CPU ms/order | total CPU ms/order | wall ms | load |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        totals = []
        answers.clear()
        for r in range(args.rounds):
            db_before, cpu_before, wall_before = backend_cpu(pid), time.process_time(), time.perf_counter()
            for i in range(n):
                post(100 + r * n + i, measured)
            wall = time.perf_counter() - wall_before
            cpu = time.process_time() - cpu_before
            db = backend_cpu(pid) - db_before
            totals.append((cpu + db, cpu, db))
            print(
                f"| {r + 1} | {cpu / n * 1000:.1f} | {db / n * 1000:.1f} | {(cpu + db) / n * 1000:.1f} | "
                f"{wall / n * 1000:.1f} | {os.getloadavg()[0]:.1f} |"
            )
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            if cursor.fetchone()[0] != pid:
                print("WARNING: the database connection changed during the run; the PostgreSQL figure is too low.")
        total, cpu, db = sorted(totals)[len(totals) // 2]
        if args.scarce_share:
            print(f"\nAnswers: {answers[201]} x 201, {answers[409]} x 409 (out of stock, rolled back).")
        calls = python_calls(post, 50)
        print(
            f"\nMedian round: {cpu / n * 1000:.1f} ms Python + {db / n * 1000:.1f} ms PostgreSQL = "
            f"{total / n * 1000:.1f} ms of CPU per order; {statements} SQL statements and {calls:,.0f} Python "
            "function calls per order."
        )
        print(f"Machine: {machine_speed()} (the CPU figures scale with it; the counts do not).")
        print("\nThe statements of one checkout:")
        for q in captured:
            print(f"    {q['sql'][:150]}")

        if args.profile:
            profile(post, PARTS, n)
        connection.close()
        print(f"Dropped {drop_queued_tasks(args)} queued email tasks.")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            drop_database(args)


def python_calls(post, repeats: int) -> float:
    """Python function calls per order (cProfile's count): the work itself, whatever the load."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(repeats):
        post(20_000 + i)
    profiler.disable()
    return pstats.Stats(profiler).total_calls / repeats


def profile(post, parts, repeats: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for i in range(repeats):
        post(10_000 + i)
    profiler.disable()
    stats = pstats.Stats(profiler)

    def cumulative(suffix, name) -> float:
        return sum(row[3] for (path, _, func), row in stats.stats.items() if path.endswith(suffix) and func == name)

    whole = cumulative(*parts[0][1:])
    print(f"\nWhere the Python CPU goes ({repeats} checkouts under cProfile, which inflates every figure):")
    print("| part | share | ms per order (profiled) |")
    print("| --- | ---: | ---: |")
    for label, suffix, name in parts:
        spent = cumulative(suffix, name)
        print(f"| {label} | {spent / whole:.0%} | {spent / repeats * 1000:.1f} |")
    if os.environ.get("PROFILE_OUT"):
        stats.dump_stats(os.environ["PROFILE_OUT"])  # for pstats' print_callees, by hand
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
