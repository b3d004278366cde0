"""The buyer's cancellation: a reason and an explicit confirmation, because a cancelled order cannot be revived."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

CANCEL_REASONS = [
    ("changed_mind", _("Berubah pikiran")),
    ("wrong_items", _("Salah memilih produk atau jumlah")),
    ("wrong_address", _("Alamat pengiriman salah")),
    ("payment", _("Kesulitan membayar")),
    ("other", _("Alasan lain")),
]


class OrderCancelForm(forms.Form):
    reason = forms.ChoiceField(label=_("Alasan pembatalan"), choices=[("", "—"), *CANCEL_REASONS])
    detail = forms.CharField(label=_("Keterangan"), max_length=200, required=False)
    confirm = forms.BooleanField(
        label=_("Ya, batalkan pesanan ini. Pembatalan tidak bisa diurungkan."),
        error_messages={"required": _("Centang untuk memastikan pesanan ini memang dibatalkan.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cancel-%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == "other" and not (cleaned.get("detail") or "").strip():
            self.add_error("detail", _("Tuliskan alasannya."))
        return cleaned

    def note(self) -> str:
        """The line kept in the order's history and sent to the shops: in Indonesian, whoever cancelled."""
        with translation.override("id"):
            label = str(dict(CANCEL_REASONS)[self.cleaned_data["reason"]])
        detail = " ".join(self.cleaned_data["detail"].split())
        return f"Dibatalkan pembeli: {label}" + (f" ({detail})" if detail else "")
