import pytest

from orders.services import checkout, lifecycle
from payouts.models import BankAccount
from payouts.services.payouts import bank_account_save, bank_account_verify
from tests.factories import ProductFactory
from tests.orders.conftest import ADDRESS


@pytest.fixture
def buy(customer):
    """Place and pay an order through the services: buy((product, qty), ...) -> the paid order."""

    def run(*items, buyer=None, pay=True, vouchers=None):
        order = checkout.order_place(
            buyer=buyer or customer,
            address=checkout.Address(**ADDRESS),
            product_items=[(product.pk, quantity) for product, quantity in items],
            courier="jne",
            vouchers=vouchers,
        )
        if pay:
            order = lifecycle.order_mark_paid(order=order, method="test")
        return order

    return run


@pytest.fixture
def coffee(shop):
    return ProductFactory(seller=shop, name="Kopi Gayo 250 g", price=100000, stock=500)


@pytest.fixture
def toraja(other_shop):
    return ProductFactory(seller=other_shop, name="Kopi Toraja 200 g", price=80000, stock=500)


@pytest.fixture
def verified_bank(shop, ministry) -> BankAccount:
    account = bank_account_save(seller=shop, bank="BCA", number="1234567890", holder_name="Aman Gayo")
    return bank_account_verify(account=account, by=ministry)


@pytest.fixture
def xendit(settings):
    """Payouts through Xendit, a local fake speaking its JSON."""
    from payouts.providers import payout_provider
    from tests.payouts.fake_xendit import FakeXendit

    settings.XENDIT_SECRET_KEY = "xnd_development_test"
    settings.PAYOUTS_PROVIDER = "payouts.xendit.XenditProvider"
    payout_provider.cache_clear()
    with FakeXendit(settings.XENDIT_SECRET_KEY) as fake:
        settings.XENDIT_API_URL = fake.url
        yield fake
    payout_provider.cache_clear()
