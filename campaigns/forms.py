"""Forms of the campaign pages. They check shape only; campaigns.services decides the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from marketplace.provinces import PROVINCE_CHOICES
from sellers.forms import CategoryChoiceField
from sellers.models import Seller
from sellers.selectors import category_options

# What a browser's <input type="datetime-local"> sends; times are read in the current zone (Asia/Jakarta).
DATETIME_LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


class JakartaDateTimeField(forms.DateTimeField):
    """A date and time picked in Jakarta time (WIB) with the browser's own picker."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATETIME_LOCAL_FORMATS)
        super().__init__(**kwargs)


class JakartaEndDateTimeField(JakartaDateTimeField):
    """The end of a period, picked to the minute: it lasts to that minute's last second (23:59 -> 23:59:59).

    The box shows minutes only, so an end at 23:59:59 also comes back as 23:59:59 when a form is saved again.
    """

    def to_python(self, value):
        at = super().to_python(value)
        if at is not None and isinstance(value, str) and len(value.strip()) == len("2020-04-26T23:59"):
            at = at.replace(second=59)
        return at


class CategoryMultipleChoiceField(forms.ModelMultipleChoiceField):
    label_from_instance = CategoryChoiceField.label_from_instance


class CampaignForm(forms.Form):
    hashtag = forms.CharField(
        label=_("Tagar"), max_length=60, help_text=_("Diawali #, misalnya #SatuDalamKopi."), strip=True
    )
    name = forms.CharField(label=_("Nama kampanye"), max_length=150)
    description = forms.CharField(
        label=_("Deskripsi"), max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    banner = forms.ImageField(
        label=_("Banner"), required=False, help_text=_("Gambar JPG/PNG, lebar disarankan 1200 px.")
    )
    starts_at = JakartaDateTimeField(label=_("Mulai (WIB)"))
    ends_at = JakartaEndDateTimeField(label=_("Selesai (WIB)"), help_text=_("Harga kampanye berlaku sampai detik ini."))
    enrol_from = JakartaDateTimeField(
        label=_("Pendaftaran dibuka (WIB)"), required=False, help_text=_("Kosong: sejak kampanye diterbitkan.")
    )
    enrol_until = JakartaEndDateTimeField(
        label=_("Pendaftaran ditutup (WIB)"), required=False, help_text=_("Kosong: sampai kampanye selesai.")
    )
    categories = CategoryMultipleChoiceField(
        label=_("Kategori"),
        queryset=category_options(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Subkategori ikut termasuk."),
    )
    provinces = forms.MultipleChoiceField(
        label=_("Provinsi"),
        choices=PROVINCE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Kosongkan untuk semua provinsi."),
    )
    scales = forms.MultipleChoiceField(
        label=_("Skala usaha"),
        choices=Seller.Scale.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan untuk semua skala."),
    )
    min_tkdn = forms.IntegerField(label=_("TKDN minimal (%)"), min_value=0, max_value=100, required=False, initial=0)
    e_smart_ikm_only = forms.BooleanField(label=_("Khusus peserta e-Smart IKM"), required=False)
    requires_approval = forms.BooleanField(label=_("Pendaftaran produk perlu persetujuan Kementerian"), required=False)
    benefit = forms.ChoiceField(
        label=_("Jenis manfaat"),
        choices=Campaign.Benefit.choices,
        initial=Campaign.Benefit.DISCOUNT_PERCENT,
        widget=forms.RadioSelect,
    )
    discount_percent = forms.IntegerField(
        label=_("Diskon (%)"), min_value=1, max_value=90, required=False, help_text=_("1 sampai 90 persen.")
    )
    max_discount = forms.IntegerField(
        label=_("Potongan maksimal per unit (Rp)"), min_value=1, max_value=10**12, required=False
    )
    default_quota = forms.IntegerField(
        label=_("Kuota unit per produk"),
        min_value=1,
        max_value=10**9,
        required=False,
        help_text=_("Kosong: tanpa batas."),
    )
    limit_per_buyer = forms.IntegerField(
        label=_("Batas unit per pembeli"),
        min_value=1,
        max_value=10**6,
        required=False,
        help_text=_("Kosong: tanpa batas."),
    )
    voucher_budget = forms.IntegerField(
        label=_("Anggaran voucher kampanye (Rp)"),
        min_value=0,
        max_value=10**13,
        required=False,
        help_text=_("Batas semua voucher kampanye ini bersama-sama. Kosong: hanya anggaran tiap voucher."),
    )
    draft = forms.BooleanField(label=_("Simpan sebagai draf (belum tampil untuk publik)"), required=False)

    # The sections of the page, in order.
    sections = [
        (_("Kampanye"), ["hashtag", "name", "description", "banner"]),
        (_("Waktu"), ["starts_at", "ends_at", "enrol_from", "enrol_until"]),
        (
            _("Siapa boleh ikut"),
            ["categories", "provinces", "scales", "min_tkdn", "e_smart_ikm_only", "requires_approval"],
        ),
        (
            _("Manfaat untuk pembeli"),
            ["benefit", "discount_percent", "max_discount", "default_quota", "limit_per_buyer", "voucher_budget"],
        ),
        (_("Terbitkan"), ["draft"]),
    ]

    @classmethod
    def initial_for(cls, campaign: Campaign) -> dict:
        initial = {name: getattr(campaign, name) for name in cls.base_fields if hasattr(campaign, name)}
        initial["categories"] = list(campaign.categories.all())
        initial["draft"] = campaign.is_draft
        return initial

    def fieldsets(self):
        return [(title, [self[name] for name in names]) for title, names in self.sections]

    def service_kwargs(self) -> dict:
        """The cleaned form as keyword arguments of campaign_create / campaign_update."""
        data = dict(self.cleaned_data)
        banner = data.pop("banner", None)
        if banner:
            data["banner"] = banner
        elif banner is False:  # "clear" ticked on the edit form
            data["banner"] = ""
        if data.get("min_tkdn") is None:
            data["min_tkdn"] = 0
        if data["benefit"] == Campaign.Benefit.FIXED_PRICE:
            data["discount_percent"] = None
        return data


class EnrolmentRejectForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), max_length=1000)


class EnrolForm(forms.Form):
    """A shop's products to put in one campaign; fixed-price campaigns also ask a price per product."""

    products = forms.ModelMultipleChoiceField(
        label=_("Produk"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu produk.")},
    )
    quota = forms.IntegerField(
        label=_("Kuota unit per produk"),
        min_value=1,
        max_value=10**9,
        required=False,
        help_text=_("Kosong: mengikuti kuota kampanye."),
    )

    def __init__(self, *args, campaign: Campaign, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["products"].queryset = products
        self.fixed_price = campaign.benefit == Campaign.Benefit.FIXED_PRICE
        if self.fixed_price:
            for product in products:
                self.fields[self.price_field(product.pk)] = forms.IntegerField(
                    label=_("Harga kampanye (Rp)"), min_value=1, max_value=10**12, required=False
                )

    @staticmethod
    def price_field(product_id: int) -> str:
        return f"price_{product_id}"

    def service_kwargs(self) -> dict:
        product_ids = [product.pk for product in self.cleaned_data["products"]]
        prices = {}
        if self.fixed_price:
            for pk in product_ids:
                price = self.cleaned_data.get(self.price_field(pk))
                if price is not None:
                    prices[pk] = price
        return {"product_ids": product_ids, "quota": self.cleaned_data.get("quota"), "prices": prices}
