"""The ministry console hub: one page that leads to every ministry page, with what needs attention.

It reads across shops, campaigns and blasts, so it lives at the top of the stack.
"""

from django.shortcuts import render

from campaigns import selectors as campaign_selectors
from mailings import selectors as blast_selectors
from marketplace.web import ministry_required
from sellers.models import Seller
from sellers.selectors import seller_list_for_ministry

HUB_CAMPAIGNS = 20


@ministry_required
def ministry_home(request):
    campaigns = list(campaign_selectors.campaign_console_list()[:HUB_CAMPAIGNS])
    blast_counts = blast_selectors.blast_counts_by_campaign(campaign_ids=[c.pk for c in campaigns])
    for campaign in campaigns:
        campaign.blast_count = blast_counts.get(campaign.pk, 0)
    context = {
        "pending_shops": seller_list_for_ministry(status=Seller.Status.PENDING).count(),
        "campaigns": campaigns,
        "more_campaigns": len(campaigns) == HUB_CAMPAIGNS,
    }
    return render(request, "analytics/ministry_home.html", context)
