"""Who a promotional email goes to: reads only.

Every audience starts from the same base, active users who opted in to marketing. Unsubscribing
sets `marketing_opt_in` to False (with a consent row), so an unsubscribed customer is in no audience.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from mailings.models import Blast
from marketplace.models import User
from orders.models import Order
from sellers.selectors import category_descendant_ids


@dataclass(frozen=True)
class Audience:
    kind: str
    category_id: int | None = None
    province: str | None = None
    days: int = 90

    @classmethod
    def of(cls, blast: Blast) -> "Audience":
        return cls(
            kind=blast.audience_kind,
            category_id=blast.audience_category_id,
            province=blast.audience_province,
            days=blast.audience_days,
        )


def opted_in_users() -> QuerySet[User]:
    return User.objects.filter(marketing_opt_in=True, is_active=True)


def audience_users(audience: Audience, *, now=None) -> QuerySet[User]:
    """The users an audience reaches now (a query: evaluate, count or slice it)."""
    users = opted_in_users()
    if audience.kind == Blast.AudienceKind.ALL_OPTED_IN:
        return users
    if audience.kind == Blast.AudienceKind.BOUGHT_CATEGORY:
        since = (now or timezone.now()) - timedelta(days=audience.days)
        buyers = (
            Order.objects.filter(
                paid_at__isnull=False,
                paid_at__gte=since,
                lines__category_id__in=category_descendant_ids([audience.category_id]),
            )
            .exclude(status=Order.Status.CANCELLED)
            .values("buyer_id")
        )
        return users.filter(pk__in=buyers)
    if audience.kind == Blast.AudienceKind.PROVINCE:
        # An order's shipping address is the only address we keep, so it says where a customer lives.
        return users.filter(pk__in=Order.objects.filter(province=audience.province).values("buyer_id"))
    raise ValueError(f"Unknown audience kind {audience.kind!r}")


def audience_count(audience: Audience) -> int:
    return audience_users(audience).count()


def blast_audience(blast: Blast) -> QuerySet[User]:
    return audience_users(Audience.of(blast))
