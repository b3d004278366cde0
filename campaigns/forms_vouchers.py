"""The ministry console's voucher form. It checks shape only; campaigns.services_vouchers decides the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms import CategoryMultipleChoiceField, JakartaDateTimeField, JakartaEndDateTimeField
from campaigns.models import Campaign
from campaigns.models_vouchers import Voucher
from marketplace.provinces import PROVINCE_CHOICES
from sellers.models import Seller
from sellers.selectors import category_options


class VoucherForm(forms.Form):
    code = forms.CharField(
        label=_("Kode"), max_length=32, required=False, help_text=_("Kosong: berlaku otomatis tanpa kode.")
    )
    name = forms.CharField(label=_("Nama untuk pembeli"), max_length=120)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Voucher.Kind.choices, widget=forms.RadioSelect)
    value = forms.IntegerField(
        label=_("Nilai"),
        min_value=1,
        max_value=10**12,
        help_text=_("Rupiah untuk potongan Rp; persen (1-100) untuk potongan % dan subsidi ongkir."),
    )
    max_discount = forms.IntegerField(
        label=_("Potongan maksimal per pesanan (Rp)"), min_value=1, max_value=10**12, required=False
    )
    min_spend = forms.IntegerField(label=_("Belanja minimal (Rp)"), min_value=0, max_value=10**12, initial=0)
    budget = forms.IntegerField(label=_("Anggaran (Rp)"), min_value=1, max_value=10**12)
    max_uses = forms.IntegerField(
        label=_("Batas jumlah pemakaian"),
        min_value=1,
        max_value=10**9,
        required=False,
        help_text=_("Kosong: tanpa batas."),
    )
    per_buyer_limit = forms.IntegerField(
        label=_("Batas per pembeli"), min_value=1, max_value=10**6, required=False, help_text=_("Kosong: tanpa batas.")
    )
    first_order_only = forms.BooleanField(label=_("Khusus pesanan pertama"), required=False)
    starts_at = JakartaDateTimeField(label=_("Mulai (WIB)"))
    ends_at = JakartaEndDateTimeField(label=_("Selesai (WIB)"))
    funded_by = forms.ChoiceField(label=_("Dibayar oleh"), choices=Voucher.Funder.choices, widget=forms.RadioSelect)
    campaign = forms.ModelChoiceField(
        label=_("Kampanye"), queryset=Campaign.objects.order_by("-starts_at"), required=False, to_field_name="slug"
    )
    categories = CategoryMultipleChoiceField(
        label=_("Kategori"),
        queryset=category_options(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kosong: semua kategori. Subkategori ikut termasuk."),
    )
    sellers = forms.ModelMultipleChoiceField(
        label=_("Toko"),
        queryset=Seller.objects.filter(status=Seller.Status.VERIFIED).order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Kosong: semua toko. Voucher yang dibayar toko: pilih tepat satu toko."),
    )
    buyer_provinces = forms.MultipleChoiceField(
        label=_("Provinsi pembeli (alamat kirim)"),
        choices=PROVINCE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    shop_provinces = forms.MultipleChoiceField(
        label=_("Provinsi toko"),
        choices=PROVINCE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    sections = [
        (_("Voucher"), ["code", "name", "kind", "value", "max_discount", "min_spend"]),
        (_("Anggaran"), ["budget", "max_uses", "funded_by", "campaign"]),
        (_("Waktu"), ["starts_at", "ends_at"]),
        (
            _("Siapa boleh memakai"),
            ["categories", "sellers", "buyer_provinces", "shop_provinces", "first_order_only", "per_buyer_limit"],
        ),
    ]

    @classmethod
    def initial_for(cls, voucher: Voucher) -> dict:
        initial = {name: getattr(voucher, name) for name in cls.base_fields if hasattr(voucher, name)}
        initial["categories"] = list(voucher.categories.all())
        initial["sellers"] = list(voucher.sellers.all())
        return initial

    def fieldsets(self):
        return [(title, [self[name] for name in names]) for title, names in self.sections]

    def service_kwargs(self, *, voucher: Voucher | None = None) -> dict:
        """The cleaned form; on edit, only what changed (so a used voucher may still grow its budget)."""
        data = dict(self.cleaned_data)
        data["categories"] = list(data["categories"])
        data["sellers"] = list(data["sellers"])
        if voucher is None:
            return data
        initial = self.initial_for(voucher)

        def changed(name, value) -> bool:
            before = initial.get(name)
            if name in ("categories", "sellers"):
                return {o.pk for o in value} != {o.pk for o in before}
            if name in ("starts_at", "ends_at") and value and before:
                return abs((value - before).total_seconds()) >= 60  # the box shows minutes only
            if name in ("buyer_provinces", "shop_provinces"):
                return sorted(value) != sorted(before or [])
            if name == "code":
                return (value or "").upper() != before
            return value != before

        return {name: value for name, value in data.items() if changed(name, value)}
