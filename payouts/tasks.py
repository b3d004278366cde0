"""Beat and queue entry points of seller money: ids in, a service call, safe to run twice."""

from celery import shared_task
from django.conf import settings

from payouts.models import PayoutBatch
from payouts.services import money, payouts


@shared_task(acks_late=True)
def release_held_funds() -> int:
    return money.money_release_due()


@shared_task(acks_late=True)
def run_scheduled_payouts() -> int:
    batch = payouts.payout_run(trigger=PayoutBatch.Trigger.SCHEDULE, minimum=settings.PAYOUTS_MINIMUM_SCHEDULED)
    return batch.pk if batch else 0


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def send_payout_batch(batch_id: int) -> None:
    payouts.payout_batch_send(batch_id=batch_id)


@shared_task(acks_late=True)
def sync_payouts() -> int:
    return payouts.payouts_sync()
