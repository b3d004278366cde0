"""Demo vouchers on #BanggaBuatanIndonesia: free shipping to eastern Indonesia paid by the ministry
(automatic) and a first-order code, with a campaign-wide voucher budget, made through the services."""

from datetime import timedelta

from campaigns import services_vouchers
from campaigns.models import Campaign, Voucher
from marketplace.demo import MINISTRY_EMAIL, DemoContext

# Maluku, North Maluku, and the six Papua provinces (Kemendagri codes).
EASTERN_PROVINCES = ["81", "82", "91", "92", "93", "94", "95", "96"]


def seed_vouchers(ctx: DemoContext) -> str:
    from marketplace.models import User

    campaign = Campaign.objects.filter(hashtag__iexact="#BanggaBuatanIndonesia").first()
    if campaign is None or Voucher.objects.filter(campaign=campaign).exists():
        return "already there"
    ministry = User.objects.filter(email=MINISTRY_EMAIL).first()
    services_vouchers.campaign_set_voucher_budget(campaign=campaign, budget=50_000_000)
    window = {"starts_at": ctx.now - timedelta(days=7), "ends_at": campaign.ends_at, "campaign": campaign}
    services_vouchers.voucher_create(
        by=ministry, code="", name="Gratis ongkir Indonesia Timur", kind=Voucher.Kind.SHIPPING, value=100,
        max_discount=50_000, min_spend=50_000, budget=30_000_000, funded_by=Voucher.Funder.MINISTRY,
        buyer_provinces=EASTERN_PROVINCES, **window,
    )  # fmt: skip
    services_vouchers.voucher_create(
        by=ministry, code="BANGGA20", name="Rp 20.000 untuk pesanan pertama", kind=Voucher.Kind.AMOUNT,
        value=20_000, min_spend=100_000, budget=20_000_000, funded_by=Voucher.Funder.MINISTRY,
        first_order_only=True, per_buyer_limit=1, **window,
    )  # fmt: skip
    return "2 vouchers on #BanggaBuatanIndonesia, Rp 50 juta budget"
