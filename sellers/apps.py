from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SellersConfig(AppConfig):
    """Shops, their verification by the ministry, categories and the product catalogue."""

    name = "sellers"
    verbose_name = _("Toko dan katalog")
