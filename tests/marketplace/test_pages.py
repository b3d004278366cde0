"""The account pages and the site frame: what a visitor sees and may do on the web pages."""

import pytest
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.urls import reverse

from marketplace.models import MarketingConsent, User
from tests.factories import PASSWORD, ProductFactory, SellerFactory, UserFactory

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "kopi-toraja-sapan-2020"


def register(client, **overrides):
    data = {
        "email": "ani@example.id",
        "full_name": "Ani Pembeli",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
    }
    data.update(overrides)
    return client.post(reverse("register"), data)


# ---- home and the site frame -----------------------------------------------------------------------


def test_home_shows_products_in_stock_of_verified_shops(client, shop, pending_shop):
    ProductFactory(seller=shop, name="Kopi Gayo Wine Process")
    ProductFactory(seller=shop, name="Kopi Habis Terjual", stock=0)
    ProductFactory(seller=pending_shop, name="Kopi Toko Menunggu")

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "Kopi Gayo Wine Process" in response.text
    assert "Kopi Habis Terjual" not in response.text
    assert "Kopi Toko Menunggu" not in response.text


def test_home_shows_category_tiles_that_open_the_catalogue(client):
    response = client.get(reverse("home"))

    assert "Fesyen muslim" in response.text
    assert f"{reverse('sellers:catalogue')}?category=" in response.text


def test_home_keeps_a_block_where_campaigns_will_be_shown():
    template = get_template("sellers/home.html").template

    assert "campaigns" in {node.name for node in template.nodelist.get_nodes_by_type(BlockNode)}


def test_header_offers_login_and_registration_to_visitors(client):
    response = client.get(reverse("home"))

    assert reverse("login") in response.text
    assert reverse("register") in response.text
    assert "Pusat Penjual" not in response.text
    assert "Konsol Kementerian" not in response.text


def test_header_links_the_seller_centre_only_for_shop_members(client, seller_user, shop, customer):
    client.force_login(seller_user)
    assert "Pusat Penjual" in client.get(reverse("home")).text

    client.force_login(customer)
    assert "Pusat Penjual" not in client.get(reverse("home")).text


def test_header_links_the_ministry_console_only_for_ministry_staff(client, ministry, customer):
    client.force_login(ministry)
    assert "Konsol Kementerian" in client.get(reverse("home")).text

    client.force_login(customer)
    assert "Konsol Kementerian" not in client.get(reverse("home")).text


def test_pages_speak_indonesian_by_default_and_english_after_switching(client):
    assert "Katalog" in client.get(reverse("home")).text

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    text = client.get(reverse("home")).text
    assert "Catalogue" in text
    assert "Log in" in text


def test_the_stylesheet_is_served_from_the_project_not_a_cdn(client):
    text = client.get(reverse("home")).text

    assert "/static/marketplace/site.css" in text
    assert "cdn" not in text.lower()
    assert "https://" not in text


# ---- registration ----------------------------------------------------------------------------------


def test_registration_form_does_not_tick_marketing_consent_in_advance(client):
    response = client.get(reverse("register"))

    assert response.status_code == 200
    assert 'name="marketing_opt_in"' in response.text
    assert "checked" not in response.text


def test_registering_creates_a_user_without_marketing_consent_unless_ticked(client):
    response = register(client)

    assert response.status_code == 302
    user = User.objects.get(email="ani@example.id")
    assert user.full_name == "Ani Pembeli"
    assert user.marketing_opt_in is False
    assert not MarketingConsent.objects.filter(user=user).exists()


def test_registering_with_the_box_ticked_records_consent_from_registration(client):
    register(client, marketing_opt_in="on")

    user = User.objects.get(email="ani@example.id")
    assert user.marketing_opt_in is True
    consent = user.consents.get()
    assert consent.opted_in is True
    assert consent.source == MarketingConsent.Source.REGISTRATION


def test_registering_logs_the_new_user_in(client):
    register(client)

    response = client.get(reverse("account"))
    assert response.status_code == 200
    assert "ani@example.id" in response.text


