"""Live rates and tracking through Biteship (a local fake speaking its JSON): checkout never waits on
it or fails because of it; the table answers instead and the order says which provider priced it."""

import socket

import pytest
from django.test import override_settings

from orders.models import Order, Shipment, TrackingEvent
from orders.services import checkout, lifecycle, tracking
from orders.tasks import track_shipments
from tests.factories import ProductFactory, SellerFactory

pytestmark = pytest.mark.django_db

ADDRESS = {
    "recipient": "Siti Pembeli",
    "phone": "081234567890",
    "street": "Jl. Malioboro No. 1",
    "province": "34",
    "regency": "34.71",
    "district": "34.71.10",
    "postal_code": "55122",
}


@pytest.fixture
def gayo(db, seller_user):
    return SellerFactory(
        owner=seller_user,
        name="Kopi Gayo Aman",
        province="11",
        regency_id="11.04",
        district_id="11.04.01",
        postal_code="24511",
    )


@pytest.fixture
def coffee(gayo):
    return ProductFactory(seller=gayo, weight_grams=1500, price=85000)


def place(api, user, lines, **extra):
    body = {"shipping_address": ADDRESS, "lines": [{"product": p.pk, "quantity": q} for p, q in lines], **extra}
    return api.as_user(user).post("/api/v1/orders/", body, format="json")


def test_checkout_prices_with_live_rates_by_the_postal_codes_of_shop_and_buyer(api, customer, coffee, biteship):
    response = place(api, customer, [(coffee, 1)], shipments=[{"seller": coffee.seller_id, "courier": "jnt"}])

    assert response.status_code == 201, response.json()
    [shipment] = response.json()["shipments"]
    # 1.500 g -> 2 kg at the fake's J&T price of 7.500/kg (the third courier asked: 7.000 + 2 x 500).
    assert (shipment["courier"], shipment["service"], shipment["rate_provider"]) == ("jnt", "ez", "biteship")
    assert shipment["shipping_fee"] == 2 * 7500
    assert shipment["eta_days"] == "1-2"
    [asked] = biteship.rate_requests()
    assert (asked["origin_postal_code"], asked["destination_postal_code"]) == (24511, 55122)
    assert asked["couriers"] == "jne,jnt,sicepat,anteraja,pos"
    assert asked["items"][0]["weight"] == 1500
    assert biteship.requests[0][3] == "biteship_test.key"


def test_the_checkout_page_asks_once_and_checkout_reuses_the_cached_answer(
    as_user, customer, coffee, biteship, settings
):
    # This process's own cache: with a shared Redis, another test worker's cache.clear() could come between.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "once"}}
    client = as_user(customer)
    client.post("/keranjang/tambah/", {"product": coffee.pk, "quantity": 1})
    page_data = {k: v for k, v in ADDRESS.items()} | {"saved_address": "new", "estimate": "1"}

    page = client.post("/checkout/", page_data)
    shown = page.context["estimate"].shops[0].options
    response = place(api_client(customer), customer, [(coffee, 1)])

    assert {o.provider for o in shown} == {"biteship"}
    assert response.json()["shipments"][0]["shipping_fee"] == shown[0].fee
    assert len(biteship.rate_requests()) == 1


def api_client(user):
    from tests.conftest import Api

    return Api().as_user(user)


@pytest.mark.parametrize("mode", ["error", "garbage", "slow", "no_pricing"])
def test_when_biteship_fails_the_table_prices_checkout_and_the_order_says_so(api, customer, coffee, biteship, mode):
    biteship.mode = mode

    response = place(api, customer, [(coffee, 1)], courier="jne")

    assert response.status_code == 201, response.json()
    [shipment] = response.json()["shipments"]
    assert shipment["rate_provider"] == "table"
    assert shipment["shipping_fee"] == 2 * 23000  # JNE REG from Sumatra to Java, 2 kg


def test_a_cache_that_is_down_is_a_miss_and_checkout_still_prices_live(customer, coffee, biteship):
    with socket.socket() as probe:  # a port where nothing listens: the cache is down
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    dead = {  # the backend production uses: an unreachable Redis is a miss
        "BACKEND": "marketplace.cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{dead_port}/0",
    }
    address = checkout.Address(city="", **{k: v for k, v in ADDRESS.items()})

    # The checkout service itself (the API's rate limits also count in the cache, another matter).
    with override_settings(CACHES={"default": dead}):
        first = checkout.order_place(buyer=customer, address=address, product_items=[(coffee.pk, 1)], courier="jnt")
        second = checkout.order_place(buyer=customer, address=address, product_items=[(coffee.pk, 1)], courier="jnt")

    assert [s.rate_provider for s in (*first.shipments.all(), *second.shipments.all())] == ["biteship", "biteship"]
    assert len(biteship.rate_requests()) == 2  # nothing could be kept


