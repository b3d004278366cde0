"""What the checkout benchmarks share: the data they load, the bodies the buyers send, the parts a
profile of one checkout is cut into, the requests a retrying client sends again, and the clean-up
of the email tasks the orders queued.

Used by checkout.py (load through gunicorn) and checkout_cost.py (CPU per order in-process); Django
must be set up before `load` runs.
"""

from __future__ import annotations

import hashlib
import json
import random

PLENTIFUL_STOCK = 1_000_000


def load(args) -> dict:
    """Migrate, seed shops and products, set stock, create buyers with tokens. Returns what the client needs.

    Stock lives on variants (a product is a sum of them), so the benchmark picks variants: the demo's
    gamis come in sizes and its coffee in weights, and a body names the variant it buys.
    """
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from marketplace.models import User
    from sellers import demo
    from sellers.models import ProductVariant, Seller
    from sellers.services_variants import products_refresh

    call_command("migrate", verbosity=0, interactive=False)
    ctx = demo.DemoContext()
    for step in demo.STEPS:
        step.run(ctx)

    rng = random.Random(2026)
    on_sale = list(
        ProductVariant.objects.filter(
            is_active=True, product__is_active=True, product__seller__status=Seller.Status.VERIFIED
        )
        .order_by("pk")
        .values_list("pk", "seller_id")
    )
    if len(on_sale) < args.products:
        raise SystemExit(f"seed_demo made {len(on_sale)} variants on sale; --products {args.products} is too many")
    chosen = rng.sample(on_sale, args.products)
    scarce = {pk: rng.randint(2, 4) for pk, _ in rng.sample(chosen, args.scarce)}
    ProductVariant.objects.filter(pk__in=[pk for pk, _ in chosen]).update(stock=PLENTIFUL_STOCK)
    variants = ProductVariant.objects.in_bulk(scarce)
    for pk, stock in scarce.items():
        variants[pk].stock = stock
    ProductVariant.objects.bulk_update(variants.values(), ["stock"])
    products_refresh(ProductVariant.objects.filter(pk__in=[pk for pk, _ in chosen]).values("product_id"))

    unusable = make_password(None)  # no hashing per buyer: they authenticate with tokens
    buyers = User.objects.bulk_create(
        User(email=f"pembeli{i:04d}@bench.test", full_name=f"Pembeli {i}", password=unusable)
        for i in range(args.buyers)
    )
    tokens = Token.objects.bulk_create(Token(key=Token.generate_key(), user=buyer) for buyer in buyers)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    by_shop: dict[int, list[int]] = {}
    for pk, seller_id in chosen:
        if pk not in scarce:
            by_shop.setdefault(seller_id, []).append(pk)
    scarce_shop = {pk: seller_id for pk, seller_id in chosen if pk in scarce}
    return {
        "tokens": [t.key for t in tokens],
        "plentiful_by_shop": by_shop,
        "scarce": scarce,
        "scarce_shop": scarce_shop,
        "shops": len({seller_id for _, seller_id in chosen}),
        "initial_stock": dict(ProductVariant.objects.values_list("pk", "stock")),
    }


def address(i: int) -> dict:
    return {
        "recipient": f"Pembeli {i}",
        "phone": "081234567890",
        "street": f"Jl. Malioboro No. {i % 200 + 1}",
        "city": "Kota Yogyakarta",
        "province": "34",
        "postal_code": "55213",
    }


def make_bodies(data: dict, count: int, *, scarce_share: float, seed: int) -> list[str]:
    """Order bodies: 1-2 shops, 1-3 lines in all, 1-2 units each; `scarce_share` of them take one scarce variant."""
    rng = random.Random(seed)
    shops = sorted(data["plentiful_by_shop"])
    scarce = sorted(data["scarce"])
    bodies = []
    for i in range(count):
        lines: dict[int, int] = {}
        n_lines = rng.randint(1, 3)
        picked_shops = rng.sample(shops, 1 if n_lines == 1 else rng.randint(1, 2))
        if scarce and rng.random() < scarce_share:
            pk = rng.choice(scarce)
            lines[pk] = rng.randint(1, 2)
            picked_shops[0] = data["scarce_shop"][pk]
        while len(lines) < n_lines:
            shop = picked_shops[len(lines) % len(picked_shops)]
            candidates = [pk for pk in data["plentiful_by_shop"].get(shop, []) if pk not in lines]
            if not candidates:  # that shop has nothing more to add: any variant not in the body yet
                candidates = [pk for shop in shops for pk in data["plentiful_by_shop"][shop] if pk not in lines]
            lines[rng.choice(candidates)] = rng.randint(1, 2)
        body = {
            "shipping_address": address(i),
            "lines": [{"variant": pk, "quantity": qty} for pk, qty in lines.items()],
        }
        bodies.append(json.dumps(body, separators=(",", ":")))
    return bodies


# (label, path suffix, function): the parts of a checkout the profile adds up.
PARTS = [
    ("whole request (Django handler)", "django/core/handlers/base.py", "get_response"),
    ("  token authentication", "marketplace/tokens.py", "authenticate_credentials"),
    ("  OrderInput validation", "rest_framework/serializers.py", "is_valid"),
    ("  order_place (the transaction up to COMMIT)", "orders/services/checkout.py", "order_place"),
    (
        "    lock variants and products (SELECT ... FOR UPDATE, with the marks)",
        "orders/services/checkout.py",
        "_lock_variants",
    ),
    ("    pricing backend reserve (enrolments)", "campaigns/pricing.py", "reserve"),
    ("    take stock (two UPDATEs)", "sellers/services_variants.py", "stock_take"),
    ("    shipping rates (the rate provider)", "orders/rates.py", "options"),
    ("    vouchers (the voucher port)", "orders/services/checkout.py", "_apply_vouchers"),
    ("    inserts (order, shipments, lines, payment, event, outbox)", "marketplace/rows.py", "rows_insert"),
    ("    outbox rows and the shops' addresses", "orders/services/order_emails.py", "order_emails"),
    ("  COMMIT and on_commit (Celery publish)", "django/db/transaction.py", "__exit__"),
    ("    Celery publish (one message per order)", "celery/app/task.py", "apply_async"),
    ("  the 201 answer (rendering the rows written)", "orders/api.py", "to_representation"),
    ("  JSON rendering", "rest_framework/renderers.py", "render"),
]


def stored_replays(bodies: list[str], count: int) -> list[tuple[str, str, str]]:
    """(token, key, body) of `count` orders placed with a key, to be sent again by a retrying client.

    A key's body is found by its fingerprint, computed as `OrderListApi.post` computes it."""
    from rest_framework.authtoken.models import Token

    from orders.models import IdempotencyKey

    by_hash = {hashlib.sha256(json.dumps(json.loads(b), sort_keys=True).encode()).hexdigest(): b for b in bodies}
    token_of = dict(Token.objects.values_list("user_id", "key"))
    stored = IdempotencyKey.objects.filter(response_status=201, request_hash__in=by_hash).order_by("pk")
    rows = stored.values_list("user_id", "key", "request_hash")[:count]
    return [(token_of[user_id], key, by_hash[digest]) for user_id, key, digest in rows]


def drop_queued_tasks(args) -> int:
    """The email tasks the orders queued (no Celery worker runs here): remove them from the broker."""
    import redis

    queue = "default"  # settings.CELERY_TASK_DEFAULT_QUEUE
    client = redis.Redis.from_url(args.redis)
    queued = client.llen(queue)
    client.delete(queue)
    return queued
