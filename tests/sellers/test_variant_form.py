"""The seller centre's product form: a product's variants added and edited inline."""

import pytest
from django.urls import reverse

from sellers.models import Product, ProductVariant
from tests.factories import ProductFactory
from tests.sellers.test_seller_centre_pages import product_form_data

pytestmark = pytest.mark.django_db


def rows(*rows, initial=0):
    """The formset's fields for `rows` (dicts), plus one blank row, as the page posts them."""
    data = {"variants-TOTAL_FORMS": str(len(rows) + 1), "variants-INITIAL_FORMS": str(initial)}
    for i, row in enumerate(rows):
        data.update({f"variants-{i}-{k}": v for k, v in row.items()})
    blank = len(rows)
    data.update({f"variants-{blank}-is_active": "on"})
    return data


def test_a_member_adds_a_coffee_with_three_variants_at_once(client, seller_user, shop):
    client.force_login(seller_user)
    data = {
        **product_form_data(name="Kopi Gayo", variant_name="250 g / biji", price="85000", weight_grams="300"),
        **rows(
            {"name": "250 g / bubuk", "price": "87000", "stock": "5", "weight_grams": "300", "is_active": "on"},
            {"name": "1 kg / biji", "price": "300000", "stock": "2", "weight_grams": "1100", "is_active": "on"},
        ),
    }

    response = client.post(reverse("sellers:product_add", kwargs={"seller_id": shop.pk}), data)

    assert response.status_code == 302
    product = Product.objects.get(name="Kopi Gayo")
    variants = ProductVariant.objects.filter(product=product).order_by("position")
    assert [(v.name, v.price, v.stock) for v in variants] == [
        ("250 g / biji", 85000, 12),
        ("250 g / bubuk", 87000, 5),
        ("1 kg / biji", 300000, 2),
    ]
    assert (product.price, product.price_max, product.stock) == (85000, 300000, 19)


def test_several_variants_each_need_a_name_and_nothing_is_created_without(client, seller_user, shop):
    client.force_login(seller_user)
    data = {
        **product_form_data(name="Gamis"),
        **rows({"name": "XL", "price": "260000", "stock": "5", "weight_grams": "500", "is_active": "on"}),
    }

    response = client.post(reverse("sellers:product_add", kwargs={"seller_id": shop.pk}), data)

    assert response.status_code == 200
    assert "beri nama setiap varian" in response.text
    assert not Product.objects.filter(name="Gamis").exists()


def test_the_edit_form_lists_the_other_variants_and_changes_them(client, seller_user, shop):
    gamis = ProductFactory(
        seller=shop,
        variants=[
            {"name": "M", "price": 250000, "stock": 3},
            {"name": "L", "price": 250000, "stock": 4},
            {"name": "XL", "price": 275000, "stock": 1},
        ],
    )
    large, extra_large = ProductVariant.objects.filter(product=gamis).order_by("position")[1:]
    client.force_login(seller_user)
    url = reverse("sellers:product_edit", kwargs={"seller_id": shop.pk, "product_id": gamis.pk})
    page = client.get(url).text
    assert 'value="XL"' in page

    data = {
        **product_form_data(name=gamis.name, variant_name="M", price="250000", stock="3", is_active="on"),
        **rows(
            {"id": large.pk, "name": "L", "price": "255000", "stock": "9", "weight_grams": "500", "is_active": "on"},
            {"id": extra_large.pk, "name": "XL", "price": "275000", "stock": "1", "weight_grams": "500"},
            initial=2,
        ),
    }
    response = client.post(url, data)

    assert response.status_code == 302
    large.refresh_from_db()
    extra_large.refresh_from_db()
    assert (large.price, large.stock, extra_large.is_active) == (255000, 9, False)
    gamis.refresh_from_db()
    assert (gamis.price, gamis.price_max, gamis.stock) == (250000, 255000, 12)


def test_a_row_naming_another_products_variant_changes_nothing(client, seller_user, shop):
    mine, theirs = ProductFactory(seller=shop), ProductFactory(seller=shop)
    stranger = ProductVariant.objects.get(product=theirs)
    client.force_login(seller_user)
    url = reverse("sellers:product_edit", kwargs={"seller_id": shop.pk, "product_id": mine.pk})
    data = {
        **product_form_data(name=mine.name, is_active="on"),
        **rows(
            {"id": stranger.pk, "name": "Curian", "price": "1", "stock": "0", "weight_grams": "1", "is_active": "on"}
        ),
    }

    response = client.post(url, data)

    assert response.status_code == 200
    stranger.refresh_from_db()
    assert (stranger.name, stranger.price) == ("", 85000)


def test_a_sku_used_elsewhere_in_the_shop_is_named_on_the_row_that_repeats_it(client, seller_user, shop):
    ProductVariant.objects.filter(product=ProductFactory(seller=shop)).update(sku="GMS-XL")
    client.force_login(seller_user)
    data = {
        **product_form_data(name="Gamis Syari", variant_name="L", sku="GMS-L"),
        **rows(
            {"name": "M", "sku": "GMS-M", "price": "240000", "stock": "5", "weight_grams": "500", "is_active": "on"},
            {"name": "XL", "sku": "GMS-XL", "price": "260000", "stock": "5", "weight_grams": "500", "is_active": "on"},
        ),
    }

    response = client.post(reverse("sellers:product_add", kwargs={"seller_id": shop.pk}), data)

    assert response.status_code == 200
    variant_rows = response.context["variants"].forms
    assert "SKU ini sudah dipakai" in str(variant_rows[1].errors["sku"])
    assert not variant_rows[0].errors
    assert not response.context["form"].errors
    assert not Product.objects.filter(name="Gamis Syari").exists()


def test_a_first_variant_sku_used_elsewhere_is_named_on_the_product_forms_sku(client, seller_user, shop):
    ProductVariant.objects.filter(product=ProductFactory(seller=shop)).update(sku="KOPI-1")
    client.force_login(seller_user)
    data = {**product_form_data(name="Kopi Toraja", sku="KOPI-1"), **rows()}

    response = client.post(reverse("sellers:product_add", kwargs={"seller_id": shop.pk}), data)

    assert response.status_code == 200
    assert "SKU ini sudah dipakai" in str(response.context["form"].errors["sku"])
    assert not Product.objects.filter(name="Kopi Toraja").exists()
