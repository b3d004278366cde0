import pytest

from orders.services import checkout
from tests.factories import ProductFactory

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
            items=[(product.pk, quantity) for product, quantity in items],
            courier=courier,
        )

    return place


@pytest.fixture
def other_product(other_shop):
    return ProductFactory(seller=other_shop, name="Kopi Toraja Sapan 200 g", price=95000, weight_grams=1200)
