"""The catalogue, shop and product pages, the seller centre and the ministry's verification queue."""

import re

import pytest
from django.urls import reverse

from marketplace.pricing import CampaignRef, Quote
from sellers.models import Product, Seller
from tests.factories import ProductFactory, SellerFactory, category

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
    settings.PRICING_BACKEND = "tests.sellers.test_pages.HalfPriceBackend"


def catalogue(client, **params):
    return client.get(reverse("sellers:catalogue"), params)


def product_form_data(**overrides):
    data = {
        "name": "Kopi Arabika Gayo Natural 200 g",
        "category": category("kopi-biji-sangrai").pk,
        "description": "Petik merah, proses natural.",
        "price": "95000",
        "stock": "12",
        "weight_grams": "200",
        "tkdn_percent": "90",
    }
    data.update(overrides)
    return data


# ---- catalogue -------------------------------------------------------------------------------------


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


# ---- shop registration -----------------------------------------------------------------------------


def test_shop_registration_sends_visitors_to_login(client):
    response = client.get(reverse("sellers:register"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_shop_registration_offers_all_38_provinces(client, customer):
    client.force_login(customer)

    response = client.get(reverse("sellers:register"))

    assert response.status_code == 200
    assert len(response.context["form"].fields["province"].choices) == 38 + 1  # and the empty choice
    assert "Papua Barat Daya" in response.text


def test_registering_a_shop_makes_the_user_its_owner_and_waits_for_verification(client, customer):
    client.force_login(customer)

    response = client.post(
        reverse("sellers:register"),
        {"name": "Kopi Kintamani Jaya", "nib": "1234567890123", "province": "51", "city": "Bangli", "scale": "kecil"},
    )

    assert response.status_code == 302
    assert response.url == reverse("sellers:centre")
    seller = Seller.objects.get(name="Kopi Kintamani Jaya")
    assert seller.status == Seller.Status.PENDING
    assert seller.members.get().user == customer
    assert seller.e_smart_ikm is False


@pytest.mark.parametrize("nib", ["123", "12345678901234", "12345678901ab"])
def test_a_shop_needs_a_13_digit_nib(client, customer, nib):
    client.force_login(customer)

    response = client.post(
        reverse("sellers:register"),
        {"name": "Kopi Kintamani", "nib": nib, "province": "51", "city": "Bangli", "scale": "kecil"},
    )

    assert response.status_code == 200
    assert "NIB harus 13 digit angka." in response.text or "13" in response.text
    assert not Seller.objects.filter(name="Kopi Kintamani").exists()


def test_a_wrong_nib_is_announced_with_its_field_to_screen_readers(client, customer):
    client.force_login(customer)

    response = client.post(
        reverse("sellers:register"),
        {"name": "Kopi Kintamani", "nib": "123", "province": "51", "city": "Bangli", "scale": "kecil"},
    )

    nib_input = re.search(r'<input[^>]*name="nib"[^>]*>', response.text).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', nib_input).group(1).split()
    assert described_by == ["id_nib_helptext", "id_nib_error"]
    for element_id in described_by:
        assert f'id="{element_id}"' in response.text
    assert re.search(r'id="id_nib_error"[^>]*>.*NIB harus 13 digit angka\.', response.text, re.S)


def test_a_shop_named_like_the_registration_page_still_gets_its_own_page(client, customer):
    client.force_login(customer)
    client.post(
        reverse("sellers:register"),
        {"name": "Daftar", "nib": "1234567890123", "province": "51", "city": "Bangli", "scale": "mikro"},
    )

    seller = Seller.objects.get(name="Daftar")
    assert seller.slug != "daftar"
    assert client.get(seller.get_absolute_url()).status_code == 200


# ---- seller centre ---------------------------------------------------------------------------------


def test_seller_centre_sends_visitors_to_login(client):
    assert client.get(reverse("sellers:centre")).url.startswith(reverse("login"))


def test_seller_centre_lists_the_users_shops_with_status_and_rejection_reason(client, seller_user, shop, other_shop):
    rejected = SellerFactory(owner=seller_user, name="Toko Ditolak", status=Seller.Status.REJECTED)
    rejected.rejection_reason = "NIB tidak cocok dengan OSS."
    rejected.save()
    client.force_login(seller_user)

    text = client.get(reverse("sellers:centre")).text

    assert "Kopi Gayo Aman" in text
    assert "Terverifikasi" in text
    assert "Toko Ditolak" in text
    assert "NIB tidak cocok dengan OSS." in text
    assert "Toraja Sapan" not in text


def test_seller_centre_product_list_shows_stock_to_members(client, seller_user, shop):
    ProductFactory(seller=shop, name="Kopi Gayo Peaberry", stock=17, is_active=False)
    client.force_login(seller_user)

    response = client.get(reverse("sellers:centre_products", kwargs={"seller_id": shop.pk}))

    assert response.status_code == 200
    assert "Kopi Gayo Peaberry" in response.text
    assert ">17<" in response.text


@pytest.mark.parametrize("who", ["customer", "other_seller_user", "ministry"])
def test_seller_centre_pages_of_a_shop_are_not_found_by_non_members(client, shop, product, who, request):
    client.force_login(request.getfixturevalue(who))
    urls = [
        reverse("sellers:centre_products", kwargs={"seller_id": shop.pk}),
        reverse("sellers:product_add", kwargs={"seller_id": shop.pk}),
        reverse("sellers:product_edit", kwargs={"seller_id": shop.pk, "product_id": product.pk}),
    ]

    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, product_form_data()).status_code == 404
    product.refresh_from_db()
    assert product.price == 85000


def test_seller_centre_pages_of_a_shop_send_visitors_to_login(client, shop):
    response = client.get(reverse("sellers:product_add", kwargs={"seller_id": shop.pk}))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_member_adds_a_product_to_a_verified_shop(client, seller_user, shop):
    client.force_login(seller_user)

    response = client.post(reverse("sellers:product_add", kwargs={"seller_id": shop.pk}), product_form_data())

    assert response.status_code == 302
    product = Product.objects.get(name="Kopi Arabika Gayo Natural 200 g")
    assert (product.seller, product.price, product.stock, product.tkdn_percent) == (shop, 95000, 12, 90)


def test_a_pending_shop_cannot_add_products_and_is_told_why(client, seller_user, pending_shop):
    client.force_login(seller_user)

    response = client.post(reverse("sellers:product_add", kwargs={"seller_id": pending_shop.pk}), product_form_data())

    assert response.status_code == 200
    assert "Toko belum terverifikasi; produk bisa ditambahkan setelah verifikasi." in response.text
    assert not Product.objects.filter(seller=pending_shop).exists()


@pytest.mark.parametrize(
    "overrides", [{"price": "0"}, {"price": "dua puluh ribu"}, {"stock": "-1"}, {"tkdn_percent": "101"}, {"name": ""}]
)
def test_bad_product_values_are_shown_on_the_form_and_nothing_is_created(client, seller_user, shop, overrides):
    client.force_login(seller_user)

    response = client.post(
        reverse("sellers:product_add", kwargs={"seller_id": shop.pk}), product_form_data(**overrides)
    )

    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert not Product.objects.filter(seller=shop).exists()


def test_a_member_changes_price_and_stock_and_takes_a_product_off_sale(client, seller_user, shop, product):
    client.force_login(seller_user)
    url = reverse("sellers:product_edit", kwargs={"seller_id": shop.pk, "product_id": product.pk})
    assert client.get(url).status_code == 200

    response = client.post(url, product_form_data(price="90000", stock="3"))  # is_active left unticked

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.price, product.stock, product.is_active) == (90000, 3, False)


