from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    """Cart, checkout split per shop, payment, fulfilment, order email and the sales ledger."""

    name = "orders"
    verbose_name = _("Pesanan")
