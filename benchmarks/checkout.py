"""Checkout throughput: gunicorn + PostgreSQL, concurrent buyers placing orders, no unit oversold.

    .venv/bin/python benchmarks/checkout.py                 # the run recorded in docs/benchmarks.md
    .venv/bin/python benchmarks/checkout.py --help          # workers, threads, concurrency, duration

What it does, in order:

1. drops and creates a PostgreSQL database of its own (`bench_checkout`), migrates it, runs the
   catalogue steps of `seed_demo` (accounts, the demo shops with their owners, products), picks
   `--products` variants of products of verified shops (stock lives on variants) and gives `--scarce`
   of them a small stock (2-4 units) and the rest a plentiful one, bulk-creates `--buyers` buyers
   with DRF tokens, then ANALYZE;
2. in this process, places one order through `django.test.Client` under `CaptureQueriesContext`
   and prints the number of SQL queries and the time per checkout (with `--profile`, the top
   functions of 50 checkouts under cProfile too);
3. starts gunicorn on a free port with production settings (DEBUG=false, Redis as cache and Celery
   broker, so every order's emails are queued in Redis on commit as in production);
4. runs wrk with `--concurrency` connections against `/healthz` (the server's ceiling), then against
   `POST /api/v1/orders/`: each request takes a random buyer's token and a random body from lists
   written into the Lua script (1-3 lines from 1-2 shops, 1-2 units each; `--scarce-share` of the
   bodies ask for one scarce variant, so those sell out while the clients race for them). Each runs
   `--warmup` seconds unmeasured first (checkout warm-up with plentiful products only), then
   `--duration` seconds measured; `/healthz` is measured again after checkout, so a machine
   that got busier during the run shows;
5. counts answers: 201 (an order), 409 (out of stock: a correct answer, counted apart), anything
   else or a socket error (errors); prints orders/second, requests/second, latency percentiles
   (wrk's, over all answers), the CPU the server spent per request, and checks the books: for every
   variant, initial stock - units in non-cancelled orders == stock now >= 0, and every product's
   stock is its active variants' sum; a variant or product where that fails counts as oversold;
6. stops gunicorn, drops the queued email tasks it left in Redis and the database (`--keep-db`
   keeps the database).

The client shares the machine with the server, so on a small box part of the CPU goes to the client;
the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402 - the benchmarks directory is on the path only once the line above ran
    ROOT,
    CpuMeter,
    drop_database,
    free_port,
    machine_speed,
    print_cpu_table,
    production_env,
    recreate_database,
    start_gunicorn,
    stop,
)

sys.path.insert(0, str(ROOT))

CHECKOUT_PATH = "/api/v1/orders/"
PLENTIFUL_STOCK = 1_000_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--db-name", default="bench_checkout")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15", help="Redis URL (cache and Celery broker)")
    # 6 x 2: the most orders/s at a p95 under 200 ms on 2 cores (docs/benchmarks.md compares layouts).
    parser.add_argument("--workers", type=int, default=6, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (>1 uses gthread; 1: sync)")
    parser.add_argument("--concurrency", type=int, default=16, help="client connections")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds measured per endpoint")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured load per endpoint")
    parser.add_argument("--buyers", type=int, default=300)
    parser.add_argument("--products", type=int, default=300, help="variants the buyers order")
    parser.add_argument("--scarce", type=int, default=8, help="of those, variants with 2-4 units in stock")
    parser.add_argument("--scarce-share", type=float, default=0.15, help="share of bodies asking for a scarce one")
    parser.add_argument("--bodies", type=int, default=1000, help="distinct request bodies in the Lua script")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument(
        "--pool", type=int, default=0, help="DATABASE_POOL per gunicorn worker (compose runs 4; 0: none)"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile 50 in-process checkouts")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    args = parser.parse_args()
    if not 0 <= args.scarce < args.products:
        parser.error("--scarce must be below --products")
    return args


# ---- data ----------------------------------------------------------------------------------------


def load(args) -> dict:
    """Migrate, seed shops and products, set stock, create buyers with tokens. Returns what the client needs.

    Stock lives on variants (a product is a sum of them), so the benchmark picks variants: the demo's
    gamis come in sizes and its coffee in weights, and a body names the variant it buys.
    """
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from marketplace.models import User
    from sellers import demo
    from sellers.models import ProductVariant, Seller
    from sellers.services_variants import products_refresh

    call_command("migrate", verbosity=0, interactive=False)
    ctx = demo.DemoContext()
    for step in demo.STEPS:
        step.run(ctx)

    rng = random.Random(2026)
    on_sale = list(
        ProductVariant.objects.filter(
            is_active=True, product__is_active=True, product__seller__status=Seller.Status.VERIFIED
        )
        .order_by("pk")
        .values_list("pk", "seller_id")
    )
    if len(on_sale) < args.products:
        raise SystemExit(f"seed_demo made {len(on_sale)} variants on sale; --products {args.products} is too many")
    chosen = rng.sample(on_sale, args.products)
    scarce = {pk: rng.randint(2, 4) for pk, _ in rng.sample(chosen, args.scarce)}
    ProductVariant.objects.filter(pk__in=[pk for pk, _ in chosen]).update(stock=PLENTIFUL_STOCK)
    variants = ProductVariant.objects.in_bulk(scarce)
    for pk, stock in scarce.items():
        variants[pk].stock = stock
    ProductVariant.objects.bulk_update(variants.values(), ["stock"])
    products_refresh(ProductVariant.objects.filter(pk__in=[pk for pk, _ in chosen]).values("product_id"))

    unusable = make_password(None)  # no hashing per buyer: they authenticate with tokens
    buyers = User.objects.bulk_create(
        User(email=f"pembeli{i:04d}@bench.test", full_name=f"Pembeli {i}", password=unusable)
        for i in range(args.buyers)
    )
    tokens = Token.objects.bulk_create(Token(key=Token.generate_key(), user=buyer) for buyer in buyers)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    by_shop: dict[int, list[int]] = {}
    for pk, seller_id in chosen:
        if pk not in scarce:
            by_shop.setdefault(seller_id, []).append(pk)
    scarce_shop = {pk: seller_id for pk, seller_id in chosen if pk in scarce}
    return {
        "tokens": [t.key for t in tokens],
        "plentiful_by_shop": by_shop,
        "scarce": scarce,
        "scarce_shop": scarce_shop,
        "shops": len({seller_id for _, seller_id in chosen}),
        "initial_stock": dict(ProductVariant.objects.values_list("pk", "stock")),
    }


def address(i: int) -> dict:
    return {
        "recipient": f"Pembeli {i}",
        "phone": "081234567890",
        "street": f"Jl. Malioboro No. {i % 200 + 1}",
        "city": "Kota Yogyakarta",
        "province": "34",
        "postal_code": "55213",
    }


def make_bodies(data: dict, count: int, *, scarce_share: float, seed: int) -> list[str]:
    """Order bodies: 1-2 shops, 1-3 lines in all, 1-2 units each; `scarce_share` of them take one scarce variant."""
    rng = random.Random(seed)
    shops = sorted(data["plentiful_by_shop"])
    scarce = sorted(data["scarce"])
    bodies = []
    for i in range(count):
        lines: dict[int, int] = {}
        n_lines = rng.randint(1, 3)
        picked_shops = rng.sample(shops, 1 if n_lines == 1 else rng.randint(1, 2))
        if scarce and rng.random() < scarce_share:
            pk = rng.choice(scarce)
            lines[pk] = rng.randint(1, 2)
            picked_shops[0] = data["scarce_shop"][pk]
        while len(lines) < n_lines:
            shop = picked_shops[len(lines) % len(picked_shops)]
            candidates = [pk for pk in data["plentiful_by_shop"].get(shop, []) if pk not in lines]
            if not candidates:  # that shop has nothing more to add: any variant not in the body yet
                candidates = [pk for shop in shops for pk in data["plentiful_by_shop"][shop] if pk not in lines]
            lines[rng.choice(candidates)] = rng.randint(1, 2)
        body = {
            "shipping_address": address(i),
            "lines": [{"variant": pk, "quantity": qty} for pk, qty in lines.items()],
        }
        bodies.append(json.dumps(body, separators=(",", ":")))
    return bodies


# ---- in-process check: queries and time of one checkout --------------------------------------------


def query_check(args, data: dict) -> tuple[int, float, float, int]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    bodies = make_bodies(data, 200, scarce_share=0, seed=1)
    token = data["tokens"][0]

    def post(i: int):
        return client.post(
            CHECKOUT_PATH, bodies[i % len(bodies)], content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
        )

    post(0)  # warm caches (url resolver, templates, serializers)
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = post(1)
    queries = list(ctx.captured_queries)
    repeats = 50
    started = time.perf_counter()
    for i in range(repeats):
        post(i + 2)
    per_request = (time.perf_counter() - started) / repeats * 1000
    sql_ms = sum(float(q["time"]) for q in queries) * 1000
    if args.profile:
        profile(lambda i: post(i + 100), queries)
    return len(queries), sql_ms, per_request, response.status_code


# (label, path suffix, function): the parts of a checkout the profile adds up.
PARTS = [
    ("whole request (Django handler)", "django/core/handlers/base.py", "get_response"),
    ("  token authentication", "marketplace/tokens.py", "authenticate_credentials"),
    ("  OrderInput validation", "rest_framework/serializers.py", "is_valid"),
    ("  order_place (the transaction up to COMMIT)", "orders/services/checkout.py", "order_place"),
    (
        "    lock variants and products (SELECT ... FOR UPDATE, with the marks)",
        "orders/services/checkout.py",
        "_lock_variants",
    ),
    ("    pricing backend reserve (enrolments)", "campaigns/pricing.py", "reserve"),
    ("    take stock (two UPDATEs)", "sellers/services_variants.py", "stock_take"),
    ("    shipping rates (the rate provider)", "orders/rates.py", "options"),
    ("    vouchers (the voucher port)", "orders/services/checkout.py", "_apply_vouchers"),
    ("    inserts (order, shipments, lines, payment, event, outbox)", "marketplace/rows.py", "rows_insert"),
    ("    outbox rows and the shops' addresses", "orders/services/order_emails.py", "order_emails"),
    ("  COMMIT and on_commit (Celery publish)", "django/db/transaction.py", "__exit__"),
    ("    Celery publish (one message per order)", "celery/app/task.py", "apply_async"),
    ("  the 201 answer (rendering the rows written)", "orders/api.py", "to_representation"),
    ("  JSON rendering", "rest_framework/renderers.py", "render"),
]


def profile(post, queries, repeats: int = 50) -> None:
    """cProfile `repeats` checkouts twice: on CPU time of this process (what Python costs, the database's
    work excluded) and on wall time (waits for PostgreSQL and Redis included); print the parts."""
    import cProfile
    import pstats

    runs = {}
    for clock, timer in (("CPU", time.process_time), ("wall", time.perf_counter)):
        profiler = cProfile.Profile(timer)
        profiler.enable()
        for i in range(repeats):
            post(i + (0 if clock == "CPU" else repeats))
        profiler.disable()
        runs[clock] = pstats.Stats(profiler)

    def cumulative(stats, suffix, name) -> float:
        return sum(row[3] for (path, _, func), row in stats.stats.items() if path.endswith(suffix) and func == name)

    whole = {clock: cumulative(stats, *PARTS[0][1:]) for clock, stats in runs.items()}
    print(f"\n--- where a checkout goes: {repeats} checkouts under cProfile (which inflates every figure) ---")
    print("| part | share of Python CPU | share of wall time | wall ms (profiled) |")
    print("| --- | ---: | ---: | ---: |")
    for label, suffix, name in PARTS:
        cpu = cumulative(runs["CPU"], suffix, name) / whole["CPU"]
        wall = cumulative(runs["wall"], suffix, name)
        print(f"| {label} | {cpu:.0%} | {wall / whole['wall']:.0%} | {wall / repeats * 1000:.1f} |")
    print(f"\n--- profile of {repeats} checkouts by CPU time, cumulative ---")
    runs["CPU"].sort_stats("cumulative").print_stats(40)
    print(f"--- profile of {repeats} checkouts by CPU time, own ---")
    runs["CPU"].sort_stats("tottime").print_stats(25)
    print("--- the queries of one checkout ---")
    for q in queries:
        print(f"    {float(q['time']) * 1000:6.1f} ms  {q['sql'][:160]}")


# ---- the client: wrk with a Lua script that picks a buyer and a body per request -------------------

LUA = """
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + tid * 7919)
  ok, conflict, bad = 0, 0, 0
  first_bad = ""
