"""Shared builders for the promotional email tests."""

from django.utils import timezone

from mailings.audiences import Audience
from mailings.models import Blast
from mailings.services import blast_create
from marketplace.models import MarketingConsent
from marketplace.services import user_set_marketing_consent
from orders.services import checkout, lifecycle
from tests.factories import UserFactory
from tests.orders.conftest import ADDRESS


def opted_in_user(**kwargs):
    user = UserFactory(**kwargs)
    user_set_marketing_consent(user=user, opted_in=True, source=MarketingConsent.Source.REGISTRATION)
    return user


def paid_order(buyer, *products, province="34", days_ago=0):
    """A paid order of one unit of each product, shipped to `province`, paid `days_ago` days ago."""
    order = checkout.order_place(
        buyer=buyer,
        address=checkout.Address(**{**ADDRESS, "province": province}),
        product_items=[(product.pk, 1) for product in products],
    )
    order = lifecycle.order_mark_paid(order=order, method="test")
    if days_ago:
        type(order).objects.filter(pk=order.pk).update(paid_at=timezone.now() - timezone.timedelta(days=days_ago))
    return order


def make_blast(campaign, by, *, kind=Blast.AudienceKind.ALL_OPTED_IN, **audience) -> Blast:
    return blast_create(
        campaign=campaign,
        by=by,
        subject="Ngopi bareng #SatuDalamKopi",
        body="Diskon **20%** untuk kopi Gayo.\n\n[Lihat produk](/katalog/)",
        audience=Audience(kind=kind, **audience),
    )


def form_data(**overrides):
    data = {
        "subject": "Ngopi bareng #SatuDalamKopi",
        "body": "Diskon **20%** untuk kopi Gayo.\n\n[Lihat produk](/katalog/)",
        "audience_kind": "all_opted_in",
        "category": "",
        "days": "90",
        "province": "",
        "scheduled_at": "",
        "action": "draft",
    }
    data.update(overrides)
    return data
