"""Recovering rows that a worker left claimed: settled by the task's next attempt, or swept by beat.

An attempt interrupted by the database knows what it left (its claim name, and the row whose message
the SMTP server had accepted); its retry settles exactly that. A worker that died knows nothing any
more: its rows go back to pending once their claim is older than BLAST_CLAIM_STALE_SECONDS.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mailings.models import Blast, Delivery

log = logging.getLogger(__name__)


def deliveries_settle(*, claimers: list[str], sent: list[int]) -> None:
    """Settle what an interrupted attempt left: rows it had sent become sent, the rest of its claim pending.

    Claimer names are unique per task attempt, so no live worker holds these rows.
    """
    if not claimers:
        return
    now = timezone.now()
    with transaction.atomic():
        # Accepted rows are sent whoever holds them now (the stale sweep may have released them).
        Delivery.objects.filter(pk__in=sent, status__in=[Delivery.Status.CLAIMED, Delivery.Status.PENDING]).update(
            status=Delivery.Status.SENT, sent_at=now, attempts=F("attempts") + 1, error=""
        )
        held = Delivery.objects.filter(status=Delivery.Status.CLAIMED, claimed_by__in=claimers)
        released = held.update(status=Delivery.Status.PENDING, claimed_by="", claimed_at=None)
    log.warning("Settled an interrupted attempt: %d accepted rows marked sent, %d released", len(sent), released)


def deliveries_reclaim_stale(*, now=None, stale_seconds: int | None = None) -> dict[str, list[int]]:
    """Put rows claimed too long ago back to pending; say which blasts need a send or prepare task.

    Returns {"send": [blast ids], "prepare": [blast ids]}: blasts with reclaimed rows or with no
    progress for a while (their tasks were lost), and sending blasts whose rows were never written.
    """
    now = now or timezone.now()
    stale_seconds = stale_seconds if stale_seconds is not None else settings.BLAST_CLAIM_STALE_SECONDS
    cutoff = now - timedelta(seconds=stale_seconds)
    with transaction.atomic():
        stale = Delivery.objects.select_for_update(skip_locked=True).filter(
            status=Delivery.Status.CLAIMED, claimed_at__lt=cutoff
        )
        reclaimed = list(stale.values_list("pk", "blast_id"))
        Delivery.objects.filter(pk__in=[pk for pk, _ in reclaimed], status=Delivery.Status.CLAIMED).update(
            status=Delivery.Status.PENDING, claimed_by="", claimed_at=None
        )
    send = {blast_id for _, blast_id in reclaimed}
    sending = Blast.objects.filter(status=Blast.Status.SENDING)
    prepare = list(sending.filter(prepared_at__isnull=True, started_at__lt=cutoff).values_list("pk", flat=True))
    for blast in sending.filter(prepared_at__lt=cutoff).exclude(pk__in=send):
        recent = Delivery.objects.filter(blast=blast, claimed_at__gte=cutoff).exists()
        if not recent:
            send.add(blast.pk)  # stalled: its tasks were lost, or it only needs marking as sent
    if reclaimed:
        log.warning("Reclaimed %d stale deliveries of blasts %s", len(reclaimed), sorted(send))
    return {"send": sorted(send), "prepare": prepare}
