"""IKM shops, their members, and the catalogue they sell."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.couriers import AGGREGATED, Courier
from marketplace.models import District, Regency
from marketplace.provinces import PROVINCE_CHOICES, province_name

BANGGA_BUATAN_INDONESIA_MIN_TKDN = 40


def default_couriers() -> list[str]:
    """A new shop offers the national couriers; its own delivery is opted into."""
    return [str(code) for code in AGGREGATED]


nib_validator = RegexValidator(r"^[0-9]{13}\Z", _("NIB harus 13 digit angka."))


class Seller(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")

    class Scale(models.TextChoices):
        MIKRO = "mikro", _("Mikro")
        KECIL = "kecil", _("Kecil")
        MENENGAH = "menengah", _("Menengah")

    name = models.CharField(_("nama toko"), max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(_("deskripsi"), blank=True)
    nib = models.CharField(_("NIB"), max_length=13, validators=[nib_validator])
    province = models.CharField(_("provinsi"), max_length=2, choices=PROVINCE_CHOICES, db_index=True)
    city = models.CharField(_("kota/kabupaten"), max_length=80)
    # Where parcels start: set from the lists; a shop still without them is asked to pick them.
    regency = models.ForeignKey(
        Regency, verbose_name=_("kabupaten/kota"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        District, verbose_name=_("kecamatan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    couriers = models.JSONField(_("kurir yang dilayani"), default=default_couriers, blank=True)
    scale = models.CharField(_("skala usaha"), max_length=10, choices=Scale.choices)
    e_smart_ikm = models.BooleanField(_("peserta e-Smart IKM"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    rejection_reason = models.TextField(blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Reviews of its products, kept by orders/services/reviews.py as reviews are written or hidden.
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("toko")
        verbose_name_plural = _("toko")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sellers:shop", kwargs={"slug": self.slug})

    @property
    def rating_average(self) -> float | None:
        """Mean stars of the visible reviews, one decimal; None before the first."""
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else None

    @property
    def province_name(self) -> str:
        return province_name(self.province)

    @property
    def needs_region(self) -> bool:
        """Its city was typed before the lists existed and matched no single regency, or none is set."""
        return self.regency_id is None or self.district_id is None

    @property
    def offered_couriers(self) -> list[str]:
        """The couriers this shop ships with, in the catalogue's order (never empty)."""
        chosen = set(self.couriers or [])
        return [code for code in Courier.values if code in chosen] or default_couriers()


class SellerMember(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Pemilik")
        STAFF = "staff", _("Staf")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seller_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.OWNER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["seller", "user"], name="seller_member_unique")]


class Category(models.Model):
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=80)
    name_en = models.CharField(max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Product(models.Model):
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="products")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    name = models.CharField(_("nama produk"), max_length=160)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(_("deskripsi"), blank=True)
    price = models.PositiveBigIntegerField(_("harga (Rp)"), validators=[MinValueValidator(1)])
    stock = models.PositiveIntegerField(_("stok"), default=0)
    # The dearest active variant's price (`price` is the cheapest's): a card says "mulai" when they differ.
    price_max = models.PositiveBigIntegerField(default=0, editable=False)
    weight_grams = models.PositiveIntegerField(_("berat (gram)"), validators=[MinValueValidator(1)])
    tkdn_percent = models.PositiveSmallIntegerField(
        _("TKDN (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The search document (sellers.search.document): its normalised words, and on PostgreSQL the
    # weighted full-text vector (NULL elsewhere). Written by the indexer, never by hand.
    search_text = models.TextField(blank=True, default="", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # Visible reviews (kept by orders/services/reviews.py) and units sold (by the sales ledger).
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)
    units_sold = models.BigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="product_price_positive"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="product_stock_not_negative"),
            models.CheckConstraint(condition=Q(tkdn_percent__lte=100), name="product_tkdn_at_most_100"),
            models.CheckConstraint(condition=Q(weight_grams__gt=0), name="product_weight_positive"),
        ]
        indexes = [
            models.Index(fields=["is_active", "category"], name="product_active_category"),
            models.Index(fields=["is_active", "price"], name="product_active_price"),
            models.Index(fields=["is_active", "-created_at"], name="product_active_created"),
            models.Index(fields=["tkdn_percent"], name="product_tkdn"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sellers:product", kwargs={"slug": self.slug})

    @property
    def price_varies(self) -> bool:
        """Its variants sell at different prices: the catalogue shows the price "from" the cheapest."""
        return self.price_max > self.price

    @property
    def rating_average(self) -> float | None:
        """Mean stars of the visible reviews, one decimal; None before the first."""
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else None

    @property
    def bangga_buatan_indonesia(self) -> bool:
        return self.tkdn_percent >= BANGGA_BUATAN_INDONESIA_MIN_TKDN


class SearchWord(models.Model):
    """A word found in the catalogue: what a misspelt query word is corrected towards."""

    word = models.CharField(max_length=40, unique=True)

    def __str__(self):
        return self.word


from sellers.models_photos import ProductPhoto  # noqa: E402, F401  (a model of this app, in its own module)

# A product's variants live in their own module for size; importing them here registers them.
from sellers.models_variants import ProductVariant  # noqa: E402, F401
