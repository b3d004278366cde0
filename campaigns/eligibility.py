"""Which of a shop's products may join a campaign, and why not, shown before the shop submits anything.

The rules are the ones `services.enrolments_create` enforces when the shop submits (it calls the same
`ineligibility`); here they are read ahead so the seller centre offers only what can succeed.
"""

from dataclasses import dataclass

from campaigns.models import Campaign, Enrolment
from campaigns.selectors import open_campaigns_for
from campaigns.services import ineligibility
from sellers.models import Product, Seller
from sellers.selectors import category_descendant_ids


def overlapping_product_ids(*, campaign: Campaign, product_ids: list[int]) -> set[int]:
    """Products already pending or approved in another campaign that runs at the same time."""
    return set(
        Enrolment.objects.filter(
            product_id__in=product_ids,
            status__in=(Enrolment.Status.PENDING, Enrolment.Status.APPROVED),
            campaign__cancelled_at=None,
            campaign__starts_at__lte=campaign.ends_at,
            campaign__ends_at__gte=campaign.starts_at,
        )
        .exclude(campaign=campaign)
        .values_list("product_id", flat=True)
    )


def product_ineligibility(*, campaign: Campaign, products: list[Product]) -> dict[int, str | None]:
    """For each product, why it may not join `campaign` (None when it may). Products need `seller` loaded."""
    category_ids = category_descendant_ids(campaign.categories.values_list("pk", flat=True))
    overlapping = overlapping_product_ids(campaign=campaign, product_ids=[p.pk for p in products])
    rules = {"campaign": campaign, "category_ids": category_ids, "overlapping": overlapping}
    return {product.pk: ineligibility(product=product, **rules) for product in products}


@dataclass
class OpenCampaign:
    campaign: Campaign
    eligible_products: int


def campaigns_open_to_shop(*, seller: Seller) -> list[OpenCampaign]:
    """Campaigns taking enrolments now whose shop rules this verified shop meets, each with how many of
    its active products could join (zero: the shop learns it here, not after submitting)."""
    if seller.status != Seller.Status.VERIFIED:
        return []
    products = list(Product.objects.filter(seller=seller, is_active=True).select_related("seller"))
    result = []
    for campaign in open_campaigns_for(seller=seller):
        reasons = product_ineligibility(campaign=campaign, products=products)
        result.append(OpenCampaign(campaign, sum(1 for why in reasons.values() if why is None)))
    return result
