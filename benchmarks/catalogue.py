"""Catalogue throughput: gunicorn + PostgreSQL with 10,000 products, measured from a concurrent client.

    .venv/bin/python benchmarks/catalogue.py                 # the run recorded in docs/benchmarks.md
    .venv/bin/python benchmarks/catalogue.py --help          # workers, threads, concurrency, duration

What it does, in order:

1. drops and creates a PostgreSQL database of its own (`bench_catalogue`), migrates it and loads the
   demo shops plus generated products up to `--products` (bulk inserts), then ANALYZE;
2. in this process, renders each measured URL once under `CaptureQueriesContext` and prints the
   number of SQL queries and the time per request (with `--profile`, the top functions too);
3. starts gunicorn on a free port with production settings (DEBUG=false) against that database;
4. for each URL, runs `--concurrency` client threads, each with its own keep-alive `http.client`
   connection, for `--duration` seconds after a short warm-up, and prints requests/second and
   latency percentiles;
5. stops gunicorn and drops the database (`--keep-db` keeps it).

The client shares the machine with the server, so on a small box part of the CPU goes to the client;
the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import statistics
import sys
import threading
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402 - the benchmarks directory is on the path only once the line above ran
    ROOT,
    CpuMeter,
    drop_database,
    free_port,
    percentile,
    print_cpu_table,
    production_env,
    recreate_database,
    start_gunicorn,
    stop,
)
from _wrk import lua_script, run_wrk  # noqa: E402

sys.path.insert(0, str(ROOT))

URLS = [
    ("catalogue page", "/api/v1/products/?page_size=20"),
    ("catalogue search", "/api/v1/products/?page_size=20&search=gayo"),
    ("search, two words", "/api/v1/products/?page_size=20&search=kopi+arabika"),
    ("search with a typo", "/api/v1/products/?page_size=20&search=kpoi+gayo"),
    ("facets of a search", "/api/v1/products/facets/?search=kopi"),
    ("suggestions", "/api/v1/search/suggestions/?q=kop"),
    ("healthz", "/healthz"),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--db-name", default="bench_catalogue")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15", help="Redis URL ('' for eager Celery)")
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (>1 uses gthread)")
    parser.add_argument("--concurrency", type=int, default=16, help="client connections")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds measured per URL")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured load per URL")
    parser.add_argument("--profile", action="store_true", help="cProfile the in-process requests")
    parser.add_argument(
        "--client",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
        help="load generator: wrk (apt-get install wrk) or Python threads",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="turn off the anonymous catalogue cache (what logged-in users get)"
    )
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    return parser.parse_args()


def server_env(args) -> dict[str, str]:
    return {
        **production_env(args),
        "CATALOGUE_CACHE_SECONDS": "0" if args.no_cache else "30",
    }


# ---- database ------------------------------------------------------------------------------------


def load(args) -> int:
    """Migrate, run the catalogue steps of `seed_demo`, then bulk-insert products up to `args.products`.

    Only `sellers.demo.STEPS` (accounts, shops, products): the order history other apps' steps add
    is not what this benchmark reads, and takes longer to build than the catalogue.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.utils.text import slugify

    from sellers import demo
    from sellers.models import Category, Product, Seller
    from sellers.search import search_index
    from sellers.services_variants import variants_fill_missing

    call_command("migrate", verbosity=0, interactive=False)
    ctx = demo.DemoContext()
    for step in demo.STEPS:
        step.run(ctx)
    categories = {c.slug: c for c in Category.objects.all()}
    sellers = {s.slug: s for s in Seller.objects.all()}
    shops = [shop for shop in demo.SHOPS if shop.status == Seller.Status.VERIFIED]
    rng = random.Random(2020)
    missing = args.products - Product.objects.count()
    batch = []
    for i in range(missing):
        shop = rng.choice(shops)
        data = demo.random_product(shop, rng)
        category = categories[data.pop("category")]
        slug = f"{slugify(data['name'])[:150]}-{shop.slug[:30]}-b{i}"
        batch.append(Product(seller=sellers[shop.slug], category=category, slug=slug, **data))
        if len(batch) == 2000:
            Product.objects.bulk_create(batch)
            batch = []
    Product.objects.bulk_create(batch)
    variants_fill_missing()  # bulk rows have no variant yet: one each, as product_create makes
    search_index(Product.objects.filter(search_text="").values_list("pk", flat=True))  # bulk rows have none
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Product.objects.count()


# ---- in-process check: queries per request -------------------------------------------------------


def query_check(args) -> list[tuple[str, int, float, int, float]]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = []
    for label, url in URLS:
        client.get(url)  # warm caches (url resolver, serializers)
        reset_queries()  # start from an empty query log
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        queries = list(ctx.captured_queries)  # read now: the next request empties the connection's log
        repeats = 50
        started = time.perf_counter()
        for _ in range(repeats):
            client.get(url)
        per_request = (time.perf_counter() - started) / repeats * 1000
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        rows.append((label, len(queries), per_request, response.status_code, sql_ms))
        if args.profile:
            profile(client, url, label, sort="cumulative", limit=40)
        for q in queries if args.profile else []:
            print(f"    {float(q['time']) * 1000:6.1f} ms  {q['sql'][:200]}")
    return rows


