from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayoutsConfig(AppConfig):
    """Seller money: the double-entry ledger of shop funds, commission, PPh 22, payouts and invoices."""

    name = "payouts"
    verbose_name = _("Saldo dan pembayaran toko")
