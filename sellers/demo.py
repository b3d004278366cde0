"""Demo data of the sellers app for `manage.py seed_demo`: accounts, IKM shops across the
archipelago, and their catalogue. The step machinery is in `marketplace/demo.py`; the tables the
shops and products are drawn from are in `sellers/demo_shops.py`, `sellers/demo_templates.py` (product
templates per kind) and `sellers/demo_coffee.py` (coffee origins).
"""

from __future__ import annotations

import random
from datetime import timedelta
from functools import cache

from django.contrib.auth.models import Group
from django.utils.text import slugify

from marketplace.demo import CUSTOMER_EMAIL, MINISTRY_EMAIL, SELLER_EMAIL, DemoContext, Step, ensure_users
from marketplace.models import MINISTRY_GROUP, MarketingConsent
from marketplace.services import user_set_marketing_consent
from sellers.demo_coffee import COFFEE, coffee_templates
from sellers.demo_photos import seed_photos
from sellers.demo_places import place_demo_shops
from sellers.demo_shops import MENENGAH, PENDING, SHOPS, Shop
from sellers.demo_templates import KINDS, Template, V
from sellers.models import Category, Product, ProductVariant, Seller, SellerMember
from sellers.search import search_index
from sellers.services_variants import products_refresh, variants_fill_missing

OWNER_EMAIL_DOMAIN = "toko.demo"


def _round_price(value: float, step: int = 500) -> int:
    return max(step, int(round(value / step)) * step)


# ---- step: accounts -------------------------------------------------------------------------------

CUSTOMERS = [
    (CUSTOMER_EMAIL, "Rina Marlina", True),
    ("siti.rahmawati@pembeli.demo", "Siti Rahmawati", True),
    ("budi.santoso@pembeli.demo", "Budi Santoso", False),
    ("dewi.anggraini@pembeli.demo", "Dewi Anggraini", True),
    ("rizky.pratama@pembeli.demo", "Rizky Pratama", True),
    ("nur.aisyah@pembeli.demo", "Nur Aisyah", True),
    ("agus.setiawan@pembeli.demo", "Agus Setiawan", False),
    ("putu.wulandari@pembeli.demo", "Putu Ayu Wulandari", True),
    ("yohanes.manek@pembeli.demo", "Yohanes Manek", False),
    ("fitri.handayani@pembeli.demo", "Fitri Handayani", True),
    ("andi.saputra@pembeli.demo", "Andi Saputra", True),
    ("maria.tobing@pembeli.demo", "Maria Lumban Tobing", False),
]


def seed_accounts(ctx: DemoContext) -> str:
    (ministry,), created = ensure_users(ctx, [(MINISTRY_EMAIL, "Staf Ditjen IKMA Kemenperin")])
    group, _ = Group.objects.get_or_create(name=MINISTRY_GROUP)
    ministry.groups.add(group)  # a no-op when already a member

    customers, created_customers = ensure_users(ctx, [(email, name) for email, name, _ in CUSTOMERS])
    created |= created_customers
    for user, (_, _, opted_in) in zip(customers, CUSTOMERS, strict=True):
        if opted_in and user.email in created:
            user_set_marketing_consent(user=user, opted_in=True, source=MarketingConsent.Source.REGISTRATION)

    ctx.logins.append(("ministry", MINISTRY_EMAIL, "verifies shops, runs campaigns"))
    ctx.logins.append(("customer", CUSTOMER_EMAIL, "opted in to promotional email"))
    return f"1 ministry user and {len(customers)} customers ({len(created)} new)"


# ---- step: shops ----------------------------------------------------------------------------------


