"""Buying a variant: the API lines, the order line's snapshot, weight, stock back on cancel, campaign prices."""

import pytest

from campaigns import services as campaign_services
from orders.models import CartLine, Order, OrderLine, Shipment
from orders.services import lifecycle
from sellers.models import Product, ProductVariant
from tests.factories import CampaignFactory, ProductFactory

pytestmark = pytest.mark.django_db

COFFEE = [
    {"name": "250 g / biji", "price": 85000, "stock": 10, "weight_grams": 300, "sku": "GAYO-250-B"},
    {"name": "1 kg / biji", "price": 300000, "stock": 4, "weight_grams": 1100, "sku": "GAYO-1K-B"},
]


@pytest.fixture
def coffee(shop):
    return ProductFactory(seller=shop, name="Kopi Gayo", variants=COFFEE)


def variant(product, name):
    return ProductVariant.objects.get(product=product, name=name)


def order(api, user, address, lines):
    return api.as_user(user).post("/api/v1/orders/", {"shipping_address": address, "lines": lines}, format="json")


def test_the_product_shows_its_cheapest_variants_price_and_the_sum_of_their_stock(coffee):
    coffee.refresh_from_db()
    assert (coffee.price, coffee.stock, coffee.weight_grams) == (85000, 14, 300)


def test_a_variant_bought_is_named_on_the_order_line_and_weighs_what_it_weighs(api, customer, address, coffee):
    big = variant(coffee, "1 kg / biji")

    response = order(api, customer, address, [{"variant": big.pk, "quantity": 2}])

    assert response.status_code == 201, response.json()
    line = response.json()["lines"][0]
    assert (line["product"], line["variant"], line["variant_name"]) == (coffee.pk, big.pk, "1 kg / biji")
    assert (line["unit_price"], line["quantity"]) == (300000, 2)
    assert Shipment.objects.get().weight_grams == 2200
    big.refresh_from_db()
    assert big.stock == 2
    assert variant(coffee, "250 g / biji").stock == 10
    assert Product.objects.get(pk=coffee.pk).stock == 12


def test_the_order_line_keeps_the_variant_name_as_bought_after_the_shop_renames_it(api, customer, address, coffee):
    big = variant(coffee, "1 kg / biji")
    order(api, customer, address, [{"variant": big.pk, "quantity": 1}])

    ProductVariant.objects.filter(pk=big.pk).update(name="1 kg / biji (baru)")

    assert OrderLine.objects.get().variant_name == "1 kg / biji"


def test_naming_a_product_with_several_variants_is_a_400_naming_them_and_changes_nothing(
    api, customer, address, coffee
):
    response = order(api, customer, address, [{"product": coffee.pk, "quantity": 1}])

    assert response.status_code == 400
    message = response.json()["lines"][0]
    assert "250 g / biji" in message and "1 kg / biji" in message
    assert str(variant(coffee, "1 kg / biji").pk) in message
    assert Order.objects.count() == 0


def test_a_line_naming_a_variant_of_another_product_is_a_400_and_places_nothing(
    api, customer, address, coffee, product
):
    big = variant(coffee, "1 kg / biji")

    response = order(api, customer, address, [{"product": product.pk, "variant": big.pk, "quantity": 1}])

    assert response.status_code == 400
    assert response.json()["lines"] == [f"Varian {big.pk} bukan varian produk yang disebut di baris yang sama."]
    assert Order.objects.count() == 0
    assert variant(coffee, "1 kg / biji").stock == 4


def test_a_line_naming_a_product_and_its_own_variant_is_bought_as_named(api, customer, address, coffee):
    big = variant(coffee, "1 kg / biji")

    response = order(api, customer, address, [{"product": coffee.pk, "variant": big.pk, "quantity": 1}])

    assert response.status_code == 201
    assert response.json()["lines"][0]["variant"] == big.pk


def test_adding_to_the_cart_a_variant_of_another_product_than_the_one_named_is_a_400(api, customer, coffee, product):
    big = variant(coffee, "1 kg / biji")

    response = api.as_user(customer).post(
        "/api/v1/cart/lines/", {"product": product.pk, "variant": big.pk, "quantity": 1}, format="json"
    )

    assert response.status_code == 400
    assert "variant" in response.json()
    assert not CartLine.objects.exists()


