"""Faults survived: Redis and PostgreSQL outages against real workers, nothing lost or stuck.

Each test owns the services it breaks: its own redis-server on a free port (broker and cache), a TCP
proxy in front of PostgreSQL that it can cut, real `celery worker` (and `celery beat`) processes and
an aiosmtpd sink. Skipped unless REDIS_URL is set and the database is PostgreSQL (as in CI), e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper REDIS_URL=redis://127.0.0.1:6379/3 \
        .venv/bin/pytest tests/integration/test_faults.py -q -s

Each run prints its counts (lost, duplicated, client errors, seconds to recover); docs/benchmarks.md
keeps them.
"""

import os
import shutil
import time

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from mailings.models import Blast, Delivery
from mailings.services import blast_send
from marketplace.celery import app as celery_app
from orders.models import OutgoingEmail
from orders.tasks import send_email
from tests.factories import CampaignFactory, ProductFactory, UserFactory
from tests.integration.faults import Celery, RedisServer, Sink, TcpProxy, free_port
from tests.integration.test_blast_worker import customers
from tests.mailings.blast_helpers import make_blast
from tests.orders.conftest import ADDRESS

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or connection.vendor != "postgresql" or not shutil.which("redis-server"),
        reason="needs REDIS_URL, PostgreSQL and redis-server (real Celery workers)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# ---- the services under test ----------------------------------------------------------------------


@pytest.fixture
def smtp_sink():
    """start(delay) -> (sink, port): an aiosmtpd server recording every message it accepts."""
    controllers = []

    def start(delay: float = 0.0):
        sink, port = Sink(delay), free_port()
        controllers.append(Controller(sink, hostname="127.0.0.1", port=port))
        controllers[-1].start()
        return sink, port

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def pg_proxy():
    db = settings.DATABASES["default"]
    proxy = TcpProxy(int(db["PORT"] or 5432), db["HOST"] or "127.0.0.1")
    yield proxy
    proxy.close()


@pytest.fixture
def own_stack(settings, redis_server):
    """This process (the web side) uses the test's Redis as broker and cache, like the workers."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {
        "default": {
            "BACKEND": "marketplace.cache.ResilientRedisCache",
            "LOCATION": redis_server.url(1),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    before = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    _use_broker(redis_server.url(0))
    celery_app.conf.task_always_eager = False
    yield redis_server
    _use_broker(before[0])
    celery_app.conf.task_always_eager = before[1]


def _use_broker(url: str) -> None:
    celery_app.pool.force_close_all()
    # kombu keeps producer pools in a registry keyed by broker URL: going back to the first URL would
    # hand later tests the pool closed above ("Acquire on closed pool"), so the registry starts afresh.
    kombu_pools.reset()
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def processes():
    started: list[Celery] = []
    yield started
    for process in started:
        process.stop()


def start(processes, kind, **kwargs) -> Celery:
    process = Celery(kind, **kwargs)
    processes.append(process)
    process.wait_ready()
    return process


def wait_until(predicate, *, timeout: float, what: str, processes=()) -> float:
    """Seconds it took; fails with the processes' logs after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.1)
    logs = "\n".join(f"--- {p.kind}\n{p.output()[-3000:]}" for p in processes)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{logs}")


def blast_status(blast) -> str:
    return Blast.objects.values_list("status", flat=True).get(pk=blast.pk)


