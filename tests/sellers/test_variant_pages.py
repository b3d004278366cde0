"""Choosing a variant on the product page, and the catalogue's "from" price."""

import re

import pytest
from django.urls import reverse

from orders.models import CartLine
from sellers.models import ProductVariant
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

SIZES = [
    {"name": "M", "price": 250000, "stock": 0},
    {"name": "L", "price": 250000, "stock": 3},
    {"name": "XL", "price": 275000, "stock": 2},
]


@pytest.fixture
def gamis(shop):
    return ProductFactory(seller=shop, name="Gamis Katun Rayon", variants=SIZES)


def test_the_product_page_offers_each_variant_with_its_price_and_checks_the_first_in_stock(client, gamis):
    page = client.get(gamis.get_absolute_url()).content.decode()

    radios = {
        int(re.search(r'value="(\d+)"', tag).group(1)): " ".join(tag.split())
        for tag in re.findall(r'<input type="radio" name="variant".*?>', page, flags=re.S)
    }
    variants = {v.name: v.pk for v in ProductVariant.objects.filter(product=gamis)}
    assert set(radios) == set(variants.values())
    assert " checked " in radios[variants["L"]] and " disabled " not in radios[variants["L"]]
    assert " disabled " in radios[variants["M"]] and " checked " not in radios[variants["M"]]
    assert 'data-price="Rp 275.000"' in radios[variants["XL"]]


def test_without_javascript_the_chosen_variant_goes_into_the_cart(client, customer, gamis):
    client.force_login(customer)
    extra_large = ProductVariant.objects.get(product=gamis, name="XL")

    client.post(reverse("orders:cart_add"), {"product": gamis.pk, "variant": extra_large.pk, "quantity": 2})

    line = CartLine.objects.get(user=customer)
    assert (line.variant_id, line.quantity) == (extra_large.pk, 2)
    assert "XL" in client.get(reverse("orders:cart")).content.decode()


def test_adding_a_product_with_several_variants_without_choosing_one_names_them(client, customer, gamis):
    client.force_login(customer)

    response = client.post(reverse("orders:cart_add"), {"product": gamis.pk, "quantity": 1}, follow=True)

    assert "pilih salah satu" in response.content.decode()
    assert not CartLine.objects.exists()


def test_a_visitors_cart_holds_two_sizes_of_one_gamis_as_two_lines(client, gamis):
    large, extra_large = (ProductVariant.objects.get(product=gamis, name=n) for n in ("L", "XL"))
    client.post(reverse("orders:cart_add"), {"product": gamis.pk, "variant": large.pk, "quantity": 1})
    client.post(reverse("orders:cart_add"), {"product": gamis.pk, "variant": extra_large.pk, "quantity": 1})

    cart = client.get(reverse("orders:cart")).context["cart"]

    assert [(row.product.pk, row.variant_name) for row in cart.lines] == [(gamis.pk, "L"), (gamis.pk, "XL")]
    assert cart.total == 525000


def test_the_catalogue_shows_a_product_once_priced_from_its_cheapest_variant(client, gamis, shop):
    ProductFactory(seller=shop, name="Kopi Satu Harga")

    page = client.get(reverse("sellers:catalogue")).content.decode()

    assert page.count("Gamis Katun Rayon") == 1
    assert page.count("mulai") == 1
    assert "Rp 250.000" in page


@pytest.mark.parametrize("sizes", [2, 6])
def test_the_product_page_runs_the_same_queries_whatever_the_number_of_variants(
    client, shop, django_assert_max_num_queries, sizes
):
    product = ProductFactory(seller=shop, variants=[{"name": f"Ukuran {i}", "price": 1000 + i} for i in range(sizes)])
    ProductFactory.create_batch(3, seller=shop)

    # The page's eight before variants, one for the variants and one more for their prices.
    with django_assert_max_num_queries(10):
        response = client.get(product.get_absolute_url())

    assert response.content.decode().count('name="variant"') == sizes
