"""Photos on the pages: cards, the product gallery, lines; and queries that do not grow with them."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orders.models import CartLine
from tests.factories import ProductFactory, SellerFactory, only_variant
from tests.photo_helpers import add_photos

pytestmark = pytest.mark.django_db


def images(html: str) -> list[str]:
    return re.findall(r"<img [^>]*>", html)


def queries_of(fetch) -> int:
    """Queries of a repeated request (the first may fill caches, such as the catalogue's count, that the
    second reads)."""
    cache.clear()
    fetch()
    with CaptureQueriesContext(connection) as captured:
        assert fetch().status_code == 200
    return len(captured)


def test_a_card_shows_the_cover_photo_lazily_with_its_size(client, product):
    first, _second = add_photos(product, 2)

    html = client.get(reverse("sellers:catalogue")).text

    (card_image,) = [tag for tag in images(html) if first.card.url in tag]
    assert 'loading="lazy"' in card_image and 'width="480"' in card_image and 'height="360"' in card_image
    assert f'alt="{first.alt}"' in card_image


def test_a_product_without_photos_gets_the_placeholder_and_no_broken_image(client, product):
    html = client.get(reverse("sellers:catalogue")).text

    assert "photo-none" in html
    assert images(html) == []


def test_the_product_page_shows_every_photo_in_order_with_a_zoom_link(client, product):
    photos = add_photos(product, 3)

    html = client.get(product.get_absolute_url()).text

    page_urls = [photo.page.url for photo in photos]
    assert [url for url in re.findall(r'src="([^"]+)"', html) if url in page_urls] == page_urls
    for photo in photos:
        assert f'href="{photo.zoom.url}"' in html
    assert all('width="' in tag and 'height="' in tag for tag in images(html))


def grow_to_40_products_with_photos(shops, photos_each=2) -> list:
    products = [ProductFactory(seller=shops[i % 4]) for i in range(36)]
    for product in products[:12]:
        add_photos(product, photos_each)
    return products


@pytest.fixture
def shops(db):
    return SellerFactory.create_batch(4)


@pytest.fixture
def four_products(shops):
    return [ProductFactory(seller=shop) for shop in shops]


def test_the_catalogue_runs_as_many_queries_for_40_products_with_photos_as_for_4_without(client, shops, four_products):
    def fetch():
        return client.get(reverse("sellers:catalogue"))

    few = queries_of(fetch)
    grow_to_40_products_with_photos(shops, photos_each=3)

    assert queries_of(fetch) == few


def test_the_catalogue_api_runs_as_many_queries_for_40_products_with_photos_as_for_4_without(api, shops, four_products):
    def fetch():
        return api.get("/api/v1/products/", {"page_size": 50})

    few = queries_of(fetch)
    grow_to_40_products_with_photos(shops)

    assert queries_of(fetch) == few


def test_the_product_page_runs_as_many_queries_with_photos_everywhere_as_without(client, shops, four_products):
    product = four_products[0]
    ProductFactory(seller=shops[0])  # one more from the shop; the other shops' coffee is "similar"

    def fetch():
        return client.get(product.get_absolute_url())

    without = queries_of(fetch)
    add_photos(product, 8)
    for neighbour in [ProductFactory(seller=shops[i % 4]) for i in range(12)]:
        add_photos(neighbour, 2)

    assert queries_of(fetch) == without


def test_the_cart_runs_as_many_queries_for_ten_lines_with_photos_as_for_one_without(client, customer, shops):
    products = [ProductFactory(seller=shops[i % 4]) for i in range(10)]
    CartLine.objects.create(user=customer, product=products[0], variant=only_variant(products[0]), quantity=1)
    client.force_login(customer)

    def fetch():
        return client.get(reverse("orders:cart"))

    without = queries_of(fetch)
    for product in products:
        CartLine.objects.get_or_create(user=customer, product=product, variant=only_variant(product), quantity=1)
        add_photos(product, 2)

    assert queries_of(fetch) == without
    assert all('loading="lazy"' in tag for tag in images(fetch().text))


def test_the_seller_product_list_shows_each_cover(client, seller_user, shop):
    products = [ProductFactory(seller=shop) for _ in range(3)]
    (photo,) = add_photos(products[0], 1)
    client.force_login(seller_user)

    html = client.get(reverse("sellers:centre_products", args=[shop.pk])).text

    assert photo.thumb.url in html
    assert html.count("photo-none") == 2