def new_blast(recipients: int):
    wanted, _ = customers(recipients)
    blast = make_blast(CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi"), UserFactory(ministry=True))
    return blast, wanted


def outbox_rows(count: int) -> list[int]:
    """Rendered outbox rows waiting to be sent, each to its own address."""
    stamp = time.monotonic_ns()
    rows = [
        OutgoingEmail(kind="seller_verified", to=f"toko{i}-{stamp}@example.com", subject="Toko terverifikasi",
                      body_text="Selamat", body_html="<p>Selamat</p>")
        for i in range(count)
    ]  # fmt: skip
    return [row.pk for row in OutgoingEmail.objects.bulk_create(rows)]


def report(name: str, **counts) -> None:
    print(f"\nFAULT {name}: " + ", ".join(f"{key}={value}" for key, value in counts.items()))


# ---- the faults -----------------------------------------------------------------------------------


def test_checkout_with_redis_down_is_placed_and_its_emails_go_out_when_redis_returns(
    api, own_stack, smtp_sink, processes, shop, other_shop
):
    sink, smtp_port = smtp_sink()
    redis = own_stack
    worker = start(processes, "worker", redis=redis, smtp_port=smtp_port, OUTBOX_SWEEP_SECONDS=2)
    beat = start(processes, "beat", redis=redis, smtp_port=smtp_port, OUTBOX_SWEEP_SECONDS=2)
    buyer = UserFactory()
    products = [ProductFactory(seller=seller, stock=100) for seller in (shop, other_shop)]

    redis.stop()
    answers = []
    for _ in range(5):
        lines = [{"product": product.pk, "quantity": 1} for product in products]
        response = api.as_user(buyer).post(
            "/api/v1/orders/", {"shipping_address": ADDRESS, "lines": lines}, format="json"
        )
        answers.append(response.status_code)
    catalogue = api.as_user(None).get("/api/v1/products/").status_code
    assert answers == [201] * 5, response.content
    assert catalogue == 200
    assert OutgoingEmail.objects.filter(sent_at=None).count() == 15  # a confirmation and two shop notices each
    time.sleep(3)  # beat ticks (and fails to publish) while Redis is away
    redis.start()
    recovered = wait_until(
        lambda: sink.count() >= 15, timeout=60, what="the 15 order emails after Redis returned", processes=processes
    )

    received = sink.recipients()
    duplicates = sink.count() - len({headers["Message-ID"] for _, headers in sink.messages})
    report("checkout, Redis down", orders=answers.count(201), client_errors=len(answers) - answers.count(201),
           emails=sink.count(), duplicates=duplicates, seconds_to_deliver_after_return=round(recovered, 1))  # fmt: skip
    assert received[buyer.email] == 5
    assert duplicates == 0
    assert worker.alive and beat.alive
    # The sink has a message a moment before the worker marks its row: wait for the marks.
    wait_until(lambda: not OutgoingEmail.objects.filter(sent_at=None).exists(), timeout=15, what="the rows marked sent")


def test_a_redis_crash_while_the_worker_holds_one_message_leaves_it_consuming(own_stack, smtp_sink, processes):
    """Redis dies while one task is unacknowledged and the consumer waits for the next: kombu rebuilt
    the closed channel's pool from a detached connection, and the worker stopped with "Unrecoverable
    error" (marketplace/celery_redis.py). It must reconnect and send what comes after."""
    sink, smtp_port = smtp_sink(delay=3)  # the SMTP server holds the first message while Redis dies
    redis = own_stack
    worker = start(processes, "worker", redis=redis, smtp_port=smtp_port)
    held = outbox_rows(1)
    send_email.delay(held[0])
    wait_until(lambda: "send_email" in worker.output(), timeout=15, what="the worker to take the message")
    time.sleep(1)

    redis.stop()
    time.sleep(2)
    redis.start()
    later = outbox_rows(2)
    for email_id in later:
        send_email.delay(email_id)
    recovered = wait_until(
        lambda: not OutgoingEmail.objects.filter(pk__in=held + later, sent_at=None).exists(),
        timeout=30,
        what="the rows written after Redis returned to be sent",
        processes=processes,
    )

    report("one message held, Redis crash", sent=sink.count(), seconds_to_send_after_return=round(recovered, 1))
    assert worker.alive, worker.output()[-3000:]
    assert "Unrecoverable error" not in worker.output()
    assert sorted(sink.recipients()) == sorted(
        OutgoingEmail.objects.filter(pk__in=held + later).values_list("to", flat=True)
    )


def test_a_redis_restart_mid_blast_leaves_the_worker_running_and_the_blast_finishes_by_itself(
    own_stack, smtp_sink, processes
):
    sink, smtp_port = smtp_sink(delay=0.01)
    redis = own_stack
    worker = start(processes, "worker", redis=redis, smtp_port=smtp_port, BLAST_BATCH_SIZE=20)
    blast, wanted = new_blast(600)

    blast_send(blast=blast)
    wait_until(lambda: sink.count() >= 100, timeout=60, what="the first 100 messages", processes=processes)
    redis.stop()
    time.sleep(2)
    redis.start()
    restarted_at = sink.count()
    finished = wait_until(
        lambda: blast_status(blast) == "sent", timeout=90, what="the blast to finish", processes=processes
    )

    received = sink.recipients()
    duplicates = sum(n - 1 for n in received.values())
    lost = len({u.email for u in wanted} - set(received))
    report("blast, Redis restart", recipients=len(wanted), sent_before_restart=restarted_at, lost=lost,
           duplicates=duplicates, seconds_to_finish_after_restart=round(finished, 1))  # fmt: skip
    assert worker.alive, worker.output()[-3000:]
    assert lost == 0
    assert duplicates <= 1
    assert Delivery.objects.filter(blast=blast).exclude(status="sent").count() == 0


def test_a_postgresql_cut_mid_blast_delays_it_by_seconds_and_sends_nobody_twice(
    own_stack, pg_proxy, smtp_sink, processes
):
    sink, smtp_port = smtp_sink(delay=0.01)
    redis = own_stack
    worker = start(processes, "worker", redis=redis, smtp_port=smtp_port, db_port=pg_proxy.port, BLAST_BATCH_SIZE=20)
    blast, wanted = new_blast(600)

    blast_send(blast=blast)
    wait_until(lambda: sink.count() >= 100, timeout=60, what="the first 100 messages", processes=processes)
    pg_proxy.cut()
    cut_at = sink.count()
    time.sleep(3)
    at_return = sink.count()  # messages already with the SMTP server when the database went are in
    pg_proxy.restore()
    resumed = wait_until(
        lambda: sink.count() > at_return, timeout=60, what="sending to resume after the cut", processes=processes
    )
    finished = wait_until(
        lambda: blast_status(blast) == "sent", timeout=90, what="the blast to finish", processes=processes
    )

    received = sink.recipients()
    duplicates = sum(n - 1 for n in received.values())
    lost = len({u.email for u in wanted} - set(received))
    report("blast, PostgreSQL cut 3 s", recipients=len(wanted), sent_before_cut=cut_at, lost=lost,
           duplicates=duplicates, seconds_to_resume_after_return=round(resumed, 1),
           seconds_to_finish_after_return=round(finished, 1))  # fmt: skip
    assert worker.alive
    assert lost == 0
    assert duplicates <= 1  # at most one per cut
    assert resumed < 15, "resumed by the task's own retry, not the two-minute stale sweep"
    assert Delivery.objects.filter(blast=blast).exclude(status="sent").count() == 0
