"""Cart, orders split into one shipment per seller, payments, the event log and the email outbox."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.couriers import SERVICE_CHOICES, Courier
from marketplace.provinces import PROVINCE_CHOICES, Zone
from sellers.models import Category, Product, ProductVariant, Seller


class CartLine(models.Model):
    """A logged-in buyer's cart line; an anonymous visitor's cart lives in the session."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart_lines")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    # What the buyer chose; `product` repeats the variant's product for the cart's joins.
    variant = models.ForeignKey(ProductVariant, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "variant"], name="cart_line_unique_variant"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="cart_line_quantity_positive"),
        ]


class ShippingRate(models.Model):
    """Per-kg rate of a courier's service from an origin zone to a destination zone, with the days it
    takes; staff edit these in the admin. The table prices checkout unless an aggregator answers."""

    origin_zone = models.CharField(_("zona asal"), max_length=24, choices=Zone.CHOICES, default=Zone.JAVA)
    zone = models.CharField(_("zona tujuan"), max_length=24, choices=Zone.CHOICES)
    courier = models.CharField(_("kurir"), max_length=10, choices=Courier.choices)
    service = models.CharField(_("layanan"), max_length=10, choices=SERVICE_CHOICES, default="reg")
    per_kg = models.PositiveIntegerField(_("tarif per kg (Rp)"))
    eta_min_days = models.PositiveSmallIntegerField(_("estimasi tercepat (hari)"), default=2)
    eta_max_days = models.PositiveSmallIntegerField(_("estimasi terlama (hari)"), default=4)

    class Meta:
        verbose_name = _("tarif ongkir")
        verbose_name_plural = _("tarif ongkir")
        ordering = ["courier", "service", "origin_zone", "zone"]
        constraints = [
            models.UniqueConstraint(fields=["courier", "service", "origin_zone", "zone"], name="shipping_rate_route"),
            models.CheckConstraint(condition=Q(eta_min_days__lte=models.F("eta_max_days")), name="shipping_rate_eta"),
        ]

    def __str__(self):
        return (
            f"{self.get_courier_display()} {self.service.upper()} {self.get_origin_zone_display()} → "
            f"{self.get_zone_display()}: {self.per_kg}/kg"
        )


class Order(models.Model):
    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Menunggu pembayaran")
        PAID = "paid", _("Dibayar")
        PARTIALLY_SHIPPED = "partially_shipped", _("Dikirim sebagian")
        SHIPPED = "shipped", _("Dikirim")
        DELIVERED = "delivered", _("Diterima")
        COMPLETED = "completed", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    number = models.CharField(max_length=32, unique=True)
    # No index of their own: `order_buyer_created` and `order_status_deadline` lead with them, and
    # every index is one more insert on each checkout.
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders", db_index=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING_PAYMENT)
    recipient = models.CharField(max_length=120)
    phone = models.CharField(max_length=20)
    street = models.CharField(max_length=255)
    city = models.CharField(max_length=80)
    province = models.CharField(max_length=2, choices=PROVINCE_CHOICES)
    # Codes with their names as they were when ordered; blank for an address given by free-text city.
    regency = models.CharField(max_length=5, blank=True)
    regency_name = models.CharField(max_length=80, blank=True)
    district = models.CharField(max_length=8, blank=True)
    district_name = models.CharField(max_length=80, blank=True)
    postal_code = models.CharField(max_length=5)
    courier = models.CharField(max_length=10, choices=Courier.choices, default=Courier.JNE)
    subtotal = models.PositiveBigIntegerField(help_text="Sum of list prices")
    discount_total = models.PositiveBigIntegerField(default=0)
    shipping_total = models.PositiveBigIntegerField(default=0)
    voucher_discount = models.PositiveBigIntegerField(default=0)
    shipping_subsidy = models.PositiveBigIntegerField(default=0)
    voucher_codes = models.CharField(max_length=120, blank=True)
    total = models.PositiveBigIntegerField()
    payment_deadline = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["buyer", "-created_at"], name="order_buyer_created"),
            models.Index(fields=["status", "payment_deadline"], name="order_status_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    total=F("subtotal")
                    - F("discount_total")
                    - F("voucher_discount")
                    + F("shipping_total")
                    - F("shipping_subsidy")
                ),
                name="order_total_adds_up_with_vouchers",
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:detail", kwargs={"number": self.number})

    @property
    def province_name(self):
        return self.get_province_display()


