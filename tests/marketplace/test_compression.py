"""HTML is sent compressed to anonymous visitors; a logged-in user's pages (personal data) are not (BREACH)."""

import gzip

import pytest
from django.urls import reverse

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_the_catalogue_reaches_an_anonymous_visitor_gzipped(client, shop):
    ProductFactory(seller=shop, name="Kopi Arabika Gayo Wine 250 g")

    response = client.get(reverse("sellers:catalogue"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "Kopi Arabika Gayo Wine 250 g" in gzip.decompress(response.content).decode()


def test_a_logged_in_customers_pages_are_never_compressed(client, customer):
    client.force_login(customer)

    for url in (reverse("account"), reverse("sellers:catalogue")):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert not response.has_header("Content-Encoding"), url
        assert customer.email in response.text or url != reverse("account")


def test_an_api_call_with_credentials_is_not_compressed(client, shop):
    ProductFactory.create_batch(5, seller=shop)  # enough to be worth compressing

    anonymous = client.get("/api/v1/products/", HTTP_ACCEPT_ENCODING="gzip")
    response = client.get("/api/v1/products/", HTTP_ACCEPT_ENCODING="gzip", HTTP_AUTHORIZATION="Token any")

    assert anonymous["Content-Encoding"] == "gzip"

    assert not response.has_header("Content-Encoding")
