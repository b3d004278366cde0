"""A blast through the real stack: PostgreSQL, Redis, `celery worker` processes and an SMTP server.

Skipped unless REDIS_URL is set and the database is PostgreSQL, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper5 REDIS_URL=redis://127.0.0.1:6379/5 \
        .venv/bin/pytest tests/integration -q -s

The worker processes are pointed at the test database and at an aiosmtpd server running in this
process, which records every envelope and its headers.
"""

import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.test import Client

from mailings import tasks
from mailings.models import Blast, Delivery
from mailings.services import blast_send, recipient_unsubscribe
from marketplace.celery import app as celery_app
from marketplace.models import User
from tests.factories import CampaignFactory, UserFactory
from tests.integration.faults import Sink, database_url, free_port
from tests.mailings.blast_helpers import make_blast

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or connection.vendor != "postgresql",
        reason="needs REDIS_URL and PostgreSQL (real Celery workers)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 90


# ---- the SMTP sink --------------------------------------------------------------------------------


@pytest.fixture
def sink_factory():
    controllers = []
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command at INFO

    def start(delay: float = 0.0) -> tuple[Sink, int]:
        sink, port = Sink(delay), free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return sink, port

    yield start
    for controller in controllers:
        controller.stop()


# ---- the workers ----------------------------------------------------------------------------------


class Worker:
    def __init__(self, name: str, smtp_port: int, **env):
        self.name = f"{name}@{socket.gethostname()}"
        self.log = tempfile.NamedTemporaryFile(prefix=f"celery-{name}-", suffix=".log", delete=False)  # noqa: SIM115
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": os.environ["REDIS_URL"],
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "SECRET_KEY": settings.SECRET_KEY,  # the same signer as the test, for the unsubscribe links
            "SITE_URL": settings.SITE_URL,
            **{key: str(value) for key, value in env.items()},
        }
        command = [
            str(Path(sys.executable).parent / "celery"), "-A", "marketplace", "worker", "-Q", "default,promo",
            "--concurrency", "2", "--pool", "prefork", "-n", f"{name}@%h", "--loglevel", "INFO", "--without-gossip",
            "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        # Its own session and process group, so that SIGKILL reaches the pool's children too.
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"worker {self.name} exited:\n{self.output()}")
            if celery_app.control.ping(destination=[self.name], timeout=0.5):
                return
        raise AssertionError(f"worker {self.name} not ready in {timeout} s:\n{self.output()}")

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-4000:]


@pytest.fixture
def workers():
    """Start workers with workers.append(Worker(...)); each is stopped however the test ends."""
    started: list[Worker] = []
    yield started
    for worker in started:
        worker.stop()


