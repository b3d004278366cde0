from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingsConfig(AppConfig):
    """Promotional email: blasts, audiences, the crash-safe delivery pipeline, unsubscribe."""

    name = "mailings"
    verbose_name = _("Email promosi")