def seed_shops(ctx: DemoContext) -> str:
    owners, _ = ensure_users(ctx, [(shop.email or f"{shop.slug}@{OWNER_EMAIL_DOMAIN}", shop.owner) for shop in SHOPS])
    ministry = ctx.users[MINISTRY_EMAIL]
    existing = set(Seller.objects.filter(slug__in=[s.slug for s in SHOPS]).values_list("slug", flat=True))
    new = []
    for shop in SHOPS:
        if shop.slug in existing:
            continue
        rng = ctx.rng("shop", shop.slug)
        created_at = ctx.now - timedelta(days=rng.randint(180, 900), minutes=rng.randint(0, 1439))
        if shop.status == PENDING:
            created_at = ctx.now - timedelta(days=rng.randint(1, 10), minutes=rng.randint(0, 1439))
        verified = shop.status == Seller.Status.VERIFIED
        new.append(
            Seller(
                name=shop.name,
                slug=shop.slug,
                description=shop.description,
                nib=f"912{rng.randrange(10**10):010d}",  # OSS numbers are 13 digits
                province=shop.province,
                city=shop.city,
                scale=shop.scale,
                e_smart_ikm=shop.e_smart_ikm,
                status=shop.status,
                rejection_reason=shop.rejection_reason,
                verified_at=created_at + timedelta(days=rng.randint(1, 14)) if verified else None,
                verified_by=ministry if shop.status != PENDING else None,
                created_at=created_at,
            )
        )
    Seller.objects.bulk_create(new)
    sellers = {s.slug: s for s in Seller.objects.filter(slug__in=[s.slug for s in SHOPS])}
    place_demo_shops(sellers.values())
    ctx.sellers.update(sellers)

    members = set(SellerMember.objects.filter(seller__in=sellers.values()).values_list("seller_id", "user_id"))
    SellerMember.objects.bulk_create(
        SellerMember(seller=sellers[shop.slug], user=owner, role=SellerMember.Role.OWNER, created_at=ctx.now)
        for shop, owner in zip(SHOPS, owners, strict=True)
        if (sellers[shop.slug].pk, owner.pk) not in members
    )

    gayo = sellers[SHOPS[0].slug]
    ctx.logins.append(("seller", SELLER_EMAIL, f"owner of {gayo.name} ({gayo.get_status_display().lower()})"))
    ctx.logins.append(("shop owners", f"<shop-slug>@{OWNER_EMAIL_DOMAIN}", "e.g. kopi-toraja-sapan-minanga@toko.demo"))
    provinces = len({s.province for s in SHOPS})
    return f"{len(sellers)} shops in {provinces} provinces ({len(new)} new)"


# ---- step: products -------------------------------------------------------------------------------


@cache
def templates_of(kind: str) -> list[Template]:
    """The templates of one kind of product a shop makes; `kopi:<origin>` is that origin's coffee line."""
    if kind.startswith("kopi:"):
        return coffee_templates(COFFEE[kind.split(":", 1)[1]])
    return KINDS[kind]


def _product_from(template: Template, rng: random.Random, *, shop: Shop) -> dict:
    chosen = {name: rng.choice(values) for name, values in template.slots.items()}
    price, weight = template.price, None
    for value in chosen.values():
        if isinstance(value, V):
            price = value.price or price
            weight = value.weight or weight
    fill = {name: str(value) for name, value in chosen.items()}
    name = " ".join(template.pattern.format(**fill).split())
    if weight is None:
        weight = rng.randrange(template.weight[0], template.weight[1] + 1, 10)
    description = template.description.format(**fill, shop=shop.name, city=shop.city)
    stock = 0 if rng.random() < 0.05 else rng.randint(*template.stock)
    return {
        "name": name,
        "category": template.category,
        "description": f"{description} Produk IKM {shop.name}, {shop.city}.",
        "price": _round_price(rng.randint(*price), 1000 if price[0] >= 100_000 else 500),
        "weight_grams": weight,
        "tkdn_percent": rng.randint(*template.tkdn),
        "stock": stock,
    }


def random_product(shop: Shop, rng: random.Random) -> dict:
    """One product this shop could sell (the benchmark fills a large catalogue with these)."""
    return _product_from(rng.choice(templates_of(rng.choice(shop.kinds))), rng, shop=shop)


def catalogue_of(shop: Shop, ctx: DemoContext) -> list[dict]:
    """A shop's products: its kinds taken in turn, a random template and variant each time, names unique."""
    rng = ctx.rng("products", shop.slug)
    if shop.status == Seller.Status.VERIFIED:
        count = rng.randint(7, 12) + (4 if shop.scale == MENENGAH else 0)
    elif shop.status == PENDING:
        count = rng.randint(3, 5)
    else:
        count = 0
    templates = {kind: templates_of(kind) for kind in shop.kinds}
    products, names = [], set()
    attempts = 0
    while len(products) < count and attempts < count * 30:
        kind = shop.kinds[len(products) % len(shop.kinds)]
        product = _product_from(rng.choice(templates[kind]), rng, shop=shop)
        attempts += 1
        if product["name"] not in names:
            names.add(product["name"])
            products.append(product)
    return products


