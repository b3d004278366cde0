"""Giving voucher budget back when an order is cancelled or a shop declines its shipment.

Called inside the order's own cancellation transaction (through the voucher port). The order's
uses are locked, each shop's part given back at most once (it leaves `parts` as it is returned),
and the budgets shrink with conditional arithmetic in one UPDATE per table.
"""

from django.db import transaction
from django.db.models import Case, F, PositiveBigIntegerField, PositiveIntegerField, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.models_vouchers import Voucher, VoucherUse


def uses_release(*, order, seller_ids: set[int] | None = None) -> int:
    """Give back the order's voucher budget (only these shops' part when `seller_ids`); returns Rupiah."""
    with transaction.atomic():
        return _release(order=order, seller_ids=seller_ids)


def _release(*, order, seller_ids) -> int:
    uses = list(
        VoucherUse.objects.select_for_update(of=("self",))
        .select_related("voucher")
        .filter(order_id=order.pk, released_at=None)
        .order_by("pk")
    )
    back_of: dict[int, int] = {}  # voucher id -> Rupiah back
    freed: set[int] = set()  # vouchers whose use ends (a use of the count limit comes back)
    campaign_back: dict[int, int] = {}
    now = timezone.now()
    for use in uses:
        returned = {k: v for k, v in use.parts.items() if seller_ids is None or int(k) in seller_ids}
        amount = sum(returned.values())
        if not amount and seller_ids is not None:
            continue
        use.parts = {k: v for k, v in use.parts.items() if k not in returned}
        use.released_amount += amount
        if not use.parts:
            use.released_at = now
            freed.add(use.voucher_id)
        use.save(update_fields=["parts", "released_amount", "released_at"])
        back_of[use.voucher_id] = back_of.get(use.voucher_id, 0) + amount
        if use.voucher.campaign_id:
            campaign_back[use.voucher.campaign_id] = campaign_back.get(use.voucher.campaign_id, 0) + amount
    if back_of:
        Voucher.objects.filter(pk__in=back_of).update(
            budget_used=Case(
                *[When(pk=pk, then=F("budget_used") - amount) for pk, amount in back_of.items()],
                output_field=PositiveBigIntegerField(),
            ),
            uses=Case(
                *[When(pk=pk, then=F("uses") - 1) for pk in freed],
                default=F("uses"),
                output_field=PositiveIntegerField(),
            ),
        )
    budgeted = set(
        Campaign.objects.filter(pk__in=campaign_back, voucher_budget__isnull=False).values_list("pk", flat=True)
    )
    if budgeted:
        Campaign.objects.filter(pk__in=budgeted).update(
            voucher_budget_used=Case(
                # Greatest: a budget set on the campaign after this use was taken never goes below zero.
                *[
                    When(pk=pk, then=Greatest(F("voucher_budget_used") - campaign_back[pk], Value(0)))
                    for pk in budgeted
                ],
                output_field=PositiveBigIntegerField(),
            )
        )
    return sum(back_of.values())
