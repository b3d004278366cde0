"""The shared core's data: users who log in with their email, and their marketing consent history."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MINISTRY_GROUP = "ministry"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Email wajib diisi.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), max_length=254, unique=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    is_staff = models.BooleanField(_("staf admin"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    date_joined = models.DateTimeField(_("tanggal bergabung"), default=timezone.now)
    # The current answer; MarketingConsent keeps every change with its time and source.
    marketing_opt_in = models.BooleanField(_("bersedia menerima email promosi"), default=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_ministry(self) -> bool:
        if not self.is_authenticated:
            return False
        cached = getattr(self, "_is_ministry", None)
        if cached is None:
            cached = self.groups.filter(name=MINISTRY_GROUP).exists()
            self._is_ministry = cached
        return cached


class MarketingConsent(models.Model):
    """One row per change of a user's marketing consent (UU PDP asks us to keep when and how)."""

    class Source(models.TextChoices):
        REGISTRATION = "registration", _("Pendaftaran")
        ACCOUNT = "account", _("Halaman akun")
        API = "api", _("API")
        UNSUBSCRIBE = "unsubscribe", _("Tautan berhenti berlangganan")
        RESUBSCRIBE = "resubscribe", _("Berlangganan kembali")
        ADMIN = "admin", _("Admin")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    opted_in = models.BooleanField()
    source = models.CharField(max_length=20, choices=Source.choices)
    wording = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["user", "-recorded_at"])]

    def __str__(self):
        return f"{self.user_id} {'opt-in' if self.opted_in else 'opt-out'} via {self.source}"


# ---- regions below the province: Kemendagri codes, loaded from marketplace/data/regions/ ----------


class Regency(models.Model):
    """A regency (kabupaten) or city (kota), e.g. "34.71" Kota Yogyakarta in province "34"."""

    code = models.CharField(max_length=5, primary_key=True)
    province = models.CharField(max_length=2, db_index=True)
    name = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]

    def __str__(self):
        return self.name


class District(models.Model):
    """A district (kecamatan), e.g. "34.71.01" Mantrijeron in Kota Yogyakarta."""

    code = models.CharField(max_length=8, primary_key=True)
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["code"]

    def __str__(self):
        return self.name
