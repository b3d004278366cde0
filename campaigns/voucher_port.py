"""Vouchers plugged into checkout's voucher port (`VOUCHER_BACKEND`, orders/vouchers.py).

Inside the checkout transaction: read the live vouchers the buyer named and the automatic ones (one
query, two more for their categories and shops when there are any), check each against the order,
pick at most one goods voucher and one shipping voucher, then take their cost from the budgets with
conditional UPDATEs (`budget_used + x <= budget`). An UPDATE that matches no row means the budget (or
the count of uses) ran out: a 409, and the checkout's transaction places nothing. The number of
queries does not grow with the order's lines or shops. When no code was typed and checkout's lock
statement found no automatic voucher live (`mark_live`), no voucher is read at all.
"""

from dataclasses import dataclass

from django.db import IntegrityError, connection
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from campaigns.models_vouchers import Voucher, VoucherUse
from campaigns.voucher_rules import Terms, eligible_lines, goods_discounts, shipping_subsidies
from marketplace.errors import ConflictError, ValidationError
from marketplace.models import User
from marketplace.rows import SqlMark
from orders.models import Order
from orders.vouchers import Applied

UNLIMITED = 10**15

# The automatic half of `live_vouchers` as SQL, for checkout's lock statement (tests hold the two to
# the same answers): the ORM took longer to compile the query than PostgreSQL to answer it.
AUTO_LIVE_SQL = f"""EXISTS (
    SELECT 1 FROM {Voucher._meta.db_table} v
    WHERE v.code = '' AND v.paused_at IS NULL AND v.starts_at <= %s AND v.ends_at >= %s
)"""


@dataclass(frozen=True)
class Choice:
    voucher: Voucher
    amounts: dict[int, int]  # by product id (goods) or seller id (shipping)
    seq: int | None  # the buyer's free place among the per-buyer limit's uses (None: no limit)


@dataclass
class Reserved:
    voucher: Voucher
    amount: int
    parts: dict[int, int]
    seq: int | None


def live_vouchers(*, codes: list[str], at):
    """The vouchers named by `codes` and every automatic one, live at `at`, ready to price."""
    wanted = Q(code="")
    # No code holds a NUL character, and PostgreSQL refuses one in a query with an error: such text
    # the buyer typed is not looked for, so `choose` names it unknown.
    typed = [c.strip().lower() for c in codes if "\x00" not in c]
    if typed:
        wanted |= Q(code_lower__in=typed)
    return (
        Voucher.objects.annotate(code_lower=Lower("code"))
        .filter(wanted, paused_at=None, starts_at__lte=at, ends_at__gte=at)
        .select_related("campaign")
        .prefetch_related("categories", "sellers")
        .order_by("pk")
    )


def budget_left(voucher: Voucher) -> int:
    left = voucher.budget_left
    campaign = voucher.campaign
    if campaign is not None and campaign.voucher_budget is not None:
        left = min(left, campaign.voucher_budget - campaign.voucher_budget_used)
    if voucher.max_uses is not None and voucher.uses >= voucher.max_uses:
        left = 0
    return max(0, left)


def _refusal(voucher: Voucher, *, buyer_province: str, used: dict[int, int], ordered_before: bool) -> str | None:
    if voucher.buyer_provinces and buyer_province not in voucher.buyer_provinces:
        return _("hanya untuk pengiriman ke provinsi tertentu")
    if voucher.first_order_only and ordered_before:
        return _("hanya untuk pesanan pertama")
    if voucher.per_buyer_limit and used.get(voucher.pk, 0) >= voucher.per_buyer_limit:
        return _("batas pemakaian per pembeli sudah tercapai")
    return None


def _saving(terms: Terms, lines, shipments) -> dict[int, int]:
    if terms.voucher.kind == Voucher.Kind.SHIPPING:
        return shipping_subsidies(terms, lines, shipments, budget_left=UNLIMITED)
    return goods_discounts(terms, lines, budget_left=UNLIMITED)


