"""Bulk edit of a shop's prices and stock: the table, and a CSV previewed row by row before it applies."""

import re
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sellers.models import Product, ProductVariant
from tests.factories import ProductFactory, set_stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def coffee(shop):
    return ProductFactory(
        seller=shop,
        name="Kopi Gayo",
        variants=[
            {"name": "250 g", "price": 85000, "stock": 10, "sku": "GAYO-250"},
            {"name": "1 kg", "price": 300000, "stock": 4, "sku": "GAYO-1K"},
        ],
    )


def url(shop):
    return reverse("sellers:variants_bulk", kwargs={"seller_id": shop.pk})


def variant(sku):
    return ProductVariant.objects.get(sku=sku)


def upload(client, shop, text):
    csv_file = SimpleUploadedFile("varian.csv", text.encode(), content_type="text/csv")
    return client.post(url(shop), {"action": "preview", "file": csv_file})


@pytest.mark.parametrize("who", ["customer", "other_seller_user", "ministry"])
def test_the_bulk_pages_are_not_found_for_anyone_but_the_shops_members(client, request, shop, coffee, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url(shop)).status_code == 404
    assert client.get(reverse("sellers:variants_csv", kwargs={"seller_id": shop.pk})).status_code == 404
    small = variant("GAYO-250")
    client.post(url(shop), {"action": "save", f"shown_price_{small.pk}": "85000", f"price_{small.pk}": "1"})
    assert variant("GAYO-250").price == 85000


def test_the_table_changes_only_the_cells_edited_and_the_product_follows(client, seller_user, shop, coffee):
    client.force_login(seller_user)
    small, big = variant("GAYO-250"), variant("GAYO-1K")
    post = {"action": "save"}
    for v, price, stock in ((small, "80.000", "10"), (big, "300000", "6")):
        post |= {f"shown_price_{v.pk}": str(v.price), f"shown_stock_{v.pk}": str(v.stock)}
        post |= {f"price_{v.pk}": price, f"stock_{v.pk}": stock}

    response = client.post(url(shop), post)

    assert response.status_code == 302
    assert (variant("GAYO-250").price, variant("GAYO-250").stock) == (80000, 10)
    assert (variant("GAYO-1K").price, variant("GAYO-1K").stock) == (300000, 6)
    assert (Product.objects.get(pk=coffee.pk).price, Product.objects.get(pk=coffee.pk).stock) == (80000, 16)


def test_a_stock_sold_since_the_table_was_shown_is_not_overwritten(client, seller_user, shop):
    client.force_login(seller_user)
    product = ProductFactory(seller=shop, stock=10)
    shown = ProductVariant.objects.get(product=product)
    set_stock(product, 9)  # a sale meanwhile

    response = client.post(
        url(shop),
        {
            "action": "save",
            f"shown_price_{shown.pk}": "85000",
            f"shown_stock_{shown.pk}": "10",
            f"stock_{shown.pk}": "20",
        },
        follow=True,
    )

    assert "Stok berubah sejak halaman dibuka" in response.text
    assert ProductVariant.objects.get(pk=shown.pk).stock == 9


def test_a_csv_is_previewed_row_by_row_and_changes_nothing_until_applied(client, seller_user, shop, coffee):
    client.force_login(seller_user)
    theirs = ProductFactory(seller=ProductFactory().seller, variants=[{"name": "X", "sku": "LAIN-1"}])
    text = "sku,price,stock\nGAYO-250,90000,\nGAYO-1K,,-3\nLAIN-1,1,1\nGAYO-250,1,1\nTIDAK-ADA,5,5\n"

    page = " ".join(re.sub(r"<[^>]+>", "", upload(client, shop, text).text).split())

    assert "Baris 2: Kopi Gayo (250 g)" in page and "Rp 85.000 → Rp 90.000" in page
    assert "Baris 3: Kopi Gayo (1 kg) — ditolak: Stok harus bilangan bulat" in page
    assert page.count("Tidak ada varian dengan id/SKU ini di toko Anda.") == 2  # another shop's SKU, and none
    assert "Varian yang sama sudah di baris 2." in page
    assert variant("GAYO-250").price == 85000

    response = client.post(url(shop), {"action": "apply", "csv_text": text}, follow=True)

    assert "1 baris diterapkan, 4 ditolak." in response.text
    assert (variant("GAYO-250").price, variant("GAYO-1K").stock) == (90000, 4)
    assert ProductVariant.objects.get(product=theirs).price == 85000


def test_the_exported_csv_uploads_again_as_no_change(client, seller_user, shop, coffee):
    client.force_login(seller_user)

    exported = client.get(reverse("sellers:variants_csv", kwargs={"seller_id": shop.pk})).content.decode()
    page = upload(client, shop, exported).text

    assert exported.splitlines()[0] == "id,sku,product,variant,price,stock"
    assert page.count("tidak ada perubahan") == 2
    assert "Tidak ada baris yang bisa diterapkan." in page


def test_a_file_that_is_not_a_csv_of_variants_is_refused(client, seller_user, shop, coffee):
    client.force_login(seller_user)

    response = client.post(
        url(shop), {"action": "preview", "file": SimpleUploadedFile("x.csv", b"\xff\xfe\x00garbage")}, follow=True
    )

    assert "Berkas bukan CSV UTF-8." in response.text


def test_a_cell_that_is_not_a_number_is_named_and_nothing_is_saved(client, seller_user, shop, coffee):
    client.force_login(seller_user)
    small, big = variant("GAYO-250"), variant("GAYO-1K")
    post = {"action": "save", f"shown_price_{small.pk}": "85000", f"price_{small.pk}": "70000"}
    post |= {f"shown_stock_{big.pk}": "4", f"stock_{big.pk}": "empat", f"shown_price_{big.pk}": "300000"}

    response = client.post(url(shop), post, follow=True)

    assert f"Varian {big.pk}: isi stok dengan angka." in response.text
    assert variant("GAYO-250").price == 85000


NINES = "9" * 5000  # past Python's 4300-digit limit of int(): a ValueError, which answered 500


@pytest.mark.parametrize("cell", ["price", "shown_stock", "key"])
def test_a_table_cell_or_row_of_thousands_of_digits_is_refused_not_a_500(client, seller_user, shop, coffee, cell):
    client.force_login(seller_user)
    small = variant("GAYO-250")
    post = {"action": "save", f"shown_price_{small.pk}": "85000", f"price_{small.pk}": "70000"}
    post |= {f"shown_stock_{small.pk}": "10"}
    if cell == "key":
        post = {"action": "save", f"shown_price_{NINES}": "1", f"price_{NINES}": "2"}
    else:
        post[f"{cell}_{small.pk}"] = NINES

    response = client.post(url(shop), urlencode(post), content_type="application/x-www-form-urlencoded", follow=True)

    assert response.status_code == 200
    assert variant("GAYO-250").price == (85000 if cell != "shown_stock" else 70000)


def test_a_csv_cell_of_thousands_of_digits_is_refused_on_its_row(client, seller_user, shop, coffee):
    client.force_login(seller_user)
    text = f"sku,price,stock\nGAYO-250,{NINES},\nGAYO-1K,,{NINES}\n"

    page = " ".join(re.sub(r"<[^>]+>", "", upload(client, shop, text).text).split())

    assert "Baris 2: Kopi Gayo (250 g) — ditolak: Harga harus bilangan bulat" in page
    assert "Baris 3: Kopi Gayo (1 kg) — ditolak: Stok harus bilangan bulat" in page
    assert variant("GAYO-250").price == 85000
