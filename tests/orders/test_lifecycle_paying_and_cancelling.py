"""An order's life before it ships: paying with the test provider, the buyer cancelling, and unpaid
orders expiring at the payment deadline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.models import Order, OrderEvent, Payment, Shipment
from orders.services import lifecycle
from tests.orders.aftersales_fixtures import shipment_of
from tests.orders.lifecycle_helpers import ship, stock

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_test_provider_answering")]


# ---- paying with the test provider --------------------------------------------------------------


def test_the_buyer_pays_with_the_test_provider(api, customer, order):
    response = api.as_user(customer).post(f"/api/v1/orders/{order.number}/pay/")

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "paid"
    assert response.json()["payment"]["status"] == "paid"
    assert response.json()["payment"]["method"] == "test"
    event = OrderEvent.objects.get(order=order, to_status="paid")
    assert (event.actor, event.from_status) == (customer, "awaiting_payment")


def test_the_test_provider_is_refused_where_it_is_disabled(api, customer, order, settings):
    settings.PAYMENT_TEST_PROVIDER_ENABLED = False

    response = api.as_user(customer).post(f"/api/v1/orders/{order.number}/pay/")

    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == "awaiting_payment"
    assert Payment.objects.get(order=order).status == "pending"


def test_paying_twice_is_harmless(api, customer, order):
    api.as_user(customer).post(f"/api/v1/orders/{order.number}/pay/")
    response = api.as_user(customer).post(f"/api/v1/orders/{order.number}/pay/")

    assert response.status_code == 200
    assert response.json()["status"] == "paid"
    assert OrderEvent.objects.filter(order=order, to_status="paid").count() == 1


def test_a_cancelled_order_cannot_be_paid(api, customer, order):
    api.as_user(customer).post(f"/api/v1/orders/{order.number}/cancel/")

    response = api.as_user(customer).post(f"/api/v1/orders/{order.number}/pay/")

    assert response.status_code == 409
    assert Order.objects.get(pk=order.pk).status == "cancelled"


def test_paying_an_unknown_order_is_a_404(api, customer):
    assert api.as_user(customer).post("/api/v1/orders/INV-20260101-999999/pay/").status_code == 404


@pytest.mark.parametrize("number", ["INV%00x", "x" * 40, "INV-2026%20x", "%C3%A9"])
def test_an_order_number_that_cannot_exist_is_a_404_never_a_500(api, customer, order, number):
    assert api.as_user(customer).get(f"/api/v1/orders/{number}/").status_code == 404
    assert api.as_user(customer).post(f"/api/v1/orders/{number}/pay/").status_code == 404
    assert api.as_user(customer).post(f"/api/v1/orders/{number}/cancel/").status_code == 404
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


# ---- cancelling ---------------------------------------------------------------------------------


def test_the_buyer_cancels_an_unpaid_order_and_the_stock_comes_back(api, customer, order, product, other_product):
    assert (stock(product), stock(other_product)) == (48, 49)

    response = api.as_user(customer).post(f"/api/v1/orders/{order.number}/cancel/")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["payment"]["status"] == "cancelled"
    assert (stock(product), stock(other_product)) == (50, 50)
    assert set(Shipment.objects.filter(order=order).values_list("status", flat=True)) == {"cancelled"}
    event = OrderEvent.objects.get(order=order, to_status="cancelled")
    assert (event.actor, event.from_status) == (customer, "awaiting_payment")


def test_cancelling_a_paid_order_leaves_a_refund_pending(api, customer, paid_order, product):
    response = api.as_user(customer).post(f"/api/v1/orders/{paid_order.number}/cancel/")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["payment"]["status"] == "refund_pending"
    assert stock(product) == 50
    assert OrderEvent.objects.filter(order=paid_order, from_status="paid", to_status="cancelled").exists()


def test_cancelling_twice_is_a_409_and_returns_the_stock_once(api, customer, order, product):
    api.as_user(customer).post(f"/api/v1/orders/{order.number}/cancel/")

    response = api.as_user(customer).post(f"/api/v1/orders/{order.number}/cancel/")

    assert response.status_code == 409
    assert stock(product) == 50


def test_an_order_cannot_be_cancelled_once_a_shipment_has_shipped(
    api, customer, seller_user, shop, paid_order, product
):
    ship(api, seller_user, shipment_of(paid_order, shop))

    response = api.as_user(customer).post(f"/api/v1/orders/{paid_order.number}/cancel/")

    assert response.status_code == 409
    paid_order.refresh_from_db()
    assert paid_order.status == "partially_shipped"
    assert Payment.objects.get(order=paid_order).status == "paid"
    assert stock(product) == 48
    assert not OrderEvent.objects.filter(order=paid_order, to_status="cancelled").exists()


def test_paying_again_after_a_paid_order_was_cancelled_is_a_409(api, customer, paid_order):
    api.as_user(customer).post(f"/api/v1/orders/{paid_order.number}/cancel/")

    response = api.as_user(customer).post(f"/api/v1/orders/{paid_order.number}/pay/")

    assert response.status_code == 409
    assert Order.objects.get(pk=paid_order.pk).status == "cancelled"
    assert Payment.objects.get(order=paid_order).status == "refund_pending"


# ---- expiry -------------------------------------------------------------------------------------


def test_unpaid_orders_past_the_deadline_are_cancelled_and_their_stock_returned(order, product, other_product):
    later = order.payment_deadline + timedelta(minutes=1)

    assert lifecycle.orders_cancel_expired(now=later) == 1

    order.refresh_from_db()
    assert order.status == "cancelled"
    assert Payment.objects.get(order=order).status == "expired"
    assert (stock(product), stock(other_product)) == (50, 50)
    event = OrderEvent.objects.get(order=order, to_status="cancelled")
    assert event.actor is None


def test_orders_still_within_the_deadline_are_left_alone(order, product):
    assert lifecycle.orders_cancel_expired(now=order.payment_deadline - timedelta(minutes=1)) == 0
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"
    assert stock(product) == 48


def test_paid_orders_are_never_expired(paid_order, product):
    assert lifecycle.orders_cancel_expired(now=paid_order.payment_deadline + timedelta(days=3)) == 0
    assert Order.objects.get(pk=paid_order.pk).status == "paid"
    assert stock(product) == 48


def test_an_order_paid_while_the_expiry_sweep_runs_stays_paid(order, product, monkeypatch):
    """The sweep picks the order as unpaid, the payment lands before it takes the lock."""
    real_cancel = lifecycle.order_cancel

    def pay_first(**kwargs):
        lifecycle.order_mark_paid(order=kwargs["order"], method=Payment.Method.TEST)
        return real_cancel(**kwargs)

    monkeypatch.setattr(lifecycle, "order_cancel", pay_first)

    assert lifecycle.orders_cancel_expired(now=order.payment_deadline + timedelta(minutes=1)) == 0
    order.refresh_from_db()
    assert order.status == "paid"
    assert Payment.objects.get(order=order).status == "paid"
    assert stock(product) == 48


def test_the_payment_deadline_comes_from_settings(settings, place_order, product):
    settings.PAYMENT_DEADLINE = timedelta(hours=2)
    before = timezone.now()

    order = place_order((product, 1))

    assert before + timedelta(hours=2) <= order.payment_deadline <= timezone.now() + timedelta(hours=2)


def test_the_celery_task_cancels_expired_orders(eager_celery, order, product):
    from orders import tasks

    Order.objects.filter(pk=order.pk).update(payment_deadline=timezone.now() - timedelta(seconds=1))

    result = tasks.cancel_expired_orders.delay()

    assert result.get() == 1
    assert Order.objects.get(pk=order.pk).status == "cancelled"
    assert stock(product) == 50
