"""Celery tasks for campaigns: thin, idempotent, ids in."""

from celery import shared_task
from django.utils import timezone

from campaigns import services


@shared_task
def record_campaign_transitions() -> int:
    return services.campaigns_record_transitions(now=timezone.now())