end

function request()
  if method == "GET" then
    return wrk.format("GET", path, {["Accept"] = "application/json"})
  end
  local headers = {
    ["Authorization"] = "Token " .. tokens[math.random(#tokens)],
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
  }
  return wrk.format("POST", path, headers, bodies[math.random(#bodies)])
end

function response(status, headers, body)
  if status == success then
    ok = ok + 1
  elseif status == 409 then
    conflict = conflict + 1
  else
    bad = bad + 1
    if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local o, c, b, first = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    o = o + thread:get("ok")
    c = c + thread:get("conflict")
    b = b + thread:get("bad")
    if first == "" then first = thread:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d %d %d\\n", summary.requests, o, c, b,
    e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max))
  if first ~= "" then io.write("FIRST_BAD " .. first:gsub("\\n", " ") .. "\\n") end
end
"""


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def lua_script(*, method: str, path: str, success: int, tokens: list[str], bodies: list[str]) -> str:
    return "\n".join(
        [
            f"method = {lua_string(method)}",
            f"path = {lua_string(path)}",
            f"success = {success}",
            "tokens = {" + ",\n".join(lua_string(t) for t in tokens) + "}",
            "bodies = {" + ",\n".join(lua_string(b) for b in bodies) + "}",
            LUA,
        ]
    )


def run_wrk(args, port: int, script: str, seconds: float) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        command = [
            "wrk", f"-t{args.wrk_threads}", f"-c{args.concurrency}", f"-d{max(1, round(seconds))}s",
            "--timeout", "10s", "-s", f.name, f"http://127.0.0.1:{port}",
        ]  # fmt: skip
        out = subprocess.run(command, capture_output=True, text=True, check=True)
    finally:
        os.unlink(f.name)
    lines = out.stdout.splitlines()
    fields = next(line for line in lines if line.startswith("RESULT")).split()[1:]
    values = [int(float(x)) for x in fields]
    requests, ok, conflict, bad, socket_errors, duration_us, p50, p95, p99, mean, worst = values
    seconds = duration_us / 1e6
    return {
        "requests": requests,
        "ok": ok,
        "conflict": conflict,
        "errors": bad + socket_errors,
        "first_bad": next((line[10:] for line in lines if line.startswith("FIRST_BAD ")), ""),
        "seconds": seconds,
        "rps": requests / seconds,
        "ok_per_s": ok / seconds,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "mean": mean / 1000,
        "max": worst / 1000,
    }


def measure(args, port: int, master: int, label: str, script: str, warmup_script: str) -> dict:
    run_wrk(args, port, warmup_script, args.warmup)
    meter = CpuMeter(args, master)
    meter.start()
    figures = run_wrk(args, port, script, args.duration)
    app_cpu, db_cpu = meter.stop()
    served = max(1, figures["requests"])
    figures.update(label=label, app_cpu_ms=app_cpu / served * 1000, db_cpu_ms=db_cpu / served * 1000)
    print(
        f"  {label}: {figures['rps']:.0f} req/s, {figures['ok']} ok, {figures['conflict']} x 409, "
        f"{figures['errors']} errors",
        flush=True,
    )
    if figures["first_bad"]:
        print(f"    first unexpected answer: {figures['first_bad']}")
    return figures


# ---- the books -----------------------------------------------------------------------------------


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


def drop_queued_tasks(args) -> int:
    """The email tasks the orders queued (no Celery worker runs here): remove them from the broker."""
    import redis

    queue = "default"  # settings.CELERY_TASK_DEFAULT_QUEUE
    client = redis.Redis.from_url(args.redis)
    queued = client.llen(queue)
    client.delete(queue)
    return queued


# ---- output --------------------------------------------------------------------------------------


def print_table(results: list[dict]) -> None:
    print("\n| endpoint | requests | 2xx | 409 | errors | req/s | 2xx/s | p50 ms | p95 ms | p99 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['label']} | {r['requests']} | {r['ok']} | {r['conflict']} | {r['errors']} | {r['rps']:.0f} | "
            f"{r['ok_per_s']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['max']:.1f} |"
        )
    print_cpu_table([(r["label"], r["app_cpu_ms"], r["db_cpu_ms"]) for r in results])


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run `make bench-deps` (apt-get install wrk haproxy pgbouncer)")
    os.environ.update(production_env(args))
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
        data = load(args)
        print(
            f"Loaded {args.buyers} buyers with tokens, {args.products} products of {data['shops']} verified shops "
            f"({args.scarce} scarce: {sum(data['scarce'].values())} units in all) "
            f"in {time.monotonic() - started:.1f} s.",
            flush=True,
        )

        print("\nIn-process check (django.test.Client, same settings; 1-3 lines from 1-2 shops):")
        queries, sql_ms, per_request, status = query_check(args, data)
        print("| endpoint | SQL queries | SQL ms | ms per checkout (in-process) |")
        print("| --- | ---: | ---: | ---: |")
        print(f"| POST {CHECKOUT_PATH} | {queries} | {sql_ms:.1f} | {per_request:.1f} (HTTP {status}) |")

        from django.db import connections

        connections.close_all()
        bodies = make_bodies(data, args.bodies, scarce_share=args.scarce_share, seed=2)
        warm_bodies = make_bodies(data, 200, scarce_share=0, seed=3)
        healthz = lua_script(method="GET", path="/healthz", success=200, tokens=[], bodies=[])
        checkout = lua_script(method="POST", path=CHECKOUT_PATH, success=201, tokens=data["tokens"], bodies=bodies)
        warm = lua_script(method="POST", path=CHECKOUT_PATH, success=201, tokens=data["tokens"], bodies=warm_bodies)

        port = free_port()
        mode = f"gthread x {args.threads}" if args.threads > 1 else "sync"
        pool = f"a pool of {args.pool} connections each" if args.pool else "no pool"
        print(f"\nStarting gunicorn: {args.workers} workers ({mode}, {pool}) on port {port}", flush=True)
        # Production logging writes a WARNING per 409 (django.request); kept out of the report, read at the end.
        server_log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - lives as long as the server; deleted on exit
        server_env = {**production_env(args), "DATABASE_POOL": str(args.pool)}
        process = start_gunicorn(args, port, server_env, output=server_log)
        print(
            f"Measuring with wrk: {args.concurrency} connections, {args.wrk_threads} threads, "
            f"{args.warmup:.0f} s warm-up + {args.duration:.0f} s per endpoint",
            flush=True,
        )
        load_before = os.getloadavg()[0]
        results = [measure(args, port, process.pid, "`GET /healthz` (before)", healthz, healthz)]
        results.append(measure(args, port, process.pid, f"`POST {CHECKOUT_PATH}`", checkout, warm))
        results.append(measure(args, port, process.pid, "`GET /healthz` (after)", healthz, healthz))
        load_after = os.getloadavg()[0]
        stop(process)
        process = None

        books = audit(data)
        print_table(results)
        server_log.seek(0)
        logged = server_log.read().splitlines()
        unexpected = [line for line in logged if not line.startswith("Conflict: ") and "No directory at" not in line]
        unexpected = [line for line in unexpected if "mw_instance = middleware" not in line]
        print(f"\nServer log: {len(logged)} lines, {len(logged) - len(unexpected)} of them expected (409 warnings).")
        for line in unexpected[:20]:
            print(f"    {line}")
        order, health = results[1], (results[0]["rps"] + results[2]["rps"]) / 2
        print(
            f"\nCheckout: {order['ok_per_s']:.0f} orders/s ({order['ok']} orders, {order['conflict']} x 409 "
            f"out of stock, {order['errors']} errors) of {order['rps']:.0f} req/s; "
            f"p50 {order['p50']:.1f} ms, p95 {order['p95']:.1f} ms, p99 {order['p99']:.1f} ms"
        )
        print(
            f"/healthz in the same run: {results[0]['rps']:.0f} / {results[2]['rps']:.0f} req/s (before / after); "
            f"orders/s = {order['ok_per_s'] / health:.0%} of their mean, requests/s = {order['rps'] / health:.0%}"
        )
        print(
            f"Books: {books['orders']} orders, {books['units']} units sold; scarce variants: "
            f"{books['scarce_sold']} of {books['scarce_units']} units sold, "
            f"{books['scarce_sold_out']} of {len(data['scarce'])} sold out"
        )
        detail = f" (variants {books['oversold_ids']}, products off their variants' sum {books['products_off']})"
        print(f"Oversold: {books['oversold']}" + (detail if books["oversold"] else ""))
        aim = order["ok_per_s"] >= 150 and order["p95"] < 200 and order["ok_per_s"] >= health / 4
        print(f"Aim (>= 150 orders/s, p95 < 200 ms, >= 1/4 of /healthz): {'met' if aim else 'missed'}")
        print(f"\nLoad average (1 min) before/after measuring: {load_before:.2f} / {load_after:.2f}")
        python = sys.version.split()[0]
        speed = machine_speed()
        print(f"Machine: {os.cpu_count()} CPUs, Python {python}, {speed}; client and server on the same machine.")
        if books["oversold"]:
            raise SystemExit(1)
    finally:
        if process is not None:
            stop(process)
        from django.db import connections

        connections.close_all()
        print(f"Dropped {drop_queued_tasks(args)} queued email tasks from {args.redis}.")
        if not args.keep_db:
            drop_database(args)
            print(f"Dropped database {args.db_name}.")


if __name__ == "__main__":
    main()
