"""Scale-out, run for real on one machine: two web nodes behind HAProxy, PgBouncer, Redis, two workers.

    .venv/bin/python benchmarks/cluster.py            # the run recorded in docs/benchmarks.md
    .venv/bin/python benchmarks/cluster.py --help

Needs Debian's `haproxy` and `pgbouncer` (`make bench-deps` installs them with wrk) and the
PostgreSQL server the other benchmarks use. The topology is the one `docker-compose.yml` describes
(`tests/test_compose.py` checks that the two agree), each part its own process group:

    client threads -> HAProxy -> gunicorn web1, web2 -> PgBouncer -> PostgreSQL
                                                 \\-> Redis (cache, broker) <- worker-default, worker-promo, beat
                                                                                      \\-> SMTP sink (this process)

What it does, in order:

1. creates its own database (`bench_cluster`), migrates it and loads the checkout benchmark's data
   (demo shops and products, scarce and plentiful stock, buyers with tokens);
2. starts its own Redis on a free port, PgBouncer (session pooling) in front of PostgreSQL, an SMTP
   sink, web1, HAProxy (both nodes declared, health-checked on /healthz), the two workers and beat;
3. phase "one node": checkout load for `--duration` seconds while web2 is not up yet;
4. starts web2; phase "two nodes": the same load (on two cores this shows the overhead of a second
   node, not a speed-up: both nodes share the same two cores);
5. phase "failure": the same load; a third of the way in it SIGKILLs web1 and the `default` worker
   (the one sending order email), two thirds of the way in it starts them again;
6. sends every request that got a cut connection or a 5xx again, with the same token, body and
   `Idempotency-Key`, as a client should: one whose order was placed before the cut gets that order;
7. waits for the outbox to drain, then checks the books: every 201 the clients saw is an order in
   the database, once; every order in the database was confirmed to its client (after the retries);
   every outbox email was sent and reached the sink exactly once; no variant sold more than its
   stock and every product's stock is its variants' sum; and prints HAProxy's own error counters
   for the failure phase. Any of these failing exits with status 1.

The load is a closed loop of `--clients` threads, each POSTing an order with its own
`Idempotency-Key`, so a request retried after a cut connection cannot place a second order.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _cluster_parts import (  # noqa: E402
    Part,
    Sink,
    haproxy_backend_stats,
    haproxy_config,
    need,
    pgbouncer_config,
    wait_http,
    wait_port,
)
from _common import ROOT, drop_database, free_port, percentile, production_env, recreate_database  # noqa: E402

sys.path.insert(0, str(ROOT))

VENV_BIN = ROOT / ".venv" / "bin"

# ---- the topology: what runs, with which command and queues --------------------------------------
# docker-compose.yml runs the same services with these commands (tests/test_compose.py reads this
# data and compares): each command below is the start of the service's command there, followed only
# by options that say where it runs (PLACE_OPTIONS: addresses, log levels, file paths).

WEB_NODES = ("web1", "web2")
WEB = ["gunicorn", "marketplace.wsgi", "--workers", "2", "--worker-class", "gthread", "--threads", "4"]
CELERY = ["celery", "-A", "marketplace"]
WORKERS = {  # service -> the queues it consumes, its processes
    "worker-default": (("default",), 2),
    "worker-promo": (("promo",), 1),
}
APP_COMMANDS: dict[str, list[str]] = {
    **{node: WEB for node in WEB_NODES},
    **{
        name: [*CELERY, "worker", "-Q", ",".join(queues), "--concurrency", str(processes)]
        + ["--hostname", f"{queues[0]}@%h", "--without-gossip", "--without-mingle"]
        for name, (queues, processes) in WORKERS.items()
    },
    "beat": [*CELERY, "beat"],
}
# The engines the app services use, by compose service name; the cluster runs Debian's programs.
ENGINES = ("postgres", "pgbouncer", "redis", "haproxy")
# Environment the app services get besides where things are (compose: x-app).
APP_ENV = {"DATABASE_POOL": "4"}  # one connection per gthread thread, borrowed per request
PLACE_OPTIONS = {"--bind", "--log-level", "--access-logfile", "--loglevel", "-l", "--schedule"}


def app_command(name: str, *place: str) -> list[str]:
    """The topology's command for `name`, run from the virtualenv, with where it runs appended."""
    program, *rest = APP_COMMANDS[name]
    return [str(VENV_BIN / program), *rest, *place]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--db-name", default="bench_cluster")
    parser.add_argument("--clients", type=int, default=8, help="client threads (connections)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per phase")
    parser.add_argument("--buyers", type=int, default=200)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--scarce", type=int, default=8)
    parser.add_argument("--scarce-share", type=float, default=0.15)
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


# ---- the load --------------------------------------------------------------------------------------


