"""A database failure mid-blast: the task retries, settles what it left, and nobody gets it twice.

The failure is injected with Django's `connection.execute_wrapper`: the first statement that marks a
delivery sent fails as a dropped connection would, after the SMTP server accepted that message.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.utils import timezone

from mailings import delivery, tasks
from mailings.models import Blast, Delivery
from tests.factories import CampaignFactory
from tests.mailings.blast_helpers import make_blast, opted_in_user

pytestmark = pytest.mark.django_db


class CutOnce:
    """Fail the `nth` statement that contains `marker` with a lost-connection error, once."""

    def __init__(self, marker: str, nth: int = 1):
        self.marker, self.nth, self.seen, self.cuts = marker, nth, 0, 0

    def __call__(self, execute, sql, params, many, context):
        if self.marker in sql:
            self.seen += 1
            if self.seen == self.nth:
                self.cuts += 1
                raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


@pytest.fixture
def eager_retries():
    """Eager tasks that propagate errors raise Retry; without propagation apply() runs the retry."""
    from marketplace.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


@pytest.fixture
def sending_blast(ministry, settings):
    settings.BLAST_BATCH_SIZE = 4
    users = [opted_in_user() for _ in range(10)]
    blast = make_blast(CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi"), ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    delivery.deliveries_prepare(blast_id=blast.pk)
    return blast, users


def test_the_database_failing_after_a_message_was_accepted_sends_it_nobody_twice(sending_blast, eager_retries):
    blast, users = sending_blast
    cut = CutOnce("SET status = %s, sent_at", nth=6)  # the mark of the 6th message, in the 2nd batch

    with connection.execute_wrapper(cut):
        tasks.send_blast_batches.delay(blast.pk)

    assert cut.cuts == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert Delivery.objects.filter(blast=blast).exclude(status="sent").count() == 0
    assert Blast.objects.get(pk=blast.pk).status == "sent"


def test_an_interrupted_attempt_says_which_rows_it_held_and_which_message_went_out(sending_blast):
    blast, _ = sending_blast

    cut = CutOnce("SET status = %s, sent_at", nth=2)
    with connection.execute_wrapper(cut), pytest.raises(delivery.Interrupted) as interrupted:
        delivery.blast_send_batches(blast_id=blast.pk, worker="w1:attempt0")

    second = Delivery.objects.filter(blast=blast).order_by("pk")[1]
    assert interrupted.value.settle == {"claimers": ["w1:attempt0"], "sent": [second.pk]}
    assert Delivery.objects.filter(blast=blast, status="claimed", claimed_by="w1:attempt0").count() == 3
    assert len(mail.outbox) == 2


def test_the_next_attempt_settles_the_rows_an_interrupted_one_left_behind(sending_blast):
    blast, users = sending_blast
    cut = CutOnce("SET status = %s, sent_at", nth=2)
    with connection.execute_wrapper(cut), pytest.raises(delivery.Interrupted) as interrupted:
        delivery.blast_send_batches(blast_id=blast.pk, worker="w1:attempt0")

    delivery.blast_send_batches(blast_id=blast.pk, worker="w2:attempt1", settle=interrupted.value.settle)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert Delivery.objects.filter(blast=blast, status="sent").count() == 10


def test_a_message_accepted_before_the_cut_is_not_sent_again_even_if_the_stale_sweep_came_first(sending_blast):
    blast, users = sending_blast
    cut = CutOnce("SET status = %s, sent_at", nth=2)
    with connection.execute_wrapper(cut), pytest.raises(delivery.Interrupted) as interrupted:
        delivery.blast_send_batches(blast_id=blast.pk, worker="w1:attempt0")
    delivery.deliveries_reclaim_stale(now=timezone.now() + timedelta(minutes=10))

    delivery.blast_send_batches(blast_id=blast.pk, worker="w2:attempt1", settle=interrupted.value.settle)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_with_redis_down_each_sending_task_keeps_to_its_share_of_the_rate(settings, dead_redis):
    from tests.mailings.test_delivery import FakeClock

    settings.BLAST_PARALLEL_TASKS = 4
    clock = FakeClock()
    limiter = delivery.RateLimiter(40, chunk=20, clock=clock, sleep=clock.sleep)

    for _ in range(10):  # 40 a minute shared by 4 tasks
        limiter.take()
    assert clock.slept == 0
    limiter.take()
    assert int(clock.now // 60) == int(1_000_020 // 60) + 1  # the 11th waited for the next minute
