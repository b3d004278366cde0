"""The worker-side pipeline, run eagerly: once per person, consent re-checked, failures sorted, claims reclaimed."""

import smtplib

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from mailings import delivery, tasks
from mailings.models import Blast, Delivery
from mailings.services import blast_cancel, blast_send, recipient_unsubscribe
from tests.factories import CampaignFactory, UserFactory
from tests.mailings.blast_helpers import make_blast, opted_in_user

pytestmark = pytest.mark.django_db


class ScriptedBackend(LocmemBackend):
    """Locmem, but an address in `failures` raises its exception (once, if listed in `once`)."""

    failures: dict = {}
    once: set = set()
    after_send = None

    def send_messages(self, messages):
        for message in messages:
            to = message.to[0]
            if to in self.failures:
                exc = self.failures[to]
                if to in self.once:
                    del self.failures[to]
                raise exc
        sent = super().send_messages(messages)
        if self.after_send:
            type(self).after_send(messages)
        return sent


@pytest.fixture
def scripted(settings):
    settings.EMAIL_BACKEND = "tests.mailings.test_delivery.ScriptedBackend"
    ScriptedBackend.failures, ScriptedBackend.once, ScriptedBackend.after_send = {}, set(), None
    yield ScriptedBackend
    ScriptedBackend.failures, ScriptedBackend.once, ScriptedBackend.after_send = {}, set(), None


@pytest.fixture
def campaign(db):
    return CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi")


def sent_to():
    return sorted(message.to[0] for message in mail.outbox)


def start(blast, capture):
    with capture(execute=True):
        blast_send(blast=blast)
    blast.refresh_from_db()
    return blast


def test_each_opted_in_customer_gets_it_once_with_unsubscribe_headers(
    settings, ministry, campaign, django_capture_on_commit_callbacks
):
    settings.BLAST_BATCH_SIZE = 3
    customers = [opted_in_user() for _ in range(7)]
    UserFactory()  # not opted in
    campaign.banner.save("kopi.jpg", ContentFile(b"jpeg"), save=True)
    blast = start(make_blast(campaign, ministry), django_capture_on_commit_callbacks)

    assert sent_to() == sorted(c.email for c in customers)
    assert blast.status == "sent" and blast.finished_at and blast.recipients == 7
    message = mail.outbox[0]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{settings.SITE_URL}/email/unsubscribe/") and unsubscribe.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert unsubscribe[1:-1] in html and unsubscribe[1:-1] in message.body
    assert f'src="{settings.SITE_URL}/media/campaigns/' in html
    assert f"{settings.SITE_URL}/kampanye/{campaign.slug}/" in message.body
    assert "<strong>20%</strong>" in html and f'href="{settings.SITE_URL}/katalog/"' in html


def test_every_message_carries_its_own_recipients_link(ministry, campaign, django_capture_on_commit_callbacks):
    opted_in_user(), opted_in_user()
    start(make_blast(campaign, ministry), django_capture_on_commit_callbacks)
    links = {m.extra_headers["List-Unsubscribe"] for m in mail.outbox}
    assert len(links) == 2


def test_running_the_tasks_again_sends_nobody_twice(ministry, campaign, django_capture_on_commit_callbacks):
    opted_in_user(), opted_in_user()
    blast = start(make_blast(campaign, ministry), django_capture_on_commit_callbacks)
    Blast.objects.filter(pk=blast.pk).update(status="sending")  # as if a task were delivered again
    tasks.prepare_blast.delay(blast.pk)
    tasks.send_blast_batches.delay(blast.pk)
    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(blast=blast).count() == 2


def test_who_unsubscribes_after_the_rows_are_written_is_skipped(ministry, campaign):
    stays, leaves = opted_in_user(), opted_in_user()
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    delivery.deliveries_prepare(blast_id=blast.pk)
    recipient_unsubscribe(user=leaves)
    delivery.blast_send_batches(blast_id=blast.pk)
    assert sent_to() == [stays.email]
    assert Delivery.objects.get(user=leaves).status == "skipped"
    assert Blast.objects.get(pk=blast.pk).status == "sent"


