"""Demo campaigns running now and next: #BanggaBuatanIndonesia (active) and a Ramadan Muslim-fashion
campaign (scheduled), each with enrolled products, made through the same services staff and shops use."""

from datetime import date, datetime, time, timedelta

from campaigns import services
from campaigns.models import Campaign
from marketplace.demo import MINISTRY_EMAIL, DemoContext
from sellers.models import Category, Product, Seller
from sellers.selectors import category_descendant_ids

# First day of Ramadan (Kemenag's calendar, rounded to the expected date) for the next few years.
RAMADAN_STARTS = [date(2027, 2, 8), date(2028, 1, 28), date(2029, 1, 16), date(2030, 1, 5)]


def _at(day: date, hour=0, minute=0, second=0) -> datetime:
    from django.utils import timezone

    return datetime.combine(day, time(hour, minute, second), tzinfo=timezone.get_current_timezone())


def _enrol_each_shop(campaign: Campaign, products, *, by_shop_limit: int, shops_limit: int) -> int:
    """Enrol up to `by_shop_limit` eligible products of up to `shops_limit` shops, as their owners would."""
    by_shop: dict[int, list[Product]] = {}
    for product in products:
        by_shop.setdefault(product.seller_id, []).append(product)
    enrolled = 0
    for items in list(by_shop.values())[:shops_limit]:
        seller = items[0].seller
        owner = seller.members.select_related("user").first()
        product_ids = [product.pk for product in items[:by_shop_limit]]
        # The products were chosen to be eligible: a refusal here is a bug, and seed_demo stops on it.
        services.enrolments_create(
            campaign=campaign, seller=seller, product_ids=product_ids, by=owner.user if owner else None
        )
        enrolled += len(product_ids)
    return enrolled


def seed_current_campaigns(ctx: DemoContext) -> str:
    from marketplace.models import User

    ministry = User.objects.filter(email=MINISTRY_EMAIL).first()
    today = ctx.now.date()
    made = []

    if not Campaign.objects.filter(hashtag__iexact="#BanggaBuatanIndonesia").exists():
        bangga = services.campaign_create(
            by=ministry,
            hashtag="#BanggaBuatanIndonesia",
            name="Bangga Buatan Indonesia",
            description=(
                "Gerakan nasional membeli produk dalam negeri. Produk IKM dengan TKDN minimal 40% "
                "mendapat potongan 10% (maksimal Rp 20.000 per unit) selama kampanye."
            ),
            starts_at=_at(today - timedelta(days=7)),
            ends_at=_at(today + timedelta(days=30), 23, 59, 59),
            discount_percent=10,
            max_discount=20_000,
            min_tkdn=40,
            categories=list(Category.objects.filter(parent=None)),
        )
        eligible = (
            Product.objects.filter(is_active=True, seller__status=Seller.Status.VERIFIED, tkdn_percent__gte=40)
            .select_related("seller")
            .order_by("seller__name", "-tkdn_percent", "pk")
        )
        count = _enrol_each_shop(bangga, eligible, by_shop_limit=3, shops_limit=15)
        made.append(f"{bangga.hashtag} active with {count} products")

    if not Campaign.objects.filter(slug__startswith="ramadan-berkah-ikm").exists():
        start = next(day for day in RAMADAN_STARTS if day > today + timedelta(days=7))
        fashion = Category.objects.get(slug="fesyen-muslim")
        ramadan = services.campaign_create(
            by=ministry,
            hashtag=f"#RamadanBerkahIKM{start.year}",
            name=f"Ramadan Berkah Busana Muslim IKM {start.year}",
            description=(
                "Busana muslim karya IKM Bandung, Tasikmalaya dan daerah lain untuk Ramadan dan Lebaran: "
                "gamis, hijab, baju koko dan mukena dengan potongan 15%."
            ),
            starts_at=_at(start),
            ends_at=_at(start + timedelta(days=29), 23, 59, 59),
            enrol_until=_at(start - timedelta(days=1), 23, 59, 59),
            discount_percent=15,
            max_discount=50_000,
            min_tkdn=40,
            scales=[Seller.Scale.MIKRO, Seller.Scale.KECIL],
            requires_approval=True,
            default_quota=50,
            categories=[fashion],
        )
        ramadan.slug = f"ramadan-berkah-ikm-{start.year}"
        ramadan.save(update_fields=["slug"])
        eligible = (
            Product.objects.filter(
                is_active=True,
                seller__status=Seller.Status.VERIFIED,
                seller__scale__in=ramadan.scales,
                category_id__in=category_descendant_ids([fashion.pk]),
                tkdn_percent__gte=40,
            )
            .select_related("seller")
            .order_by("seller__name", "pk")
        )
        count = _enrol_each_shop(ramadan, eligible, by_shop_limit=2, shops_limit=6)
        made.append(f"{ramadan.hashtag} from {start:%d-%m-%Y}, {count} enrolments awaiting approval")

    return "; ".join(made) or "already there"
