"""An order's life once paid: each shop ships its part, the buyer (or the shop) marks it delivered, and
a shop lists the shipments it has to pack."""

from datetime import timedelta

import pytest

from orders.models import OrderEvent, Payment, Shipment
from orders.services import lifecycle
from sellers.models import SellerMember
from tests.factories import SellerFactory, UserFactory, only_variant
from tests.orders.aftersales_fixtures import shipment_of
from tests.orders.lifecycle_helpers import ship

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_test_provider_answering")]


def deliver(api, user, shipment):
    return api.as_user(user).post(f"/api/v1/shipments/{shipment.pk}/deliver/")


# ---- shipping and delivery ----------------------------------------------------------------------


def test_a_shipment_cannot_be_shipped_before_payment(api, seller_user, shop, order):
    response = ship(api, seller_user, shipment_of(order, shop))

    assert response.status_code == 409
    assert shipment_of(order, shop).status == "pending"


def test_a_seller_member_ships_their_shipment_with_courier_and_tracking_number(api, seller_user, shop, paid_order):
    response = ship(api, seller_user, shipment_of(paid_order, shop), courier="sicepat", tracking_number="SCP123")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["courier"], body["tracking_number"]) == ("shipped", "sicepat", "SCP123")
    event = OrderEvent.objects.get(shipment=shipment_of(paid_order, shop), to_status="shipped")
    assert (event.actor, event.from_status) == (seller_user, "pending")


def test_a_staff_member_of_the_shop_may_ship_too(api, shop, paid_order):
    staff = UserFactory()
    SellerMember.objects.create(seller=shop, user=staff, role=SellerMember.Role.STAFF)

    shipment = shipment_of(paid_order, shop)

    assert ship(api, staff, shipment).status_code == 200
    shipment.refresh_from_db()
    assert shipment.status == "shipped" and shipment.tracking_number


def test_one_of_two_shops_shipping_makes_the_order_partially_shipped(api, seller_user, shop, paid_order):
    ship(api, seller_user, shipment_of(paid_order, shop))

    paid_order.refresh_from_db()
    assert paid_order.status == "partially_shipped"
    assert OrderEvent.objects.filter(order=paid_order, from_status="paid", to_status="partially_shipped").exists()


def test_both_shops_shipping_makes_the_order_shipped(api, seller_user, other_seller_user, shop, other_shop, paid_order):
    ship(api, seller_user, shipment_of(paid_order, shop))
    ship(api, other_seller_user, shipment_of(paid_order, other_shop), courier="jnt", tracking_number="JT999")

    paid_order.refresh_from_db()
    assert paid_order.status == "shipped"


def test_shipping_the_same_shipment_twice_is_a_409(api, seller_user, shop, paid_order):
    ship(api, seller_user, shipment_of(paid_order, shop))

    response = ship(api, seller_user, shipment_of(paid_order, shop), tracking_number="OTHER")

    assert response.status_code == 409
    assert shipment_of(paid_order, shop).tracking_number == "JNE0012345678"


def test_the_order_is_delivered_when_the_buyer_has_received_both_shipments(
    api, customer, seller_user, other_seller_user, shop, other_shop, paid_order
):
    ship(api, seller_user, shipment_of(paid_order, shop))
    ship(api, other_seller_user, shipment_of(paid_order, other_shop))

    first = deliver(api, customer, shipment_of(paid_order, shop))
    paid_order.refresh_from_db()
    assert first.status_code == 200
    assert first.json()["status"] == "delivered"
    assert paid_order.status == "shipped"

    second = deliver(api, customer, shipment_of(paid_order, other_shop))
    paid_order.refresh_from_db()
    assert second.status_code == 200
    assert paid_order.status == "delivered"
    event = OrderEvent.objects.get(order=paid_order, to_status="delivered", from_status="shipped", shipment=None)
    assert event.actor == customer


def test_a_member_of_the_shop_may_mark_its_shipment_delivered_on_its_own_word(
    api, customer, seller_user, shop, paid_order
):
    ship(api, seller_user, shipment_of(paid_order, shop))

    response = deliver(api, seller_user, shipment_of(paid_order, shop))

    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["delivered_by_shop"]) == ("delivered", True)
    event = OrderEvent.objects.get(shipment=shipment_of(paid_order, shop), to_status="delivered")
    assert (event.actor, event.note) == (seller_user, "Sampai menurut toko")
    assert deliver(api, seller_user, shipment_of(paid_order, shop)).status_code == 409  # said once is enough


def test_the_buyer_confirms_a_delivery_the_shop_declared(api, customer, seller_user, shop, paid_order):
    ship(api, seller_user, shipment_of(paid_order, shop))
    deliver(api, seller_user, shipment_of(paid_order, shop))

    response = deliver(api, customer, shipment_of(paid_order, shop))

    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["delivered_by_shop"]) == ("delivered", False)
    assert OrderEvent.objects.get(shipment=shipment_of(paid_order, shop), actor=customer).note == "Sampai, dikonfirmasi"
    assert deliver(api, customer, shipment_of(paid_order, shop)).status_code == 409