def test_the_shops_own_courier_stays_priced_by_the_table(api, customer, biteship):
    shop = SellerFactory(
        province="34", regency_id="34.71", district_id="34.71.02", postal_code="55233", couriers=["jne", "toko"]
    )
    batik = ProductFactory(seller=shop, weight_grams=500)

    response = place(api, customer, [(batik, 1)], shipments=[{"seller": shop.pk, "courier": "toko"}])

    [shipment] = response.json()["shipments"]
    assert (shipment["courier"], shipment["rate_provider"], shipment["shipping_fee"]) == ("toko", "table", 5000)


# ---- tracking ------------------------------------------------------------------------------------


@pytest.fixture
def shipped(api, customer, seller_user, coffee, biteship):
    number = place(api, customer, [(coffee, 1)], courier="jne").json()["number"]
    lifecycle.order_mark_paid(order=Order.objects.get(number=number), method="test")
    shipment = Shipment.objects.get(order__number=number)
    api.as_user(seller_user).post(
        f"/api/v1/shipments/{shipment.pk}/ship/", {"courier": "jne", "tracking_number": "JNE777"}, format="json"
    )
    return shipment


def test_a_tracking_event_moves_the_shipment_to_delivered_and_the_buyer_sees_it(
    api, customer, shipped, biteship, as_user
):
    biteship.track(
        waybill="JNE777",
        courier="jne",
        status="delivered",
        history=[
            ("picked", "Paket diambil kurir di Takengon", "2026-04-15T10:00:00+07:00"),
            ("delivered", "Diterima oleh SITI", "2026-04-17T14:30:00+07:00"),
        ],
    )

    track_shipments.delay()

    shipped.refresh_from_db()
    assert shipped.status == "delivered"
    assert shipped.order.status == "delivered"
    body = api.as_user(customer).get(f"/api/v1/shipments/{shipped.pk}/tracking/").json()
    assert [e["status"] for e in body["events"]] == ["picked", "delivered"]
    assert body["tracking_status"] == "delivered"
    page = as_user(customer).get(shipped.order.get_absolute_url()).text
    assert "Diterima oleh SITI" in page
    assert "Paket diterima" in page


def test_the_couriers_word_confirms_a_delivery_the_shop_declared(seller_user, shipped, biteship):
    lifecycle.shipment_deliver(shipment=shipped, actor=seller_user)
    biteship.track(
        waybill="JNE777",
        courier="jne",
        status="delivered",
        history=[("delivered", "Diterima oleh SITI", "2026-04-17T14:30:00+07:00")],
    )

    track_shipments.delay()

    shipped.refresh_from_db()
    assert (shipped.status, shipped.delivered_by_shop) == ("delivered", False)
    assert shipped.order.events.filter(shipment=shipped, actor=None, to_status="delivered").exists()


def test_polling_twice_records_each_event_once(customer, shipped, biteship):
    biteship.track(
        waybill="JNE777",
        courier="jne",
        status="droppingOff",
        history=[("droppingOff", "Menuju alamat penerima", "2026-04-16T08:00:00+07:00")],
    )

    tracking.shipment_track(shipment_id=shipped.pk)
    tracking.shipment_track(shipment_id=shipped.pk)

    assert TrackingEvent.objects.filter(shipment=shipped).count() == 1
    shipped.refresh_from_db()
    assert (shipped.status, shipped.tracking_status) == ("shipped", "droppingOff")


def test_tracking_that_biteship_cannot_answer_changes_nothing(api, customer, shipped, biteship):
    biteship.mode = "error"

    response = api.as_user(customer).post(f"/api/v1/shipments/{shipped.pk}/tracking/")

    assert response.status_code == 200
    assert response.json()["events"] == []
    shipped.refresh_from_db()
    assert shipped.status == "shipped"


@pytest.mark.parametrize("who, status", [("buyer", 200), ("member", 200), ("stranger", 404), ("anonymous", 401)])
def test_who_may_follow_a_parcel(api, customer, seller_user, shipped, who, status):
    from tests.factories import UserFactory

    user = {"buyer": customer, "member": seller_user, "stranger": UserFactory(), "anonymous": None}[who]

    response = api.as_user(user).get(f"/api/v1/shipments/{shipped.pk}/tracking/")

    assert response.status_code == status
