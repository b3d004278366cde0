from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    """The core: users and roles, settings, the ports, shared web helpers and URL wiring."""

    name = "marketplace"
    verbose_name = _("Pasar IKM")
