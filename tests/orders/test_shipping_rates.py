"""Checkout prices each shop's parcel from where the shop is to where the buyer is, with the courier
service the buyer picked for that shop; addresses name regency and district by Kemendagri code."""

import pytest
from django.db import connection

from orders.models import Order, Shipment
from orders.services import lifecycle
from tests.factories import ProductFactory, SellerFactory, UserFactory

pytestmark = pytest.mark.django_db

YOGYA = {
    "recipient": "Siti Pembeli",
    "phone": "081234567890",
    "street": "Jl. Malioboro No. 1",
    "province": "34",
    "regency": "34.71",  # Kota Yogyakarta
    "district": "34.71.10",  # Gondomanan
    "postal_code": "55122",
}


def place(api, user, address, lines, **extra):
    body = {"shipping_address": address, "lines": [{"product": p.pk, "quantity": q} for p, q in lines], **extra}
    return api.as_user(user).post("/api/v1/orders/", body, format="json")


@pytest.fixture
def sleman_shop(db):
    """A shop in Kabupaten Sleman (Java), next to the buyer in Kota Yogyakarta."""
    return SellerFactory(
        name="Kriya Kayu Jogja", province="34", city="Sleman", regency_id="34.04", district_id="34.04.01"
    )


@pytest.fixture
def yogya_shop(db):
    """A shop in Kota Yogyakarta itself, which also delivers with its own courier."""
    return SellerFactory(
        name="Batik Kotagede",
        province="34",
        city="Kota Yogyakarta",
        regency_id="34.71",
        district_id="34.71.02",
        couriers=["jne", "toko"],
    )


def test_the_same_parcel_costs_more_from_farther_away(api, customer, shop, sleman_shop):
    from_aceh = ProductFactory(seller=shop, weight_grams=900)
    from_sleman = ProductFactory(seller=sleman_shop, weight_grams=900)

    response = place(api, customer, YOGYA, [(from_aceh, 1), (from_sleman, 1)], courier="jne")

    assert response.status_code == 201, response.json()
    fees = {s["seller"]: s["shipping_fee"] for s in response.json()["shipments"]}
    assert fees == {shop.pk: 23000, sleman_shop.pk: 11000}  # JNE REG per kg: Sumatra -> Java, Java -> Java


def test_each_shop_gets_the_courier_service_the_buyer_picked_for_it(api, customer, shop, sleman_shop):
    coffee = ProductFactory(seller=shop, weight_grams=900)
    chair = ProductFactory(seller=sleman_shop, weight_grams=900)
    choices = [
        {"seller": shop.pk, "courier": "jne", "service": "yes"},
        {"seller": sleman_shop.pk, "courier": "sicepat", "service": "reg"},
    ]

    response = place(api, customer, YOGYA, [(coffee, 1), (chair, 1)], shipments=choices)

    assert response.status_code == 201, response.json()
    body = response.json()
    by_shop = {s["seller"]: s for s in body["shipments"]}
    assert (by_shop[shop.pk]["courier"], by_shop[shop.pk]["service"]) == ("jne", "yes")
    assert by_shop[shop.pk]["shipping_fee"] == 37000  # 160% of 23.000, to the nearest 500
    assert (by_shop[sleman_shop.pk]["courier"], by_shop[sleman_shop.pk]["service"]) == ("sicepat", "reg")
    assert by_shop[sleman_shop.pk]["shipping_fee"] == 9000  # SiCepat REG within Java
    assert by_shop[sleman_shop.pk]["eta_days"] == "2-3"
    assert body["shipping_total"] == 46000
    assert {s["rate_provider"] for s in body["shipments"]} == {"table"}


def test_without_a_choice_each_shop_ships_with_its_cheapest_courier(api, customer, sleman_shop):
    sleman_shop.couriers = ["jne", "jnt"]
    sleman_shop.save()
    chair = ProductFactory(seller=sleman_shop, weight_grams=900)

    response = place(api, customer, YOGYA, [(chair, 1)])

    [shipment] = response.json()["shipments"]
    assert (shipment["courier"], shipment["service"], shipment["shipping_fee"]) == ("jnt", "ez", 10000)


def test_a_courier_the_shop_does_not_offer_is_a_400_naming_the_shipments_and_places_nothing(api, customer, sleman_shop):
    sleman_shop.couriers = ["jne"]
    sleman_shop.save()
    chair = ProductFactory(seller=sleman_shop, stock=5)

    response = place(api, customer, YOGYA, [(chair, 1)], shipments=[{"seller": sleman_shop.pk, "courier": "sicepat"}])

    assert response.status_code == 400
    assert "Kriya Kayu Jogja" in response.json()["shipments"][0]
    assert not Order.objects.exists()
    chair.refresh_from_db()
    assert chair.stock == 5


