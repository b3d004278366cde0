"""A product's page (what a buyer needs to know, the TKDN badge, campaign prices, the cart form) and a
shop's page, and who may see either while the shop waits for verification."""

import pytest
from django.urls import reverse

from marketplace.pricing import CampaignRef, Quote
from tests.factories import ProductFactory, SellerFactory

pytestmark = pytest.mark.django_db


class HalfPriceBackend:
    """A stand-in for the campaigns app's pricing: everything at half price in #SatuDalamKopi."""

    campaign = CampaignRef(id=1, slug="satu-dalam-kopi", hashtag="#SatuDalamKopi")

    def quote(self, products, at, *, buyer=None):
        return {p.pk: Quote(unit_price=p.price // 2, list_price=p.price, campaign=self.campaign) for p in products}

    def quote_variants(self, variants, at, *, buyer=None):
        return self.quote(variants, at, buyer=buyer)

    def filter_campaign(self, products, campaign_slug):
        return products if campaign_slug == self.campaign.slug else products.none()


@pytest.fixture
def half_price(settings):
    settings.PRICING_BACKEND = "tests.sellers.test_product_and_shop_pages.HalfPriceBackend"


# ---- product page ----------------------------------------------------------------------------------


def test_product_page_shows_what_a_buyer_needs_to_know(client, shop):
    product = ProductFactory(seller=shop, price=85000, stock=7, weight_grams=250, tkdn_percent=85)

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    text = response.text
    assert product.name in text
    assert "Rp 85.000" in text
    assert shop.get_absolute_url() in text
    assert "Kopi Gayo Aman" in text
    assert "Aceh Tengah, Aceh" in text
    assert "85%" in text
    assert "250 g" in text
    assert "<dd>7</dd>" in text


@pytest.mark.parametrize(("tkdn", "has_badge"), [(39, False), (40, True), (100, True), (0, False)])
def test_the_bangga_buatan_indonesia_badge_appears_from_40_percent_tkdn(client, shop, tkdn, has_badge):
    product = ProductFactory(seller=shop, tkdn_percent=tkdn)

    text = client.get(product.get_absolute_url()).text

    assert ('class="tkdn-badge badge-bbi"' in text) is has_badge


def test_the_tkdn_badge_is_not_a_campaign_tag_and_explains_itself(client, shop, half_price):
    product = ProductFactory(seller=shop, tkdn_percent=85)

    text = client.get(product.get_absolute_url()).text

    badge = text[text.index('class="tkdn-badge') : text.index("</span></span>", text.index('class="tkdn-badge'))]
    assert "badge-campaign" not in badge and "#" not in badge
    assert 'title="TKDN (Tingkat Komponen Dalam Negeri) 85%' in badge
    assert "Bangga Buatan Indonesia" in badge and "TKDN 85%" in badge
    assert 'class="badge badge-campaign"' in text  # the campaign keeps its #tag pill
    assert "Apa itu TKDN?" in text and "berasal dari dalam negeri" in text


def test_the_catalogue_card_carries_the_same_explained_badge(client, shop):
    ProductFactory(seller=shop, tkdn_percent=60)

    text = client.get(reverse("sellers:catalogue")).text

    assert 'class="tkdn-badge badge-bbi" title="TKDN (Tingkat Komponen Dalam Negeri) 60%' in text


def test_product_page_strikes_the_list_price_under_a_campaign(client, product, half_price):
    text = client.get(product.get_absolute_url()).text

    assert "Rp 42.500" in text
    assert "<s" in text and "Rp 85.000</s>" in text
    assert "#SatuDalamKopi" in text


def test_product_page_does_not_strike_anything_at_list_price(client, product):
    text = client.get(product.get_absolute_url()).text

    assert "<s " not in text
    assert "#SatuDalamKopi" not in text


def test_product_page_has_the_add_to_cart_form(client, product):
    text = client.get(product.get_absolute_url()).text

    assert "Tambah ke keranjang" in text
    assert f'action="{reverse("orders:cart_add")}"' in text


def test_a_product_of_a_pending_shop_is_not_found_by_visitors_or_customers(client, pending_shop, customer):
    product = ProductFactory(seller=pending_shop)

    assert client.get(product.get_absolute_url()).status_code == 404
    client.force_login(customer)
    assert client.get(product.get_absolute_url()).status_code == 404


def test_a_product_of_a_pending_shop_is_previewed_by_its_members_and_the_ministry(
    client, pending_shop, seller_user, ministry
):
    product = ProductFactory(seller=pending_shop)

    client.force_login(seller_user)
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    assert "Pratinjau" in response.text

    client.force_login(ministry)
    assert client.get(product.get_absolute_url()).status_code == 200


def test_a_product_of_a_pending_shop_is_not_found_by_members_of_another_shop(client, pending_shop, other_seller_user):
    product = ProductFactory(seller=pending_shop)
    client.force_login(other_seller_user)

    assert client.get(product.get_absolute_url()).status_code == 404


def test_an_unknown_product_is_not_found(client):
    assert client.get(reverse("sellers:product", kwargs={"slug": "tidak-ada"})).status_code == 404


# ---- shop page -------------------------------------------------------------------------------------


def test_shop_page_shows_a_verified_shop_with_its_products(client, shop):
    ProductFactory(seller=shop, name="Kopi Gayo Honey")
    ProductFactory(seller=shop, name="Kopi Ditarik", is_active=False)

    response = client.get(shop.get_absolute_url())

    assert response.status_code == 200
    assert "Kopi Gayo Aman" in response.text
    assert "Kopi Gayo Honey" in response.text
    assert "Kopi Ditarik" not in response.text


def test_a_pending_shop_page_is_not_found_by_visitors_customers_or_other_sellers(
    client, pending_shop, customer, other_seller_user
):
    assert client.get(pending_shop.get_absolute_url()).status_code == 404
    for user in (customer, other_seller_user):
        client.force_login(user)
        assert client.get(pending_shop.get_absolute_url()).status_code == 404


def test_a_pending_shop_page_is_shown_to_its_members_and_the_ministry(client, pending_shop, seller_user, ministry):
    for user in (seller_user, ministry):
        client.force_login(user)
        response = client.get(pending_shop.get_absolute_url())
        assert response.status_code == 200
        assert "Menunggu verifikasi" in response.text


def test_a_shop_name_with_html_is_escaped_on_its_page(client):
    shop = SellerFactory(name='<script>alert("x")</script>', description="<img src=x onerror=alert(1)>")

    text = client.get(shop.get_absolute_url()).text

    assert "<script>alert" not in text
    assert "&lt;script&gt;" in text
    assert "<img src=x" not in text