class Load:
    """`clients` threads posting orders in a closed loop; records every answer and each 201's number."""

    def __init__(self, port: int, data: dict, bodies: list[str], clients: int):
        self.port, self.data, self.bodies, self.clients = port, data, bodies, clients
        self.statuses: collections.Counter = collections.Counter()
        self.confirmed: list[str] = []
        self.latencies: list[float] = []
        self.unanswered: list[tuple[str, dict[str, str]]] = []  # (body, headers) of requests cut or 5xx
        self.lock = threading.Lock()

    def run(self, seconds: float, during=None) -> float:
        stop_at = time.monotonic() + seconds
        threads = [threading.Thread(target=self._client, args=(n, stop_at)) for n in range(self.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        if during:
            during(started)
        for thread in threads:
            thread.join()
        return time.monotonic() - started

    def _client(self, n: int, stop_at: float) -> None:
        rng = random.Random(n * 7919 + int(time.time()))
        conn = None
        while time.monotonic() < stop_at:
            body = rng.choice(self.bodies)
            headers = {
                "Content-Type": "application/json",
                "Authorization": f"Token {rng.choice(self.data['tokens'])}",
                "Idempotency-Key": str(uuid.uuid4()),
            }
            began = time.monotonic()
            try:
                conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("POST", "/api/v1/orders/", body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn, status, payload = None, "socket error", b""
            with self.lock:
                self.statuses[status] += 1
                self.latencies.append(time.monotonic() - began)
                if status == 201:
                    self.confirmed.append(json.loads(payload)["number"])
                elif status == "socket error" or status >= 500:
                    self.unanswered.append((body, headers))

    def retry_unanswered(self) -> collections.Counter:
        """What a client does after a cut connection or a 5xx: send the same request with the same
        Idempotency-Key again. An order placed before the cut comes back as that same order."""
        answers: collections.Counter = collections.Counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        for body, headers in self.unanswered:
            conn.request("POST", "/api/v1/orders/", body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            answers[response.status] += 1
            if response.status == 201:
                self.confirmed.append(json.loads(payload)["number"])
        conn.close()
        return answers


def phase(name: str, load: Load, seconds: float, during=None) -> dict:
    before_status, before_confirmed = collections.Counter(load.statuses), len(load.confirmed)
    before_latencies = len(load.latencies)
    elapsed = load.run(seconds, during)
    statuses = load.statuses - before_status
    latencies = sorted(load.latencies[before_latencies:])
    orders = len(load.confirmed) - before_confirmed
    row = {
        "phase": name,
        "orders_per_s": orders / elapsed,
        "p95_ms": percentile(latencies, 95) * 1000,
        "statuses": dict(statuses),
    }
    print(f"  {name:<10} {row['orders_per_s']:6.1f} orders/s, p95 {row['p95_ms']:.0f} ms, answers {row['statuses']}")
    return row


# ---- the checks ------------------------------------------------------------------------------------


def books(args, data: dict, load: Load, sink: Sink) -> dict:
    from _books import stock_books
    from django.db import close_old_connections
    from django.db.models import Count

    from orders.models import Order, OutgoingEmail

    close_old_connections()
    deadline = time.monotonic() + 180
    while OutgoingEmail.objects.filter(sent_at=None).exists() and time.monotonic() < deadline:
        time.sleep(2)
    numbers = list(Order.objects.values_list("number", flat=True))
    in_db = collections.Counter(numbers)
    confirmed = collections.Counter(load.confirmed)
    stock = stock_books(data)
    oversold = len(stock["oversold"]) + len(stock["products_off"])
    outbox = collections.Counter(OutgoingEmail.objects.values_list("to", "subject"))
    return {
        "confirmed_orders": len(load.confirmed),
        "lost": sum(1 for number in confirmed if number not in in_db),
        "duplicated": sum(1 for count in confirmed.values() if count > 1)
        + Order.objects.values("number").annotate(n=Count("id")).filter(n__gt=1).count(),
        "placed_unconfirmed": sum(1 for number in in_db if number not in confirmed),
        "outbox": sum(outbox.values()),
        "outbox_unsent": OutgoingEmail.objects.filter(sent_at=None).count(),
        "emails_missing": sum(1 for key in outbox if sink.received[key] == 0),
        "emails_duplicated": sum(sink.received[key] - 1 for key in outbox if sink.received[key] > 1),
        "oversold_products": oversold,
    }


# ---- main ------------------------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    haproxy, pgbouncer, redis_server = need("haproxy"), need("pgbouncer"), need("redis-server")
    tmp = Path(tempfile.mkdtemp(prefix="pasar-cluster-"))
    os.chmod(tmp, 0o777)  # pgbouncer drops to the postgres user and writes its log and pid here
    ports = {name: free_port() for name in ("redis", "pgbouncer", "lb", "stats", *WEB_NODES)}
    sink = Sink()

    recreate_database(args)
    env = production_env(argparse.Namespace(pg=args.pg, db_name=args.db_name, redis=""))
    env.update(
        APP_ENV,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{ports['pgbouncer']}/{args.db_name}",
        REDIS_URL=f"redis://127.0.0.1:{ports['redis']}/0",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        SITE_URL=f"http://127.0.0.1:{ports['lb']}",
    )
    direct = {**env, "DATABASE_URL": f"{args.pg}/{args.db_name}"}
    os.environ.update(direct)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    import django

    django.setup()
    from _checkout_data import load as load_data
    from _checkout_data import make_bodies

    parts: dict[str, Part] = {}

    def part(name, command, extra=None):
        parts[name] = Part(name, command, {**env, **(extra or {})}, tmp)
        return parts[name]

    try:
        print(f"Loading data into {args.db_name} ...")
        data = load_data(args)
        bodies = make_bodies(data, 1000, scarce_share=args.scarce_share, seed=7)
        sys_user = ["-u", "postgres"] if os.geteuid() == 0 else []
        part("redis", [redis_server, "--port", str(ports["redis"]), "--bind", "127.0.0.1", "--save", ""]).start()
        part("pgbouncer", [pgbouncer, *sys_user, str(pgbouncer_config(tmp, args, ports["pgbouncer"]))]).start()
        wait_port(ports["redis"]), wait_port(ports["pgbouncer"])
        for node in WEB_NODES:
            part(node, app_command(node, "--bind", f"127.0.0.1:{ports[node]}", "--log-level", "warning"))
        parts["web1"].start()
        for name in WORKERS:
            part(name, app_command(name, "--loglevel", "WARNING")).start()
        part("beat", app_command("beat", "--loglevel", "WARNING", "--schedule", str(tmp / "celerybeat-schedule")))
        parts["beat"].start()
        lb_config = haproxy_config(tmp, ports["lb"], ports["stats"], {node: ports[node] for node in WEB_NODES})
        part("haproxy", [haproxy, "-db", "-f", str(lb_config)]).start()
        wait_http(ports["web1"]), wait_http(ports["lb"])
        time.sleep(2)  # HAProxy marks web2 down

        load = Load(ports["lb"], data, bodies, args.clients)
        print(f"\nCheckout through HAProxy, {args.clients} client threads, {args.duration:.0f} s a phase:")
        results = [phase("one node", load, args.duration)]
        parts["web2"].start()
        wait_http(ports["web2"])
        time.sleep(2)  # HAProxy marks web2 up
        results.append(phase("two nodes", load, args.duration))

        stats_before = haproxy_backend_stats(ports["stats"])
        events = []

        def faults(started):
            time.sleep(args.duration / 3)
            parts["web1"].kill(), parts["worker-default"].kill()
            events.append(f"killed web1 and worker-default at {time.monotonic() - started:.1f} s")
            time.sleep(args.duration / 3)
            parts["web1"].start(), parts["worker-default"].start()
            events.append(f"restarted them at {time.monotonic() - started:.1f} s")

        results.append(phase("failure", load, args.duration, during=faults))
        stats_after = haproxy_backend_stats(ports["stats"])
        for event in events:
            print(f"    {event}")
        lb_errors = {key: stats_after.get(key, 0) - stats_before.get(key, 0) for key in stats_after}
        print(f"    HAProxy during the failure phase: {lb_errors}")

        if load.unanswered:
            retried = load.retry_unanswered()
            print(f"\nRetried {len(load.unanswered)} cut or 5xx requests with their Idempotency-Key: {dict(retried)}")
        print("\nWaiting for the outbox to drain, then checking the books ...")
        checks = books(args, data, load, sink)
        for key, value in checks.items():
            print(f"  {key:<20} {value}")
        failed = [
            key
            for key in (
                "lost",
                "duplicated",
                "placed_unconfirmed",
                "outbox_unsent",
                "emails_missing",
                "oversold_products",
            )
            if checks[key]
        ]
        twice = checks["emails_duplicated"]
        # A worker SIGKILLed between the SMTP server's "250" and its commit sends that message again (same
        # Message-ID): the outbox's one open window (docs/architecture.md), counted here, not hidden.
        repeats = f", {twice} of them twice (the killed worker's in-flight send)" if twice else " once each"
        verdict = f"All confirmed orders kept, every email sent{repeats}, nothing oversold."
        print(f"\n{verdict}" if not failed else f"\nFAILED: {failed}")
        print(json.dumps({"phases": results, "haproxy": lb_errors, "books": checks}))
        if failed:
            raise SystemExit(1)
    finally:
        for p in reversed(list(parts.values())):
            p.stop()
        sink.controller.stop()
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            drop_database(args)
        if os.environ.get("CLUSTER_KEEP_LOGS"):
            print(f"logs kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
