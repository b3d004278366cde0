"""PostgreSQL: two payout runs at once pay nothing twice; the ledger refuses edits and unbalanced journals."""

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from payouts.models import Entry, Journal, Payout, PayoutBatch
from payouts.selectors import balance_of
from payouts.services.money import money_release
from payouts.services.payouts import bank_account_save, bank_account_verify, payout_run
from tests.factories import ProductFactory, SellerFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and triggers"),
]

SHOPS = 6
RUNS = 4


def _shop_with_money(buy, staff, n):
    owner = UserFactory()
    shop = SellerFactory(owner=owner)
    bank_account_verify(
        account=bank_account_save(seller=shop, bank="BRI", number=f"00{n}1234567", holder_name=owner.full_name),
        by=staff,
    )
    product = ProductFactory(seller=shop, price=50000 + n * 1000, stock=10)
    money_release(shipment=buy((product, 1)).shipments.get())
    return shop


def test_concurrent_payout_runs_pay_each_shop_exactly_once(buy):
    staff = UserFactory(ministry=True)
    shops = [_shop_with_money(buy, staff, n) for n in range(SHOPS)]
    owed = {shop.pk: balance_of(seller=shop).available for shop in shops}
    barrier = threading.Barrier(RUNS)
    errors = []

    def run():
        try:
            barrier.wait()
            payout_run(trigger=PayoutBatch.Trigger.SCHEDULE, minimum=1)
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    paid = {}
    for seller_id, amount in Payout.objects.values_list("seller_id", "amount"):
        assert seller_id not in paid, "a shop was paid twice"
        paid[seller_id] = amount
    assert paid == owed
    for shop in shops:
        balance = balance_of(seller=shop)
        assert (balance.available, balance.in_transit) == (0, owed[shop.pk])


def test_the_database_refuses_to_edit_or_delete_an_entry(buy):
    product = ProductFactory(seller=SellerFactory(), stock=5)
    buy((product, 1))
    entry = Entry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(amount=entry.amount + 1)
    with pytest.raises(DatabaseError), transaction.atomic():
        Journal.objects.filter(pk=entry.journal_id).delete()
    assert Entry.objects.get(pk=entry.pk).amount == entry.amount


def test_the_database_refuses_a_journal_that_does_not_balance(buy):
    product = ProductFactory(seller=SellerFactory(), stock=5)
    buy((product, 1))
    entry = Entry.objects.select_related("journal").first()
    with pytest.raises(DatabaseError), transaction.atomic():
        journal = Journal.objects.create(kind="sale", seller_id=entry.journal.seller_id)
        Entry.objects.create(journal=journal, account_id=entry.account_id, kind="sale", amount=5, balance_after=0)
    assert not Journal.objects.filter(entries=None).exists()
