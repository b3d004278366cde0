"""Forms of the money pages. They check shape only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from payouts.models import Bank


class BankAccountForm(forms.Form):
    bank = forms.ChoiceField(label=_("Bank"), choices=Bank.choices)
    number = forms.CharField(
        label=_("Nomor rekening"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    holder_name = forms.CharField(
        label=_("Nama pemilik rekening"),
        max_length=100,
        help_text=_("Persis seperti di buku tabungan. Staf mencocokkannya dengan nama pemilik toko."),
    )


class TaxStatementForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    file = forms.FileField(
        label=_("Surat pernyataan omzet paling banyak Rp 500 juta"),
        help_text=_("PDF, JPEG, atau PNG, paling besar 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class PayoutFailForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=255)
