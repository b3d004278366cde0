"""Posting to the money ledger: the one place that writes journals and entries.

`post` locks the shop's accounts (one `SELECT ... FOR UPDATE` in id order, so two posts never
deadlock), refuses a repeat of an idempotency key, appends the entries with each account's running
balance, and stores the new balances. A journal whose legs do not sum to zero never reaches the
database; on PostgreSQL a deferred trigger would refuse it anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from payouts.models import Account, Entry, Journal

Kind = Account.Kind


@dataclass(frozen=True)
class Leg:
    account: str  # an Account.Kind
    amount: int
    kind: str  # an Entry.Kind


def accounts_of(*, seller_ids, lock: bool = False) -> dict[tuple[int, str], Account]:
    """Every account of these shops, created on first use; locked in id order when asked."""
    seller_ids = sorted(set(seller_ids))
    qs = Account.objects.filter(seller_id__in=seller_ids)
    if len(qs) < len(seller_ids) * len(Kind.values):
        Account.objects.bulk_create(
            [Account(seller_id=s, kind=k) for s in seller_ids for k in Kind.values], ignore_conflicts=True
        )
    if lock:
        qs = qs.select_for_update().order_by("pk")
    return {(a.seller_id, a.kind): a for a in qs.all()}


def post(
    *, seller_id: int, kind: str, legs: list[Leg], key: str | None = None, accounts=None, **links
) -> Journal | None:
    """Append one balanced journal for a shop. Returns None when `key` was posted before.

    `accounts` are the shop's accounts already locked by the caller (who read balances under the
    lock); `links` are the journal's order, shipment, payout and note.
    """
    legs = [leg for leg in legs if leg.amount]
    if sum(leg.amount for leg in legs) != 0:
        raise ValueError(f"Unbalanced journal {kind}: {legs}")
    if not legs:
        return None
    with transaction.atomic():
        if accounts is None:
            accounts = accounts_of(seller_ids=[seller_id], lock=True)
        if key is not None and Journal.objects.filter(key=key).exists():
            return None
        now = timezone.now()
        journal = Journal.objects.create(kind=kind, key=key, seller_id=seller_id, created_at=now, **links)
        entries, touched = [], {}
        for leg in legs:
            account = accounts[(seller_id, leg.account)]
            account.balance += leg.amount
            touched[account.pk] = account
            entries.append(
                Entry(
                    journal=journal,
                    account=account,
                    kind=leg.kind,
                    amount=leg.amount,
                    balance_after=account.balance,
                    created_at=now,
                )
            )
        Entry.objects.bulk_create(entries)
        for account in sorted(touched.values(), key=lambda a: a.pk):
            Account.objects.filter(pk=account.pk).update(balance=account.balance)
    return journal
