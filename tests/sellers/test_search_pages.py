"""Search on the web pages: a search box in every header, facets on the catalogue, a phone-first
catalogue whose filters wait behind one button, and related products under each product."""

import re

import pytest
from django.urls import reverse

from tests.factories import ProductFactory, SellerFactory, category

pytestmark = pytest.mark.django_db


def test_every_shop_front_page_has_the_search_box_in_its_header(client, product):
    pages = [
        reverse("home"),
        reverse("sellers:catalogue"),
        product.get_absolute_url(),
        product.seller.get_absolute_url(),
        reverse("orders:cart"),
        reverse("campaigns:list"),
    ]
    for url in pages:
        text = client.get(url).text
        header = text[text.index('<header class="site-header">') : text.index("</header>")]
        assert 'role="search"' in header, url
        assert 'name="search"' in header, url
        assert f'action="{reverse("sellers:catalogue")}"' in header, url


def test_the_header_box_keeps_what_was_searched(client, product):
    text = client.get(reverse("sellers:catalogue"), {"search": "kopi gayo"}).text

    assert 'id="site-search" type="search" name="search" maxlength="100" value="kopi gayo"' in text


def test_the_catalogue_opens_on_products_with_its_filters_folded_away(client, product):
    text = client.get(reverse("sellers:catalogue")).text

    assert '<details class="filter-sheet">' in text  # closed: no `open` attribute
    assert text.index("filter-toggle") < text.index(product.name)


def test_the_catalogue_shows_facet_counts_that_narrow_the_search(client, shop, other_shop):
    ProductFactory(seller=shop, name="Kopi Arabika Gayo")
    ProductFactory(seller=shop, name="Kopi Arabika Gayo Mini")
    ProductFactory(seller=other_shop, name="Kopi Arabika Toraja")

    text = client.get(reverse("sellers:catalogue"), {"search": "arabika"}).text

    count = '<span class="facet-count">{}</span>'
    assert f'href="?search=arabika&amp;province=11">Aceh {count.format(2)}' in text
    assert f'href="?search=arabika&amp;province=73">Sulawesi Selatan {count.format(1)}' in text

    narrowed = client.get(reverse("sellers:catalogue"), {"search": "arabika", "province": "73"}).text
    assert "Kopi Arabika Toraja" in narrowed
    assert "Kopi Arabika Gayo" not in narrowed
    # The chosen province is a chip that takes it away again.
    assert re.search(r'<a class="chip" href="\?search=arabika" [^>]*>Sulawesi Selatan', narrowed)


def test_searching_the_catalogue_lists_the_best_match_first(client, shop):
    ProductFactory(seller=SellerFactory(name="Toko Teh Kopi"), name="Teh Melati")
    ProductFactory(seller=shop, name="Kopi Tubruk")

    text = client.get(reverse("sellers:catalogue"), {"search": "kopi"}).text

    assert text.index("Kopi Tubruk") < text.index("Teh Melati")
    assert ">Paling sesuai</option>" in text


def test_a_catalogue_search_of_only_punctuation_says_what_is_wrong(client, product):
    text = client.get(reverse("sellers:catalogue"), {"search": "?!"}).text

    assert "Kata pencarian harus berisi huruf atau angka." in text


def test_under_a_product_come_more_from_its_shop_and_similar_ones(client, shop, other_shop):
    product = ProductFactory(seller=shop, name="Kopi Arabika Gayo")
    ProductFactory(seller=shop, name="Gula Aren Gayo", category=category("gula-aren"))
    ProductFactory(seller=other_shop, name="Kopi Arabika Toraja")
    ProductFactory(seller=other_shop, name="Madu Toraja", category=category("madu"))

    text = client.get(product.get_absolute_url()).text

    from_shop = text[text.index("Dari toko ini") : text.index("Produk serupa")]
    similar = text[text.index("Produk serupa") :]
    assert "Gula Aren Gayo" in from_shop
    assert "Kopi Arabika Toraja" in similar
    assert "Madu Toraja" not in text


def test_the_product_page_runs_a_fixed_number_of_queries(client, shop, other_shop, django_assert_max_num_queries):
    product = ProductFactory(seller=shop)
    ProductFactory.create_batch(6, seller=shop)
    ProductFactory.create_batch(6, seller=other_shop)

    # product, its photos, quotes, variants, the vouchers on offer, and the two rails (each with photos)
    with django_assert_max_num_queries(9):
        response = client.get(product.get_absolute_url())

    assert response.content.count(b'class="card product-card"') == 8
