"""After the parcel: complaints (with returns) about a shipment, and reviews of what was bought.

Both hang off the order they concern, so they live with the orders app: a review needs the order
line it is about (that is what proves the reviewer bought it), a complaint holds back its shipment.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.processors import ResizeToFill

from sellers.models import Product, Seller
from sellers.models_photos import webp_rendition

REVIEW_THUMB_SIDE = 176  # the list shows 88 px squares; twice that for sharp phone screens
REVIEW_PHOTO_SIDE = 2000  # what is kept of a review photo, at most, a side


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=Complaint.CLOSED)


class Complaint(models.Model):
    """A buyer's complaint about one shipment, from opening to the decision that closes it.

    `respond_by` is the deadline of whoever must act next; the beat task enforces it
    (orders/services/complaints.py). While open, the shipment does not complete and the shop's
    funds stay held.
    """

    class Reason(models.TextChoices):
        NOT_RECEIVED = "not_received", _("Paket tidak diterima")
        DAMAGED = "damaged", _("Barang rusak")
        WRONG_ITEM = "wrong_item", _("Barang salah kirim")
        NOT_AS_DESCRIBED = "not_as_described", _("Tidak sesuai deskripsi")

    class Status(models.TextChoices):
        AWAITING_SHOP = "awaiting_shop", _("Menunggu jawaban toko")
        AWAITING_RETURN = "awaiting_return", _("Menunggu pembeli mengirim balik")
        RETURN_SHIPPED = "return_shipped", _("Barang dikirim balik, menunggu toko")
        SHOP_REJECTED = "shop_rejected", _("Ditolak toko, menunggu pembeli")
        ESCALATED = "escalated", _("Ditangani staf")
        REFUNDED = "refunded", _("Selesai: dana dikembalikan")
        RETURNED = "returned", _("Selesai: barang dikembalikan, dana dikembalikan")
        REJECTED = "rejected", _("Selesai: komplain ditolak")
        WITHDRAWN = "withdrawn", _("Selesai: dibatalkan pembeli")

    CLOSED = ("refunded", "returned", "rejected", "withdrawn")

    shipment = models.OneToOneField("orders.Shipment", on_delete=models.CASCADE, related_name="complaint")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("alasan"), max_length=20, choices=Reason.choices)
    description = models.TextField(_("keterangan"), max_length=2000)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.AWAITING_SHOP, db_index=True)
    respond_by = models.DateTimeField(null=True, blank=True)
    return_courier = models.CharField(max_length=10, blank=True)
    return_tracking_number = models.CharField(max_length=40, blank=True)
    refund_amount = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["respond_by", "id"]
        indexes = [models.Index(fields=["status", "respond_by"], name="complaint_status_deadline")]

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED


class ComplaintMessage(models.Model):
    """One step of a complaint as its author said it, with optional evidence (a photo or short video)."""

    class Role(models.TextChoices):
        BUYER = "buyer", _("Pembeli")
        SHOP = "shop", _("Toko")
        STAFF = "staff", _("Staf")
        SYSTEM = "system", _("Sistem")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    role = models.CharField(max_length=8, choices=Role.choices)
    action = models.CharField(max_length=24, help_text="What this step did, e.g. opened, refund, return, reject")
    text = models.TextField(blank=True, max_length=2000)
    evidence = models.FileField(upload_to="complaints/%Y/%m/", blank=True)
    evidence_type = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class Review(models.Model):
    """A buyer's review of one order line: once per line, only after its shipment completed."""

    order_line = models.OneToOneField("orders.OrderLine", on_delete=models.PROTECT, related_name="review")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(blank=True, max_length=2000)
    helpful_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    reply = models.TextField(blank=True, max_length=2000)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["product", "-created_at"], name="review_product_newest"),
            models.Index(fields=["product", "-helpful_count"], name="review_product_helpful"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]


class ReviewVote(models.Model):
    """One shopper found a review helpful (once each)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="review_vote_once")]


class ReviewPhoto(models.Model):
    """One of up to five photos of a review, re-encoded by the shared picture check (no EXIF).

    The review list shows `thumb`, a small square WebP made on upload (a buyer's 12 MP phone photo
    would otherwise be downloaded whole to fill 88 px); the link opens the kept photo."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="reviews/%Y/%m/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)

    thumb = webp_rendition(ResizeToFill(REVIEW_THUMB_SIDE, REVIEW_THUMB_SIDE))

    class Meta:
        ordering = ["position", "id"]
