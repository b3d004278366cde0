"""What orders do to a shop's money: a paid shipment credits it, a refund reverses, receipt releases.

Amounts per shipment:
- gross = what the buyer paid that shop: goods (after discounts) plus its shipping fee;
- commission = per order line, the category's rate on the goods (rounded down), shipping excluded;
- PPh 22 = 0.5% of the goods (rounded down), unless the shop filed its yearly statement of a
  turnover of at most Rp 500 juta for the year of payment; the shipping fee is the courier's, not
  the shop's turnover.
- held = gross - commission - PPh 22.

Vouchers (orders/vouchers.py): a discount the shop funds is the shop's, so it comes off the shop's
amount (a `shop_discount` entry) and commission and PPh 22 are taken on what is left. A discount the
ministry or the platform funds is not the shop's: the shop is credited the amount before it, the
buyer's funds cover what the buyer paid and the funder's account (`ministry_due`, `platform_due`)
what the voucher took off. A refund gives back what the buyer paid; when nothing of it is left, the
funder's part is taken back from the shop too.

A refund of part of a shipment scales commission and PPh 22 down with the gross that is left, from
what was first charged, so any series of refunds ends at exactly zero. Nothing is edited: each step
is a new journal, and a repeat of the same step (same key) does nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Sum

from marketplace.errors import ConflictError, ValidationError
from orders.models import Order, OrderLine, Shipment
from orders.vouchers import Funder
from payouts.ledger import Leg, accounts_of, post
from payouts.models import Account, CommissionRate, Entry, Invoice, Journal, TaxStatement
from payouts.selectors import jakarta_now
from sellers.models import Category

K = Account.Kind
E = Entry.Kind
PPH22_PER_MILLE = 5  # 0.5%
FUNDER_ACCOUNT = {Funder.MINISTRY: K.MINISTRY_DUE, Funder.PLATFORM: K.PLATFORM_DUE}


def commission_rates() -> dict[int, int]:
    """Basis points per category id, a sub-category inheriting its parent's rate."""
    own = dict(CommissionRate.objects.values_list("category_id", "basis_points"))
    default = settings.PAYOUTS_DEFAULT_COMMISSION_BP
    rates = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        rates[pk] = own.get(pk, own.get(parent_id, default))
    return rates


def money_credit_paid_order(*, order: Order) -> None:
    """Credit each shop's held funds for its shipment of a just-paid order (inside the paying transaction)."""
    shipments = list(Shipment.objects.filter(order=order).order_by("seller_id"))
    if not shipments:
        return
    rates = commission_rates()
    commission: dict[int, int] = {}
    for shipment_id, category_id, quantity, unit_price, off, funder in OrderLine.objects.filter(
        order=order
    ).values_list("shipment_id", "category_id", "quantity", "unit_price", "voucher_discount", "voucher_funder"):
        goods = quantity * unit_price - (off if funder == Funder.SHOP else 0)
        commission[shipment_id] = commission.get(shipment_id, 0) + goods * rates[category_id] // 10000
    year = jakarta_now(order.paid_at).year
    exempt = set(
        TaxStatement.objects.filter(seller_id__in=[s.seller_id for s in shipments], year=year).values_list(
            "seller_id", flat=True
        )
    )
    with transaction.atomic():
        accounts = accounts_of(seller_ids=[s.seller_id for s in shipments], lock=True)
        for shipment in shipments:
            before = shipment.subtotal + shipment.shipping_fee
            shop_off, funded = _voucher_split(shipment)
            gross = before - shop_off
            goods = shipment.subtotal - (shipment.voucher_discount if shipment.voucher_funder == Funder.SHOP else 0)
            tax = 0 if shipment.seller_id in exempt else goods * PPH22_PER_MILLE // 1000
            fee = min(commission.get(shipment.pk, 0), gross - tax)
            journal = post(
                seller_id=shipment.seller_id,
                kind=Journal.Kind.SALE,
                key=f"sale:{shipment.pk}",
                accounts=accounts,
                order=order,
                shipment=shipment,
                legs=[
                    Leg(K.BUYER_FUNDS, -shipment.buyer_amount, E.SALE),
                    *[Leg(FUNDER_ACCOUNT[funder], -amount, E.SUBSIDY) for funder, amount in sorted(funded.items())],
                    Leg(K.HELD, before, E.SALE),
                    Leg(K.HELD, -shop_off, E.SHOP_DISCOUNT),
                    Leg(K.HELD, -fee, E.COMMISSION),
                    Leg(K.COMMISSION, fee, E.COMMISSION),
                    Leg(K.HELD, -tax, E.TAX),
                    Leg(K.TAX, tax, E.TAX),
                ],
            )
            if journal is not None:
                _invoice_issue(shipment=shipment, year=year)