def test_a_short_variant_is_a_409_keyed_by_variant_while_its_sibling_has_plenty(api, customer, address, coffee):
    big = variant(coffee, "1 kg / biji")

    response = order(api, customer, address, [{"variant": big.pk, "quantity": 5}])

    assert response.status_code == 409
    assert response.json()["products"] == [
        {"product": coffee.pk, "variant": big.pk, "name": "Kopi Gayo (1 kg / biji)", "requested": 5, "available": 4}
    ]


def test_a_deactivated_variant_cannot_be_bought(api, customer, address, coffee):
    big = variant(coffee, "1 kg / biji")
    ProductVariant.objects.filter(pk=big.pk).update(is_active=False)

    response = order(api, customer, address, [{"variant": big.pk, "quantity": 1}])

    assert response.status_code == 400
    assert Order.objects.count() == 0


def test_cancelling_gives_each_variant_back_its_own_units(api, customer, address, coffee):
    small, big = variant(coffee, "250 g / biji"), variant(coffee, "1 kg / biji")
    number = order(
        api, customer, address, [{"variant": small.pk, "quantity": 3}, {"variant": big.pk, "quantity": 1}]
    ).json()["number"]

    lifecycle.order_cancel(order=Order.objects.get(number=number), actor=customer)

    assert (variant(coffee, "250 g / biji").stock, variant(coffee, "1 kg / biji").stock) == (10, 4)
    assert Product.objects.get(pk=coffee.pk).stock == 14


def test_each_variant_gets_its_campaign_price_from_its_own_list_price_at_enrolment(
    api, customer, address, coffee, shop, seller_user
):
    campaign = CampaignFactory(discount_percent=20)
    campaign_services.enrolments_create(campaign=campaign, seller=shop, product_ids=[coffee.pk], by=seller_user)
    small, big = variant(coffee, "250 g / biji"), variant(coffee, "1 kg / biji")
    # A price rise after enrolment must not show a bigger discount than the campaign gives.
    ProductVariant.objects.filter(pk=big.pk).update(price=400000)

    response = order(api, customer, address, [{"variant": small.pk, "quantity": 1}, {"variant": big.pk, "quantity": 1}])

    prices = {line["variant_name"]: (line["list_price"], line["unit_price"]) for line in response.json()["lines"]}
    assert prices == {"250 g / biji": (85000, 68000), "1 kg / biji": (300000, 240000)}


def test_a_campaign_quota_counts_units_across_variants(api, customer, address, coffee, shop, seller_user):
    campaign = CampaignFactory(discount_percent=20)
    campaign_services.enrolments_create(
        campaign=campaign, seller=shop, product_ids=[coffee.pk], by=seller_user, quota=3
    )
    small, big = variant(coffee, "250 g / biji"), variant(coffee, "1 kg / biji")

    too_many = order(api, customer, address, [{"variant": small.pk, "quantity": 2}, {"variant": big.pk, "quantity": 2}])
    within = order(api, customer, address, [{"variant": small.pk, "quantity": 2}, {"variant": big.pk, "quantity": 1}])

    assert too_many.status_code == 409
    assert too_many.json()["products"][0]["campaign_units_left"] == 3
    assert within.status_code == 201
    assert campaign.enrolments.get().sold_units == 3


def test_the_buyers_and_the_shops_email_name_the_variant_bought(api, customer, address, coffee, seller_user):
    from django.core import mail

    from orders.models import OutgoingEmail
    from orders.services.email import email_send

    order(api, customer, address, [{"variant": variant(coffee, "1 kg / biji").pk, "quantity": 1}])
    for kind in ("order_confirmation", "new_order_seller"):
        email_send(email_id=OutgoingEmail.objects.get(kind=kind).pk)  # rendered by the worker that sends it

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "Kopi Gayo (1 kg / biji)" in message.body
        assert "Kopi Gayo (1 kg / biji)" in message.alternatives[0][0]
