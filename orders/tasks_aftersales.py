"""Beat entry points of after-sales: deadlines enforced by services that are safe to run twice."""

from celery import shared_task

from marketplace.retry import OUTAGE_ERRORS
from orders.services import complaints, completion, declines


@shared_task(autoretry_for=OUTAGE_ERRORS, retry_backoff=1, retry_backoff_max=10, max_retries=3)
def complete_due_shipments() -> int:
    return completion.shipments_complete_due()


@shared_task(autoretry_for=OUTAGE_ERRORS, retry_backoff=1, retry_backoff_max=10, max_retries=3)
def decline_overdue_shipments() -> int:
    return declines.shipments_decline_overdue()


@shared_task(autoretry_for=OUTAGE_ERRORS, retry_backoff=1, retry_backoff_max=10, max_retries=3)
def enforce_complaint_deadlines() -> int:
    return complaints.complaints_enforce_deadlines()
