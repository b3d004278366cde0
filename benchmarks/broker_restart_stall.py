"""Does a real `celery worker` keep consuming after its Redis broker is killed and restarted, again and again?

    .venv/bin/python benchmarks/broker_restart_stall.py --cycles 40 --transport ours
    .venv/bin/python benchmarks/broker_restart_stall.py --cycles 40 --transport stock
    .venv/bin/python benchmarks/broker_restart_stall.py --cycles 8 --modes one     # the stall's window, every cycle

A throw-away redis-server (broker db 0, cache db 1, as in tests/integration/test_faults.py), one
`celery worker` (prefork, concurrency 2, the test's flags) and `celery beat` (outbox sweep every 2 s),
an aiosmtpd sink. Each cycle kills Redis (SIGKILL) while the worker is idle, busy sending (both
children) or running exactly one task (`--modes`), leaves it down 0.5-10 s, writes three outbox rows
meanwhile (as a checkout would), starts Redis again, publishes a probe task and waits `--window`
seconds for (a) the worker to run the probe and (b) every outbox row to be sent (beat's sweep ->
`send_pending_email` in a worker child -> `send_email` tasks). A cycle that misses either is a stall:
the worker log around it is kept and both processes are restarted.

The stall this found (the flake of test_checkout_with_redis_down_is_placed_and_its_emails_go_out_when_
redis_returns): Redis killed while one task is unacked and the consumer waits in BRPOP made the worker
log "Unrecoverable error: AttributeError('NoneType' object has no attribute 'hostname')" and exit,
with kombu's own transport as with ours; marketplace/celery_redis.py's `Channel._get_pool` fixes it.
Mode `one` opens that window on every cycle; `idle` and `busy` hit it about once in 40 cycles.

`--transport stock` runs with kombu's own `redis` transport instead of marketplace.celery_redis.
The script creates and migrates its own database (`--db-name`) and drops it at the end.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import drop_database, recreate_database  # noqa: E402

from tests.integration.faults import Celery, RedisServer, Sink, free_port  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=40)
    parser.add_argument("--transport", choices=("ours", "stock"), default="ours")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--db-name", default="bench_stall")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--window", type=float, default=20.0, help="seconds a cycle may take to recover")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-beat", action="store_true")
    parser.add_argument(
        "--modes",
        type=lambda text: text.split(","),
        default=["idle", "busy"],
        help="what the worker does when Redis is killed, cycled: idle, busy (both children sending) or one "
        "(one task running, so one message unacked while the consumer waits in BRPOP)",
    )
    return parser.parse_args()


ARGS = parse_args()
SETTINGS_DIR = Path(tempfile.mkdtemp(prefix="stall-settings-"))
(SETTINGS_DIR / "stall_settings.py").write_text(
    "from marketplace.settings import *  # noqa\n"
    + ("CELERY_BROKER_TRANSPORT = 'redis'\n" if ARGS.transport == "stock" else "")
)
if shutil.which("redis-server") is None:
    raise SystemExit("redis-server is not installed: apt-get install redis-server")
REDIS = RedisServer()
os.environ.update(
    DJANGO_SETTINGS_MODULE="stall_settings",
    PYTHONPATH=f"{SETTINGS_DIR}{os.pathsep}{ROOT}",
    DATABASE_URL=f"{ARGS.pg}/{ARGS.db_name}",
    REDIS_URL=REDIS.url(1),
    CELERY_BROKER_URL=REDIS.url(0),
    CELERY_TASK_ALWAYS_EAGER="false",
    OUTBOX_SWEEP_SECONDS="2",
    CONN_MAX_AGE="60",
    EMAIL_HOST="127.0.0.1",
)
sys.path.insert(0, str(SETTINGS_DIR))
SMTP_PORT = free_port()
os.environ["EMAIL_PORT"] = str(SMTP_PORT)
# The worker and beat as the fault tests start them, with this run's settings module and a 2 s sweep.
CELERY = {"redis": REDIS, "smtp_port": SMTP_PORT, "DJANGO_SETTINGS_MODULE": "stall_settings", "OUTBOX_SWEEP_SECONDS": 2}

import django  # noqa: E402

recreate_database(ARGS)
django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace.celery import app  # noqa: E402
from orders.models import OutgoingEmail  # noqa: E402


def add_rows(n: int) -> list[int]:
    old = timezone.now() - timedelta(seconds=5)
    rows = [
        OutgoingEmail(
            kind="seller_verified",
            to=f"s{uuid.uuid4().hex[:8]}@example.com",
            subject="x",
            body_text="x",
            body_html="<p>x</p>",
            created_at=old,
        )  # fmt: skip
        for _ in range(n)
    ]
    return [r.pk for r in OutgoingEmail.objects.bulk_create(rows)]


def publish_probe() -> str | None:
    task_id = f"probe-{uuid.uuid4()}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with app.connection_for_write() as conn:
                app.send_task("orders.tasks.send_pending_email", task_id=task_id, connection=conn)
            return task_id
        except Exception as exc:  # noqa: BLE001
            print(f"    probe publish failed: {exc!r}", flush=True)
            time.sleep(0.5)
    return None


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def probe_ran(worker: Celery, probe: str | None) -> bool:
    return bool(probe) and f"{probe}] succeeded" in worker.output()


def rows_sent() -> bool:
    return not OutgoingEmail.objects.filter(sent_at=None).exists()


class Stall:
    """A cycle the worker missed: waits up to a minute more to see whether it comes back by itself,
    keeps its log from the cycle's start, and prints what it found."""

    def __init__(self, cycle, mode, down, worker, probe, back, excerpt: Path, log_mark: int):
        self.cycle, self.mode, self.down, self.excerpt = cycle, mode, down, excerpt
        self.unsent = OutgoingEmail.objects.filter(sent_at=None).count()
        self.later = None
        while time.monotonic() - back < ARGS.window + 60 and worker.alive:
            if probe_ran(worker, probe) and rows_sent():
                self.later = time.monotonic() - back
                break
            time.sleep(0.5)
        self.alive = worker.alive
        excerpt.write_text(worker.output()[log_mark:])
        crashed = "Unrecoverable error" in excerpt.read_text()
        print(
            f"    unsent rows={self.unsent}, recovered later: {seconds(self.later)}s, worker process "
            f"alive={self.alive}, 'Unrecoverable error' logged={crashed}; worker log: {excerpt}",
            flush=True,
        )

    def __str__(self) -> str:
        return (f"cycle {self.cycle} ({self.mode}, down {self.down} s): {self.unsent} unsent, "
                f"recovered later {seconds(self.later)} s, worker alive {self.alive}, log {self.excerpt}")  # fmt: skip


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # run the finally below: no orphan worker or beat
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    logdir = Path(tempfile.mkdtemp(prefix=f"stall-{ARGS.transport}-"))
    rng = random.Random(ARGS.seed)
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    call_command("migrate", verbosity=0, interactive=False)
    REDIS.start()

    def start_procs():
        worker = Celery("worker", **CELERY)
        worker.wait_ready()
        beat = None
        if not ARGS.no_beat:
            beat = Celery("beat", **CELERY)
            beat.wait_ready()
        return worker, beat

    worker, beat = start_procs()
    print(f"transport={ARGS.transport}; a stall's worker log goes to {logdir}", flush=True)
    stalls, results = [], []
    try:
        for cycle in range(1, ARGS.cycles + 1):
            mode = ARGS.modes[(cycle - 1) % len(ARGS.modes)]
            down = round(rng.uniform(0.5, 10), 1)
            log_mark = len(worker.output())
            if mode == "busy":
                sink.delay = 0.15
                add_rows(24)
                publish_probe()  # makes the worker send the 24 rows, 0.15 s each: both children busy
                time.sleep(rng.uniform(0.5, 2.0))
            elif mode == "one":
                sink.delay = 3.0
                add_rows(1)
                publish_probe()  # one send_email held 3 s by the SMTP server: one task unacked, BRPOP waiting
                time.sleep(1.2)
            REDIS.stop()
            killed_at = time.monotonic()
            add_rows(3)  # written while Redis is away, as a checkout's would be
            time.sleep(max(0.0, down - (time.monotonic() - killed_at)))
            REDIS.start()
            back = time.monotonic()
            sink.delay = 0.0
            probe = publish_probe()
            probe_at = rows_at = None
            while time.monotonic() - back < ARGS.window and (probe_at is None or rows_at is None):
                if probe_at is None and probe_ran(worker, probe):
                    probe_at = time.monotonic() - back
                if rows_at is None and rows_sent():
                    rows_at = time.monotonic() - back
                time.sleep(0.2)
            ok = probe_at is not None and rows_at is not None
            print(f"cycle {cycle:3d} {mode} down={down:4.1f}s probe={seconds(probe_at)}s "
                  f"rows={seconds(rows_at)}s {'OK' if ok else 'STALL'}", flush=True)  # fmt: skip
            results.append(ok)
            if not ok:
                stall = Stall(cycle, mode, down, worker, probe, back, logdir / f"stall-cycle-{cycle}.log", log_mark)
                stalls.append(stall)
                if stall.later is None:  # it did not come back by itself: start afresh for the next cycle
                    worker.stop()
                    if beat:
                        beat.stop()
                    OutgoingEmail.objects.filter(sent_at=None).update(sent_at=timezone.now())
                    worker, beat = start_procs()
    finally:
        worker.stop()
        if beat:
            beat.stop()
        REDIS.stop()
        controller.stop()
        connections.close_all()
        if not ARGS.keep_db:
            drop_database(ARGS)
    print(f"\ntransport={ARGS.transport}: {len(results)} cycles, {len(stalls)} stalls", flush=True)
    for stall in stalls:
        print(f"  stall: {stall}", flush=True)


if __name__ == "__main__":
    main()