def test_cancel_stops_the_workers_at_the_next_message(settings, scripted, ministry, campaign):
    settings.BLAST_BATCH_SIZE = 100
    for _ in range(10):
        opted_in_user()
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    delivery.deliveries_prepare(blast_id=blast.pk)

    def cancel_after_three(messages):
        if len(mail.outbox) == 3:
            blast_cancel(blast=blast)

    scripted.after_send = cancel_after_three
    delivery.blast_send_batches(blast_id=blast.pk)
    assert len(mail.outbox) == 3
    statuses = list(Delivery.objects.filter(blast=blast).values_list("status", flat=True))
    assert statuses.count("sent") == 3 and statuses.count("cancelled") == 7


def test_a_permanent_refusal_is_marked_failed_with_the_reason(scripted, ministry, campaign):
    good, bad = opted_in_user(), opted_in_user()
    scripted.failures = {bad.email: smtplib.SMTPRecipientsRefused({bad.email: (550, b"5.1.1 No such user")})}
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    tasks.prepare_blast.delay(blast.pk)
    failed = Delivery.objects.get(user=bad)
    assert failed.status == "failed" and "550" in failed.error and "No such user" in failed.error
    assert sent_to() == [good.email]
    assert Blast.objects.get(pk=blast.pk).status == "sent"


def test_a_5xx_data_error_fails_only_that_message(scripted, ministry, campaign):
    good, bad = opted_in_user(), opted_in_user()
    scripted.failures = {bad.email: smtplib.SMTPDataError(554, b"Message rejected")}
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    delivery.deliveries_prepare(blast_id=blast.pk)
    delivery.blast_send_batches(blast_id=blast.pk)
    assert Delivery.objects.get(user=bad).status == "failed"
    assert sent_to() == [good.email]


def test_a_temporary_failure_puts_the_unsent_rows_back_and_the_task_retries(scripted, ministry, campaign):
    users = [opted_in_user() for _ in range(4)]
    flaky = users[2].email
    scripted.failures = {flaky: smtplib.SMTPServerDisconnected("Connection unexpectedly closed")}
    scripted.once = {flaky}
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    delivery.deliveries_prepare(blast_id=blast.pk)

    with pytest.raises(delivery.TemporaryFailure):
        delivery.blast_send_batches(blast_id=blast.pk)
    statuses = dict(Delivery.objects.values_list("user_id", "status"))
    assert [statuses[u.pk] for u in users] == ["sent", "sent", "pending", "pending"]

    tasks.send_blast_batches.delay(blast.pk)  # the retry
    assert sent_to() == sorted(u.email for u in users)
    assert Blast.objects.get(pk=blast.pk).status == "sent"


@pytest.fixture
def eager_retries():
    """Eager tasks that propagate errors raise Retry; without propagation apply() runs the retry."""
    from marketplace.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


def test_a_4xx_reply_is_temporary_and_the_task_retries(scripted, ministry, campaign, eager_retries):
    user = opted_in_user()
    scripted.failures = {user.email: smtplib.SMTPDataError(451, b"Try again later")}
    scripted.once = {user.email}
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    tasks.prepare_blast.delay(blast.pk)  # eager: the task retries at once and then succeeds
    assert sent_to() == [user.email]
    assert Delivery.objects.get().status == "sent"


def test_rows_held_by_a_dead_worker_are_reclaimed_and_sent(ministry, campaign):
    users = [opted_in_user() for _ in range(5)]
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    delivery.deliveries_prepare(blast_id=blast.pk)
    delivery.deliveries_claim(blast_id=blast.pk, worker="dead-host:1", size=3)
    Delivery.objects.filter(status="claimed").update(claimed_at=timezone.now() - timezone.timedelta(minutes=5))

    delivery.blast_send_batches(blast_id=blast.pk, worker="live-host:2")
    assert len(mail.outbox) == 2  # the live worker cannot touch the dead one's claim

    todo = delivery.deliveries_reclaim_stale(stale_seconds=120)
    assert todo["send"] == [blast.pk]
    delivery.blast_send_batches(blast_id=blast.pk, worker="live-host:2")
    assert sent_to() == sorted(u.email for u in users)
    assert Blast.objects.get(pk=blast.pk).status == "sent"