class Shipment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Perlu dikemas")
        SHIPPED = "shipped", _("Dikirim")
        DELIVERED = "delivered", _("Diterima")
        # The buyer confirmed receipt, or the completion window passed without a complaint: the
        # shop's funds are released (orders/services/completion.py).
        COMPLETED = "completed", _("Selesai")
        # The buyer sent the goods back after a complaint and was refunded (complaints.py).
        RETURNED = "returned", _("Dikembalikan")
        CANCELLED = "cancelled", _("Dibatalkan")

    # Indexed through `shipment_one_per_seller` (order, seller) and `shipment_seller_status`.
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="shipments", db_index=False)
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="shipments", db_index=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    subtotal = models.PositiveBigIntegerField(help_text="What the buyer pays for this shop's goods")
    weight_grams = models.PositiveBigIntegerField(help_text="Sum over the lines; a heavy order passes 2^31 grams")
    shipping_fee = models.PositiveBigIntegerField()
    voucher_discount = models.PositiveBigIntegerField(default=0)
    voucher_funder = models.CharField(max_length=10, blank=True)
    shipping_subsidy = models.PositiveBigIntegerField(default=0)
    subsidy_funder = models.CharField(max_length=10, blank=True)
    courier = models.CharField(max_length=10, choices=Courier.choices)
    # What the buyer chose and paid for; the shop may later ship with another courier (`courier`).
    chosen_courier = models.CharField(max_length=10, choices=Courier.choices, blank=True)
    service = models.CharField(max_length=10, blank=True)
    eta_days = models.CharField(max_length=20, blank=True, help_text="e.g. 2-4")
    rate_provider = models.CharField(max_length=16, blank=True, help_text="Which provider priced the fee")
    tracking_number = models.CharField(max_length=40, blank=True)
    # The courier's latest word on the parcel (its events are TrackingEvent rows).
    tracking_status = models.CharField(max_length=32, blank=True)
    tracked_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # Delivered on the shop's word alone: the buyer's claim runs on the shipping clock until the buyer
    # or the courier confirms the arrival (orders/services/completion.py).
    delivered_by_shop = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["seller", "status"], name="shipment_seller_status")]
        constraints = [
            models.UniqueConstraint(fields=["order", "seller"], name="shipment_one_per_seller"),
            models.CheckConstraint(condition=Q(voucher_discount__lte=F("subtotal")), name="shipment_voucher_le_goods"),
            models.CheckConstraint(
                condition=Q(shipping_subsidy__lte=F("shipping_fee")), name="shipment_subsidy_le_fee"
            ),
        ]

    @property
    def buyer_amount(self) -> int:
        """What the buyer paid for it: goods and fee less vouchers' parts (each kept with its funder)."""
        return self.subtotal - self.voucher_discount + self.shipping_fee - self.shipping_subsidy