def test_the_shops_own_courier_delivers_only_within_its_regency(api, customer, yogya_shop):
    batik = ProductFactory(seller=yogya_shop, weight_grams=400)
    own = [{"seller": yogya_shop.pk, "courier": "toko"}]

    nearby = place(api, customer, YOGYA, [(batik, 1)], shipments=own)
    in_sleman = {**YOGYA, "regency": "34.04", "district": "34.04.01"}
    farther = place(api, customer, in_sleman, [(batik, 1)], shipments=own)

    assert nearby.status_code == 201, nearby.json()
    [shipment] = nearby.json()["shipments"]
    assert (shipment["courier"], shipment["shipping_fee"]) == ("toko", 5000)
    assert farther.status_code == 400
    assert "shipments" in farther.json()


def test_the_order_keeps_the_courier_the_buyer_chose_when_the_shop_ships_with_another(api, customer, seller_user, shop):
    coffee = ProductFactory(seller=shop)
    number = place(api, customer, YOGYA, [(coffee, 1)], courier="pos").json()["number"]
    lifecycle.order_mark_paid(order=Order.objects.get(number=number), method="test")
    shipment = Shipment.objects.get(order__number=number)

    api.as_user(seller_user).post(
        f"/api/v1/shipments/{shipment.pk}/ship/", {"courier": "jne", "tracking_number": "JNE0001"}, format="json"
    )

    [shown] = api.as_user(customer).get(f"/api/v1/orders/{number}/").json()["shipments"]
    assert (shown["courier"], shown["chosen_courier"]) == ("jne", "pos")
    assert shown["tracking_url"].endswith("JNE0001")


@pytest.mark.parametrize(
    "change, field",
    [
        ({"district": "34.04.01"}, "district"),  # a district of Sleman, not of Kota Yogyakarta
        ({"district": "99.99.99"}, "district"),
        ({"district": "34.71.10'--"}, "district"),
        ({"regency": "33.74"}, "regency"),  # Kota Semarang is not in DI Yogyakarta
        ({"regency": "33.74", "district": "33.74.01"}, "regency"),
        ({"regency": "", "district": "34.71.10", "city": "Yogyakarta"}, "regency"),
        ({"regency": "x" * 5}, "regency"),
    ],
)
def test_an_address_whose_regions_do_not_nest_is_a_400_naming_the_field(api, customer, product, change, field):
    response = place(api, customer, {**YOGYA, **change}, [(product, 1)])

    assert response.status_code == 400
    assert field in response.json()["shipping_address"]
    assert not Order.objects.exists()


def test_an_address_by_codes_needs_no_city_and_the_order_keeps_the_names(api, customer, product):
    response = place(api, customer, YOGYA, [(product, 1)])

    assert response.status_code == 201, response.json()
    address = response.json()["shipping_address"]
    assert address["city"] == "Kota Yogyakarta"
    assert (address["regency"], address["regency_name"]) == ("34.71", "Kota Yogyakarta")
    assert (address["district"], address["district_name"]) == ("34.71.10", "Gondomanan")


def test_an_address_with_neither_city_nor_regency_is_a_400_naming_the_city(api, customer, product):
    address = {k: v for k, v in YOGYA.items() if k not in ("regency", "district")}

    response = place(api, customer, address, [(product, 1)])

    assert response.status_code == 400
    assert "city" in response.json()["shipping_address"]


def test_checkout_with_a_courier_per_shop_keeps_its_fixed_query_count(
    api, customer, django_assert_max_num_queries, settings
):
    # This process's own cache: with a shared Redis, another test worker's cache.clear() could empty
    # the rate table between the warm-up and the measured checkout.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pin"}}
    shops = SellerFactory.create_batch(6, owner=UserFactory())
    products = [ProductFactory(seller=shop) for shop in shops for _ in range(3)]
    couriers = ["jne", "jnt", "sicepat", "anteraja", "pos", "jne"]
    choices = [{"seller": shop.pk, "courier": c} for shop, c in zip(shops, couriers, strict=True)]
    place(api, customer, YOGYA, [(products[0], 1)])  # reads the rate table into the cache

    # As for one courier (tests/orders/test_checkout_api.py), plus the one query that checks the
    # district lies in its regency.
    with django_assert_max_num_queries(9 if connection.vendor == "postgresql" else 14):
        response = place(api, customer, YOGYA, [(p, 1) for p in products], shipments=choices)

    assert response.status_code == 201, response.json()
    assert sorted(s["courier"] for s in response.json()["shipments"]) == sorted(couriers)
