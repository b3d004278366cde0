"""Forms of the ministry's email pages: write a blast, schedule it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms import JakartaDateTimeField
from mailings.audiences import Audience
from mailings.models import Blast
from marketplace.forms import add_domain_errors
from marketplace.provinces import PROVINCE_CHOICES
from sellers.forms import CategoryChoiceField
from sellers.selectors import category_options


class BlastScheduleForm(forms.Form):
    """When a draft blast goes out, picked in Jakarta time."""

    scheduled_at = JakartaDateTimeField(
        label=_("Waktu kirim (WIB)"), error_messages={"required": _("Isi waktu kirim untuk menjadwalkan email ini.")}
    )


class BlastForm(forms.Form):
    """A promotional email for a campaign: what it says, who gets it and, optionally, when it goes."""

    ACTION_DRAFT = "draft"
    ACTION_SCHEDULE = "schedule"

    subject = forms.CharField(label=_("Subjek"), max_length=200)
    body = forms.CharField(
        label=_("Isi email"),
        max_length=100_000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Markdown: **tebal**, *miring*, daftar dengan - di awal baris, [teks tautan](https://…), "
            "judul dengan ## di awal baris. HTML sederhana juga boleh (paragraf, tautan, gambar, tabel); "
            "skrip, formulir dan gaya dihapus otomatis."
        ),
    )
    audience_kind = forms.ChoiceField(
        label=_("Jenis audiens"),
        choices=Blast.AudienceKind.choices,
        initial=Blast.AudienceKind.ALL_OPTED_IN,
        widget=forms.RadioSelect,
        help_text=_("Hanya pelanggan yang bersedia menerima email promosi dan belum berhenti berlangganan."),
    )
    category = CategoryChoiceField(
        label=_("Kategori"),
        queryset=category_options(),
        required=False,
        empty_label=_("— pilih kategori —"),
        help_text=_("Untuk “Pembeli dalam kategori”; subkategori ikut termasuk."),
        error_messages={"invalid_choice": _("Kategori tidak ditemukan.")},
    )
    days = forms.IntegerField(
        label=_("Dalam berapa hari terakhir"),
        min_value=1,
        max_value=3650,
        initial=90,
        required=False,
        help_text=_("Untuk “Pembeli dalam kategori”: pembelian yang dibayar dalam sekian hari terakhir."),
    )
    province = forms.ChoiceField(
        label=_("Provinsi"),
        choices=[("", _("— pilih provinsi —")), *PROVINCE_CHOICES],
        required=False,
        help_text=_("Untuk “Pelanggan di provinsi”: menurut alamat kirim pesanan mereka."),
        error_messages={"invalid_choice": _("Kode provinsi tidak dikenal.")},
    )
    scheduled_at = JakartaDateTimeField(
        label=_("Waktu kirim (WIB)"),
        required=False,
        help_text=_("Isi lalu pilih “Jadwalkan” untuk mengirim otomatis pada waktu itu; kosongkan untuk draf."),
    )

    # The service names the audience's parts inside "audience"; the form shows them on these fields.
    audience_fields = {"kind": "audience_kind", "category": "category", "days": "days", "province": "province"}

    def __init__(self, *args, action: str = ACTION_DRAFT, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action if action in (self.ACTION_DRAFT, self.ACTION_SCHEDULE) else self.ACTION_DRAFT

    def clean(self):
        cleaned = super().clean()
        scheduled_at = cleaned.get("scheduled_at")
        if self.action == self.ACTION_SCHEDULE and not scheduled_at and "scheduled_at" not in self.errors:
            self.add_error("scheduled_at", _("Isi waktu kirim untuk menjadwalkan email ini."))
        if self.action == self.ACTION_DRAFT and scheduled_at:
            self.add_error(
                "scheduled_at", _("Pilih “Jadwalkan” untuk mengirim pada waktu ini, atau kosongkan waktunya.")
            )
        return cleaned

    def service_kwargs(self) -> dict:
        """The cleaned form as keyword arguments of mailings.services.blast_create."""
        data = self.cleaned_data
        category = data.get("category")
        return {
            "subject": data["subject"],
            "body": data["body"],
            "audience": Audience(
                kind=data["audience_kind"],
                category_id=category.pk if category else None,
                province=data.get("province") or None,
                days=data.get("days") or 90,
            ),
            "scheduled_at": data.get("scheduled_at"),
        }

    def add_service_errors(self, detail) -> None:
        """A blast_create error on the fields it names (the audience's parts sit under "audience")."""
        if isinstance(detail, dict) and isinstance(detail.get("audience"), dict):
            detail = dict(detail)
            for part, messages in detail.pop("audience").items():
                detail[self.audience_fields.get(part, part)] = messages
        add_domain_errors(self, detail)