class OrderLine(models.Model):
    """A snapshot: later price, name or campaign changes never alter a placed order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    product_name = models.CharField(max_length=160)
    # The variant bought and its name as it was then (blank for a product without options).
    variant = models.ForeignKey(ProductVariant, null=True, on_delete=models.PROTECT, related_name="+")
    variant_name = models.CharField(max_length=80, blank=True)
    quantity = models.PositiveIntegerField()
    list_price = models.PositiveBigIntegerField()
    unit_price = models.PositiveBigIntegerField()
    discount = models.PositiveBigIntegerField(default=0, help_text="Per unit: list_price - unit_price")
    # campaigns sit above orders (imports point down: docs/architecture.md), so the campaign is kept
    # by id and hashtag, not a foreign key.
    campaign_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    campaign_hashtag = models.CharField(max_length=60, blank=True)
    voucher_discount = models.PositiveBigIntegerField(default=0)
    voucher_funder = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_line_quantity_positive"),
            models.CheckConstraint(
                condition=Q(voucher_discount__lte=F("unit_price") * F("quantity")), name="order_line_voucher_le_line"
            ),
            models.CheckConstraint(
                condition=Q(discount=models.F("list_price") - models.F("unit_price")), name="order_line_discount"
            ),
        ]

    @property
    def line_total(self) -> int:
        return self.unit_price * self.quantity


class OrderEvent(models.Model):
    """Every status change of an order or a shipment: who, when, from, to, why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    shipment = models.ForeignKey(Shipment, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class Payment(models.Model):
    """What the buyer owes for one order and what has been refunded of it.

    The provider transactions behind it are its charges (`PaymentCharge`); money given back is in its
    refunds (`PaymentRefund`), and `refunded_amount` is the sum of those completed, kept under the row lock.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        PAID = "paid", _("Lunas")
        EXPIRED = "expired", _("Kedaluwarsa")
        CANCELLED = "cancelled", _("Dibatalkan")
        DENIED = "denied", _("Ditolak")
        FAILED = "failed", _("Gagal")
        REFUND_PENDING = "refund_pending", _("Menunggu pengembalian dana")
        PARTIALLY_REFUNDED = "partially_refunded", _("Dikembalikan sebagian")
        REFUNDED = "refunded", _("Dana dikembalikan")

    class Method(models.TextChoices):
        TEST = "test", _("Simulasi pembayaran")
        MIDTRANS = "midtrans", "Midtrans"
        QRIS = "qris", "QRIS"
        VA_BCA = "va_bca", _("Virtual account BCA")
        VA_BNI = "va_bni", _("Virtual account BNI")
        VA_BRI = "va_bri", _("Virtual account BRI")
        VA_MANDIRI = "va_mandiri", _("Virtual account Mandiri")
        VA_PERMATA = "va_permata", _("Virtual account Permata")
        GOPAY = "gopay", "GoPay"
        SHOPEEPAY = "shopeepay", "ShopeePay"
        SNAP = "snap", _("Midtrans Snap (semua metode)")
        VOUCHER = "voucher", _("Lunas dengan voucher")

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="payment")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    method = models.CharField(max_length=16, choices=Method.choices, blank=True)
    amount = models.PositiveBigIntegerField()
    refunded_amount = models.PositiveBigIntegerField(default=0)
    reference = models.CharField(max_length=100, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(refunded_amount__lte=models.F("amount")), name="payment_refund_within_amount"
            )
        ]


class PaymentNotification(models.Model):
    """Every notification a provider sent us, accepted or not: the audit trail for disputes."""

    provider = models.CharField(max_length=16)
    order_number = models.CharField(max_length=64, blank=True, db_index=True)
    payload = models.JSONField()
    accepted = models.BooleanField()
    outcome = models.CharField(max_length=255)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]


class IdempotencyKey(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")]


class OutgoingEmail(models.Model):
    """The transactional email outbox: written with the order, sent by a task after commit.

    A row with an empty subject is not rendered yet (orders/services/order_emails.py): the worker
    renders and stores it before its first send.
    """

    class Kind(models.TextChoices):
        ORDER_CONFIRMATION = "order_confirmation", _("Konfirmasi pesanan")
        NEW_ORDER_FOR_SELLER = "new_order_seller", _("Pesanan baru untuk toko")
        SHIPMENT_SHIPPED = "shipment_shipped", _("Pesanan dikirim")
        ORDER_CANCELLED = "order_cancelled", _("Pesanan dibatalkan")
        ORDER_CANCELLED_SELLER = "order_cancelled_seller", _("Pesanan dibatalkan (untuk toko)")
        SELLER_VERIFIED = "seller_verified", _("Toko terverifikasi")
        SELLER_REJECTED = "seller_rejected", _("Toko ditolak")
        ENROLMENT_DECIDED = "enrolment_decided", _("Keputusan pendaftaran kampanye")
        SHIPMENT_DECLINED = "shipment_declined", _("Pesanan dibatalkan toko")
        COMPLAINT_OPENED = "complaint_opened", _("Komplain baru")
        COMPLAINT_UPDATE = "complaint_update", _("Perkembangan komplain")

    kind = models.CharField(max_length=24, choices=Kind.choices)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
    shipment = models.ForeignKey(Shipment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    to = models.EmailField()
    # Empty until rendered: checkout's rows hold only kind and ids; the worker renders them when sending.
    subject = models.CharField(max_length=200, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["created_at"], condition=Q(sent_at=None), name="outgoing_email_unsent")]


# Provider transactions and refunds live in their own module for size; importing them here registers them.
# Complaints and reviews, likewise (orders/models_aftersales.py).
# The sales ledger's daily rollups (orders/services/ledger.py keeps them), likewise (orders/models_ledger.py).
from orders.models_aftersales import Complaint, ComplaintMessage, Review, ReviewPhoto, ReviewVote  # noqa: E402, F401
from orders.models_ledger import SalesDay, SellerBuyerDay, SellerSalesDay  # noqa: E402, F401
from orders.models_payments import PaymentCharge, PaymentRefund  # noqa: E402, F401

# The address book and parcel tracking, likewise.
from orders.models_shipping import BuyerAddress, TrackingEvent  # noqa: E402, F401
