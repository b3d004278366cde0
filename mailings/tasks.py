"""Celery tasks for promotional email: thin, idempotent, ids in.

Promotional email runs on the `promo` queue (CELERY_TASK_ROUTES), so a long blast never delays order
email on the `default` queue. A database or broker outage inside a task retries it with a short,
capped backoff (marketplace/retry.py), so work resumes seconds after the service returns.
"""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from mailings import delivery
from mailings import services as blasts
from marketplace.retry import OUTAGE_ERRORS, backoff


@shared_task(acks_late=True, autoretry_for=OUTAGE_ERRORS, retry_backoff=1, retry_backoff_max=10, max_retries=30)
def prepare_blast(blast_id: int) -> int:
    """Write the blast's delivery rows, then start the parallel senders."""
    recipients = delivery.deliveries_prepare(blast_id=blast_id)
    if recipients >= 0:
        for _ in range(settings.BLAST_PARALLEL_TASKS):
            send_blast_batches.delay(blast_id)
    return recipients


@shared_task(bind=True, acks_late=True, max_retries=30)
def send_blast_batches(self, blast_id: int, settle: dict | None = None) -> int:
    """Send batches of the blast until none is left; SMTP and database outages retry with backoff.

    Each attempt claims rows under its own name, so the next attempt can settle exactly what an
    interrupted one left behind (`settle`) instead of waiting for the stale-claim sweep.
    """
    worker = f"{delivery.worker_name()}:{(self.request.id or 'local')[:8]}:{self.request.retries}"[-100:]
    try:
        return delivery.blast_send_batches(blast_id=blast_id, worker=worker, settle=settle)
    except delivery.TemporaryFailure as exc:
        raise self.retry(exc=exc, countdown=backoff(self.request.retries, cap=60)) from exc
    except delivery.Interrupted as exc:
        raise self.retry(
            exc=exc, args=(blast_id,), kwargs={"settle": exc.settle}, countdown=backoff(self.request.retries)
        ) from exc


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_blast_test(blast_id: int, user_id: int) -> bool:
    return blasts.blast_test_deliver(blast_id=blast_id, user_id=user_id)


@shared_task(autoretry_for=OUTAGE_ERRORS, retry_backoff=1, retry_backoff_max=10, max_retries=3)
def start_scheduled_blasts() -> int:
    return blasts.blasts_start_scheduled(now=timezone.now())


@shared_task(autoretry_for=OUTAGE_ERRORS, retry_backoff=1, retry_backoff_max=10, max_retries=3)
def reclaim_stale_deliveries() -> dict:
    """Beat: rows held by dead workers go back to pending; stalled blasts get a sender again."""
    todo = delivery.deliveries_reclaim_stale()
    for blast_id in todo["prepare"]:
        prepare_blast.delay(blast_id)
    for blast_id in todo["send"]:
        send_blast_batches.delay(blast_id)
    return todo
