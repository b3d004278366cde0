"""docs/api.md, "Catalogue": one product, its documented fields, its badge, its web page, what is not
found, and the hand-built output agreeing with the declared serializer fields."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sellers.models import Product
from tests.factories import ProductFactory, category, only_variant
from tests.sellers.product_api_helpers import PRODUCTS

pytestmark = pytest.mark.django_db


def test_product_detail_has_exactly_the_documented_fields(api, shop):
    product = ProductFactory(
        seller=shop,
        name="Kopi Arabika Gayo 250 g",
        description="Sangrai medium",
        price=85000,
        stock=12,
        tkdn_percent=85,
    )
    sangrai = category("kopi-biji-sangrai")

    response = api.get(f"{PRODUCTS}{product.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": product.pk,
        "name": "Kopi Arabika Gayo 250 g",
        "slug": product.slug,
        "url": product.get_absolute_url(),
        "description": "Sangrai medium",
        "price": 85000,
        "price_now": 85000,
        "campaign": None,
        "stock": 12,
        "weight_grams": 250,
        "tkdn_percent": 85,
        "bangga_buatan_indonesia": True,
        "seller": {"id": shop.pk, "name": shop.name, "province": "11"},
        "category": {"id": sangrai.pk, "slug": "kopi-biji-sangrai", "name": sangrai.name},
        "variants": [
            {
                "id": only_variant(product).pk,
                "name": "",
                "sku": "",
                "price": 85000,
                "price_now": 85000,
                "stock": 12,
                "weight_grams": 250,
            }
        ],
        "rating": {"average": None, "count": 0},
        "units_sold": 0,
        "image": None,
        "images": [],
    }


def test_the_product_url_is_the_path_of_its_web_page(api, product):
    url = api.get(f"{PRODUCTS}{product.pk}/").json()["url"]

    assert url.startswith("/")
    assert product.slug in url
    assert api.get(url).status_code == 200


@pytest.mark.parametrize("tkdn, badge", [(39, False), (40, True), (100, True), (0, False)])
def test_the_bangga_buatan_indonesia_badge_starts_at_40_percent(api, shop, tkdn, badge):
    product = ProductFactory(seller=shop, tkdn_percent=tkdn)

    assert api.get(f"{PRODUCTS}{product.pk}/").json()["bangga_buatan_indonesia"] is badge


@pytest.mark.parametrize(
    "make",
    [
        lambda shop, pending: ProductFactory(seller=shop, is_active=False),
        lambda shop, pending: ProductFactory(seller=pending),
    ],
    ids=["inactive", "pending-shop"],
)
def test_a_product_off_sale_is_a_404(api, shop, pending_shop, make):
    product = make(shop, pending_shop)

    assert api.get(f"{PRODUCTS}{product.pk}/").status_code == 404


def test_an_unknown_product_is_a_404(api):
    assert api.get(f"{PRODUCTS}999999/").status_code == 404
    assert api.get(f"{PRODUCTS}{10**20}/").status_code == 404


def test_the_hand_built_product_output_matches_the_declared_serializer_fields(product, rf):
    """ProductOutput renders by hand for speed; it must say exactly what its declared fields say."""
    from rest_framework import serializers

    from sellers.api import ProductMemberOutput, ProductOutput, with_quotes
    from tests.factories import EnrolmentFactory

    EnrolmentFactory(product=ProductFactory(seller=product.seller))
    request = rf.get("/")
    request.user = AnonymousUser()
    for item in Product.objects.select_related("seller", "category"):
        for output in (ProductOutput, ProductMemberOutput):
            serializer = output(context=with_quotes([item], request))
            assert serializer.to_representation(item) == serializers.ModelSerializer.to_representation(serializer, item)
