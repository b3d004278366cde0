"""Demo sales: five months of orders around #SatuDalamKopi (2020), and recent orders in every status.

The story, as the 2020 news report the product grew from told it: during #SatuDalamKopi (20-26
April 2020) daily sales of coffee rose 57% and of coffee-related products 39%, against about 5%
growth a month before. This step does not store those figures anywhere: it writes plain order rows
(Order, Shipment, OrderLine, Payment, with `paid_at`
in 2020) whose sales follow that shape, rebuilds the sales rollup from them, and prints what the
impact report then measures.

How the rows are shaped (all randomness from `ctx.rng`, so every run writes the same rows):

- every day from 1 January to 31 May 2020 each group (coffee, coffee-related) has a revenue target
  growing 5% per 28-day month, with day-to-day noise that averages out within each 28-day month
  (so the measured growth is the intended one); orders are added until the day's target is met;
- the campaign window's targets are the measured 28-day baseline average times 1.57 (coffee) and
  1.39 (coffee-related); the extra comes from enrolled products at the campaign price, while shops
  that did not enrol stay near their baseline (so the difference in differences shows the effect);
- about 3% more orders were paid and later cancelled (refunds) or never paid: they do not count.

Idempotent: when orders numbered `DEMO-2020…` exist, the history is not generated again.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from analytics.demo_orders import OrderBuilder
from analytics.impact import Periods, campaign_impact, campaign_window, category_descendants
from campaigns.models import Campaign, Enrolment
from campaigns.services import campaign_price, variant_campaign_prices
from marketplace.demo import CUSTOMER_EMAIL, MINISTRY_EMAIL, SELLER_EMAIL, DemoContext, ensure_users
from marketplace.models import MINISTRY_GROUP, User
from marketplace.money import format_rupiah
from marketplace.provinces import PROVINCES
from orders.models import Order, OrderLine, Shipment
from orders.services.ledger import jakarta, rollup_rebuild
from sellers.demo import CUSTOMERS
from sellers.models import Category, Product, ProductVariant, Seller

HISTORY_PREFIX = "DEMO-2020"
RECENT_PREFIX = "DEMO-R"
HASHTAG, SLUG = "#SatuDalamKopi", "satu-dalam-kopi"
FIRST_DAY, LAST_DAY = date(2020, 1, 1), date(2020, 5, 31)
MONTHLY_GROWTH = Decimal("0.05")  # per 28-day month
UPLIFT = {"kopi": Decimal("0.57"), "produk-terkait-kopi": Decimal("0.39")}
START_DAILY_REVENUE = {"kopi": 2_400_000, "produk-terkait-kopi": 1_100_000}
NON_PARTICIPANT_DRIFT = Decimal("1.03")  # shops that did not enrol sell about as before
EXTRA_CUSTOMERS = 48

FIRST_NAMES = ["Ayu", "Bagus", "Citra", "Dimas", "Eka", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lukman"]
LAST_NAMES = ["Wijaya", "Siregar", "Nasution", "Hidayat", "Pratiwi", "Saragih", "Lestari", "Kurniawan"]


def _jkt(day: date, seconds: int) -> datetime:
    return datetime.combine(day, time.min, tzinfo=jakarta()) + timedelta(seconds=seconds)


def _customers(ctx: DemoContext) -> list[User]:
    people = [(email, name) for email, name, _ in CUSTOMERS]
    rng = ctx.rng("sales-customers")
    for n in range(EXTRA_CUSTOMERS):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        people.append((f"pelanggan{n + 1:02d}@pembeli.demo", name))
    users, _ = ensure_users(ctx, people)
    return users


def _campaign(ctx: DemoContext, groups: dict[str, Category]) -> Campaign:
    """#SatuDalamKopi: reused when another step made it (by slug or hashtag), created otherwise."""
    campaign = Campaign.objects.filter(slug=SLUG).first() or Campaign.objects.filter(hashtag__iexact=HASHTAG).first()
    if campaign is None:
        tz = jakarta()
        ministry = User.objects.filter(email=MINISTRY_EMAIL).first()
        campaign = Campaign.objects.create(
            hashtag=HASHTAG,
            slug=SLUG,
            name="Satu Dalam Kopi",
            description=(
                "Kampanye Kemenperin bersama platform digital untuk IKM pengolahan kopi yang kehilangan pasar "
                "kafe dan gerai selama PSBB: kopi dan produk terkait kopi dengan potongan harga 15-20%."
            ),
            starts_at=datetime(2020, 4, 20, 0, 0, tzinfo=tz),
            ends_at=datetime(2020, 4, 26, 23, 59, 59, tzinfo=tz),
            enrol_from=datetime(2020, 4, 1, tzinfo=tz),
            enrol_until=datetime(2020, 4, 19, 23, 59, tzinfo=tz),
            discount_percent=20,
            max_discount=25_000,
            requires_approval=True,
            created_by=ministry,
            created_at=datetime(2020, 4, 1, 9, tzinfo=tz),
        )
        campaign.categories.set(groups.values())
    return campaign