def test_fresh_claims_are_not_reclaimed(ministry, campaign):
    opted_in_user()
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    delivery.deliveries_prepare(blast_id=blast.pk)
    delivery.deliveries_claim(blast_id=blast.pk, worker="busy:1", size=10)
    assert delivery.deliveries_reclaim_stale(stale_seconds=120)["send"] == []
    assert Delivery.objects.get().status == "claimed"


def test_a_worker_whose_claim_was_taken_stops_its_batch(ministry, campaign, scripted):
    for _ in range(4):
        opted_in_user()
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    delivery.deliveries_prepare(blast_id=blast.pk)
    rows = delivery.deliveries_claim(blast_id=blast.pk, worker="slow:1", size=4)

    def sweep_takes_the_claim(messages):
        Delivery.objects.filter(status="claimed").update(status="pending", claimed_by="")

    scripted.after_send = sweep_takes_the_claim
    counts = delivery.BatchSender(Blast.objects.get(pk=blast.pk), worker="slow:1").send(rows)
    assert counts["sent"] == 0 and len(mail.outbox) == 1  # at most the one in flight goes twice
    assert Delivery.objects.filter(status="pending").count() == 4


def test_the_sweep_restarts_a_blast_whose_task_was_lost(ministry, campaign):
    blast = make_blast(campaign, ministry)
    long_ago = timezone.now() - timezone.timedelta(minutes=10)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=long_ago)
    assert delivery.deliveries_reclaim_stale()["prepare"] == [blast.pk]


def test_scheduled_blasts_start_when_their_time_has_come(ministry, campaign, django_capture_on_commit_callbacks):
    opted_in_user()
    due, later = make_blast(campaign, ministry), make_blast(campaign, ministry)
    now = timezone.now()
    Blast.objects.filter(pk=due.pk).update(status="scheduled", scheduled_at=now - timezone.timedelta(minutes=1))
    Blast.objects.filter(pk=later.pk).update(status="scheduled", scheduled_at=now + timezone.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.start_scheduled_blasts.delay().get() == 1
    assert Blast.objects.get(pk=due.pk).status == "sent"
    assert Blast.objects.get(pk=later.pk).status == "scheduled"
    assert len(mail.outbox) == 1


def test_a_blast_to_nobody_finishes_at_once(ministry, campaign, django_capture_on_commit_callbacks):
    blast = start(make_blast(campaign, ministry), django_capture_on_commit_callbacks)
    assert (blast.status, blast.recipients) == ("sent", 0)


class FakeClock:
    def __init__(self, at=1_000_020.0):
        self.now = at
        self.slept = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds
        self.slept += seconds


def test_the_rate_limit_is_shared_and_waits_for_the_next_minute():
    clock = FakeClock()
    first = delivery.RateLimiter(30, chunk=20, clock=clock, sleep=clock.sleep)
    second = delivery.RateLimiter(30, chunk=20, clock=clock, sleep=clock.sleep)
    for _ in range(20):
        first.take()
    for _ in range(10):
        second.take()  # only 10 left this minute, across both
    assert clock.slept == 0
    second.take()
    assert clock.slept > 0 and int(clock.now // 60) == int(1_000_020 // 60) + 1


def test_the_prebuilt_wire_message_matches_the_ordinary_one(ministry, campaign):
    import email
    import email.policy

    from mailings.rendering import WireTemplate, blast_render

    rendered = blast_render(make_blast(campaign, ministry))
    url = "http://127.0.0.1:8000/email/unsubscribe/12.34:" + "a" * 43 + "/"
    wire = WireTemplate(rendered)
    assert wire.usable
    fast = email.message_from_bytes(
        wire.for_recipient(to="siti@contoh.id", unsubscribe_url=url), policy=email.policy.default
    )
    slow = email.message_from_bytes(
        rendered.message(to="siti@contoh.id", unsubscribe_url=url).message().as_bytes(linesep="\r\n"),
        policy=email.policy.default,
    )
    for header in ("To", "From", "Subject", "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert str(fast[header]).strip() == str(slow[header]).strip(), header
    assert fast["Message-ID"] != slow["Message-ID"]
    assert fast.get_body(("plain",)).get_content() == slow.get_body(("plain",)).get_content()
    assert fast.get_body(("html",)).get_content() == slow.get_body(("html",)).get_content()
    assert wire.for_recipient(to="siti@contöh.id", unsubscribe_url=url) is None  # the ordinary path handles it
