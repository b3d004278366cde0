"""The cart, checkout, payment and order pages, and a shop's incoming shipments, per role."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse

from marketplace.pricing import CampaignRef, Quote
from orders.models import CartLine, Order, Payment, Shipment
from orders.services import cart as cart_services
from orders.services import lifecycle
from sellers.models import Product
from tests.factories import PASSWORD, ProductFactory, SellerFactory, UserFactory, only_variant, set_stock

pytestmark = pytest.mark.django_db


class HalfPriceBackend:
    """A stand-in for campaign pricing: everything at half price in #SatuDalamKopi."""

    campaign = CampaignRef(id=1, slug="satu-dalam-kopi", hashtag="#SatuDalamKopi")

    def _quote(self, product):
        return Quote(unit_price=product.price // 2, list_price=product.price, campaign=self.campaign)

    def quote(self, products, at, *, buyer=None):
        return {p.pk: self._quote(p) for p in products}

    def quote_variants(self, variants, at, *, buyer=None):
        return {v.pk: self._quote(v) for v in variants}

    def reserve(self, lines, *, buyer, at):
        return {line.variant.pk: self._quote(line.variant) for line in lines}

    def release(self, order_lines):
        pass

    def mark_live(self, at):
        return None


@pytest.fixture
def half_price(settings):
    settings.PRICING_BACKEND = "tests.orders.test_pages.HalfPriceBackend"


@pytest.fixture(autouse=True)
def _test_provider(settings):
    settings.PAYMENT_TEST_PROVIDER_ENABLED = True


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def add_to_cart(client, product, quantity=1):
    return client.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": quantity})


def checkout_data(address, **overrides):
    data = {**address, "courier": "jne", "token": str(uuid.uuid4())}
    data.update(overrides)
    return data


def a_paid_order(place_order, *items, buyer):
    order = place_order(*items, buyer=buyer)
    lifecycle.order_mark_paid(order=order, method=Payment.Method.TEST, actor=buyer)
    return order


# ---- add to cart -----------------------------------------------------------------------------------


def test_a_visitor_adds_to_a_session_cart_and_sees_it_on_the_cart_page(client, product):
    response = add_to_cart(client, product, 2)

    assert response.status_code == 302
    assert response.url == product.get_absolute_url()
    page = client.get(reverse("orders:cart"))
    assert product.name in page.text
    assert page.context["cart"].count == 2
    assert not CartLine.objects.exists()


def test_a_customer_adds_to_the_account_cart(as_user, customer, product):
    client = as_user(customer)

    add_to_cart(client, product, 3)

    assert CartLine.objects.get(user=customer, product=product).quantity == 3


def test_adding_says_so_and_the_header_counts_the_items(client, product):
    response = add_to_cart(client, product, 2)

    page = client.get(response.url)
    assert f"2 × {product.name} masuk ke keranjang." in page.text
    assert '<span class="cart-count"' in page.text and ">2</span>" in page.text


@pytest.mark.parametrize("who", ["visitor", "customer"])
def test_adding_more_than_the_stock_says_what_is_left_and_adds_nothing(client, customer, product, who):
    set_stock(product, 3)
    if who == "customer":
        client.force_login(customer)

    response = client.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": 4}, follow=True)

    assert f"Stok {product.name} tinggal 3." in response.text
    assert client.get(reverse("orders:cart")).context["cart"].count == 0
    assert not CartLine.objects.exists()


def test_adding_a_product_of_a_pending_shop_is_refused(client, pending_shop):
    hidden = ProductFactory(seller=pending_shop)

    response = client.post(reverse("orders:cart_add"), {"product": hidden.pk, "quantity": 1}, follow=True)

    assert "Produk tidak ditemukan atau tidak dijual." in response.text
    assert client.session.get(cart_services.SESSION_KEY) in (None, {})


@pytest.mark.parametrize("quantity", ["0", "-1", "abc", str(10**12)])
def test_adding_a_bad_quantity_is_refused_without_an_error_page(client, product, quantity):
    response = client.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": quantity}, follow=True)

    assert response.status_code == 200
    assert "Jumlah:" in response.text
    assert not client.session.get(cart_services.SESSION_KEY)


def test_the_product_page_shows_a_disabled_button_when_out_of_stock(client, shop):
    empty = ProductFactory(seller=shop, stock=0)

    text = client.get(empty.get_absolute_url()).text

    assert "Stok habis." in text
    assert "disabled" in text


# ---- the cart page ---------------------------------------------------------------------------------


def test_a_visitors_cart_is_merged_into_the_account_after_login(client, customer, product, other_product):
    add_to_cart(client, product, 2)
    add_to_cart(client, other_product, 1)

    client.force_login(customer)  # keeps the session's data, as the login page does
    page = client.get(reverse("orders:cart"))

    assert {(line.product_id, line.quantity) for line in CartLine.objects.filter(user=customer)} == {
        (product.pk, 2),
        (other_product.pk, 1),
    }
    assert "sudah digabungkan" in page.text
    assert [row.product for row in page.context["cart"].lines] == [product, other_product]


def test_logging_in_through_the_login_page_keeps_the_session_cart(client, customer, product):
    add_to_cart(client, product, 2)

    client.post(reverse("login"), {"username": customer.email, "password": PASSWORD})
    page = client.get(reverse("orders:cart"))

    assert page.context["cart"].count == 2
    assert CartLine.objects.get(user=customer).quantity == 2


def test_a_visitor_who_registers_on_the_way_to_checkout_lands_on_the_checkout_with_their_cart(client, product):
    add_to_cart(client, product, 2)

    login_page = client.get(reverse("orders:checkout"), follow=True)
    register_link = f'href="{reverse("register")}?next=/checkout/"'
    assert register_link in login_page.text
    register_page = client.get(f"{reverse('register')}?next=/checkout/")
    assert 'name="next" value="/checkout/"' in register_page.text
    response = client.post(
        reverse("register"),
        {
            "email": "ani@example.id",
            "full_name": "Ani Pembeli",
            "password1": "kopi-toraja-sapan-2020",
            "password2": "kopi-toraja-sapan-2020",
            "next": "/checkout/",
        },
    )

    assert response.status_code == 302 and response.url == "/checkout/"
    checkout = client.get(response.url)
    assert checkout.status_code == 200 and product.name in checkout.text


def test_registering_never_sends_the_new_user_to_another_site(client):
    response = client.post(
        reverse("register"),
        {
            "email": "ani@example.id",
            "full_name": "Ani Pembeli",
            "password1": "kopi-toraja-sapan-2020",
            "password2": "kopi-toraja-sapan-2020",
            "next": "https://evil.example/",
        },
    )

    assert response.status_code == 302 and response.url == "/"


def test_the_cart_groups_lines_by_shop_with_totals(as_user, customer, shop, other_shop):
    coffee = ProductFactory(seller=shop, name="Kopi Gayo", price=85000)
    beans = ProductFactory(seller=shop, name="Kopi Luwak", price=100000)
    toraja = ProductFactory(seller=other_shop, name="Kopi Toraja", price=95000)
    client = as_user(customer)
    for product, quantity in [(coffee, 2), (toraja, 1), (beans, 1)]:
        add_to_cart(client, product, quantity)

    page = client.get(reverse("orders:cart"))

    groups = page.context["cart"].by_seller()
    assert [(seller, [row.product for row in rows]) for seller, rows in groups] == [
        (shop, [coffee, beans]),
        (other_shop, [toraja]),
    ]
    assert "Rp 170.000" in page.text  # 2 × Kopi Gayo
    assert "Rp 365.000" in page.text  # the total
    assert reverse("orders:checkout") in page.text


def test_the_cart_strikes_the_list_price_and_names_the_campaign(as_user, customer, product, half_price):
    client = as_user(customer)
    add_to_cart(client, product, 2)

    text = client.get(reverse("orders:cart")).text

    assert "Rp 42.500" in text
    assert "Rp 85.000</s>" in text
    assert "#SatuDalamKopi" in text
    assert "−Rp 85.000" in text  # 2 × Rp 42.500 off


def test_a_customer_changes_the_quantity_and_removes_a_line(as_user, customer, product, other_product):
    client = as_user(customer)
    add_to_cart(client, product, 1)
    add_to_cart(client, other_product, 1)

    client.post(reverse("orders:cart_update", args=[only_variant(product).pk]), {"quantity": 4})
    client.post(reverse("orders:cart_remove", args=[only_variant(other_product).pk]))

    assert list(CartLine.objects.filter(user=customer).values_list("product_id", "quantity")) == [(product.pk, 4)]


def test_a_visitor_changes_the_quantity_and_removes_a_line(client, product, other_product):
    add_to_cart(client, product, 1)
    add_to_cart(client, other_product, 1)

    client.post(reverse("orders:cart_update", args=[only_variant(product).pk]), {"quantity": 4})
    client.post(reverse("orders:cart_remove", args=[only_variant(other_product).pk]))

    assert client.session[cart_services.SESSION_KEY] == {str(only_variant(product).pk): 4}


def test_setting_a_quantity_above_the_stock_keeps_the_old_one(as_user, customer, product):
    set_stock(product, 5)
    client = as_user(customer)
    add_to_cart(client, product, 2)

    response = client.post(reverse("orders:cart_update", args=[only_variant(product).pk]), {"quantity": 9}, follow=True)

    assert f"Stok {product.name} tinggal 5." in response.text
    assert CartLine.objects.get(user=customer).quantity == 2


def test_changing_a_line_of_another_customers_cart_is_not_found(as_user, customer, product):
    theirs = CartLine.objects.create(user=UserFactory(), product=product, variant=only_variant(product), quantity=1)
    client = as_user(customer)

    assert (
        client.post(reverse("orders:cart_update", args=[only_variant(product).pk]), {"quantity": 3}).status_code == 404
    )
    assert client.post(reverse("orders:cart_remove", args=[only_variant(product).pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.quantity == 1


def test_the_cart_page_runs_the_same_queries_however_many_lines(
    as_user, customer, django_assert_max_num_queries, settings
):
    settings.PRICING_BACKEND = "marketplace.pricing.ListPriceBackend"
    client = as_user(customer)
    shops = SellerFactory.create_batch(4)
    for i in range(12):
        line_product = ProductFactory(seller=shops[i % 4])
        CartLine.objects.create(user=customer, product=line_product, variant=only_variant(line_product), quantity=1)

    # session, user, header's shop-membership and cart count, the lines with their products, their
    # photos, and the vouchers on offer (their categories and shops too when there are any: still fixed)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("orders:cart"))

    assert len(response.context["cart"].lines) == 12


def test_the_cart_page_marks_a_product_no_longer_for_sale_and_leaves_it_out_of_the_total(
    as_user, customer, product, other_product
):
    client = as_user(customer)
    add_to_cart(client, product, 1)
    add_to_cart(client, other_product, 1)
    Product.objects.filter(pk=other_product.pk).update(is_active=False)

    page = client.get(reverse("orders:cart"))

    assert other_product.name in page.text
    assert "Tidak dijual lagi" in page.text
    assert page.context["cart"].total == product.price


def test_a_visitors_cart_marks_a_product_no_longer_for_sale_instead_of_hiding_it(client, product, other_product):
    add_to_cart(client, product, 1)
    add_to_cart(client, other_product, 2)
    Product.objects.filter(pk=other_product.pk).update(is_active=False)

    page = client.get(reverse("orders:cart"))

    assert other_product.name in page.text
    assert "Tidak dijual lagi" in page.text
    assert page.context["cart"].total == product.price


# ---- checkout --------------------------------------------------------------------------------------


def test_checkout_sends_visitors_to_log_in(client):
    response = client.get(reverse("orders:checkout"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(as_user, customer):
    response = as_user(customer).get(reverse("orders:checkout"))

    assert response.url == reverse("orders:cart")


def test_the_checkout_page_lists_each_shop_with_its_shipping_estimate(
    as_user, customer, product, other_product, address
):
    client = as_user(customer)
    add_to_cart(client, product, 1)  # 250 g -> 1 kg
    add_to_cart(client, other_product, 1)  # 1200 g -> 2 kg
    data = checkout_data(address, estimate="1")

    page = client.post(reverse("orders:checkout"), data)

    shops = page.context["estimate"].shops
    assert [shop.seller for shop in shops] == [product.seller, other_product.seller]
    # Each shop lists its couriers, cheapest first, priced from where it ships: Aceh and Toraja to Java.
    assert [o.key for o in shops[0].options][:1] == ["pos:reg"]
    assert shops[0].options[0].fee == 19500 and shops[1].options[0].fee == 2 * 26500
    assert shops[0].chosen == shops[0].options[0]
    assert f'name="ship_{product.seller_id}" value="jne:yes"' in page.text
    assert "Ongkos kirim" in page.text
    assert len(page.context["form"]["province"].field.choices) == 39  # "—" and the 38 provinces
    assert not Order.objects.exists()


def test_every_hint_and_error_the_checkout_fields_point_at_is_on_the_page(as_user, customer, product, address):
    """A screen reader reads a field's help text and error through aria-describedby: the ids must exist."""
    import re

    client = as_user(customer)
    add_to_cart(client, product, 1)

    for page in (
        client.get(reverse("orders:checkout")),
        client.post(reverse("orders:checkout"), checkout_data(address, postal_code="12", phone="x")),
    ):
        referenced = {ref for refs in re.findall(r'aria-describedby="([^"]+)"', page.text) for ref in refs.split()}
        assert referenced, "the fields describe themselves"
        assert {ref for ref in referenced if f'id="{ref}"' not in page.text} == set()


def test_checkout_creates_one_order_with_a_shipment_per_shop_and_goes_to_payment(
    as_user, customer, product, other_product, address
):
    client = as_user(customer)
    add_to_cart(client, product, 2)
    add_to_cart(client, other_product, 1)

    response = client.post(reverse("orders:checkout"), checkout_data(address, courier="sicepat"))

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("orders:pay", args=[order.number])
    assert order.buyer == customer and order.courier == "sicepat"
    shops = set(order.shipments.values_list("seller_id", flat=True))
    assert shops == {product.seller_id, other_product.seller_id}
    assert order.total == 2 * 85000 + 95000 + order.shipping_total
    assert not CartLine.objects.filter(user=customer).exists()


def test_submitting_the_same_checkout_form_twice_places_one_order(as_user, customer, product, address):
    client = as_user(customer)
    add_to_cart(client, product, 1)
    data = checkout_data(address)

    first = client.post(reverse("orders:checkout"), data)
    second = client.post(reverse("orders:checkout"), data)

    assert Order.objects.count() == 1
    assert first.url == second.url == reverse("orders:pay", args=[Order.objects.get().number])


def test_checkout_when_stock_is_short_names_the_product_and_creates_nothing(
    as_user, customer, product, other_product, address
):
    client = as_user(customer)
    add_to_cart(client, product, 3)
    add_to_cart(client, other_product, 1)
    set_stock(product, 1)

    response = client.post(reverse("orders:checkout"), checkout_data(address))

    assert response.status_code == 200
    assert f"Stok tidak cukup: {product.name} (tersisa 1)." in response.text
    assert response.context["short"] == {product.pk: 1}
    assert not Order.objects.exists()
    assert Product.objects.get(pk=product.pk).stock == 1
    assert CartLine.objects.filter(user=customer).count() == 2


def test_checkout_with_a_product_no_longer_for_sale_names_it_and_creates_nothing(
    as_user, customer, product, other_product, address
):
    client = as_user(customer)
    add_to_cart(client, product, 1)
    add_to_cart(client, other_product, 1)
    Product.objects.filter(pk=other_product.pk).update(is_active=False)

    response = client.post(reverse("orders:checkout"), checkout_data(address))

    assert response.status_code == 200
    assert f"{other_product.name} tidak dijual lagi; hapus dari keranjang." in response.text
    assert not Order.objects.exists()
    assert CartLine.objects.filter(user=customer).count() == 2


def test_checkout_with_a_bad_address_shows_the_fields_and_creates_nothing(as_user, customer, product, address):
    client = as_user(customer)
    add_to_cart(client, product, 1)

    response = client.post(reverse("orders:checkout"), checkout_data(address, province="99", postal_code="12"))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"province", "postal_code"}
    assert not Order.objects.exists()


def test_checkout_fills_the_address_of_the_last_order(as_user, customer, product, place_order, address):
    place_order((product, 1))
    client = as_user(customer)
    add_to_cart(client, product, 1)

    form = client.get(reverse("orders:checkout")).context["form"]

    assert form.initial["street"] == address["street"]
    assert form.initial["province"] == address["province"]


# ---- the buyer's order pages, per role ---------------------------------------------------------------


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


# ---- a shop's incoming shipments -------------------------------------------------------------------


def shipments_url(seller, **params):
    url = reverse("orders:seller_shipments", args=[seller.pk])
    return f"{url}?status={params['status']}" if params else url


def test_the_shop_sees_paid_orders_to_pack_with_the_address(
    as_user, customer, product, other_product, place_order, seller_user, address
):
    paid = a_paid_order(place_order, (product, 2), (other_product, 1), buyer=customer)
    unpaid = place_order((product, 1))

    text = as_user(seller_user).get(shipments_url(product.seller, status="pending")).text

    assert paid.number in text
    assert unpaid.number not in text  # not paid yet: nothing to pack
    assert f"2 × {product.name}" in text
    assert other_product.name not in text  # another shop's part of the same order
    assert address["street"] in text and "DI Yogyakarta" in text
    assert "Tandai dikirim" in text


def test_the_shop_does_not_see_orders_cancelled_before_payment(as_user, customer, product, place_order, seller_user):
    expired = place_order((product, 1))
    lifecycle.orders_cancel_expired(now=expired.payment_deadline + timedelta(seconds=1))

    text = as_user(seller_user).get(shipments_url(product.seller)).text

    assert expired.number not in text


@pytest.mark.parametrize("path", ["/pesanan/INV%00x/", "/pesanan/INV%00x/bayar/"])
def test_an_order_number_that_cannot_exist_is_a_404_on_the_pages_never_a_500(as_user, customer, path):
    client = as_user(customer)

    assert client.get(path).status_code == 404
    assert client.post("/pesanan/INV%00x/batal/").status_code == 404
    assert client.post("/pesanan/INV%00x/pengiriman/1/diterima/").status_code == 404


def test_the_shop_marks_a_shipment_shipped(as_user, customer, product, other_product, place_order, seller_user):
    order = a_paid_order(place_order, (product, 1), (other_product, 1), buyer=customer)
    shipment = order.shipments.get(seller=product.seller)
    client = as_user(seller_user)

    response = client.post(
        reverse("orders:shipment_ship", args=[product.seller.pk, shipment.pk]),
        {"courier": "sicepat", "tracking_number": "SCP000111222", "status": "pending"},
    )

    assert response.url == shipments_url(product.seller, status="pending")
    shipment.refresh_from_db()
    order.refresh_from_db()
    assert (shipment.status, shipment.courier, shipment.tracking_number) == ("shipped", "sicepat", "SCP000111222")
    assert order.status == Order.Status.PARTIALLY_SHIPPED


def test_shipping_without_a_tracking_number_is_refused(as_user, customer, product, place_order, seller_user):
    order = a_paid_order(place_order, (product, 1), buyer=customer)
    shipment = order.shipments.get()

    response = as_user(seller_user).post(
        reverse("orders:shipment_ship", args=[product.seller.pk, shipment.pk]),
        {"courier": "jne", "tracking_number": ""},
        follow=True,
    )

    assert "Nomor resi" in response.text
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.PENDING


def test_the_incoming_shipments_send_visitors_to_log_in(client, shop):
    assert client.get(shipments_url(shop)).url.startswith(reverse("login"))


@pytest.mark.parametrize("who", ["customer", "other_seller_user", "ministry", "buyer"])
def test_the_incoming_shipments_of_a_shop_are_not_found_by_non_members(
    as_user, request, product, place_order, other_shop, customer, who
):
    order = a_paid_order(place_order, (product, 1), buyer=customer)
    shipment = order.shipments.get()
    user = customer if who == "buyer" else request.getfixturevalue(who)
    client = as_user(user)

    assert client.get(shipments_url(product.seller)).status_code == 404
    response = client.post(
        reverse("orders:shipment_ship", args=[product.seller.pk, shipment.pk]),
        {"courier": "jne", "tracking_number": "X1"},
    )
    assert response.status_code == 404
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.PENDING


def test_a_member_cannot_ship_another_shops_shipment_through_their_own_shop(
    as_user, customer, other_product, place_order, seller_user, shop
):
    order = a_paid_order(place_order, (other_product, 1), buyer=customer)
    shipment = order.shipments.get()

    response = as_user(seller_user).post(
        reverse("orders:shipment_ship", args=[shop.pk, shipment.pk]), {"courier": "jne", "tracking_number": "X1"}
    )

    assert response.status_code == 404
    shipment.refresh_from_db()
    assert shipment.status == "pending" and shipment.tracking_number == ""


def test_the_seller_centre_links_to_incoming_shipments(as_user, seller_user, shop):
    text = as_user(seller_user).get(reverse("sellers:centre")).text

    assert reverse("orders:seller_shipments", args=[shop.pk]) in text


def test_the_header_count_leaves_out_lines_no_longer_for_sale(client, customer, product, other_product):
    from orders.models import CartLine
    from sellers.models import Product

    CartLine.objects.create(user=customer, product=product, variant=only_variant(product), quantity=2)
    CartLine.objects.create(user=customer, product=other_product, variant=only_variant(other_product), quantity=5)
    Product.objects.filter(pk=other_product.pk).update(is_active=False)
    client.force_login(customer)

    assert client.get("/").context["cart_count"]() == 2
