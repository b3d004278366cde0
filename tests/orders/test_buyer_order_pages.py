"""The buyer's order pages, per role: the list, the detail with its shipments and timeline, cancelling
with a reason, and confirming a parcel arrived."""

import pytest
from django.urls import reverse

from orders.models import Order, Shipment
from orders.services import lifecycle
from sellers.models import Product
from tests.factories import ProductFactory, SellerFactory, UserFactory
from tests.orders.page_helpers import a_paid_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_test_provider")]


BUYER_PAGES = ["orders:detail", "orders:pay"]


@pytest.mark.parametrize("name", BUYER_PAGES)
def test_order_pages_send_visitors_to_log_in(client, product, place_order, name):
    order = place_order((product, 1))

    response = client.get(reverse(name, args=[order.number]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", BUYER_PAGES)
def test_order_pages_are_not_found_by_another_customer_or_the_shop(as_user, product, place_order, seller_user, name):
    order = place_order((product, 1))
    for user in (UserFactory(), seller_user):
        assert as_user(user).get(reverse(name, args=[order.number])).status_code == 404


@pytest.mark.parametrize("name", ["orders:cancel", "orders:pay"], ids=["cancel", "pay"])
def test_another_customer_cannot_pay_or_cancel_an_order(as_user, product, place_order, name):
    order = place_order((product, 1))

    response = as_user(UserFactory()).post(reverse(name, args=[order.number]))

    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_PAYMENT


def test_the_order_list_shows_only_the_buyers_orders(as_user, customer, product, place_order):
    mine = place_order((product, 1))
    theirs = place_order((product, 1), buyer=UserFactory())

    text = as_user(customer).get(reverse("orders:list")).text

    assert mine.number in text
    assert theirs.number not in text


def test_the_order_list_sends_visitors_to_log_in(client):
    assert client.get(reverse("orders:list")).url.startswith(reverse("login"))


def test_the_order_detail_shows_lines_shipments_and_the_timeline(
    as_user, customer, product, other_product, place_order, half_price, seller_user
):
    order = a_paid_order(place_order, (product, 2), (other_product, 1), buyer=customer)
    shipment = order.shipments.get(seller=product.seller)
    lifecycle.shipment_ship(shipment=shipment, actor=seller_user, courier="jnt", tracking_number="JT0012345678")

    text = as_user(customer).get(order.get_absolute_url()).text

    assert "Dikirim sebagian" in text
    assert product.name in text and other_product.name in text
    assert "Rp 42.500" in text and "Rp 85.000</s>" in text and "#SatuDalamKopi" in text
    assert product.seller.name in text and other_product.seller.name in text
    assert "JT0012345678" in text and "J&amp;T Express" in text
    assert "Menunggu pembayaran → <strong>Dibayar</strong>" in text
    assert "Perlu dikemas → <strong>Dikirim</strong>" in text
    assert "Pesanan diterima" in text  # for the shipped one
    assert "Batalkan pesanan" not in text  # a shipment has left


def test_the_buyer_cancels_an_unshipped_order_and_the_stock_comes_back(as_user, customer, product, place_order):
    order = place_order((product, 2))
    client = as_user(customer)
    assert "Batalkan pesanan" in client.get(order.get_absolute_url()).text

    client.post(reverse("orders:cancel", args=[order.number]), {"reason": "changed_mind", "confirm": "on"})

    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert Product.objects.get(pk=product.pk).stock == 50


@pytest.mark.parametrize(
    "data",
    [{}, {"reason": "changed_mind"}, {"confirm": "on"}, {"reason": "other", "confirm": "on"}],
    ids=["nothing", "no-confirmation", "no-reason", "other-without-words"],
)
def test_an_order_is_cancelled_only_with_a_reason_and_a_ticked_confirmation(
    as_user, customer, product, place_order, data
):
    order = place_order((product, 2))

    response = as_user(customer).post(reverse("orders:cancel", args=[order.number]), data)

    assert response.status_code == 400
    assert 'class="error"' in response.text and "<details" in response.text and " open" in response.text
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_PAYMENT
    assert Product.objects.get(pk=product.pk).stock == 48


def test_the_reason_for_cancelling_is_kept_in_the_orders_history(as_user, customer, product, place_order):
    order = place_order((product, 1))
    client = as_user(customer)

    client.post(
        reverse("orders:cancel", args=[order.number]),
        {"reason": "other", "detail": "Pesan  dobel", "confirm": "on"},
    )

    assert "Dibatalkan pembeli: Alasan lain (Pesan dobel)" in client.get(order.get_absolute_url()).text


def test_the_buyer_confirms_a_shipped_parcel_arrived(as_user, customer, product, place_order, seller_user):
    order = a_paid_order(place_order, (product, 1), buyer=customer)
    shipment = order.shipments.get()
    lifecycle.shipment_ship(shipment=shipment, actor=seller_user, courier="jne", tracking_number="JNE123")

    as_user(customer).post(reverse("orders:shipment_deliver", args=[order.number, shipment.pk]))

    shipment.refresh_from_db()
    order.refresh_from_db()
    assert shipment.status == Shipment.Status.DELIVERED
    assert order.status == Order.Status.DELIVERED


def test_another_customer_cannot_confirm_a_parcel(as_user, customer, product, place_order, seller_user):
    order = a_paid_order(place_order, (product, 1), buyer=customer)
    shipment = order.shipments.get()
    lifecycle.shipment_ship(shipment=shipment, actor=seller_user, courier="jne", tracking_number="JNE123")

    response = as_user(UserFactory()).post(reverse("orders:shipment_deliver", args=[order.number, shipment.pk]))

    assert response.status_code == 404
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.SHIPPED


def test_the_order_detail_runs_the_same_queries_however_many_lines(
    as_user, customer, place_order, django_assert_max_num_queries, settings
):
    settings.PRICING_BACKEND = "marketplace.pricing.ListPriceBackend"
    shops = SellerFactory.create_batch(4)
    order = place_order(*[(ProductFactory(seller=shops[i % 4]), 1) for i in range(12)])
    client = as_user(customer)

    # session, user, header (shop membership, cart count), order, lines, shipments, their lines and
    # tracking events, their products' photos, events, and the after-sales state (complaints,
    # reviewed lines)
    with django_assert_max_num_queries(14):
        response = client.get(order.get_absolute_url())

    assert response.status_code == 200
    assert response.text.count('class="panel shipment"') == 4


@pytest.mark.parametrize("path", ["/pesanan/INV%00x/", "/pesanan/INV%00x/bayar/"])
def test_an_order_number_that_cannot_exist_is_a_404_on_the_pages_never_a_500(as_user, customer, path):
    client = as_user(customer)

    assert client.get(path).status_code == 404
    assert client.post("/pesanan/INV%00x/batal/").status_code == 404
    assert client.post("/pesanan/INV%00x/pengiriman/1/diterima/").status_code == 404
