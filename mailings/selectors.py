"""Reads on blasts: their list and delivery statistics (for the API and the ministry page)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from campaigns.models import Campaign
from mailings.models import Blast, Delivery
from marketplace.models import MarketingConsent


@dataclass(frozen=True)
class BlastStats:
    id: int
    status: str
    recipients: int
    pending: int
    sent: int
    failed: int
    skipped: int
    cancelled: int
    unsubscribed: int
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def progress_pct(self) -> float:
        """How much of the blast is done (sent, failed, skipped or cancelled), 0-100."""
        if self.status in (Blast.Status.SENT, Blast.Status.CANCELLED):
            return 100.0
        if not self.recipients:
            return 0.0
        done = self.sent + self.failed + self.skipped + self.cancelled
        return round(min(100.0, 100.0 * done / self.recipients), 1)


def blast_list(*, campaign: Campaign) -> QuerySet[Blast]:
    return Blast.objects.filter(campaign=campaign).select_related("campaign").order_by("-created_at", "-id")


def blast_list_counted(*, campaign: Campaign) -> QuerySet[Blast]:
    """A campaign's blasts, each with `sent_count`, `failed_count` and `pending_count` (one query a page)."""
    return blast_list(campaign=campaign).annotate(
        sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
        failed_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
        pending_count=Count(
            "deliveries", filter=Q(deliveries__status__in=[Delivery.Status.PENDING, Delivery.Status.CLAIMED])
        ),
    )


def blast_counts_by_campaign(*, campaign_ids) -> dict[int, int]:
    """How many blasts each campaign has, {campaign_id: n}, in one query."""
    rows = Blast.objects.filter(campaign_id__in=list(campaign_ids)).values_list("campaign_id").annotate(n=Count("id"))
    return dict(rows.values_list("campaign_id", "n"))


def blast_get(*, blast_id: int) -> Blast | None:
    return Blast.objects.select_related("campaign", "audience_category").filter(pk=blast_id).first()


def blast_stats(*, blast: Blast) -> BlastStats:
    """Counts per delivery status (one grouped query) and recipients who unsubscribed since the start."""
    counts = dict(
        Delivery.objects.filter(blast=blast).values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    unsubscribed = 0
    if blast.started_at:
        opted_out_since = MarketingConsent.objects.filter(
            user_id=OuterRef("user_id"), opted_in=False, recorded_at__gte=blast.started_at
        )
        unsubscribed = (
            Delivery.objects.filter(blast=blast, user__marketing_opt_in=False).filter(Exists(opted_out_since)).count()
        )
    return BlastStats(
        id=blast.pk,
        status=blast.status,
        recipients=blast.recipients or sum(counts.values()),
        pending=counts.get(Delivery.Status.PENDING, 0) + counts.get(Delivery.Status.CLAIMED, 0),
        sent=counts.get(Delivery.Status.SENT, 0),
        failed=counts.get(Delivery.Status.FAILED, 0),
        skipped=counts.get(Delivery.Status.SKIPPED, 0),
        cancelled=counts.get(Delivery.Status.CANCELLED, 0),
        unsubscribed=unsubscribed,
        started_at=blast.started_at,
        finished_at=blast.finished_at,
    )
