"""Promotional email: a blast written by ministry staff for a campaign, and one delivery row per recipient.

The tables keep their first names (`campaigns_blast`, `campaigns_delivery`): the models moved here from
`campaigns` without a row moving (see docs/architecture.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from marketplace.provinces import PROVINCE_CHOICES
from sellers.models import Category


class Blast(models.Model):
    """A promotional email for a campaign, written by ministry staff and sent to one audience."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SCHEDULED = "scheduled", _("Terjadwal")
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        CANCELLED = "cancelled", _("Dibatalkan")

    class AudienceKind(models.TextChoices):
        ALL_OPTED_IN = "all_opted_in", _("Semua pelanggan yang bersedia menerima promosi")
        BOUGHT_CATEGORY = "bought_category", _("Pembeli dalam kategori")
        PROVINCE = "province", _("Pelanggan di provinsi")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="blasts")
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown (or a safe subset of HTML); sanitised when rendered")
    audience_kind = models.CharField(max_length=20, choices=AudienceKind.choices, default=AudienceKind.ALL_OPTED_IN)
    audience_category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    audience_province = models.CharField(max_length=2, null=True, blank=True, choices=PROVINCE_CHOICES)
    audience_days = models.PositiveSmallIntegerField(default=90, help_text="bought_category: look back this many days")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    prepared_at = models.DateTimeField(null=True, blank=True, help_text="When the delivery rows were written")
    finished_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "campaigns_blast"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "scheduled_at"], name="blast_status_scheduled")]

    def __str__(self):
        return f"{self.campaign_id}: {self.subject}"


class Delivery(models.Model):
    """One recipient of one blast: the row a worker claims, sends and marks, so nobody gets it twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        CLAIMED = "claimed", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")
        SKIPPED = "skipped", _("Dilewati")
        CANCELLED = "cancelled", _("Dibatalkan")

    blast = models.ForeignKey(Blast, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    claimed_by = models.CharField(max_length=100, blank=True, help_text="hostname:pid of the worker holding it")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "campaigns_delivery"
        verbose_name_plural = "deliveries"
        constraints = [models.UniqueConstraint(fields=["blast", "user"], name="delivery_once_per_recipient")]
        indexes = [
            models.Index(fields=["blast", "status"], name="delivery_blast_status"),
            models.Index(
                fields=["claimed_at"], name="delivery_claimed", condition=Q(status="claimed")
            ),  # the stale-claim sweep
        ]
