"""Putting products in the cart and the cart page, for visitors and customers: stock, shops, campaign
prices, products no longer for sale, and the cart kept through login."""

import pytest
from django.urls import reverse

from orders.models import CartLine
from orders.services import cart as cart_services
from sellers.models import Product
from tests.factories import PASSWORD, ProductFactory, SellerFactory, UserFactory, only_variant, set_stock
from tests.orders.page_helpers import add_to_cart

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_test_provider")]


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


def test_the_header_count_leaves_out_lines_no_longer_for_sale(client, customer, product, other_product):
    from orders.models import CartLine
    from sellers.models import Product

    CartLine.objects.create(user=customer, product=product, variant=only_variant(product), quantity=2)
    CartLine.objects.create(user=customer, product=other_product, variant=only_variant(other_product), quantity=5)
    Product.objects.filter(pk=other_product.pk).update(is_active=False)
    client.force_login(customer)

    assert client.get("/").context["cart_count"]() == 2
