"""Demo step of the payouts app, run by `manage.py seed_demo` after the shops exist: every demo shop
has a bank account in its owner's name, checked by the demo ministry user, so the Saldo page and the
staff payout console have something to pay once the demo orders are delivered."""

from django.utils import timezone

from marketplace.demo import MINISTRY_EMAIL, DemoContext, Step
from marketplace.models import User
from payouts.models import Bank, BankAccount
from sellers.models import SellerMember

BANKS = [Bank.BRI, Bank.BNI, Bank.MANDIRI, Bank.BCA, Bank.BSI, Bank.BPD_SULSELBAR]


def seed_bank_accounts(ctx: DemoContext) -> str:
    staff = User.objects.filter(email=MINISTRY_EMAIL).first()
    have = set(BankAccount.objects.values_list("seller_id", flat=True))
    owners = {
        m.seller_id: m.user
        for m in SellerMember.objects.filter(role=SellerMember.Role.OWNER).select_related("user").order_by("pk")
    }
    rng = ctx.rng("payouts", "bank_accounts")
    made = []
    for index, seller in enumerate(sorted(ctx.sellers.values(), key=lambda s: s.pk)):
        if seller.pk in have or seller.pk not in owners:
            continue
        made.append(
            BankAccount(
                seller=seller,
                bank=BANKS[index % len(BANKS)],
                number="".join(str(rng.randrange(10)) for _ in range(10)),
                holder_name=owners[seller.pk].full_name[:100],
                verified_at=timezone.now() if staff else None,
                verified_by=staff,
            )
        )
    BankAccount.objects.bulk_create(made)
    return f"{len(made)} rekening bank toko"


STEPS = [Step("bank_accounts", seed_bank_accounts)]