def test_a_shipment_that_has_not_shipped_cannot_be_delivered(api, customer, shop, paid_order):
    response = deliver(api, customer, shipment_of(paid_order, shop))

    assert response.status_code == 409
    assert shipment_of(paid_order, shop).status == "pending"


def test_members_of_another_shop_and_strangers_get_404_on_ship_and_deliver(
    api, customer, seller_user, other_seller_user, shop, paid_order
):
    shipment = shipment_of(paid_order, shop)
    stranger = UserFactory()

    for user in (other_seller_user, stranger, customer):
        assert ship(api, user, shipment).status_code == 404
    ship(api, seller_user, shipment)
    for user in (other_seller_user, stranger):
        assert deliver(api, user, shipment).status_code == 404
    assert shipment_of(paid_order, shop).status == "shipped"


def test_anonymous_visitors_get_401_on_fulfilment(api, shop, paid_order):
    shipment = shipment_of(paid_order, shop)
    assert ship(api, None, shipment).status_code == 401
    assert deliver(api, None, shipment).status_code == 401
    assert api.get(f"/api/v1/sellers/{shop.pk}/shipments/").status_code == 401


def test_an_unknown_shipment_is_a_404(api, seller_user):
    assert ship(api, seller_user, Shipment(pk=999999)).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"courier": "dhl", "tracking_number": "X1"},
        {"courier": "jne", "tracking_number": ""},
        {"courier": "jne", "tracking_number": "   "},
        {"courier": "jne", "tracking_number": "X" * 41},
        {"courier": "jne"},
        {"courier": ["jne"], "tracking_number": "X1"},
        {"courier": "jne", "tracking_number": "JNE\x1b[2J001"},  # sent to the courier, shown in emails
        {"courier": "jne", "tracking_number": "JNE\n001"},
    ],
)
def test_a_bad_courier_or_tracking_number_is_a_400_and_ships_nothing(api, seller_user, shop, paid_order, body):
    shipment = shipment_of(paid_order, shop)

    response = api.as_user(seller_user).post(f"/api/v1/shipments/{shipment.pk}/ship/", body, format="json")

    assert response.status_code == 400
    assert shipment_of(paid_order, shop).status == "pending"


# ---- the shop's shipment list -------------------------------------------------------------------


def test_a_shop_lists_its_paid_shipments_with_lines_and_buyer_address(api, seller_user, shop, paid_order, product):
    response = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/shipments/")

    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["order"] == paid_order.number
    assert row["lines"] == [
        {
            "product": product.pk,
            "product_name": product.name,
            "variant": only_variant(product).pk,
            "variant_name": "",
            "quantity": 2,
            "unit_price": product.price,
        }
    ]
    assert row["shipping_address"]["recipient"] == "Siti Pembeli"
    assert row["shipping_address"]["postal_code"] == "55213"


def test_a_shop_does_not_see_unpaid_orders_to_pack(api, seller_user, shop, order):
    response = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/shipments/")
    assert response.json()["results"] == []


def test_the_shop_list_filters_by_status(api, seller_user, shop, paid_order, place_order, product):
    second = lifecycle.order_mark_paid(order=place_order((product, 1)), method=Payment.Method.TEST)
    ship(api, seller_user, shipment_of(second, shop))

    pending = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/shipments/?status=pending").json()
    shipped = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/shipments/?status=shipped").json()

    assert [row["order"] for row in pending["results"]] == [paid_order.number]
    assert [row["order"] for row in shipped["results"]] == [second.number]


def test_an_unknown_status_filter_is_a_400(api, seller_user, shop, paid_order):
    response = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/shipments/?status=lost")
    assert response.status_code == 400
    assert "status" in response.json()


def test_another_shop_a_stranger_or_the_buyer_gets_404_on_a_shops_shipments(
    api, customer, other_seller_user, shop, paid_order
):
    for user in (other_seller_user, UserFactory(), customer):
        assert api.as_user(user).get(f"/api/v1/sellers/{shop.pk}/shipments/").status_code == 404


def test_an_unknown_shop_is_a_404(api, seller_user):
    assert api.as_user(seller_user).get("/api/v1/sellers/999999/shipments/").status_code == 404


def test_the_shop_list_queries_do_not_grow_with_the_number_of_shipments(
    api, seller_user, shop, place_order, product, django_assert_max_num_queries
):
    for _ in range(5):
        lifecycle.order_mark_paid(order=place_order((product, 1)), method=Payment.Method.TEST)

    with django_assert_max_num_queries(8):
        response = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/shipments/")
    assert response.json()["count"] == 5


def test_shops_of_other_sellers_never_appear_in_a_shops_list(api, seller_user, shop, place_order):
    from tests.factories import ProductFactory

    foreign = ProductFactory(seller=SellerFactory())
    lifecycle.order_mark_paid(order=place_order((foreign, 1)), method=Payment.Method.TEST)

    assert api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/shipments/").json()["count"] == 0


def test_a_shop_does_not_see_orders_that_were_cancelled_before_being_paid(api, seller_user, shop, order):
    lifecycle.orders_cancel_expired(now=order.payment_deadline + timedelta(seconds=1))

    for status in ("", "?status=cancelled"):
        response = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/shipments/{status}")
        assert response.json()["results"] == []
