"""The catalogue page: which products it lists, its search, filters and ordering, bad filter values,
pagination, the few queries it runs, and shop names escaped."""

import pytest
from django.urls import reverse

from tests.factories import ProductFactory, SellerFactory, category

pytestmark = pytest.mark.django_db


def catalogue(client, **params):
    return client.get(reverse("sellers:catalogue"), params)


def test_catalogue_shows_prices_in_rupiah(client, shop):
    ProductFactory(seller=shop, price=85000)

    response = catalogue(client)

    assert response.status_code == 200
    assert "Rp 85.000" in response.text


def test_catalogue_hides_products_of_pending_shops(client, pending_shop, shop):
    ProductFactory(seller=pending_shop, name="Kopi Belum Diverifikasi")
    ProductFactory(seller=shop, name="Kopi Sudah Diverifikasi")

    text = catalogue(client).text

    assert "Kopi Belum Diverifikasi" not in text
    assert "Kopi Sudah Diverifikasi" in text


def test_catalogue_hides_products_taken_off_sale(client, shop):
    ProductFactory(seller=shop, name="Kopi Tidak Dijual", is_active=False)

    assert "Kopi Tidak Dijual" not in catalogue(client).text


def test_catalogue_search_finds_products_by_name(client, shop, other_shop):
    ProductFactory(seller=shop, name="Kopi Robusta Lampung")
    ProductFactory(seller=other_shop, name="Gamis Katun Jepang", category=category("gamis"))

    text = catalogue(client, search="kopi").text

    assert "Kopi Robusta Lampung" in text
    assert "Gamis Katun Jepang" not in text


def test_catalogue_search_finds_products_by_shop_name(client, shop, other_shop):
    ProductFactory(seller=other_shop, name="Tenun Sa'dan")

    assert "Tenun Sa&#x27;dan" in catalogue(client, search="toraja").text


def test_catalogue_category_filter_includes_sub_categories(client, shop):
    ProductFactory(seller=shop, name="Kopi Sangrai Gayo", category=category("kopi-biji-sangrai"))
    ProductFactory(seller=shop, name="Hijab Voal", category=category("hijab"))

    text = catalogue(client, category=category("kopi").pk).text

    assert "Kopi Sangrai Gayo" in text
    assert "Hijab Voal" not in text


def test_catalogue_filters_by_province_of_the_shop(client, shop, other_shop):
    ProductFactory(seller=shop, name="Kopi dari Aceh")
    ProductFactory(seller=other_shop, name="Kopi dari Toraja")

    text = catalogue(client, province="73").text

    assert "Kopi dari Toraja" in text
    assert "Kopi dari Aceh" not in text


def test_catalogue_can_show_only_bangga_buatan_indonesia_products(client, shop):
    ProductFactory(seller=shop, name="Kopi Lokal Penuh", tkdn_percent=85)
    ProductFactory(seller=shop, name="Kopi Campuran Impor", tkdn_percent=20)

    text = catalogue(client, min_tkdn=40).text

    assert "Kopi Lokal Penuh" in text
    assert "Kopi Campuran Impor" not in text


def test_catalogue_can_show_only_products_in_stock(client, shop):
    ProductFactory(seller=shop, name="Kopi Masih Ada", stock=3)
    ProductFactory(seller=shop, name="Kopi Sudah Habis", stock=0)

    text = catalogue(client, in_stock="true").text

    assert "Kopi Masih Ada" in text
    assert "Kopi Sudah Habis" not in text


def test_catalogue_orders_by_price(client, shop):
    ProductFactory(seller=shop, name="Kopi Mahal", price=200000)
    ProductFactory(seller=shop, name="Kopi Murah", price=20000)

    text = catalogue(client, ordering="price").text

    assert text.index("Kopi Murah") < text.index("Kopi Mahal")


@pytest.mark.parametrize(
    "params",
    [
        {"category": "bukan-angka"},
        {"category": "999999"},
        {"province": "99"},
        {"min_tkdn": "banyak"},
        {"min_tkdn": "-5"},
        {"ordering": "password"},
        {"in_stock": "mungkin"},
        {"seller": "0"},
        {"page": "999"},
        {"page": "x"},
        {"search": "x" * 500},
    ],
)
def test_catalogue_answers_bad_filter_values_with_a_page_not_a_500(client, product, params):
    response = catalogue(client, **params)

    assert response.status_code == 200


def test_catalogue_shows_the_error_of_an_invalid_filter_and_no_products(client, product):
    response = catalogue(client, min_tkdn="banyak")

    assert "Sebagian filter tidak valid" in response.text
    assert product.name not in response.text


def test_catalogue_keeps_filters_in_the_pagination_links(client, shop):
    ProductFactory.create_batch(30, seller=shop)

    response = catalogue(client, search="kopi", in_stock="true")

    assert "search=kopi&amp;in_stock=true&amp;page=2" in response.text
    assert len(response.context["page_obj"].object_list) == 24


@pytest.mark.parametrize("count", [10, 40])
def test_catalogue_runs_the_same_few_queries_however_many_products(client, django_assert_max_num_queries, count):
    shops = SellerFactory.create_batch(4)
    for i in range(count):
        ProductFactory(seller=shops[i % 4])

    # The page, its count, its photos, the prices, the typo check of the query words and the facets (five).
    with django_assert_max_num_queries(10):
        response = catalogue(client, search="kopi")

    assert response.status_code == 200


def test_a_shop_name_with_html_is_escaped_in_the_catalogue(client):
    shop = SellerFactory(name="<script>alert('toko')</script>")
    ProductFactory(seller=shop)

    text = catalogue(client).text

    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#x27;toko&#x27;)&lt;/script&gt;" in text