def profile(client, url, label, sort="tottime", limit=15) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(50):
        client.get(url)
    profiler.disable()
    print(f"\n--- profile of 50 x {label} ({url}), by {sort} time ---")
    pstats.Stats(profiler).sort_stats(sort).print_stats(limit)


# ---- the server ----------------------------------------------------------------------------------


# ---- the client ----------------------------------------------------------------------------------


def hammer(port: int, url: str, *, concurrency: int, seconds: float, measure: bool):
    """`concurrency` threads, each on its own keep-alive connection, requesting `url` until time is up."""
    stop_at = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    reconnects = [0] * concurrency

    def run(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Accept": "application/json"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.will_close:
                    reconnects[i] += 1
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            if measure:
                latencies[i].append(time.perf_counter() - started)
            if not ok:
                errors[i] += 1
        conn.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    all_latencies = sorted(x for per_thread in latencies for x in per_thread)
    return all_latencies, sum(errors), sum(reconnects), elapsed


def hammer_wrk(port: int, url: str, *, concurrency: int, seconds: float) -> dict:
    """Load from wrk (C, one thread per core): the Python client would eat the CPU it measures."""
    script = lua_script(method="GET", path=url, success=200, tokens=[], bodies=[])
    return {**run_wrk(script, port=port, threads=2, connections=concurrency, seconds=seconds), "keepalive": True}


def hammer_python(port: int, url: str, *, concurrency: int, seconds: float) -> dict:
    latencies, errors, reconnects, elapsed = hammer(port, url, concurrency=concurrency, seconds=seconds, measure=True)
    return {
        "requests": len(latencies),
        "errors": errors,
        "keepalive": reconnects == 0,
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 50) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "p99": percentile(latencies, 99) * 1000,
        "mean": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
    }


def measure(args, port: int, master: int) -> list[dict]:
    results = []
    client = hammer_wrk if args.client == "wrk" else hammer_python
    print(f"Client: {args.client}", flush=True)
    for label, url in URLS:
        client(port, url, concurrency=args.concurrency, seconds=args.warmup)
        meter = CpuMeter(args, master)
        meter.start()
        figures = client(port, url, concurrency=args.concurrency, seconds=args.duration)
        app_cpu, db_cpu = meter.stop()
        served = max(1, figures["requests"])
        results.append(
            {
                "label": label,
                "url": url,
                **figures,
                "app_cpu_ms": app_cpu / served * 1000,
                "db_cpu_ms": db_cpu / served * 1000,
            }
        )
        print(f"  {label}: {results[-1]['rps']:.0f} req/s", flush=True)
    return results


def print_table(results: list[dict]) -> None:
    print("\n| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| `GET {r['url']}` | {r['requests']} | {r['errors']} | {r['rps']:.0f} | "
            f"{r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} |"
        )
    print_cpu_table([(f"`GET {r['url']}`", r["app_cpu_ms"], r["db_cpu_ms"]) for r in results])


def main() -> None:
    args = parse_args()
    os.environ.update(server_env(args))
    os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings"
    os.chdir(ROOT)
    warnings.filterwarnings("ignore", message="No directory at")

    print(f"Creating database {args.db_name} ...", flush=True)
    recreate_database(args)
    process = None
    try:
        import django

        django.setup()
        started = time.monotonic()
        count = load(args)
        print(f"Loaded {count} products in {time.monotonic() - started:.1f} s.", flush=True)

        print("\nIn-process check (django.test.Client, same settings):")
        print("| endpoint | SQL queries | SQL ms | ms per request (in-process) |")
        print("| --- | ---: | ---: | ---: |")
        for label, queries, per_request, status, sql_ms in query_check(args):
            print(f"| {label} | {queries} | {sql_ms:.1f} | {per_request:.1f} (HTTP {status}) |")

        from django.db import connections

        connections.close_all()
        port = free_port()
        mode = f"gthread x {args.threads}" if args.threads > 1 else "sync"
        print(f"\nStarting gunicorn: {args.workers} workers ({mode}) on port {port}", flush=True)
        process = start_gunicorn(args, port, server_env(args))
        print(f"Measuring: {args.concurrency} connections, {args.warmup:.0f} s warm-up + {args.duration:.0f} s per URL")
        load_before = os.getloadavg()[0]
        results = measure(args, port, process.pid)
        print_table(results)
        print(f"\nLoad average (1 min) before/after measuring: {load_before:.2f} / {os.getloadavg()[0]:.2f}")
        if not all(r["keepalive"] for r in results):
            print("\n(The server closed connections after responses: sync workers do not keep connections alive;")
            print(" the client reconnected, and that cost is inside the figures.)")
        cpu = os.cpu_count()
        print(f"\nMachine: {cpu} CPUs, Python {sys.version.split()[0]}; client and server on the same machine.")
    finally:
        if process is not None:
            stop(process)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            drop_database(args)
            print(f"Dropped database {args.db_name}.")


if __name__ == "__main__":
    main()
