"""After-sales races on PostgreSQL: the buyer's confirmation against the completion sweep, a decline
against shipping, the same line reviewed twice at once, a complaint against completion."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from orders.models import Complaint, Payment, PaymentRefund, Review, Shipment
from orders.services import complaints, declines, lifecycle, reviews
from orders.services.completion import shipment_confirm, shipments_complete_due
from payouts.models import Journal
from payouts.selectors import balance_of
from sellers.models import Product
from tests.factories import ProductFactory, SellerFactory, UserFactory
from tests.orders.test_lifecycle_concurrency import place, together

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


@pytest.fixture(autouse=True)
def _test_provider(settings):
    settings.DEBUG = settings.PAYMENT_TEST_PROVIDER_ENABLED = True


def paid_shipment():
    buyer, shop_owner = UserFactory(), UserFactory()
    shop = SellerFactory(owner=shop_owner)
    product = ProductFactory(seller=shop, stock=10, price=50000)
    order = lifecycle.order_mark_paid(order=place(buyer, (product, 2)), method=Payment.Method.TEST)
    return order.shipments.get(), buyer, shop_owner, product


def test_the_buyers_confirmation_racing_the_completion_sweep_releases_the_funds_once():
    for _ in range(5):
        shipment, buyer, owner, _ = paid_shipment()
        lifecycle.shipment_ship(shipment=shipment, actor=owner, courier="jne", tracking_number="J1")
        lifecycle.shipment_deliver(shipment=shipment, actor=None)
        held = balance_of(seller=shipment.seller).held
        later = timezone.now() + timedelta(days=30)

        outcomes, errors = together(
            lambda s=shipment, b=buyer: shipment_confirm(shipment=s, actor=b),
            lambda later=later: shipments_complete_due(now=later),
        )

        assert errors == []
        assert Shipment.objects.get(pk=shipment.pk).status == "completed"
        assert Journal.objects.filter(shipment=shipment, kind="release").count() == 1
        assert balance_of(seller=shipment.seller).available == held


def test_a_decline_racing_the_shipping_of_the_same_parcel_leaves_one_outcome():
    for _ in range(5):
        shipment, _, owner, product = paid_shipment()

        outcomes, errors = together(
            lambda s=shipment, o=owner: declines.shipment_decline(shipment=s, actor=o, reason="Habis"),
            lambda s=shipment, o=owner: lifecycle.shipment_ship(
                shipment=s, actor=o, courier="jne", tracking_number="J"
            ),
        )

        assert errors == []
        assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"]
        status = Shipment.objects.get(pk=shipment.pk).status
        stock = Product.objects.get(pk=product.pk).stock
        refunded = PaymentRefund.objects.filter(shipment=shipment).aggregate(n=Sum("amount"))["n"] or 0
        if status == "cancelled":
            assert (stock, refunded) == (10, shipment.subtotal + shipment.shipping_fee)
        else:
            assert (status, stock, refunded) == ("shipped", 8, 0)


def test_the_same_line_reviewed_twice_at_once_counts_once():
    shipment, buyer, owner, product = paid_shipment()
    lifecycle.shipment_ship(shipment=shipment, actor=owner, courier="jne", tracking_number="J1")
    shipment_confirm(shipment=shipment, actor=buyer)

    outcomes, errors = together(
        *[lambda: reviews.review_create(author=buyer, product=product, rating=5, text="Mantap")] * 4
    )

    assert errors == []
    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused", "refused", "refused"]
    assert Review.objects.count() == 1
    assert Product.objects.get(pk=product.pk).rating_count == 1


def test_a_complaint_racing_the_completion_sweep_either_holds_the_funds_or_comes_too_late():
    for _ in range(5):
        shipment, buyer, owner, _ = paid_shipment()
        lifecycle.shipment_ship(shipment=shipment, actor=owner, courier="jne", tracking_number="J1")
        lifecycle.shipment_deliver(shipment=shipment, actor=None)
        later = timezone.now() + timedelta(days=30)

        outcomes, errors = together(
            lambda s=shipment, b=buyer: complaints.complaint_open(
                shipment=s, buyer=b, reason="damaged", description="Pecah"
            ),
            lambda later=later: shipments_complete_due(now=later),
        )

        assert errors == []
        released = Journal.objects.filter(shipment=shipment, kind="release").exists()
        opened = Complaint.objects.filter(shipment=shipment).exists()
        assert released != opened  # never both: a complaint holds the funds, a completion closes the window
