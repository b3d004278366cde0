import pytest

from orders.models import Payment
from orders.services import checkout, lifecycle
from tests.factories import ProductFactory
from tests.fake_midtrans import midtrans  # noqa: F401  (a fixture: a running fake Midtrans)
from tests.orders.aftersales_fixtures import run_on_commit, two_shop_order  # noqa: F401  (after-sales fixtures)

ADDRESS = {
    "recipient": "Siti Pembeli",
    "phone": "081234567890",
    "street": "Jl. Malioboro No. 1",
    "city": "Yogyakarta",
    "province": "34",
    "postal_code": "55213",
}


@pytest.fixture
def address():
    return dict(ADDRESS)


@pytest.fixture
def place_order(customer):
    """Place an order through the service, as checkout does: place_order((product, qty), ...)."""

    def place(*items, buyer=None, courier="jne"):
        return checkout.order_place(
            buyer=buyer or customer,
            address=checkout.Address(**ADDRESS),
            product_items=[(product.pk, quantity) for product, quantity in items],
            courier=courier,
        )

    return place


@pytest.fixture
def other_product(other_shop):
    return ProductFactory(seller=other_shop, name="Kopi Toraja Sapan 200 g", price=95000, weight_grams=1200)


@pytest.fixture
def order(place_order, product, other_product):
    """An unpaid order of 2 coffee from one shop and 1 from another."""
    return place_order((product, 2), (other_product, 1))


@pytest.fixture
def paid_order(order, customer):
    return lifecycle.order_mark_paid(order=order, method=Payment.Method.TEST, actor=customer)


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def payment_test_provider(settings):
    """The test payment provider switched on, as the pages offer it (it answers only with DEBUG on too)."""
    settings.PAYMENT_TEST_PROVIDER_ENABLED = True


@pytest.fixture
def payment_test_provider_answering(settings):
    settings.DEBUG = settings.PAYMENT_TEST_PROVIDER_ENABLED = True  # the test provider answers only with DEBUG on


@pytest.fixture
def half_price(settings):
    settings.PRICING_BACKEND = "tests.orders.page_helpers.HalfPriceBackend"


@pytest.fixture
def eager_celery(settings):
    """Run tasks in-process. Celery reads its own config object, so set both it and Django's settings."""
    from marketplace.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    was_eager, was_propagating = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = was_eager, was_propagating


@pytest.fixture
def biteship(settings):
    """A local fake Biteship, with checkout pricing through it and tracking parcels with it."""
    from tests.orders.fake_biteship import FakeBiteship

    with FakeBiteship() as fake:
        settings.SHIPPING_RATE_PROVIDER = "orders.biteship.BiteshipRates"
        settings.SHIPPING_TRACKING_PROVIDER = "orders.biteship.track"
        settings.BITESHIP_BASE_URL = fake.url
        settings.BITESHIP_API_KEY = "biteship_test.key"
        settings.BITESHIP_TIMEOUT_SECONDS = 0.3
        yield fake
