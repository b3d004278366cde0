from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Ministry campaigns: eligibility, enrolment, campaign prices behind the pricing port."""

    name = "campaigns"
    verbose_name = _("Kampanye")