def choose(
    *, buyer, codes, lines, shipments, buyer_province, at, vouchers=None, reserving: bool = False
) -> dict[str, Choice]:
    """The voucher for each slot ("goods", "shipping") and what it takes off, by line or by shop.

    A code the buyer typed wins its slot and must apply (else a 400 saying why); otherwise the
    automatic voucher saving the most (the older on a tie). Two codes for one slot are a 400: the
    stacking rule is one goods voucher and one shipping voucher per order, plus campaign prices.
    """
    vouchers = list(live_vouchers(codes=codes, at=at) if vouchers is None else vouchers)
    typed = {c.strip().lower() for c in codes}
    named = [v for v in vouchers if v.code and v.code.lower() in typed]
    unknown = typed - {v.code.lower() for v in named}
    if unknown:
        message = _("Kode voucher %(code)s tidak dikenal atau tidak berlaku saat ini.")
        raise ValidationError({"voucher": [message % {"code": c.upper()} for c in sorted(unknown)]})
    slots = [v.is_goods for v in named]
    if len(slots) != len(set(slots)):
        raise ValidationError(
            {"voucher": [_("Satu pesanan memakai paling banyak satu voucher diskon dan satu voucher ongkir.")]}
        )
    candidates = named + [v for v in vouchers if not v.code]
    held: dict[int, list[int | None]] = {}  # voucher id -> the seq of each of the buyer's live uses
    limited = [v.pk for v in candidates if v.per_buyer_limit]
    if buyer is not None and limited:
        for voucher_id, seq in VoucherUse.objects.filter(
            voucher_id__in=limited, buyer=buyer, released_at=None
        ).values_list("voucher_id", "seq"):
            held.setdefault(voucher_id, []).append(seq)
    used = {voucher_id: len(seqs) for voucher_id, seqs in held.items()}
    ordered_before = False
    if buyer is not None and any(v.first_order_only for v in candidates):
        if reserving:
            # The buyer's checkouts with a first-order voucher go one at a time: the next one waits for
            # this one's commit and then sees its order (no unique index can say "first order").
            list(User.objects.select_for_update().filter(pk=buyer.pk).values_list("pk", flat=True))
        ordered_before = Order.objects.filter(buyer=buyer).exclude(status=Order.Status.CANCELLED).exists()

    chosen: dict[str, Choice] = {}
    for voucher in named:
        why = _refusal(voucher, buyer_province=buyer_province, used=used, ordered_before=ordered_before)
        terms = Terms.of(voucher)
        amounts = {} if why else _saving(terms, lines, shipments)
        if not amounts:
            why = why or _why_nothing(terms, lines)
            message = _("Voucher %(code)s tidak berlaku untuk pesanan ini: %(why)s.")
            raise ValidationError({"voucher": [message % {"code": voucher.code.upper(), "why": why}]})
        if sum(amounts.values()) > budget_left(voucher):
            raise ConflictError(
                _("Anggaran voucher %(code)s tidak cukup untuk pesanan ini.") % {"code": voucher.code.upper()},
                extra={"voucher": voucher.code},
            )
        chosen[_slot(voucher)] = Choice(voucher, amounts, _free_seq(voucher, held))
    typed_slots = set(chosen)
    for voucher in (v for v in vouchers if not v.code and _slot(v) not in typed_slots):
        if _refusal(voucher, buyer_province=buyer_province, used=used, ordered_before=ordered_before):
            continue
        amounts = _saving(Terms.of(voucher), lines, shipments)
        total = sum(amounts.values())
        if not total or total > budget_left(voucher):
            continue
        best = chosen.get(_slot(voucher))
        if best is None or total > sum(best.amounts.values()):
            chosen[_slot(voucher)] = Choice(voucher, amounts, _free_seq(voucher, held))
    return chosen


def _free_seq(voucher: Voucher, held: dict[int, list[int | None]]) -> int | None:
    """The lowest place 1..limit no live use of the buyer holds. A cancelled order frees its own place,
    which need not be the last (limit 2: cancel the first order, the second keeps 2, the next takes 1).
    The unique (voucher, buyer, seq) index over live uses then holds the limit under concurrent checkouts."""
    if not voucher.per_buyer_limit:
        return None
    taken = set(held.get(voucher.pk, ()))
    return next(seq for seq in range(1, len(taken) + 2) if seq not in taken)


def _slot(voucher: Voucher) -> str:
    return "goods" if voucher.is_goods else "shipping"


def _why_nothing(terms: Terms, lines) -> str:
    """Why a typed voucher whose conditions hold takes nothing off this order."""
    eligible = eligible_lines(terms, lines)
    if not eligible:
        return _("tidak ada produk di pesanan ini yang memenuhi syarat")
    if terms.voucher.min_spend <= sum(line.goods for line in eligible):
        return _("tidak ada ongkos kirim yang bisa disubsidi")
    return _("belanja minimal %(min)s dari produk yang memenuhi syarat") % {
        "min": f"Rp {terms.voucher.min_spend:,}".replace(",", ".")
    }