def seed_products(ctx: DemoContext) -> str:
    categories = {c.slug: c for c in Category.objects.all()}
    planned: list[Product] = []
    slugs: set[str] = set()
    for shop in SHOPS:
        seller = ctx.sellers[shop.slug]
        rng = ctx.rng("product-dates", shop.slug)
        start = seller.verified_at or seller.created_at
        for data in catalogue_of(shop, ctx):
            slug = base = slugify(f"{data['name']} {shop.slug}")[:190]
            n = 1
            while slug in slugs:
                n += 1
                slug = f"{base}-{n}"
            slugs.add(slug)
            age = (ctx.now - start).total_seconds()
            planned.append(
                Product(
                    seller=seller,
                    category=categories[data.pop("category")],
                    slug=slug,
                    created_at=start + timedelta(seconds=rng.uniform(0, age)),
                    **data,
                )
            )
    existing = set(Product.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    new = [p for p in planned if p.slug not in existing]
    Product.objects.bulk_create(new, batch_size=500)
    variants = seed_variants([p.slug for p in new])
    search_index(Product.objects.filter(search_text="").values_list("pk", flat=True))
    ctx.products.update(
        {p.slug: p for p in Product.objects.filter(slug__in=slugs).select_related("seller", "category")}
    )
    leaves = len({p.category_id for p in planned})
    return f"{len(planned)} products in {leaves} categories ({len(new)} new, {variants} variants)"


# Sizes of the clothes that come in sizes, the dearer ones a little dearer; roasted coffee by grind.
SIZES = {"gamis": ("S", "M", "L", "XL"), "baju-koko": ("M", "L", "XL", "XXL")}
LARGE_SIZES = {"XL": 10_000, "XXL": 15_000}
GRINDS = (("biji", 0), ("bubuk", 2_000))


def _options(product: Product) -> list[tuple[str, int, int]]:
    """[(variant name, price, weight)] of a demo product; [] for one without options."""
    slug = product.category.slug if product.category_id else ""
    if slug in SIZES:
        return [(size, product.price + LARGE_SIZES.get(size, 0), product.weight_grams) for size in SIZES[slug]]
    if slug == "kopi-biji-sangrai":
        size = " ".join(product.name.split()[-2:])  # the name ends in its size: "... 250 g", "... 1 kg"
        return [(f"{size} / {grind}", product.price + extra, product.weight_grams) for grind, extra in GRINDS]
    return []


def seed_variants(slugs: list[str]) -> int:
    """The variants of new demo products: sizes for gamis and baju koko, grinds for roasted coffee, and
    one unnamed variant for everything else. The cheapest option keeps the product's planned price and
    the options' stock adds up to its planned stock, so the catalogue reads as planned."""
    products = list(Product.objects.filter(slug__in=slugs).select_related("category"))
    made = []
    for product in products:
        options = _options(product)
        if not options:
            continue
        count = len(options)
        for position, (name, price, weight) in enumerate(options):
            # Shared out so that the options add up to the product's planned stock.
            stock = product.stock // count + (1 if position < product.stock % count else 0)
            made.append(
                ProductVariant(
                    product=product,
                    seller_id=product.seller_id,
                    name=name,
                    sku=f"P{product.pk}-{position + 1}",
                    price=price,
                    stock=stock,
                    weight_grams=weight,
                    position=position,
                )
            )
    ProductVariant.objects.bulk_create(made, batch_size=2000)
    ids = [product.pk for product in products]
    plain = variants_fill_missing(ids)  # before the refresh, which counts no variants as no stock
    products_refresh(ids)
    return len(made) + plain


STEPS = [
    Step("accounts", seed_accounts),
    Step("shops", seed_shops),
    Step("products", seed_products),
    Step("photos", seed_photos),
]
