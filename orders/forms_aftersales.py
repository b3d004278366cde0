"""The after-sales forms of the order pages: a complaint, its steps, a review, a shop's decline."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orders.models import Courier
from orders.models_aftersales import Complaint

EVIDENCE_ACCEPT = "image/jpeg,image/png,image/webp,video/mp4,video/webm"


def _evidence():
    return forms.FileField(
        label=_("Foto atau video bukti (opsional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )


class ComplaintForm(forms.Form):
    reason = forms.ChoiceField(label=_("Alasan"), choices=Complaint.Reason.choices)
    description = forms.CharField(
        label=_("Ceritakan masalahnya"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = _evidence()


class ShopAnswerForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Jawaban"),
        choices=[("refund", _("Kembalikan dana")), ("return", _("Minta barang dikirim balik")), ("reject", _("Tolak"))],
        widget=forms.RadioSelect,
    )
    amount = forms.IntegerField(label=_("Jumlah dikembalikan (Rp, kosong: semua)"), min_value=1, required=False)
    text = forms.CharField(
        label=_("Pesan (wajib jika menolak)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = _evidence()


class ReturnForm(forms.Form):
    courier = forms.ChoiceField(label=_("Kurir"), choices=Courier.choices)
    tracking_number = forms.CharField(label=_("Nomor resi pengiriman balik"), max_length=40)


class EscalateForm(forms.Form):
    text = forms.CharField(
        label=_("Mengapa staf perlu memutuskan?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = _evidence()


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            ("refund", _("Kembalikan dana ke pembeli")),
            ("return_received", _("Barang sudah kembali: kembalikan dana")),
            ("reject", _("Tolak komplain")),
        ],
        widget=forms.RadioSelect,
    )
    amount = forms.IntegerField(label=_("Jumlah dikembalikan (Rp, kosong: semua)"), min_value=1, required=False)
    text = forms.CharField(label=_("Alasan keputusan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Nilai"), coerce=int, choices=[(n, "★" * n) for n in range(5, 0, -1)], widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Ulasan"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=200)


class ReviewReplyForm(forms.Form):
    text = forms.CharField(label=_("Balasan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewHideForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=255)