def _take_budgets(reserved: list[Reserved]) -> None:
    """Conditional UPDATEs: each voucher's, then each campaign's budget; any miss is a 409."""
    for r in reserved:
        v = r.voucher
        room = Q(budget_used__lte=F("budget") - r.amount) & (Q(max_uses=None) | Q(uses__lt=F("max_uses")))
        if not Voucher.objects.filter(room, pk=v.pk).update(
            budget_used=F("budget_used") + r.amount, uses=F("uses") + 1
        ):
            raise ConflictError(
                _("Anggaran voucher %(name)s baru saja habis; pesanan tidak dibuat.")
                % {"name": v.code.upper() or v.name},
                extra={"voucher": v.code or v.name},
            )
    per_campaign: dict[int, int] = {}
    for r in reserved:
        c = r.voucher.campaign
        if c is not None and c.voucher_budget is not None:
            per_campaign[c.pk] = per_campaign.get(c.pk, 0) + r.amount
    for campaign_id, amount in sorted(per_campaign.items()):
        room = Q(voucher_budget_used__lte=F("voucher_budget") - amount)
        if not Campaign.objects.filter(room, pk=campaign_id).update(
            voucher_budget_used=F("voucher_budget_used") + amount
        ):
            raise ConflictError(_("Anggaran voucher kampanye ini sudah habis; pesanan tidak dibuat."))


def _applied(chosen, lines) -> tuple[Applied, list[Reserved]]:
    """What the chosen vouchers take off, as the port tells checkout, and what each takes from its budget."""
    applied, reserved = Applied(), []
    seller_of = {line.line_id: line.seller_id for line in lines}
    for slot, choice in sorted(chosen.items()):
        voucher, amounts = choice.voucher, choice.amounts
        if slot == "goods":
            applied.line_discounts, applied.goods_funder = amounts, voucher.funded_by
            parts: dict[int, int] = {}
            for line_id, off in amounts.items():
                parts[seller_of[line_id]] = parts.get(seller_of[line_id], 0) + off
        else:
            applied.shipping_subsidies, applied.shipping_funder = amounts, voucher.funded_by
            parts = dict(amounts)
        if voucher.code:
            applied.codes.append(voucher.code.upper())
        reserved.append(Reserved(voucher=voucher, amount=sum(amounts.values()), parts=parts, seq=choice.seq))
    return applied, reserved


class CampaignVoucherBackend:
    def mark_live(self, at):
        """Race-safe as the campaign mark is (campaigns/pricing.py): read in the lock statement, inside
        the checkout's transaction, from the rows `live_vouchers` would read a moment later. Pausing
        still takes effect at once: a paused voucher is neither marked nor read."""
        adapt = connection.ops.adapt_datetimefield_value
        return SqlMark("vouchers_live", AUTO_LIVE_SQL, (adapt(at), adapt(at)))

    def reserve(self, *, buyer, codes, lines, shipments, buyer_province, at, auto_live=True) -> Applied:
        if not codes and not auto_live:
            return Applied()
        chosen = choose(
            buyer=buyer,
            codes=codes,
            lines=lines,
            shipments=shipments,
            buyer_province=buyer_province,
            at=at,
            reserving=True,
        )
        applied, reserved = _applied(chosen, lines)
        _take_budgets(reserved)
        applied.token = reserved
        return applied

    def estimate(self, *, buyer, codes, lines, shipments, buyer_province, at) -> Applied:
        chosen = choose(
            buyer=buyer, codes=codes, lines=lines, shipments=shipments, buyer_province=buyer_province, at=at
        )
        return _applied(chosen, lines)[0]

    def record(self, *, order, applied) -> None:
        if not applied.token:
            return
        rows = [
            VoucherUse(
                voucher=r.voucher,
                order=order,
                buyer_id=order.buyer_id,
                seq=r.seq,
                amount=r.amount,
                parts={str(k): v for k, v in r.parts.items()},
                created_at=order.created_at,
            )
            for r in applied.token
        ]
        try:
            VoucherUse.objects.bulk_create(rows)
        except IntegrityError as exc:
            # Another checkout of the same buyer took the same use of a limited voucher a moment ago.
            raise ConflictError(_("Batas pemakaian voucher per pembeli sudah tercapai.")) from exc

    def release(self, *, order, shipments=None) -> None:
        from campaigns.voucher_budget import uses_release

        uses_release(order=order, seller_ids=None if shipments is None else {s.seller_id for s in shipments})
