"""Reads of vouchers: the console's list, budget burn per Jakarta day, and what a shopper may use."""

from datetime import date, timedelta

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.models_vouchers import Voucher, VoucherUse
from orders.services.ledger import jakarta


def voucher_list(*, campaign: Campaign | None = None) -> QuerySet[Voucher]:
    qs = Voucher.objects.select_related("campaign").order_by("-created_at", "-id")
    return qs.filter(campaign=campaign) if campaign is not None else qs


def campaign_voucher_budget(*, campaign: Campaign) -> dict:
    """A campaign's voucher money, read fresh: its own budget if set, else its vouchers' together."""
    totals = campaign.vouchers.aggregate(budget=Sum("budget"), used=Sum("budget_used"))
    if campaign.voucher_budget is not None:
        budget, used = campaign.voucher_budget, campaign.voucher_budget_used
    else:
        budget, used = totals["budget"] or 0, totals["used"] or 0
    return {"budget": budget, "used": used, "left": max(0, budget - used)}


def live_vouchers_of(*, campaign: Campaign, at) -> list[Voucher]:
    """The campaign's vouchers a shopper may use now, for its page."""
    return list(
        campaign.vouchers.filter(paused_at=None, starts_at__lte=at, ends_at__gte=at).order_by("kind", "-value", "pk")
    )


def vouchers_on_offer(*, at) -> list[Voucher]:
    """Every voucher a shopper may use now with budget left, with its categories and shops (three queries)."""
    return list(
        Voucher.objects.filter(paused_at=None, starts_at__lte=at, ends_at__gte=at, budget_used__lt=F("budget"))
        .select_related("campaign")
        .prefetch_related("categories", "sellers")
        .order_by("pk")
    )


def budget_burn(*, vouchers: QuerySet[Voucher], start: date, end: date) -> list[tuple[date, int]]:
    """Rupiah spent per Jakarta day from `start` to `end` (every day present), net of what
    cancellations gave back, by the day of the order."""
    tz = jakarta()
    rows = dict(
        VoucherUse.objects.filter(voucher__in=vouchers)
        .annotate(day=TruncDate("created_at", tzinfo=tz))
        .filter(day__gte=start, day__lte=end)
        .values_list("day")
        .annotate(spent=Sum(F("amount") - F("released_amount")))
        .order_by()
    )
    days = (end - start).days + 1
    return [(start + timedelta(days=i), rows.get(start + timedelta(days=i), 0)) for i in range(max(days, 0))]


def burn_window(voucher_or_campaign) -> tuple[date, date]:
    """From its start to today (or its end, if over), in Jakarta dates; at most 92 days shown."""
    tz = jakarta()
    start = timezone.localtime(voucher_or_campaign.starts_at, tz).date()
    end = min(timezone.localdate(timezone=tz), timezone.localtime(voucher_or_campaign.ends_at, tz).date())
    end = max(end, start)
    return max(start, end - timedelta(days=91)), end
