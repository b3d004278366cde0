"""The seller Saldo page over a shop with 100,000 ledger entries, beside the raw sum over the entries.

    .venv/bin/python benchmarks/balance.py              # the run recorded in docs/benchmarks.md
    .venv/bin/python benchmarks/balance.py --help       # entries, runs, --keep-db

What it does, in order:

1. drops and creates its own PostgreSQL database (`bench_balance`), migrates it, creates one shop with
   an owner, one paid order through the services (so the journals have a real order to show);
2. appends `--entries` entries in SQL (sale journals of four legs each: buyer funds, held, held less
   commission, commission) with their running balances, sets the account balances to match; ANALYZE;
3. times, `--runs` times each (median, min, max), with production settings (DEBUG off): the whole
   Saldo page through Django's test client (session login, view, template), the seller centre's
   front page as a baseline of any logged-in page on the same machine at the same moment, the
   balance API, the balance selector alone (seven account
   rows), and the same figures as a raw `SUM` over every entry of the shop;
4. drops the database (`--keep-db` keeps it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    parser.add_argument("--db-name", default="bench_balance")
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


def recreate_database(args, *, create: bool = True) -> None:
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{args.db_name}"')


GROSS, FEE = 100_000, 2_500

LOAD_SQL = """
WITH j AS (
    INSERT INTO payouts_journal (kind, seller_id, order_id, shipment_id, note, created_at)
    SELECT 'sale', %(seller)s, %(order)s, %(shipment)s, 'bench', now() - (%(journals)s - g) * interval '1 minute'
    FROM generate_series(1, %(journals)s) AS g
    RETURNING id, created_at
), n AS (
    SELECT id, created_at, row_number() OVER (ORDER BY id) AS g FROM j
)
INSERT INTO payouts_entry (journal_id, account_id, kind, amount, balance_after, created_at)
SELECT n.id, leg.account, leg.kind, leg.amount, leg.after, n.created_at
FROM n CROSS JOIN LATERAL (VALUES
    (1, %(buyer_funds)s, 'sale', -%(gross)s, -n.g * %(gross)s),
    (2, %(held)s, 'sale', %(gross)s, n.g * %(gross)s - (n.g - 1) * %(fee)s),
    (3, %(held)s, 'commission', -%(fee)s, n.g * (%(gross)s - %(fee)s)),
    (4, %(commission)s, 'commission', %(fee)s, n.g * %(fee)s)
) AS leg (position, account, kind, amount, after)
ORDER BY n.id, leg.position
"""


def load(args):
    from django.db import connection

    from marketplace.models import User
    from orders.models import Order
    from orders.services import checkout, lifecycle
    from payouts.ledger import accounts_of
    from payouts.models import Account, Entry
    from sellers.models import Category, Product, Seller, SellerMember
    from tests.factories import PASSWORD

    owner = User.objects.create_user(email="pemilik@bench.id", password=PASSWORD, full_name="Pemilik Bench")
    buyer = User.objects.create_user(email="pembeli@bench.id", password=PASSWORD, full_name="Pembeli Bench")
    shop = Seller.objects.create(
        name="Kopi Bench", slug="kopi-bench", nib="9120000000001", province="73", city="Tana Toraja",
        scale="mikro", status="verified",
    )  # fmt: skip
    SellerMember.objects.create(seller=shop, user=owner)
    product = Product.objects.create(
        seller=shop, category=Category.objects.get(slug="kopi-biji-sangrai"), name="Kopi Toraja", slug="kopi-toraja",
        price=GROSS, stock=10, weight_grams=250,
    )  # fmt: skip
    address = checkout.Address(
        recipient="Pembeli", phone="081234567890", street="Jl. Bench 1", city="Makassar", province="73",
        postal_code="90111",
    )  # fmt: skip
    order = lifecycle.order_mark_paid(
        order=checkout.order_place(buyer=buyer, address=address, product_items=[(product.pk, 1)]), method="test"
    )
    accounts = accounts_of(seller_ids=[shop.pk])
    journals = max(0, (args.entries - Entry.objects.count()) // 4)
    params = {
        "seller": shop.pk,
        "order": order.pk,
        "shipment": order.shipments.get().pk,
        "journals": journals,
        "gross": GROSS,
        "fee": FEE,
        **{kind: accounts[(shop.pk, kind)].pk for kind in ("buyer_funds", "held", "commission")},
    }
    with connection.cursor() as cursor:
        cursor.execute(LOAD_SQL, params)
        cursor.execute(
            "UPDATE payouts_account a SET balance = s.total FROM "
            "(SELECT account_id, sum(amount) AS total FROM payouts_entry GROUP BY account_id) s "
            "WHERE s.account_id = a.id"
        )
        cursor.execute("ANALYZE")
    assert Order.objects.count() == 1
    return shop, owner, Entry.objects.filter(account__seller=shop).count(), Account.objects.filter(seller=shop)


def timed(fn, runs: int) -> tuple[float, float, float, float]:
    """Median, min and max wall time, and the median CPU time this process spent (ms).

    On a shared machine the wall time waits for other processes; the CPU time does not.
    """
    fn()  # warm: plans, caches, connection
    samples, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(samples), min(samples), max(samples), statistics.median(cpu)


def main() -> None:
    args = parse_args()
    os.environ["DATABASE_URL"] = f"{args.pg}/{args.db_name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    # Production settings, as a deployment renders pages (no DEBUG query log, no test instrumentation).
    os.environ.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-" + "x" * 50,
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "PYTHONWARNINGS": "ignore:No directory at",
        }
    )
    recreate_database(args)
    import django

    django.setup()
    from django.conf import settings

    # No collectstatic in a benchmark: plain static URLs instead of the manifest production uses.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command
    from django.test import Client

    from payouts.selectors import balance_by_summing_entries, balance_of

    try:
        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        shop, owner, entries, accounts = load(args)
        print(f"loaded {entries:,} entries of one shop in {time.perf_counter() - started:.1f} s")
        page_client, api_client = Client(), Client()
        page_client.force_login(owner)
        api_client.force_login(owner)
        page, api = f"/penjual/{shop.pk}/saldo/", f"/api/v1/sellers/{shop.pk}/balance/"
        assert page_client.get(page).status_code == 200
        rows = [
            ("baseline: seller centre page", lambda: page_client.get("/penjual/")),
            ("Saldo page (view + template)", lambda: page_client.get(page)),
            ("GET balance API", lambda: api_client.get(api)),
            ("balance_of (account rows)", lambda: balance_of(seller=shop)),
            ("raw SUM over the entries", lambda: balance_by_summing_entries(seller=shop)),
        ]
        assert dict(accounts.values_list("kind", "balance")) == {
            **dict(accounts.values_list("kind", "balance")),
            **balance_by_summing_entries(seller=shop),
        }
        print(f"| what | median ms | min ms | max ms | app CPU ms |  ({args.runs} runs, {entries:,} entries)")
        print("| --- | ---: | ---: | ---: | ---: |")
        for label, fn in rows:
            median, low, high, cpu = timed(fn, args.runs)
            print(f"| {label} | {median:.1f} | {low:.1f} | {high:.1f} | {cpu:.1f} |")
        print(f"load average after the runs: {os.getloadavg()}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            recreate_database(args, create=False)


if __name__ == "__main__":
    main()