def test_registering_with_different_passwords_shows_an_error_and_creates_nobody(client):
    response = register(client, password2="something-else-2020")

    assert response.status_code == 200
    assert "Kedua kata sandi tidak sama." in response.text
    assert not User.objects.filter(email="ani@example.id").exists()


def test_registering_a_taken_email_shows_the_service_message(client, customer):
    response = register(client, email=customer.email.upper())

    assert response.status_code == 200
    assert "Email ini sudah terdaftar." in response.text
    assert User.objects.filter(email__iexact=customer.email).count() == 1


def test_registering_with_a_weak_password_shows_why(client):
    response = register(client, password1="12345678", password2="12345678")

    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert not User.objects.filter(email="ani@example.id").exists()


# ---- login, lockout, logout -----------------------------------------------------------------------


def test_login_page_asks_for_an_email(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert 'type="email"' in response.text
    assert "Email" in response.text


def test_logging_in_with_email_and_password_opens_the_account(client, customer):
    response = client.post(reverse("login"), {"username": customer.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("account")).status_code == 200


def test_a_wrong_password_shows_an_indonesian_error(client, customer):
    response = client.post(reverse("login"), {"username": customer.email, "password": "salah"})

    assert response.status_code == 200
    assert "Email atau kata sandi salah." in response.text


def test_login_is_locked_out_after_five_failures_even_with_the_right_password(client, customer):
    for _ in range(5):
        client.post(reverse("login"), {"username": customer.email, "password": "salah-lagi"})

    response = client.post(reverse("login"), {"username": customer.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.text
    assert "15 menit" in response.text
    assert client.get(reverse("account")).status_code == 302


def test_logout_works_by_post_and_not_by_a_link(client, customer):
    client.force_login(customer)

    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("account")).status_code == 302


# ---- account page ----------------------------------------------------------------------------------


def test_account_page_sends_visitors_to_login(client):
    response = client.get(reverse("account"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_account_page_shows_the_users_data_and_shops(client, seller_user, shop):
    client.force_login(seller_user)

    response = client.get(reverse("account"))

    assert seller_user.email in response.text
    assert "Pak Aman Gayo" in response.text
    assert "Kopi Gayo Aman" in response.text


def test_opting_in_on_the_account_page_records_consent_from_the_account_page(client, customer):
    client.force_login(customer)

    response = client.post(reverse("account"), {"marketing_opt_in": "on"})

    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.marketing_opt_in is True
    assert customer.consents.get().source == MarketingConsent.Source.ACCOUNT


def test_opting_out_on_the_account_page_is_kept_in_the_consent_history(client, customer):
    client.force_login(customer)
    client.post(reverse("account"), {"marketing_opt_in": "on"})

    client.post(reverse("account"), {})

    customer.refresh_from_db()
    assert customer.marketing_opt_in is False
    assert [c.opted_in for c in customer.consents.all()] == [False, True]
    text = client.get(reverse("account")).text
    assert "Tidak bersedia" in text
    assert "Halaman akun" in text


def test_a_users_name_with_html_is_shown_escaped_on_the_account_page(client):
    user = UserFactory(full_name="<b>Budi</b>")
    client.force_login(user)

    text = client.get(reverse("account")).text

    assert "&lt;b&gt;Budi&lt;/b&gt;" in text
    assert "<b>Budi</b>" not in text


def test_a_shop_members_account_lists_only_their_own_shops(client, seller_user, shop):
    SellerFactory(name="Toko Orang Lain")
    client.force_login(seller_user)

    assert "Toko Orang Lain" not in client.get(reverse("account")).text


def test_every_page_names_its_icon_and_the_old_favicon_address_leads_to_it(client):
    home = client.get(reverse("home")).text

    assert '<link rel="icon" href="/static/marketplace/favicon.svg" type="image/svg+xml">' in home
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/marketplace/favicon.svg"
    from django.contrib.staticfiles import finders

    assert finders.find("marketplace/favicon.svg")
