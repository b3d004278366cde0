"""The demo gives each demo shop a checked bank account in its owner's name, once."""

import pytest

from marketplace.demo import MINISTRY_EMAIL, DemoContext
from payouts.demo import seed_bank_accounts
from payouts.models import BankAccount
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_shops_get_a_checked_bank_account_in_the_owners_name_once(shop, seller_user):
    UserFactory(email=MINISTRY_EMAIL, ministry=True)
    ctx = DemoContext(sellers={shop.slug: shop})
    seed_bank_accounts(ctx)
    seed_bank_accounts(ctx)
    account = BankAccount.objects.get()
    assert account.holder_name == seller_user.full_name and account.is_verified
