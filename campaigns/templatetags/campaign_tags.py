"""Campaign pieces for pages of other apps: `sellers` cannot import `campaigns`, its templates load these."""

from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

from campaigns import selectors

register = template.Library()

JAKARTA = ZoneInfo("Asia/Jakarta")


@register.filter
def wib(value) -> str:
    """`20 April 2020 00.00 WIB`: campaign times are always shown in Jakarta time, whatever the viewer's zone."""
    if not value:
        return ""
    return f"{date_format(timezone.localtime(value, JAKARTA), 'j F Y H.i')} WIB"


@register.inclusion_tag("campaigns/_active_campaigns.html")
def active_campaigns(limit: int = 6):
    """The campaigns running now, the soonest to end first (the home page's campaign strip)."""
    campaigns = selectors.active_campaigns()
    return {"campaigns": campaigns[:limit], "more": len(campaigns) > limit}