@pytest.fixture(autouse=True)
def real_broker(settings):
    """Enqueue to Redis (not in-process) and start from empty queues."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write() as conn:
        for queue in ("default", "promo"):
            conn.default_channel.queue_purge(queue)
    yield
    celery_app.conf.task_always_eager = eager


def wait_until(predicate, *, timeout: float = TIMEOUT, what: str, workers=()) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    logs = "\n".join(f"--- {w.name}\n{w.output()}" for w in workers)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{logs}")


def blast_status(blast) -> str:
    return Blast.objects.values_list("status", flat=True).get(pk=blast.pk)


# ---- the people -----------------------------------------------------------------------------------


def customers(opted_in: int, *, never: int = 0, unsubscribed: int = 0) -> tuple[list[User], list[User]]:
    """(who should get it, who must not): opted-in customers, some who never agreed, some who unsubscribed."""
    wanted = User.objects.bulk_create(
        User(email=f"pelanggan{i}@contoh.id", full_name=f"Pelanggan {i}", marketing_opt_in=True)
        for i in range(opted_in)
    )
    unwanted = User.objects.bulk_create(
        User(email=f"tanpa-izin{i}@contoh.id", full_name=f"Tanpa Izin {i}") for i in range(never)
    )
    for i in range(unsubscribed):
        user = User.objects.create(email=f"berhenti{i}@contoh.id", full_name=f"Berhenti {i}", marketing_opt_in=True)
        recipient_unsubscribe(user=user)
        unwanted.append(user)
    return wanted, unwanted


# ---- the tests ------------------------------------------------------------------------------------


def test_a_blast_reaches_each_opted_in_customer_exactly_once_and_nobody_else(sink_factory, workers):
    sink, port = sink_factory()
    wanted, unwanted = customers(300, never=40, unsubscribed=25)
    ministry = UserFactory(ministry=True)
    blast = make_blast(CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi"), ministry)
    workers.append(Worker("w1", port, BLAST_BATCH_SIZE=25))
    workers[0].wait_ready()

    started = time.monotonic()
    blast_send(blast=blast)  # autocommit: prepare_blast goes to Redis at once
    wait_until(lambda: blast_status(blast) == "sent", what="the blast to finish", workers=workers)
    print(f"\n300 recipients sent in {time.monotonic() - started:.1f} s")

    received = sink.recipients()
    assert set(received) == {user.email for user in wanted}
    assert max(received.values()) == 1, [email for email, n in received.items() if n > 1]
    assert not set(received) & {user.email for user in unwanted}
    assert Delivery.objects.filter(blast=blast, status="sent").count() == 300

    for _, headers in sink.messages:
        # A long header is folded before its value (valid RFC 5322); unfolded it is " <https://...>".
        assert headers["List-Unsubscribe"].strip().startswith(f"<{settings.SITE_URL}/email/unsubscribe/")
        assert headers["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"

    rcpts, headers = sink.messages[0]
    path = headers["List-Unsubscribe"].strip().strip("<>").removeprefix(settings.SITE_URL)
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert User.objects.get(email=rcpts[0]).marketing_opt_in is False


def test_a_worker_killed_mid_blast_loses_nobody_and_duplicates_at_most_one_per_killed_batch(sink_factory, workers):
    sink, port = sink_factory(delay=0.02)  # ~50 messages/s per connection
    wanted, _ = customers(400, never=10)
    ministry = UserFactory(ministry=True)
    blast = make_blast(CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi"), ministry)
    first = Worker("w1", port, BLAST_BATCH_SIZE=10, BLAST_RATE_PER_MINUTE=1200)
    workers.append(first)
    first.wait_ready()

    blast_send(blast=blast)
    wait_until(lambda: sink.count() >= 80, what="the first 80 messages", workers=workers)
    in_flight_before = claimed_batches(blast)
    first.kill()
    killed_batches = claimed_batches(blast)  # frozen now: these rows will never be marked by w1
    sent_before_restart = sink.count()
    print(
        f"\nkilled w1 after {sent_before_restart} messages; batches it held: {killed_batches} "
        f"(counted {in_flight_before} just before the kill)"
    )
    assert 0 < sent_before_restart < 400, "kill the worker mid-blast"

    second = Worker("w2", port, BLAST_BATCH_SIZE=10, BLAST_CLAIM_STALE_SECONDS=2)
    workers.append(second)
    second.wait_ready()
    time.sleep(2.5)  # let w1's claims go stale
    tasks.reclaim_stale_deliveries.delay()
    wait_until(lambda: blast_status(blast) == "sent", what="the blast to finish after the kill", workers=workers)

    received = sink.recipients()
    duplicates = sum(n - 1 for n in received.values())
    print(f"duplicates: {duplicates} (allowed: at most one per killed batch = {killed_batches})")
    assert set(received) == {user.email for user in wanted}
    assert duplicates <= killed_batches
    assert Delivery.objects.filter(blast=blast).exclude(status="sent").count() == 0


def claimed_batches(blast) -> int:
    """Batches claimed and not finished: a batch's rows share their claimer and claim time."""
    return Delivery.objects.filter(blast=blast, status="claimed").values("claimed_by", "claimed_at").distinct().count()