def _voucher_split(shipment: Shipment) -> tuple[int, dict[str, int]]:
    """What the shop funds of its shipment's vouchers, and what each other funder does."""
    shop_off, funded = 0, {}
    for amount, funder in (
        (shipment.voucher_discount, shipment.voucher_funder),
        (shipment.shipping_subsidy, shipment.subsidy_funder),
    ):
        if not amount:
            continue
        if funder == Funder.SHOP:
            shop_off += amount
        else:
            funded[funder] = funded.get(funder, 0) + amount
    return shop_off, funded


def _invoice_issue(*, shipment: Shipment, year: int) -> Invoice:
    """The next number of the shop's year; the shop's accounts are locked, so numbers never repeat."""
    last = Invoice.objects.filter(seller_id=shipment.seller_id, year=year).order_by("-sequence").first()
    return Invoice.objects.create(
        shipment=shipment, seller_id=shipment.seller_id, year=year, sequence=(last.sequence + 1) if last else 1
    )


def shipment_position(*, shipment: Shipment) -> dict[str, int]:
    """What the ledger holds for one shipment: first gross, refunded, commission and tax now, released."""
    sums = dict(
        ((account_kind, entry_kind), total)
        for account_kind, entry_kind, total in Entry.objects.filter(journal__shipment=shipment)
        .values_list("account__kind", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {
        "gross": sums.get((K.HELD, E.SALE), 0),
        "refunded": sums.get((K.BUYER_FUNDS, E.REFUND), 0),
        "commission": sums.get((K.COMMISSION, E.COMMISSION), 0),
        "tax": sums.get((K.TAX, E.TAX), 0),
        "released": sums.get((K.AVAILABLE, E.RELEASE), 0),
        "held": sum(v for (a, _), v in sums.items() if a == K.HELD),
        **{kind: -sums.get((kind, E.SUBSIDY), 0) for kind in FUNDER_ACCOUNT.values()},
    }


def _first_charges(shipment: Shipment) -> tuple[int, int, int, dict[str, int]]:
    """What the buyer paid, commission, tax and each funder's part, from the sale journal itself."""
    legs = dict(
        Entry.objects.filter(
            journal__key=f"sale:{shipment.pk}",
            account__kind__in=[K.BUYER_FUNDS, K.COMMISSION, K.TAX, *FUNDER_ACCOUNT.values()],
        ).values_list("account__kind", "amount")
    )
    funded = {kind: -legs[kind] for kind in FUNDER_ACCOUNT.values() if legs.get(kind)}
    return -legs.get(K.BUYER_FUNDS, 0), legs.get(K.COMMISSION, 0), legs.get(K.TAX, 0), funded


def money_refund(
    *, shipment: Shipment, amount: int, key: str | None = None, note: str = "", at_most_left: bool = False
) -> Journal | None:
    """Give `amount` of a shipment back to the buyer: the shop's share, commission and PPh 22 shrink.

    Taken from held funds while the shipment is held, from the available balance once released
    (which may then go below zero: the shop owes it from its next sales). `key` makes a repeat of
    the same refund (a provider's retry) do nothing. More than is left is refused, unless
    `at_most_left` (the payment side already decided what the buyer gets: the ledger follows it).
    """
    if not isinstance(amount, int) or amount <= 0:
        raise ValidationError({"amount": ["Jumlah pengembalian harus bilangan bulat positif (Rupiah)."]})
    return _refund(shipment=shipment, amount=amount, key=key, note=note, at_most_left=at_most_left)


def _refund(*, shipment: Shipment, amount: int, key: str | None, note: str, at_most_left: bool) -> Journal | None:
    with transaction.atomic():
        accounts = accounts_of(seller_ids=[shipment.seller_id], lock=True)
        if key is not None and Journal.objects.filter(key=key).exists():
            return None
        gross, first_fee, first_tax, funded = _first_charges(shipment)
        if not gross and not funded:
            raise ConflictError("Pengiriman ini belum dibayar; tidak ada dana yang bisa dikembalikan.")
        position = shipment_position(shipment=shipment)
        left = gross - position["refunded"]
        due = {kind: position[kind] for kind in funded if position[kind] > 0}
        if at_most_left:
            amount = min(amount, left)
            if amount <= 0 and not (left == 0 and due):
                return None
        if amount > left:
            raise ValidationError(
                {"amount": [f"Paling banyak Rp {left:,} yang masih bisa dikembalikan.".replace(",", ".")]}
            )
        remaining = left - amount
        fee_after = first_fee * remaining // gross if gross else 0
        tax_after = first_tax * remaining // gross if gross else 0
        fee_back, tax_back = position["commission"] - fee_after, position["tax"] - tax_after
        shop = K.AVAILABLE if position["released"] else K.HELD
        # Nothing left of what the buyer paid: what the funders paid comes back off the shop's too.
        subsidy_back = [] if remaining else [leg for kind, owed in sorted(due.items()) for leg in (
            Leg(kind, owed, E.SUBSIDY), Leg(shop, -owed, E.SUBSIDY)
        )]  # fmt: skip
        return post(
            seller_id=shipment.seller_id,
            kind=Journal.Kind.REFUND,
            key=key,
            accounts=accounts,
            order_id=shipment.order_id,
            shipment=shipment,
            note=note[:255],
            legs=[
                Leg(K.BUYER_FUNDS, amount, E.REFUND),
                Leg(shop, -amount, E.REFUND),
                Leg(K.COMMISSION, -fee_back, E.COMMISSION),
                Leg(shop, fee_back, E.COMMISSION),
                Leg(K.TAX, -tax_back, E.TAX),
                Leg(shop, tax_back, E.TAX),
                *subsidy_back,
            ],
        )


def money_refund_remaining(*, shipment: Shipment, key: str, note: str = "") -> Journal | None:
    """Refund all that is left of a shipment (a cancellation after payment)."""
    with transaction.atomic():
        accounts_of(seller_ids=[shipment.seller_id], lock=True)
        gross, _, _, funded = _first_charges(shipment)
        position = shipment_position(shipment=shipment)
        left = gross - position["refunded"]
        if left <= 0 and not any(position[kind] > 0 for kind in funded):
            return None
        # A shipment its funders paid in full (left 0) still gives their part back.
        return _refund(shipment=shipment, amount=max(left, 0), key=key, note=note, at_most_left=True)


def money_release(*, shipment: Shipment, note: str = "") -> Journal | None:
    """Move what is still held for a shipment to the shop's available balance, once."""
    with transaction.atomic():
        accounts = accounts_of(seller_ids=[shipment.seller_id], lock=True)
        held = shipment_position(shipment=shipment)["held"]
        if held <= 0:
            return None
        return post(
            seller_id=shipment.seller_id,
            kind=Journal.Kind.RELEASE,
            key=f"release:{shipment.pk}",
            accounts=accounts,
            order_id=shipment.order_id,
            shipment=shipment,
            note=note,
            legs=[Leg(K.HELD, -held, E.RELEASE), Leg(K.AVAILABLE, held, E.RELEASE)],
        )


def money_release_due(*, now=None) -> int:
    """Release completed shipments whose funds are still held (the beat sweep). Completion releases
    at once (orders/services/completion.py); this catches what it could not, e.g. shipments completed
    before the ledger existed. A shipment only delivered waits: the buyer may still complain."""
    released = Journal.objects.filter(shipment=OuterRef("pk"), kind=Journal.Kind.RELEASE)
    sold = Journal.objects.filter(shipment=OuterRef("pk"), kind=Journal.Kind.SALE)
    shipments = (
        Shipment.objects.filter(status=Shipment.Status.COMPLETED)
        .filter(Exists(sold))
        .exclude(Exists(released))
        .order_by("pk")
    )
    count = 0
    for shipment in shipments.iterator():
        if money_release(shipment=shipment, note="Otomatis setelah pesanan selesai"):
            count += 1
    return count
