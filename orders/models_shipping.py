"""The buyer's address book and the tracking of parcels (orders.models imports them, registering them)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.provinces import PROVINCE_CHOICES
from orders.models import Shipment


class BuyerAddress(models.Model):
    """One of a buyer's saved addresses; one of them is the default that checkout starts from."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses")
    label = models.CharField(_("label"), max_length=40, blank=True, help_text=_("Misalnya Rumah atau Kantor."))
    recipient = models.CharField(_("nama penerima"), max_length=120)
    phone = models.CharField(_("nomor HP"), max_length=20)
    street = models.CharField(_("alamat"), max_length=255)
    province = models.CharField(_("provinsi"), max_length=2, choices=PROVINCE_CHOICES)
    regency = models.ForeignKey(
        "marketplace.Regency", verbose_name=_("kabupaten/kota"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "marketplace.District", verbose_name=_("kecamatan"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    city = models.CharField(_("kota/kabupaten"), max_length=80, help_text="The regency's name, kept for old clients")
    postal_code = models.CharField(_("kode pos"), max_length=5)
    is_default = models.BooleanField(_("alamat utama"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("alamat")
        verbose_name_plural = _("alamat")
        ordering = ["-is_default", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(is_default=True), name="buyer_address_one_default")
        ]

    def __str__(self):
        return self.label or self.street


class TrackingEvent(models.Model):
    """A step of a parcel's journey as the courier reported it; the buyer sees them on the order."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="tracking_events")
    status = models.CharField(max_length=32)
    note = models.CharField(max_length=255, blank=True)
    happened_at = models.DateTimeField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["happened_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "happened_at", "status"], name="tracking_event_once")
        ]