def test_a_product_cannot_be_edited_through_another_shop_of_the_same_member(client, seller_user, shop, other_shop):
    foreign = ProductFactory(seller=other_shop)
    client.force_login(seller_user)

    url = reverse("sellers:product_edit", kwargs={"seller_id": shop.pk, "product_id": foreign.pk})

    assert client.get(url).status_code == 404


# ---- ministry verification queue -------------------------------------------------------------------


def test_ministry_queue_sends_visitors_to_login(client):
    response = client.get(reverse("sellers:ministry_shops"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("who", ["customer", "seller_user"])
def test_ministry_queue_is_forbidden_to_everyone_outside_the_ministry(client, shop, pending_shop, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("sellers:ministry_shops")).status_code == 403
    assert client.post(reverse("sellers:ministry_verify", kwargs={"seller_id": pending_shop.pk})).status_code == 403
    reject = reverse("sellers:ministry_reject", kwargs={"seller_id": shop.pk})
    assert client.post(reject, {"reason": "coba"}).status_code == 403
    pending_shop.refresh_from_db()
    shop.refresh_from_db()
    assert (pending_shop.status, shop.status) == (Seller.Status.PENDING, Seller.Status.VERIFIED)


def test_ministry_queue_lists_shops_filtered_by_status(client, ministry, shop, pending_shop):
    client.force_login(ministry)

    everything = client.get(reverse("sellers:ministry_shops")).text
    pending = client.get(reverse("sellers:ministry_shops"), {"status": "pending"}).text
    nonsense = client.get(reverse("sellers:ministry_shops"), {"status": "<x>"})

    assert "Kopi Gayo Aman" in everything and "Toko Baru Menunggu" in everything
    assert "Toko Baru Menunggu" in pending and "Kopi Gayo Aman" not in pending
    assert nonsense.status_code == 200


def test_ministry_verifies_a_pending_shop_and_its_products_go_public(client, ministry, pending_shop):
    product = ProductFactory(seller=pending_shop, name="Kopi Setelah Verifikasi")
    client.force_login(ministry)

    response = client.post(
        reverse("sellers:ministry_verify", kwargs={"seller_id": pending_shop.pk}),
        {"status": "pending", "confirm": "on"},
    )

    assert response.status_code == 302
    assert response.url == reverse("sellers:ministry_shops") + "?status=pending"
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.VERIFIED
    assert pending_shop.verified_by == ministry
    client.logout()
    assert "Kopi Setelah Verifikasi" in client.get(product.get_absolute_url()).text


def test_ministry_rejects_a_shop_with_a_reason_its_members_read(client, ministry, seller_user, pending_shop):
    client.force_login(ministry)

    client.post(
        reverse("sellers:ministry_reject", kwargs={"seller_id": pending_shop.pk}),
        {"reason": "Foto produk buram.", "confirm": "on"},
    )

    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.REJECTED
    client.force_login(seller_user)
    assert "Foto produk buram." in client.get(reverse("sellers:centre")).text


def test_ministry_cannot_reject_without_a_reason(client, ministry, pending_shop):
    client.force_login(ministry)

    response = client.post(
        reverse("sellers:ministry_reject", kwargs={"seller_id": pending_shop.pk}), {"reason": "  "}, follow=True
    )

    assert "Alasan penolakan wajib diisi." in response.text
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.PENDING


def test_verifying_an_already_verified_shop_shows_the_services_message(client, ministry, shop):
    client.force_login(ministry)

    response = client.post(
        reverse("sellers:ministry_verify", kwargs={"seller_id": shop.pk}), {"confirm": "on"}, follow=True
    )

    assert "Toko ini sudah terverifikasi." in response.text


def test_verifying_or_rejecting_a_shop_needs_the_ticked_confirmation(client, ministry, pending_shop):
    client.force_login(ministry)

    verify = client.post(reverse("sellers:ministry_verify", kwargs={"seller_id": pending_shop.pk}), follow=True)
    reject = client.post(
        reverse("sellers:ministry_reject", kwargs={"seller_id": pending_shop.pk}), {"reason": "NIB salah"}, follow=True
    )

    assert "belum diverifikasi" in verify.text and "belum ditolak" in reject.text
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.PENDING


def test_the_verify_and_reject_buttons_look_different_and_ask_first(client, ministry, pending_shop):
    client.force_login(ministry)

    html = client.get(reverse("sellers:ministry_shops")).text

    assert "button-approve" in html and "button-reject" in html
    assert html.count('name="confirm" required') == 2


def test_verification_buttons_only_answer_post(client, ministry, pending_shop):
    client.force_login(ministry)

    assert client.get(reverse("sellers:ministry_verify", kwargs={"seller_id": pending_shop.pk})).status_code == 405
