"""Suggestions as the shopper types: product names, categories and shops, after two letters."""

import pytest

from tests.factories import ProductFactory, SellerFactory, category

pytestmark = pytest.mark.django_db

SUGGEST = "/api/v1/search/suggestions/"


def suggest(api, q):
    response = api.get(SUGGEST, {"q": q})
    assert response.status_code == 200, response.content
    return [(row["kind"], row["text"]) for row in response.json()["suggestions"]]


def test_products_categories_and_shops_are_suggested_from_two_letters(api, shop):
    ProductFactory(seller=shop, name="Kopi Arabika Gayo 250 g")
    sugar_shop = SellerFactory(name="Gula Aren Masarang")
    ProductFactory(seller=sugar_shop, name="Gula Aren Cetak", category=category("gula-aren"))

    found = suggest(api, "ko")

    assert ("product", "Kopi Arabika Gayo 250 g") in found
    assert ("category", "Kopi") in found
    assert ("shop", "Kopi Gayo Aman") in found
    assert ("product", "Gula Aren Cetak") not in found


def test_every_typed_word_must_start_a_word_of_the_suggestion(api, shop):
    ProductFactory(seller=shop, name="Kopi Arabika Gayo 250 g")
    ProductFactory(seller=shop, name="Kopi Robusta Temanggung")

    assert [text for kind, text in suggest(api, "kopi ara") if kind == "product"] == ["Kopi Arabika Gayo 250 g"]


def test_a_suggestion_leads_somewhere(api, shop):
    ProductFactory(seller=shop, name="Kopi Arabika Gayo 250 g")

    rows = {}
    for row in api.get(SUGGEST, {"q": "kopi"}).json()["suggestions"]:
        rows.setdefault(row["kind"], row["url"])  # the first of each kind

    assert rows["product"] == "/katalog/?search=Kopi+Arabika+Gayo+250+g"
    assert rows["category"] == "/katalog/?category=kopi"
    assert rows["shop"] == shop.get_absolute_url()


def test_at_most_eight_suggestions(api, shop):
    for n in range(12):
        ProductFactory(seller=shop, name=f"Kopi Gayo Nomor {n}")

    assert len(suggest(api, "kopi")) == 8


@pytest.mark.parametrize("q", ["", "k", " k ", "?!", "'"])
def test_nothing_is_suggested_before_two_letters(api, shop, q):
    ProductFactory(seller=shop, name="Kopi Arabika Gayo")

    assert suggest(api, q) == []


def test_products_off_sale_and_pending_shops_are_never_suggested(api, shop, pending_shop):
    ProductFactory(seller=shop, name="Kopi Ditarik", is_active=False)
    ProductFactory(seller=pending_shop, name="Kopi Rahasia")

    found = suggest(api, "kopi")

    assert [kind for kind, text in found if kind == "product"] == []
    assert ("shop", "Kopi Gayo Aman") in found


@pytest.mark.parametrize("q", ["x" * 101, "ko\x00pi"])
def test_unusable_input_is_a_400_on_q(api, q):
    response = api.get(SUGGEST, {"q": q})

    assert response.status_code == 400
    assert "q" in response.json()


def test_the_same_letters_again_cost_no_query(api, shop, django_assert_max_num_queries, django_assert_num_queries):
    ProductFactory.create_batch(20, seller=shop)

    with django_assert_max_num_queries(3):
        first = api.get(SUGGEST, {"q": "kop"}).json()
    with django_assert_num_queries(0):
        again = api.get(SUGGEST, {"q": "KOP"}).json()

    assert again["suggestions"] == first["suggestions"]
