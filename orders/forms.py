"""Forms of the cart, checkout and fulfilment pages. They check shape only; orders.services decides the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.provinces import PROVINCE_CHOICES
from marketplace.region_forms import RegionChoicesMixin, district_field, regency_field
from orders.models import Courier
from orders.services.cart import MAX_QUANTITY


class AddToCartForm(forms.Form):
    product = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    variant = forms.IntegerField(min_value=1, required=False)
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=MAX_QUANTITY, initial=1)


class CartQuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=MAX_QUANTITY)


NEW_ADDRESS = "new"


class CheckoutForm(RegionChoicesMixin, forms.Form):
    """The shipping address, typed or picked from the address book. `token` names this copy of the
    form, so a double submit (two taps, a reload after POST) gives back the first order instead of
    placing a second one. The courier of each shop's parcel comes as `ship_<shop id>` ("jne:reg")."""

    saved_address = forms.ChoiceField(label=_("Alamat tersimpan"), required=False, widget=forms.RadioSelect)
    recipient = forms.CharField(
        label=_("Nama penerima"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.RegexField(
        label=_("Nomor HP"),
        regex=r"^\+?\d{8,15}\Z",
        max_length=16,
        required=False,
        error_messages={"invalid": _("Nomor HP 8–15 digit angka, contoh 081234567890.")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    street = forms.CharField(
        label=_("Alamat"),
        max_length=255,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
        help_text=_("Nama jalan, nomor rumah, RT/RW, kelurahan."),
    )
    province = forms.ChoiceField(label=_("Provinsi"), choices=[("", "—"), *PROVINCE_CHOICES], required=False)
    regency = regency_field()
    district = district_field()
    city = forms.CharField(
        label=_("Kota/kabupaten (jika tidak ada di daftar)"),
        max_length=80,
        required=False,
    )
    postal_code = forms.RegexField(
        label=_("Kode pos"),
        regex=r"^\d{5}\Z",
        max_length=5,
        required=False,
        error_messages={"invalid": _("Kode pos 5 digit angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": r"\d{5}", "autocomplete": "postal-code"}),
    )
    courier = forms.ChoiceField(label=_("Kurir"), choices=Courier.choices, required=False, widget=forms.HiddenInput)
    voucher = forms.CharField(
        label=_("Kode voucher"),
        max_length=32,
        required=False,
        help_text=_("Voucher otomatis terpasang sendiri; kode menggantikan voucher otomatis sejenis."),
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    ADDRESS_FIELDS = ("recipient", "phone", "street", "city", "province", "postal_code", "regency", "district")
    REQUIRED = ("recipient", "phone", "street", "province", "postal_code")

    def __init__(self, *args, addresses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.addresses = {str(a.pk): a for a in addresses}
        self.fields["saved_address"].choices = [
            *[(key, _address_label(a)) for key, a in self.addresses.items()],
            (NEW_ADDRESS, _("Alamat lain")),
        ]
        if not self.addresses:
            self.fields["saved_address"].widget = forms.HiddenInput()
        self.fill_region_choices()

    def clean(self):
        cleaned = super().clean()
        saved = self.addresses.get(cleaned.get("saved_address") or "")
        if saved is not None:
            self.saved = saved
            return cleaned
        self.saved = None
        for name in self.REQUIRED:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("Wajib diisi."))
        if not cleaned.get("regency") and not cleaned.get("city", "").strip() and "regency" not in self.errors:
            self.add_error("regency", _("Pilih kabupaten/kota."))
        if not self.errors:
            self.clean_regions(cleaned)
        return cleaned

    def address(self) -> dict:
        saved = getattr(self, "saved", None)
        if saved is not None:
            return {
                "recipient": saved.recipient,
                "phone": saved.phone,
                "street": saved.street,
                "city": saved.city,
                "province": saved.province,
                "postal_code": saved.postal_code,
                "regency": saved.regency_id or "",
                "district": saved.district_id or "",
            }
        return {name: (self.cleaned_data.get(name) or "").strip() for name in self.ADDRESS_FIELDS}


def _address_label(address) -> str:
    place = ", ".join(p for p in (address.district.name if address.district else "", address.city) if p)
    head = f"{address.label}: " if address.label else ""
    return f"{head}{address.recipient}, {address.street}, {place} {address.postal_code}"


class ShipForm(forms.Form):
    courier = forms.ChoiceField(label=_("Kurir"), choices=Courier.choices)
    tracking_number = forms.CharField(label=_("Nomor resi"), max_length=40)


class AddressForm(RegionChoicesMixin, forms.Form):
    """An address book entry: province, regency and district from the lists, plus postal code."""

    label = forms.CharField(label=_("Label"), max_length=40, required=False, help_text=_("Misalnya Rumah atau Kantor."))
    recipient = forms.CharField(
        label=_("Nama penerima"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.RegexField(
        label=_("Nomor HP"),
        regex=r"^\+?[0-9]{8,15}\Z",
        max_length=16,
        error_messages={"invalid": _("Nomor HP 8–15 digit angka, contoh 081234567890.")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    street = forms.CharField(
        label=_("Alamat"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
        help_text=_("Nama jalan, nomor rumah, RT/RW, kelurahan."),
    )
    province = forms.ChoiceField(label=_("Provinsi"), choices=[("", "—"), *PROVINCE_CHOICES])
    regency = regency_field(required=True)
    district = district_field(required=True)
    postal_code = forms.RegexField(
        label=_("Kode pos"),
        regex=r"^[0-9]{5}\Z",
        max_length=5,
        error_messages={"invalid": _("Kode pos 5 digit angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{5}", "autocomplete": "postal-code"}),
    )
    is_default = forms.BooleanField(label=_("Jadikan alamat utama"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fill_region_choices()

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.clean_regions(cleaned)
        return cleaned