def _month_noise(rng: random.Random, days: list[date], anchor: date) -> dict[date, Decimal]:
    """Day-to-day noise of about +-12% whose mean is exactly 1 within each 28-day month (counted from `anchor`)."""
    blocks: dict[int, list[date]] = {}
    for day in days:
        blocks.setdefault((day - anchor).days // 28, []).append(day)
    noise = {}
    for block in blocks.values():
        raw = [Decimal(str(round(rng.uniform(0.88, 1.12), 3))) for _ in block]
        mean = sum(raw) / len(raw)
        noise.update({day: value / mean for day, value in zip(block, raw, strict=True)})
    return noise


def seed_satu_dalam_kopi(ctx: DemoContext) -> str:
    roots = {c.slug: c for c in Category.objects.filter(slug__in=UPLIFT)}
    campaign = _campaign(ctx, roots)
    if Order.objects.filter(number__startswith=HISTORY_PREFIX).exists():
        return _headline(campaign, note="already generated")

    descendants = category_descendants()
    group_of = {cat: slug for slug, root in roots.items() for cat in descendants[root.pk]}
    products = list(
        Product.objects.filter(category_id__in=group_of, seller__status=Seller.Status.VERIFIED)
        .select_related("seller")
        .order_by("slug")
    )
    if not products:
        return "no coffee products to sell (run the products step first)"
    customers = _customers(ctx)
    rng = ctx.rng("satu-dalam-kopi-history")

    # Who takes part: most e-Smart IKM shops and a few others; every product they sell in the groups.
    sellers = sorted({p.seller for p in products}, key=lambda s: s.slug)
    participants = {s.pk for s in sellers if rng.random() < (0.85 if s.e_smart_ikm else 0.25)}
    existing = set(Enrolment.objects.filter(campaign=campaign).values_list("product_id", flat=True))
    ministry = User.objects.filter(groups__name=MINISTRY_GROUP).order_by("pk").first()
    variants_of = defaultdict(list)
    for variant in ProductVariant.objects.filter(product__in=products, is_active=True):
        variants_of[variant.product_id].append(variant)
    Enrolment.objects.bulk_create(
        Enrolment(
            campaign=campaign,
            product=p,
            seller=p.seller,
            status=Enrolment.Status.APPROVED,
            list_price_at_enrolment=p.price,
            campaign_price=campaign_price(list_price=p.price, campaign=campaign),
            variant_prices=variant_campaign_prices(
                campaign=campaign, product=p, variants=variants_of[p.pk], fixed_price=None
            ),
            decided_by=ministry,
            decided_at=campaign.starts_at - timedelta(days=3),
            created_at=campaign.starts_at - timedelta(days=10),
        )
        for p in products
        if p.seller_id in participants and p.pk not in existing
    )
    enrolled = dict(
        Enrolment.objects.filter(campaign=campaign, status=Enrolment.Status.APPROVED).values_list(
            "product_id", "campaign_price"
        )
    )
    participants |= set(
        Enrolment.objects.filter(campaign=campaign, status=Enrolment.Status.APPROVED).values_list(
            "seller_id", flat=True
        )
    )

    window = campaign_window(campaign)
    periods = Periods.of(window, 28)
    days = [FIRST_DAY + timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    noise = _month_noise(rng, days, periods.months[0].start)
    builder = OrderBuilder(HISTORY_PREFIX)
    provinces = sorted(PROVINCES)
    pools = {
        slug: {
            "all": [p for p in products if group_of[p.category_id] == slug],
            "in": [p for p in products if group_of[p.category_id] == slug and p.pk in enrolled],
            "out": [p for p in products if group_of[p.category_id] == slug and p.pk not in enrolled],
        }
        for slug in UPLIFT
    }

    def fill(day: date, pool: list[Product], target: Decimal, *, campaign_prices: bool) -> tuple[int, int]:
        """Orders on `day` from `pool` until their revenue reaches `target`; returns (revenue, participants')."""
        revenue = mine = 0
        while pool and revenue < target:
            product = rng.choice(pool)
            quantity = rng.choices((1, 2, 3), weights=(70, 22, 8))[0]
            price = enrolled.get(product.pk) if campaign_prices and product.pk in enrolled else None
            value = (price or product.price) * quantity
            if revenue + value / 2 > target and revenue > 0:
                break
            paid_at = _jkt(day, rng.randint(6 * 3600, 23 * 3600 + 3599))
            builder.add(
                buyer=rng.choice(customers),
                province=rng.choice(provinces),
                paid_at=paid_at,
                created_at=paid_at - timedelta(minutes=rng.randint(2, 240)),
                status=Order.Status.DELIVERED,
                items=[(product, quantity, price)],
                campaign=campaign,
                rng=rng,
            )
            revenue += value
            mine += value if product.seller_id in participants else 0
        return revenue, mine

    baseline_sum = {slug: [0, 0] for slug in UPLIFT}  # [all shops, participants] over the 28-day baseline
    window_days = [d for d in days if window.start <= d <= window.end]
    for day in days:
        if day in window_days:
            continue
        months = Decimal((day - FIRST_DAY).days) / 28
        for slug in UPLIFT:
            target = START_DAILY_REVENUE[slug] * (1 + MONTHLY_GROWTH) ** months * noise[day]
            revenue, mine = fill(day, pools[slug]["all"], target, campaign_prices=False)
            if periods.baseline.start <= day <= periods.baseline.end:
                baseline_sum[slug][0] += revenue
                baseline_sum[slug][1] += mine
    for slug in UPLIFT:
        # The window: all shops together reach the baseline average x (1 + uplift); the shops that did
        # not enrol drift about as before, the enrolled ones (at campaign prices) make up the rest.
        base_all, base_in = (Decimal(v) / periods.baseline.days for v in baseline_sum[slug])
        goal_total = base_all * (1 + UPLIFT[slug]) * len(window_days)
        goal_out = (base_all - base_in) * NON_PARTICIPANT_DRIFT
        done = Decimal(0)
        for n, day in enumerate(window_days):
            out_revenue, _ = fill(day, pools[slug]["out"], goal_out * noise[day], campaign_prices=True)
            left = len(window_days) - n
            day_total = (goal_total - done) / left * (1 if left == 1 else noise[day])  # the last day closes the gap
            in_target = day_total - out_revenue
            in_revenue, _ = fill(day, pools[slug]["in"] or pools[slug]["all"], in_target, campaign_prices=True)
            done += out_revenue + in_revenue

    # Orders that do not count: paid then refunded, and never paid.
    for _ in range(len(builder.orders) // 30):
        day = rng.choice(days)
        product = rng.choice(products)
        paid = rng.random() < 0.6
        created = _jkt(day, rng.randint(6 * 3600, 22 * 3600))
        builder.add(
            buyer=rng.choice(customers),
            province=rng.choice(provinces),
            paid_at=created + timedelta(minutes=30) if paid else None,
            created_at=created,
            status=Order.Status.CANCELLED,
            items=[(product, rng.randint(1, 3), None)],
            campaign=campaign,
            rng=rng,
        )
    lines = builder.save()
    _count_sold_units(campaign)
    rollup_rebuild()
    return _headline(campaign, note=f"{len(builder.orders)} orders, {lines} lines")


def _count_sold_units(campaign: Campaign) -> None:
    from django.db.models import Sum

    sold = dict(
        OrderLine.objects.filter(campaign_id=campaign.pk)
        .exclude(order__status=Order.Status.CANCELLED)
        .values_list("product_id")
        .annotate(n=Sum("quantity"))
    )
    enrolments = list(Enrolment.objects.filter(campaign=campaign, product_id__in=sold, quota=None))
    for enrolment in enrolments:
        enrolment.sold_units = sold[enrolment.product_id]
    Enrolment.objects.bulk_update(enrolments, ["sold_units"])


def _fmt(value) -> str:
    return "no baseline" if value is None else f"{value:+.1f}%"


def _headline(campaign: Campaign, *, note: str) -> str:
    report = campaign_impact(campaign=campaign, baseline_days=28)
    by_slug = {row["category"]["slug"]: row for row in report["categories"]}
    parts = [
        f"{campaign.hashtag} {report['window']['start']:%d/%m}-{report['window']['end']:%d/%m/%Y} ({note}):",
        *(f"{slug} {_fmt(row['revenue_uplift_pct'])}" for slug, row in by_slug.items()),
        f"growth before {_fmt(report['pre_campaign_monthly_growth_pct'])}/month",
        f"trend-adjusted {_fmt(report['trend_adjusted_uplift_pct'])}",
        f"DiD {report['difference_in_differences']['did_pct_points']} pts",
        f"GMV at campaign prices {format_rupiah(report['gmv'])}",
    ]
    return " ".join(parts[:1]) + " " + ", ".join(parts[1:])


# ---- recent orders in every status, for the demo customer and the demo seller's shop ----------------


def seed_recent_orders(ctx: DemoContext) -> str:
    """Ninety days of orders for the demo shop so the seller dashboard has a chart, in every status."""
    if Order.objects.filter(number__startswith=RECENT_PREFIX).exists():
        return "already generated"
    shop = Seller.objects.filter(members__user__email=SELLER_EMAIL).order_by("pk").first()
    customer = User.objects.filter(email=CUSTOMER_EMAIL).first()
    if shop is None or customer is None:
        return "no demo shop or customer"
    products = list(Product.objects.filter(seller=shop, is_active=True).order_by("slug"))
    others = list(
        Product.objects.filter(seller__status=Seller.Status.VERIFIED, is_active=True)
        .exclude(seller=shop)
        .order_by("slug")[:40]
    )
    if not products or not others:
        return "no products"
    customers = _customers(ctx)
    rng = ctx.rng("recent-orders")
    campaign = Campaign.objects.filter(slug=SLUG).first() or Campaign(pk=0, hashtag="")
    today = timezone.localtime(ctx.now, jakarta()).date()
    builder = OrderBuilder(RECENT_PREFIX)
    provinces = sorted(PROVINCES)

    def order(day, status, buyer, items, *, paid=True, shipment_statuses=None):
        at = _jkt(day, rng.randint(7 * 3600, 22 * 3600))
        if at > ctx.now:
            at = ctx.now - timedelta(minutes=rng.randint(5, 120))
        builder.add(
            buyer=buyer,
            province=rng.choice(provinces),
            paid_at=at + timedelta(minutes=10) if paid else None,
            created_at=at,
            status=status,
            items=[(p, q, None) for p, q in items],
            campaign=campaign,
            rng=rng,
            shipment_statuses=shipment_statuses,
        )

    for back in range(90, 0, -1):
        day = today - timedelta(days=back)
        for _ in range(rng.choices((0, 1, 2, 3, 4), weights=(15, 30, 30, 15, 10))[0]):
            status = Order.Status.CANCELLED if rng.random() < 0.05 else Order.Status.DELIVERED
            if back <= 4:
                status = rng.choice([Order.Status.PAID, Order.Status.SHIPPED, Order.Status.DELIVERED])
            order(day, status, rng.choice(customers), [(rng.choice(products), rng.randint(1, 3))])
    # The demo customer's own orders, one in every status (a two-shop order is partially shipped).
    S = Order.Status
    order(today - timedelta(days=20), S.DELIVERED, customer, [(products[0], 2)])
    order(today - timedelta(days=3), S.SHIPPED, customer, [(products[-1], 1)])
    order(
        today - timedelta(days=2),
        S.PARTIALLY_SHIPPED,
        customer,
        [(products[0], 1), (others[0], 1)],
        shipment_statuses={0: Shipment.Status.SHIPPED, 1: Shipment.Status.PENDING},
    )
    order(today - timedelta(days=1), S.PAID, customer, [(products[len(products) // 2], 1)])
    order(today - timedelta(days=6), S.CANCELLED, customer, [(others[1], 1)], paid=False)
    order(today, S.AWAITING_PAYMENT, customer, [(products[0], 1), (others[2], 2)], paid=False)
    awaiting = builder.orders[-1][0]
    awaiting.payment_deadline = ctx.now + timedelta(hours=23)
    lines = builder.save()
    rollup_rebuild()
    return f"{len(builder.orders)} orders ({lines} lines) for {shop.name} and {customer.email}, every status"
