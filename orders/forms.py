"""Forms of the cart, checkout and fulfilment pages. They check shape only; orders.services decides the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.provinces import PROVINCE_CHOICES
from orders.models import Courier
from orders.services.cart import MAX_QUANTITY


class AddToCartForm(forms.Form):
    product = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=MAX_QUANTITY, initial=1)


class CartQuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=MAX_QUANTITY)


class CheckoutForm(forms.Form):
    """The shipping address and courier. `token` names this copy of the form, so a double submit
    (two taps, a reload after POST) gives back the first order instead of placing a second one."""

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
        help_text=_("Nama jalan, nomor rumah, RT/RW, kelurahan, kecamatan."),
    )
    city = forms.CharField(label=_("Kota/kabupaten"), max_length=80)
    province = forms.ChoiceField(label=_("Provinsi"), choices=[("", "—"), *PROVINCE_CHOICES])
    postal_code = forms.RegexField(
        label=_("Kode pos"),
        regex=r"^[0-9]{5}\Z",
        max_length=5,
        error_messages={"invalid": _("Kode pos 5 digit angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{5}", "autocomplete": "postal-code"}),
    )
    courier = forms.ChoiceField(
        label=_("Kurir"), choices=Courier.choices, initial=Courier.JNE, widget=forms.RadioSelect
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    ADDRESS_FIELDS = ("recipient", "phone", "street", "city", "province", "postal_code")

    def address(self) -> dict:
        return {name: self.cleaned_data[name].strip() for name in self.ADDRESS_FIELDS}


class ShipForm(forms.Form):
    courier = forms.ChoiceField(label=_("Kurir"), choices=Courier.choices)
    tracking_number = forms.CharField(label=_("Nomor resi"), max_length=40)
