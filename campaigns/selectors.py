"""Reads on campaigns and enrolments."""

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from campaigns.models import Campaign, Enrolment, Voucher, whole_second
from marketplace.pricing import CampaignRef, Quote, quote
from sellers.models import Product, Seller
from sellers.photos import PHOTOS


def status_q(status: str, now) -> Q:
    """The clock-driven status as a database filter (it is not stored)."""
    live = Q(is_draft=False, cancelled_at=None)
    second = whole_second(now)
    return {
        Campaign.Status.DRAFT: Q(is_draft=True, cancelled_at=None),
        Campaign.Status.SCHEDULED: live & Q(starts_at__gt=now),
        Campaign.Status.ACTIVE: live & Q(starts_at__lte=now, ends_at__gte=second),
        Campaign.Status.ENDED: live & Q(ends_at__lt=second),
        Campaign.Status.CANCELLED: ~Q(cancelled_at=None),
    }[status]


def campaign_list(*, user, statuses: list[str] | None = None) -> QuerySet[Campaign]:
    now = timezone.now()
    ministry = getattr(user, "is_ministry", False)
    if not statuses:
        statuses = list(Campaign.Status.values) if ministry else ["scheduled", "active", "ended"]
    if not ministry:
        statuses = [s for s in statuses if s not in (Campaign.Status.DRAFT, Campaign.Status.CANCELLED)]
    match = Q(pk__in=[])
    for status in statuses:
        match |= status_q(status, now)
    return Campaign.objects.filter(match).prefetch_related("categories").order_by("-starts_at", "id")


def campaign_visible(*, user, slug: str) -> Campaign | None:
    campaign = Campaign.objects.prefetch_related("categories").filter(slug=slug).first()
    if campaign is None:
        return None
    if campaign.status in (Campaign.Status.DRAFT, Campaign.Status.CANCELLED) and not getattr(
        user, "is_ministry", False
    ):
        return None
    return campaign


def active_campaigns(*, now=None) -> list[Campaign]:
    return list(Campaign.objects.filter(status_q(Campaign.Status.ACTIVE, now or timezone.now())).order_by("ends_at"))


def campaign_products(*, campaign: Campaign) -> QuerySet[Product]:
    return (
        Product.objects.filter(
            enrolments__campaign=campaign,
            enrolments__status=Enrolment.Status.APPROVED,
            is_active=True,
            seller__status=Seller.Status.VERIFIED,
        )
        .select_related("seller", "category")
        .prefetch_related(PHOTOS)
        .order_by("-tkdn_percent", "name", "id")
    )


def enrolments_for(*, campaign: Campaign, user) -> QuerySet[Enrolment]:
    """The ministry reviews all; a shop member sees their shops' enrolments."""
    qs = campaign.enrolments.select_related("product", "seller").order_by("status", "id")
    if getattr(user, "is_ministry", False):
        return qs
    return qs.filter(seller__members__user=user)


def open_campaigns_for(*, seller: Seller, now=None) -> list[Campaign]:
    """Campaigns whose enrolment is open now and whose shop rules this shop meets."""
    now = now or timezone.now()
    candidates = Campaign.objects.filter(
        Q(status_q(Campaign.Status.SCHEDULED, now) | status_q(Campaign.Status.ACTIVE, now))
    ).prefetch_related("categories")
    result = []
    for campaign in candidates:
        if not campaign.enrolment_open_at(now):
            continue
        if campaign.provinces and seller.province not in campaign.provinces:
            continue
        if campaign.scales and seller.scale not in campaign.scales:
            continue
        if campaign.e_smart_ikm_only and not seller.e_smart_ikm:
            continue
        result.append(campaign)
    return result


# ---- the campaign pages ----------------------------------------------------------------------------


def campaign_console_list(*, status: str | None = None) -> QuerySet[Campaign]:
    """Every campaign for the ministry's console, newest first, with how many enrolments wait for a decision."""
    qs = Campaign.objects.all()
    if status:
        qs = qs.filter(status_q(status, timezone.now()))
    return qs.annotate(
        enrolment_count=Count("enrolments"),
        pending_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.PENDING)),
        **voucher_money_annotations(),
    ).order_by("-starts_at", "id")


def voucher_money_annotations() -> dict:
    """A campaign's voucher budget, used and left: its own budget if set, else its vouchers' together
    (subqueries, so they never multiply with the enrolments joined beside them)."""

    def total(field):
        rows = Voucher.objects.filter(campaign=OuterRef("pk")).values("campaign").annotate(t=Sum(field)).values("t")
        return Coalesce(Subquery(rows, output_field=BigIntegerField()), Value(0))

    budget = Case(When(voucher_budget__isnull=False, then=F("voucher_budget")), default=total("budget"))
    used = Case(When(voucher_budget__isnull=False, then=F("voucher_budget_used")), default=total("budget_used"))
    return {
        "voucher_money_budget": ExpressionWrapper(budget, output_field=BigIntegerField()),
        "voucher_money_used": ExpressionWrapper(used, output_field=BigIntegerField()),
        "voucher_money_left": ExpressionWrapper(budget - used, output_field=BigIntegerField()),
    }


def campaign_products_priced(*, campaign: Campaign, products, buyer) -> list[Product]:
    """A page of a campaign's products, each with `product.quote`.

    While the campaign runs or after it, the quote is what a buyer pays now (the pricing backend: quota,
    buyer limits and all). Before it starts, it is the campaign price the product was enrolled at, so
    the page can announce what is coming.
    """
    products = list(products)
    now = timezone.now()
    if campaign.status_at(now) in (Campaign.Status.ACTIVE, Campaign.Status.ENDED):
        buyer = buyer if buyer is not None and buyer.is_authenticated else None
        quotes = quote(products, now, buyer=buyer)
        for product in products:
            product.quote = quotes[product.pk]
        return products
    enrolled = {
        product_id: (campaign_price, list_price)
        for product_id, campaign_price, list_price in campaign.enrolments.filter(
            product__in=products, status=Enrolment.Status.APPROVED
        ).values_list("product_id", "campaign_price", "list_price_at_enrolment")
    }
    ref = CampaignRef(id=campaign.pk, slug=campaign.slug, hashtag=campaign.hashtag)
    for product in products:
        campaign_price, list_price = enrolled.get(product.pk, (product.price, product.price))
        # As the pricing backend does: the "before" price is the list price as at enrolment.
        list_price = min(list_price, product.price)
        price = min(campaign_price, product.price)
        if price < list_price:
            product.quote = Quote(unit_price=price, list_price=list_price, campaign=ref)
        else:
            product.quote = Quote(unit_price=product.price, list_price=product.price)
    return products


def enrolment_list_of_seller(*, seller: Seller) -> QuerySet[Enrolment]:
    """A shop's enrolments in every campaign, newest first."""
    return seller.enrolments.select_related("campaign", "product").order_by("-created_at", "-id")


def enrolled_product_ids(*, campaign: Campaign, seller: Seller) -> dict[int, Enrolment]:
    """The shop's products already in this campaign, with their enrolment."""
    return {e.product_id: e for e in campaign.enrolments.filter(seller=seller).select_related("product")}
