"""A payment's provider transactions (charges) and the money given back (refunds)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PaymentCharge(models.Model):
    """One transaction at a provider: what the buyer needs to pay it (VA number, QR, a redirect).

    At most one is live (pending) per payment: choosing the same method again returns it, and another
    method replaces it only once the provider confirmed the old one cancelled.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu pembayaran")
        SETTLED = "settled", _("Lunas")
        CANCELLED = "cancelled", _("Dibatalkan")
        EXPIRED = "expired", _("Kedaluwarsa")
        FAILED = "failed", _("Gagal")

    payment = models.ForeignKey("orders.Payment", on_delete=models.CASCADE, related_name="charges")
    provider = models.CharField(max_length=16)
    method = models.CharField(max_length=16)
    # The provider's order_id: our order number, with "-2", "-3"... for replacements, because Midtrans
    # never accepts an order_id twice, not even after the first transaction was cancelled.
    provider_order_id = models.CharField(max_length=50, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    gross_amount = models.PositiveBigIntegerField()
    transaction_id = models.CharField(max_length=64, blank=True)
    payment_type = models.CharField(max_length=32, blank=True, help_text="What the provider says was used")
    bank = models.CharField(max_length=16, blank=True)
    va_number = models.CharField(max_length=40, blank=True)
    biller_code = models.CharField(max_length=16, blank=True, help_text="Mandiri bill payment: company code")
    qr_string = models.TextField(blank=True)
    redirect_url = models.URLField(max_length=500, blank=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    checked_at = models.DateTimeField(null=True, blank=True, help_text="Last time the provider's status was asked")
    # The provider's last answer, as it said it: the reconciliation report compares it with ours.
    provider_status = models.CharField(max_length=20, blank=True)
    provider_amount = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["payment"], condition=Q(status="pending"), name="payment_charge_one_live_per_payment"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="payment_charge_status_created")]

    def __str__(self):
        return self.provider_order_id

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()


class PaymentRefund(models.Model):
    """Money going back to the buyer: the whole order when it is cancelled, or one shop's shipment.

    `refund_key` is sent to the provider so that a retry after a timeout never refunds twice. Methods
    the provider cannot refund online (bank transfers) wait for staff as `manual`, with the bank
    account the buyer gives on the order page.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Diproses")
        MANUAL = "manual", _("Ditransfer manual oleh staf")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal, ditangani staf")

    payment = models.ForeignKey("orders.Payment", on_delete=models.CASCADE, related_name="refunds")
    charge = models.ForeignKey(PaymentCharge, null=True, blank=True, on_delete=models.PROTECT, related_name="refunds")
    shipment = models.ForeignKey(
        "orders.Shipment", null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    refund_key = models.CharField(max_length=64, unique=True)
    amount = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    account_number = models.CharField(_("nomor rekening"), max_length=30, blank=True)
    account_holder = models.CharField(_("nama pemilik rekening"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_refund_amount_positive")]
        indexes = [models.Index(fields=["status", "created_at"], name="payment_refund_status_created")]

    def __str__(self):
        return self.refund_key

    @property
    def needs_bank_details(self) -> bool:
        return self.status == self.Status.MANUAL and not self.account_number
