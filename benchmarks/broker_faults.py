"""Redis against RabbitMQ as the Celery broker, under the same faults.

    .venv/bin/python benchmarks/broker_faults.py                 # the run recorded in docs/benchmarks.md
    .venv/bin/python benchmarks/broker_faults.py --help

For each broker it starts one real `celery worker --concurrency 2` and measures, with an aiosmtpd
sink counting every message (and repeats, by Message-ID):

1. *blast*: a blast to `--recipients` customers, no fault: seconds;
2. *blast, broker cut*: the same, with every broker connection dropped and refused for `--outage`
   seconds once a quarter is sent (a TCP proxy in front of the broker): lost, duplicated, seconds
   from the broker's return to the blast being sent, and whether the worker survived;
3. *blast, restart* (Redis only): the broker process killed (SIGKILL) and started again: empty
   without persistence (`redis`), or reading back its append-only file (`redis+aof`, fsync each second);
4. *backlog*: 200 order emails queued while no worker runs, then the same fault, then a worker:
   how many arrive within 30 s from the queue alone (beat is not running: whatever the broker lost
   would wait for the outbox sweep);
5. *publish while down*: how long `send_email.delay()` takes to fail while the broker is cut (what
   a checkout waits before it answers and leaves the email to the outbox sweep).

The cache is a separate redis-server in every run (Redis stays the cache). RabbitMQ is the server
at `--amqp`; the script uses a vhost of its own there (created and removed with rabbitmqctl when it
can) and never restarts that shared server, so a RabbitMQ restart is not measured here.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.faults import RedisServer, TcpProxy, free_port  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--db-name", default="bench_broker_faults")
    parser.add_argument("--amqp", default="amqp://guest:guest@127.0.0.1:5672/pasar_bench_faults")
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--outage", type=float, default=5.0, help="seconds the broker stays away")
    parser.add_argument("--no-record", action="store_true", help="do not append the figures to docs/benchmarks.md")
    return parser.parse_args()


# ---- set-up ---------------------------------------------------------------------------------------


def rabbitmq_vhost(url: str, create: bool) -> None:
    vhost = urlsplit(url).path.lstrip("/")
    if not vhost:
        return
    commands = (
        [["add_vhost", vhost], ["set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"]]
        if create
        else [["delete_vhost", vhost]]
    )
    for command in commands:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(["rabbitmqctl", *command], capture_output=True, timeout=60, check=False)


def django_setup(args, cache: RedisServer) -> None:
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.db_name}"')
    os.environ.update(base_env(args, cache))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def base_env(args, cache: RedisServer) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": f"{args.pg}/{args.db_name}",
        "REDIS_URL": cache.url(0),
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "BLAST_RATE_PER_MINUTE": "10000000",
        "BLAST_BATCH_SIZE": "50",
        "PYTHONWARNINGS": "ignore",
    }


def use_broker(url: str) -> None:
    from marketplace.celery import app

    app.pool.force_close_all()
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


class Worker:
    def __init__(self, broker_url: str, smtp_port: int):
        self.log = tempfile.NamedTemporaryFile(prefix="bench-worker-", suffix=".log", delete=False)  # noqa: SIM115
        env = {**os.environ, "CELERY_BROKER_URL": broker_url, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port)}
        command = [str(Path(sys.executable).parent / "celery"), "-A", "marketplace", "worker", "-Q", "default,promo",
                   "--concurrency", "2", "--loglevel", "INFO", "--without-gossip", "--without-mingle"]  # fmt: skip
        self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while "ready." not in Path(self.log.name).read_text(errors="replace"):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("worker did not start:\n" + Path(self.log.name).read_text()[-3000:])
            time.sleep(0.2)

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.alive:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def wait_until(predicate, timeout: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.05)
    return None


# ---- the scenarios ---------------------------------------------------------------------------------


class Faults:
    def __init__(self, args, proxy: TcpProxy, server: RedisServer | None):
        self.args, self.proxy, self.server = args, proxy, server

    def apply(self, fault: str) -> None:
        """Take the broker away for `--outage` seconds and bring it back."""
        if fault == "cut":
            self.proxy.cut()
            time.sleep(self.args.outage)
            self.proxy.restore()
        elif fault == "restart":
            self.proxy.cut()
            self.server.stop()
            time.sleep(self.args.outage)
            self.server.start()
            self.proxy.restore()


def blast_run(args, sink, faults: Faults | None, fault: str, recipients: list[str]) -> dict:
    from mailings.models import Blast
    from mailings.services import blast_send
    from tests.factories import CampaignFactory, UserFactory
    from tests.mailings.blast_helpers import make_blast

    sink.reset()
    blast = make_blast(CampaignFactory(), UserFactory(ministry=True))
    started = time.monotonic()
    blast_send(blast=blast)
    if fault != "none":
        wait_until(lambda: sink.count() >= len(recipients) // 4, 120)
        faults.apply(fault)
    done = wait_until(lambda: Blast.objects.get(pk=blast.pk).status == "sent", 300)
    received = sink.recipients()
    result = {
        "seconds": round(time.monotonic() - started, 1) if done is not None else "stuck (> 300 s)",
        "lost": len(set(recipients) - set(received)),
        "duplicates": sum(n - 1 for n in received.values()),
    }
    if fault != "none" and done is not None:
        # `done` counts from the broker's return: ~0 means the blast finished while it was away.
        result["after_broker_back"] = "finished during the outage" if done < 0.2 else f"{done:.1f} s"
    return result


def backlog_run(args, sink, broker_url: str, smtp_port: int, faults: Faults, fault: str) -> dict:
    from orders import tasks
    from orders.models import OutgoingEmail

    sink.reset()
    rows = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(kind="order_confirmation", to=f"antrian{i}@contoh.id", subject="s", body_text="b", body_html="b")
        for i in range(200)
    )
    for row in rows:
        tasks.send_email.delay(row.pk)
    faults.apply(fault)
    worker = Worker(broker_url, smtp_port)
    try:
        wait_until(lambda: sink.count() >= len(rows), 30)
    finally:
        worker.stop()
    delivered = sink.count()
    OutgoingEmail.objects.filter(pk__in=[r.pk for r in rows]).update(sent_at=datetime.datetime.now(datetime.UTC))
    return {"queued": len(rows), "delivered_from_queue": delivered, "left_to_the_sweep": len(rows) - delivered}


def publish_while_down(proxy: TcpProxy) -> dict:
    from orders import tasks

    proxy.cut()
    timings, failures = [], 0
    try:
        for _ in range(10):
            started = time.monotonic()
            try:
                tasks.send_email.delay(0)
            except Exception:  # noqa: BLE001 - a refused publish is what is measured
                failures += 1
            timings.append(time.monotonic() - started)
    finally:
        proxy.restore()
    return {"publish_fails": f"{failures}/10", "ms_to_fail": round(1000 * sum(timings) / len(timings))}


def run_broker(args, name: str, sink, smtp_port: int, recipients: list[str]) -> list[tuple[str, dict, bool]]:
    server = RedisServer(persistent=name == "redis+aof").start() if name.startswith("redis") else None
    target = urlsplit(args.amqp) if name == "rabbitmq" else None
    proxy = TcpProxy(server.port if server else target.port or 5672, "127.0.0.1" if server else target.hostname)
    broker_url = (
        f"redis://127.0.0.1:{proxy.port}/0"
        if server
        else f"amqp://{target.username}:{target.password}@127.0.0.1:{proxy.port}{target.path}"
    )
    use_broker(broker_url)
    faults = Faults(args, proxy, server)
    results = []
    try:
        worker = Worker(broker_url, smtp_port)
        for fault in ["none", "cut"] + (["restart"] if server else []):
            result = blast_run(args, sink, faults, fault, recipients)
            results.append((f"blast, {fault}", result, worker.alive))
            if not worker.alive:
                worker = Worker(broker_url, smtp_port)  # what a supervisor would do
        worker.stop()
        for fault in ["cut"] + (["restart"] if server else []):
            results.append((f"backlog, {fault}", backlog_run(args, sink, broker_url, smtp_port, faults, fault), True))
        results.append(("publish while down", publish_while_down(proxy), True))
    finally:
        proxy.close()
        if server:
            server.stop()
    return results


# ---- the SMTP sink --------------------------------------------------------------------------------


class CountingSink:
    def __init__(self):
        import threading
        from collections import Counter

        self.lock = threading.Lock()
        self.counter_type = Counter
        self.reset()

    def reset(self):
        with self.lock:
            self.rcpts = self.counter_type()
            self.total = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.lock:
            self.total += 1
            self.rcpts.update(envelope.rcpt_tos)
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return self.total

    def recipients(self):
        with self.lock:
            return self.counter_type(self.rcpts)


def main() -> None:
    args = parse_args()
    for program, package in (("redis-server", "redis-server"), ("rabbitmqctl", "rabbitmq-server")):
        if shutil.which(program) is None:
            raise SystemExit(f"{program} is not installed: apt-get install {package} (and start RabbitMQ at --amqp)")
    cache = RedisServer().start()
    rabbitmq_vhost(args.amqp, create=True)
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    django_setup(args, cache)
    from marketplace.models import User

    users = User.objects.bulk_create(
        User(email=f"penerima{i}@contoh.id", full_name=f"Penerima {i}", marketing_opt_in=True)
        for i in range(args.recipients)
    )
    recipients = [user.email for user in users]
    sink, smtp_port = CountingSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    rows = []
    try:
        for broker in ("redis", "redis+aof", "rabbitmq"):
            for scenario, result, alive in run_broker(args, broker, sink, smtp_port, recipients):
                rows.append((broker, scenario, result, alive))
                print(broker, scenario, result, "worker alive" if alive else "WORKER DIED", flush=True)
    finally:
        controller.stop()
        cache.stop()
        rabbitmq_vhost(args.amqp, create=False)
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
    table = render(args, rows)
    print(table)
    if not args.no_record:
        with open(ROOT / "docs" / "benchmarks.md", "a") as docs:
            docs.write("\n" + table)


def render(args, rows) -> str:
    today = datetime.date.today().isoformat()
    lines = [
        f"### Broker faults, {args.recipients} recipients, {args.outage:g} s outages ({today}, `broker_faults.py`)",
        "",
        "Blast seconds are from `blast_send` to the blast marked sent; the fault comes once a quarter is out.",
        "",
        "| broker | run | figures | worker survived |",
        "| --- | --- | --- | --- |",
    ]
    for broker, scenario, result, alive in rows:
        figures = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in result.items())
        lines.append(f"| {broker} | {scenario} | {figures} | {'yes' if alive else 'no'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
