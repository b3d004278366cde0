from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    """Reads across every app: the impact report, the programme overview, seller sales dashboards."""

    name = "analytics"
    verbose_name = _("Analitik")
