"""Promotional email throughput: a blast to 20,000 recipients through Celery workers, against a plain loop.

    .venv/bin/python benchmarks/email_blast.py                 # the run recorded in docs/benchmarks.md
    .venv/bin/python benchmarks/email_blast.py --help          # recipients, workers, batch size ...

What it does, in order:

1. drops and creates a PostgreSQL database of its own (`bench_blast`), migrates it and bulk-inserts
   `--recipients` opted-in customers, a campaign and a ministry user;
2. starts an aiosmtpd SMTP sink in a separate process that counts messages and distinct recipients;
3. starts one `celery worker --concurrency 2` (two prefork processes sending in parallel) on the
   `default,promo` queues, with a rate limit far above what is reached;
4. sends the blast through the service the API calls (`blast_send`) and measures from that call to
   the blast's `finished_at`: writing the delivery rows, claiming, rendering, SMTP, marking;
5. in this process, a plain `smtplib` loop over one connection sends as many messages (the same
   bytes the workers send, each with its own To, Message-ID and unsubscribe link) to the same sink:
   the ceiling. It runs in two halves, before and after the blast, so both see the same machine;
6. prints both rates and the ratio, appends them to docs/benchmarks.md (`--no-record` skips that),
   stops the worker and the sink, and drops the database (`--keep-db` keeps it).

Every process shares the machine: on a small box the sink, PostgreSQL, Redis and the two workers
compete for the same cores, so the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import multiprocessing
import os
import platform
import signal
import smtplib
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECRET_KEY = "benchmark-only-" + "x" * 50


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--db-name", default="bench_blast")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--recipients", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes sending in parallel")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--parallel-tasks", type=int, default=None, help="send tasks per blast (default: concurrency)")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--no-record", action="store_true", help="do not append the figures to docs/benchmarks.md")
    return parser.parse_args()


def env_for(args) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": f"{args.pg}/{args.db_name}",
        "REDIS_URL": args.redis,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "BLAST_RATE_PER_MINUTE": str(10_000_000),
        "BLAST_BATCH_SIZE": str(args.batch_size),
        "BLAST_PARALLEL_TASKS": str(args.parallel_tasks or args.concurrency),
    }


# ---- the SMTP sink, in its own process ------------------------------------------------------------


def run_sink(port: int, ready, count, distinct) -> None:
    logging.disable(logging.CRITICAL)
    from aiosmtpd.controller import Controller

    seen: set[str] = set()

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
            seen.update(envelope.rcpt_tos)
            with count.get_lock():
                count.value += 1
            distinct.value = len(seen)
            return "250 OK"

        async def handle_RSET(self, server, session, envelope):  # noqa: N802
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(0.02)
        if count.value == -1:  # asked to forget what it saw (between the two phases)
            seen.clear()
            count.value = 0
            distinct.value = 0


def reset_sink(count) -> None:
    count.value = -1
    while count.value != 0:
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---- database -------------------------------------------------------------------------------------


def recreate_database(args) -> None:
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.db_name}"')


def drop_database(args) -> None:
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')


def load(args):
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from campaigns.models import Campaign
    from mailings.audiences import Audience
    from mailings.services import blast_create
    from marketplace.models import User
    from marketplace.services import ministry_user_create

    call_command("migrate", verbosity=0, interactive=False)
    now = timezone.now()
    users = [
        User(email=f"pelanggan{i:05d}@contoh.id", full_name=f"Pelanggan {i}", marketing_opt_in=True, password="!")
        for i in range(args.recipients)
    ]
    User.objects.bulk_create(users, batch_size=5000)
    ministry = ministry_user_create(email="staf@kemenperin.bench", password="bench-ikm-2020")
    campaign = Campaign.objects.create(
        hashtag="#SatuDalamKopi",
        slug="satu-dalam-kopi",
        name="Satu Dalam Kopi",
        description="Kampanye kopi lokal",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=14),
        discount_percent=20,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    body = (
        "## Ngopi bareng #SatuDalamKopi\n\n"
        "Dukung **IKM kopi** Indonesia: diskon hingga 20% untuk kopi Gayo, Toraja, Kintamani dan Flores.\n\n"
        "- Arabika Gayo sangrai medium\n- Robusta Temanggung\n- Kopi Toraja Sapan\n\n"
        "[Belanja sekarang](/kampanye/satu-dalam-kopi/) dan #BanggaBuatanIndonesia."
    )
    return blast_create(
        campaign=campaign,
        by=ministry,
        subject="Diskon kopi lokal minggu ini #SatuDalamKopi",
        body=body,
        audience=Audience(kind="all_opted_in"),
    )


# ---- the worker -----------------------------------------------------------------------------------


def start_worker(args, smtp_port: int) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "celery"), "-A", "marketplace", "worker", "-Q", "default,promo",
        "--concurrency", str(args.concurrency), "--pool", "prefork", "-n", "bench@%h", "--loglevel", "WARNING",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    env = {**os.environ, **env_for(args), "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    from marketplace.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the celery worker exited")
        if app.control.ping(destination=[f"bench@{socket.gethostname()}"], timeout=0.5):
            return process
    raise SystemExit("the celery worker did not answer in 60 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


# ---- the two measurements -------------------------------------------------------------------------


def measure_blast(blast, count, timeout: float = 600) -> tuple[float, int]:
    from mailings.models import Blast
    from mailings.services import blast_send

    started = time.monotonic()
    blast_send(blast=blast)
    deadline = started + timeout
    last_print = started
    while time.monotonic() < deadline:
        blast.refresh_from_db(fields=["status", "started_at", "finished_at", "recipients"])
        if blast.status == Blast.Status.SENT:
            break
        if time.monotonic() - last_print > 5:
            print(f"    ... {count.value} messages so far")
            last_print = time.monotonic()
        time.sleep(0.05)
    else:
        raise SystemExit(f"the blast did not finish in {timeout} s ({count.value} sent)")
    seconds = (blast.finished_at - blast.started_at).total_seconds()
    return seconds, blast.recipients


def measure_plain_loop(blast, port: int, first: int, n: int) -> float:
    """One smtplib connection, no database, no queue: the same bytes the workers send, one per recipient.

    Each message gets its own To, Message-ID and signed unsubscribe link, exactly as in the blast.
    """
    from mailings.rendering import WireTemplate, blast_render, unsubscribe_url

    wire = WireTemplate(blast_render(blast))
    smtp = smtplib.SMTP("127.0.0.1", port)
    started = time.monotonic()
    for i in range(first, first + n):
        to = f"pelanggan{i:05d}@contoh.id"
        smtp.sendmail(
            wire.from_email,
            [to],
            wire.for_recipient(to=to, unsubscribe_url=unsubscribe_url(user_id=i, blast_id=blast.pk)),
        )
    seconds = time.monotonic() - started
    smtp.quit()
    return seconds


def record(args, result: dict) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    path.parent.mkdir(exist_ok=True)
    new = not path.exists() or not path.read_text().strip()
    lines = []
    if new:
        lines.append("# Benchmarks\n")
    lines += [
        "",
        f"## Promotional email: a blast to {result['recipients']:,} recipients ({result['when']})",
        "",
        "`benchmarks/email_blast.py`: PostgreSQL, Redis, one `celery worker --concurrency "
        f"{args.concurrency}` (prefork), batches of {args.batch_size}, an aiosmtpd sink in its own process; "
        f"measured from `blast_send` to the blast's `finished_at`. The plain loop sends the same bytes (own To, "
        "Message-ID and unsubscribe link per message) with no database or queue, in two halves before and after "
        f"the blast. Machine: {result['machine']}, shared with other work while it ran.",
        "",
        "| path | messages | seconds | messages/second |",
        "| --- | ---: | ---: | ---: |",
        f"| Celery blast ({args.concurrency} worker processes) | {result['recipients']:,} | "
        f"{result['blast_seconds']:.1f} | {result['blast_rate']:.0f} |",
        f"| plain `smtplib` loop, one connection, same bytes (ceiling) | {result['plain_n']:,} | "
        f"{result['plain_seconds']:.1f} | {result['plain_rate']:.0f} |",
        "",
        f"The blast ran at {result['ratio']:.0%} of the plain loop; every recipient got exactly one "
        f"message ({result['distinct']:,} distinct recipients, {result['messages']:,} messages).",
        "",
    ]
    with path.open("a") as f:
        f.write("\n".join(lines))
    print(f"appended to {path.relative_to(ROOT)}")


def main():
    args = parse_args()
    os.environ.update(env_for(args))
    print(f"database {args.db_name}: migrating and loading {args.recipients:,} opted-in customers ...")
    recreate_database(args)
    import django

    django.setup()
    worker = sink = None
    try:
        blast = load(args)
        from marketplace.celery import app

        with app.connection_for_write() as conn:
            for queue in ("default", "promo"):
                conn.default_channel.queue_purge(queue)

        port = free_port()
        ready = multiprocessing.Event()
        count, distinct = multiprocessing.Value("i", 0), multiprocessing.Value("i", 0)
        sink = multiprocessing.Process(target=run_sink, args=(port, ready, count, distinct), daemon=True)
        sink.start()
        ready.wait(10)
        worker = start_worker(args, port)

        # The plain loop runs in two halves, before and after the blast, so that both see the same
        # machine (other work on a shared box comes and goes).
        half = args.recipients // 2
        print(f"plain smtplib loop, first half: {half:,} messages over one connection ...")
        plain_seconds = measure_plain_loop(blast, port, 0, half)
        reset_sink(count)

        print(f"blast: {args.concurrency} worker processes, batches of {args.batch_size} ...")
        blast_seconds, recipients = measure_blast(blast, count)
        time.sleep(0.5)
        messages, distinct_recipients = count.value, distinct.value
        blast_rate = recipients / blast_seconds
        print(f"  {recipients:,} recipients in {blast_seconds:.2f} s = {blast_rate:.0f} messages/s")
        print(f"  sink: {messages:,} messages, {distinct_recipients:,} distinct recipients")
        stop(worker)
        worker = None

        reset_sink(count)
        print(f"plain smtplib loop, second half: {recipients - half:,} messages over one connection ...")
        plain_seconds += measure_plain_loop(blast, port, half, recipients - half)
        plain_rate = recipients / plain_seconds
        print(f"  {recipients:,} messages in {plain_seconds:.2f} s = {plain_rate:.0f} messages/s")
        ratio = blast_rate / plain_rate
        print(f"\nblast {blast_rate:.0f} msg/s vs plain loop {plain_rate:.0f} msg/s: {ratio:.0%} of the ceiling")
        ok = messages == recipients == distinct_recipients
        print("every recipient got exactly one message" if ok else "MISMATCH between recipients and messages")
        if not args.no_record:
            record(
                args,
                {
                    "when": datetime.date.today().isoformat(),
                    "machine": f"{os.cpu_count()} CPU, Python {platform.python_version()}, {platform.system()}",
                    "recipients": recipients,
                    "blast_seconds": blast_seconds,
                    "blast_rate": blast_rate,
                    "plain_n": recipients,
                    "plain_seconds": plain_seconds,
                    "plain_rate": plain_rate,
                    "ratio": ratio,
                    "messages": messages,
                    "distinct": distinct_recipients,
                },
            )
    finally:
        if worker is not None:
            stop(worker)
        if sink is not None:
            sink.kill()
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            drop_database(args)


if __name__ == "__main__":
    main()
