"""Bank accounts and payouts: available money leaves in batches through the payout provider.

A payout moves the shop's whole available balance to `in_transit` under the lock of the shop's
accounts, so two runs at once cannot both take it; a unique index also allows one open payout per
shop. The provider is asked after commit, with the payout's own reference as idempotency key; a
paid payout moves `in_transit` to `paid_out`, a failed one back to `available`. Each step is keyed,
so confirming twice changes nothing.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, ValidationError
from marketplace.text import name_errors
from payouts.ledger import Leg, accounts_of, post
from payouts.models import Account, Bank, BankAccount, Entry, Journal, Payout, PayoutBatch
from payouts.providers import STAFF_DECIDE, payout_provider
from sellers.models import Seller

K = Account.Kind
E = Entry.Kind
OPEN = (Payout.Status.PENDING, Payout.Status.SENT)
ACCOUNT_NUMBER = re.compile(r"^[0-9]{6,20}\Z")


def bank_account_save(*, seller: Seller, bank: str, number: str, holder_name: str) -> BankAccount:
    """Register or change where the shop is paid; a change waits for staff to check it again."""
    number = re.sub(r"[\s.-]", "", number or "")
    holder_name = " ".join((holder_name or "").split())
    errors = {}
    if bank not in Bank.values:
        errors["bank"] = ["Pilih bank dari daftar."]
    if not ACCOUNT_NUMBER.match(number):
        errors["number"] = ["Nomor rekening 6 sampai 20 angka."]
    if not 3 <= len(holder_name) <= 100:
        errors["holder_name"] = ["Nama pemilik rekening 3 sampai 100 huruf, seperti di buku tabungan."]
    errors.update(name_errors({"holder_name": holder_name}))  # it goes into the bank file and to Xendit
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        account = BankAccount.objects.select_for_update().filter(seller=seller).first()
        if account and (account.bank, account.number, account.holder_name) == (bank, number, holder_name):
            return account
        account = account or BankAccount(seller=seller)
        account.bank, account.number, account.holder_name = bank, number, holder_name
        account.updated_at, account.verified_at, account.verified_by = timezone.now(), None, None
        account.save()
    return account


def bank_account_verify(*, account: BankAccount, by, seen: tuple[str, str, str] | None = None) -> BankAccount:
    """Staff saw that the holder's name matches the shop's owner: payouts may go there.

    `seen` is the (bank, number, holder name) staff compared (None: those of `account` as the caller
    read it). What is verified is exactly that: a shop's edit since, even one a moment before the
    click, is refused (409) instead of being verified unseen.
    """
    seen = seen or (account.bank, account.number, account.holder_name)
    with transaction.atomic():
        current = BankAccount.objects.select_for_update().get(pk=account.pk)
        if (current.bank, current.number, current.holder_name) != tuple(seen):
            raise ConflictError("Rekening ini diubah toko setelah Anda membukanya; periksa lagi sebelum mencocokkan.")
        current.verified_at, current.verified_by = timezone.now(), by
        current.save(update_fields=["verified_at", "verified_by"])
    return current


def _payable_shops(seller_ids=None):
    verified = BankAccount.objects.filter(seller=OuterRef("pk"), verified_at__isnull=False)
    open_payout = Payout.objects.filter(seller=OuterRef("pk"), status__in=OPEN)
    qs = Seller.objects.filter(Exists(verified)).exclude(Exists(open_payout))
    if seller_ids is not None:
        qs = qs.filter(pk__in=seller_ids)
    return list(qs.order_by("pk").values_list("pk", flat=True))


def payout_run(*, trigger: str, minimum: int, by=None, seller_ids=None) -> PayoutBatch | None:
    """Pay every shop (or those named) whose available balance is at least `minimum`. None: nobody."""
    candidates = _payable_shops(seller_ids)
    if not candidates:
        return None
    with transaction.atomic():
        accounts = accounts_of(seller_ids=candidates, lock=True)
        banks = {
            b.seller_id: b for b in BankAccount.objects.filter(seller_id__in=candidates, verified_at__isnull=False)
        }
        still_open = set(
            Payout.objects.filter(seller_id__in=candidates, status__in=OPEN).values_list("seller_id", flat=True)
        )
        batch = None
        for seller_id in candidates:
            amount = accounts[(seller_id, K.AVAILABLE)].balance
            if amount < max(minimum, 1) or seller_id in still_open or seller_id not in banks:
                continue
            if batch is None:
                batch = PayoutBatch.objects.create(provider=payout_provider().name, trigger=trigger, created_by=by)
            bank = banks[seller_id]
            payout = Payout.objects.create(
                batch=batch,
                seller_id=seller_id,
                amount=amount,
                bank=bank.bank,
                account_number=bank.number,
                holder_name=bank.holder_name,
            )
            post(
                seller_id=seller_id,
                kind=Journal.Kind.PAYOUT,
                key=f"payout:{payout.pk}",
                accounts=accounts,
                payout=payout,
                legs=[Leg(K.AVAILABLE, -amount, E.PAYOUT), Leg(K.IN_TRANSIT, amount, E.PAYOUT)],
            )
        if batch is not None:
            from payouts.tasks import send_payout_batch

            transaction.on_commit(lambda: send_payout_batch.delay(batch.pk))
    return batch


def payout_request(*, seller: Seller, by) -> PayoutBatch:
    """A shop asks for its available money now (at least PAYOUTS_MINIMUM_REQUEST)."""
    bank = BankAccount.objects.filter(seller=seller).first()
    if bank is None or not bank.is_verified:
        raise ConflictError("Rekening bank toko belum terdaftar atau belum diperiksa staf.")
    if Payout.objects.filter(seller=seller, status__in=OPEN).exists():
        raise ConflictError("Masih ada penarikan yang sedang diproses.")
    minimum = settings.PAYOUTS_MINIMUM_REQUEST
    batch = payout_run(trigger=PayoutBatch.Trigger.REQUEST, minimum=minimum, by=by, seller_ids=[seller.pk])
    if batch is None:
        raise ConflictError(f"Saldo tersedia belum mencapai minimum penarikan Rp {minimum:,}.".replace(",", "."))
    return batch


def payout_batch_send(*, batch_id: int) -> None:
    """Hand the batch's pending payouts to the provider; safe to run again (only pending ones go).

    Each payout is locked and read again just before it is sent, and stays locked until its answer
    is recorded: one staff failed meanwhile (its money already back in `available`) is never sent,
    and a staff click during the send waits until the provider's answer is recorded.
    """
    provider = payout_provider()
    pending = Payout.objects.filter(batch_id=batch_id, status=Payout.Status.PENDING)
    for payout_id in list(pending.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            payout = pending.select_for_update(of=("self",)).select_related("batch").filter(pk=payout_id).first()
            if payout is None:
                continue  # failed by staff, or sent by another worker, since the list was read
            answer = provider.send(payout)
            payout_apply(payout_id=payout.pk, status=answer.status, reference=answer.reference, reason=answer.reason)


def payout_apply(*, payout_id: int, status: str, reference: str = "", reason: str = "") -> Payout:
    """Record what the provider (or staff) said. A payout never leaves `paid` or `failed` again."""
    with transaction.atomic():
        payout = Payout.objects.select_for_update().get(pk=payout_id)
        if payout.status in (Payout.Status.PAID, Payout.Status.FAILED) or status == payout.status:
            return payout
        if status == "sent":
            payout.status, payout.provider_reference = Payout.Status.SENT, reference or payout.provider_reference
            payout.save(update_fields=["status", "provider_reference"])
            return payout
        if status not in ("paid", "failed"):
            raise ValidationError({"status": ["Status tidak dikenal."]})
        legs = (
            [Leg(K.IN_TRANSIT, -payout.amount, E.PAYOUT_PAID), Leg(K.PAID_OUT, payout.amount, E.PAYOUT_PAID)]
            if status == "paid"
            else [
                Leg(K.IN_TRANSIT, -payout.amount, E.PAYOUT_RETURNED),
                Leg(K.AVAILABLE, payout.amount, E.PAYOUT_RETURNED),
            ]
        )
        post(
            seller_id=payout.seller_id,
            kind=Journal.Kind.PAYOUT_PAID if status == "paid" else Journal.Kind.PAYOUT_FAILED,
            key=f"payout:{payout.pk}:{status}",
            payout=payout,
            note=reason[:255],
            legs=legs,
        )
        payout.status = status
        payout.provider_reference = reference or payout.provider_reference
        payout.failure_reason, payout.finished_at = reason[:255], timezone.now()
        payout.save(update_fields=["status", "provider_reference", "failure_reason", "finished_at"])
        if not Payout.objects.filter(batch_id=payout.batch_id, status__in=OPEN).exists():
            PayoutBatch.objects.filter(pk=payout.batch_id).update(status=PayoutBatch.Status.DONE)
    return payout


def payout_fail_by_staff(*, payout_id: int, reason: str) -> Payout:
    """Staff record that a transfer failed, and the money goes back to the shop's available balance.

    With the bank file only staff know. With a provider that answers for itself (Xendit), staff may
    fail a payout only before it is handed over: once sent, the provider may still complete it, and a
    payout failed here and completed there would pay the shop twice. Its answer decides."""
    with transaction.atomic():
        payout = Payout.objects.select_for_update().select_related("batch").get(pk=payout_id)
        if payout.batch.provider not in STAFF_DECIDE and payout.status == Payout.Status.SENT:
            raise ConflictError(
                _("Transfer ini sudah dikirim lewat %(provider)s; hasilnya dicatat dari jawaban %(provider)s.")
                % {"provider": payout.batch.provider}
            )
        return payout_apply(payout_id=payout.pk, status="failed", reason=reason)


def payout_batch_confirm(*, batch: PayoutBatch) -> int:
    """Staff confirm the bank carried out the file: every payout still sent is paid. Returns how many.

    Only for the bank file: a provider that answers for itself records its own outcomes (see above)."""
    if batch.provider not in STAFF_DECIDE:
        raise ConflictError(
            _("Transfer lewat %(provider)s dicatat dari jawaban %(provider)s, bukan dikonfirmasi staf.")
            % {"provider": batch.provider}
        )
    sent = list(batch.payouts.filter(status=Payout.Status.SENT).values_list("pk", flat=True))
    for payout_id in sent:
        payout_apply(payout_id=payout_id, status="paid")
    return len(sent)


def payout_refresh(*, payout: Payout) -> Payout:
    """Ask the provider about one payout on its way and record a final answer (a callback's nudge)."""
    if payout.status != Payout.Status.SENT:
        return payout
    answer = payout_provider().check(payout)
    if answer is None or answer.status not in ("paid", "failed"):
        return payout
    return payout_apply(payout_id=payout.pk, status=answer.status, reference=answer.reference, reason=answer.reason)


def payouts_sync(*, now=None) -> int:
    """Ask the provider about payouts still on their way (the beat task). Returns how many finished."""
    provider = payout_provider()
    finished = 0
    for payout in Payout.objects.filter(status=Payout.Status.SENT).exclude(provider_reference=""):
        answer = provider.check(payout)
        if answer is not None and answer.status in ("paid", "failed"):
            payout_apply(payout_id=payout.pk, status=answer.status, reference=answer.reference, reason=answer.reason)
            finished += 1
    return finished
