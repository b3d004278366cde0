"""A forgotten password is reset by email; a known one is changed from the account page."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token

from marketplace import tokens
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "teh-tarik-hangat-77"


def reset_link(message) -> str:
    return re.search(r"https?://\S+/akun/atur-ulang/\S+/", message.body).group(0)


def test_the_login_page_links_to_the_forgotten_password_page(client):
    assert reverse("password_reset") in client.get(reverse("login")).text


def test_a_reset_email_carries_a_link_to_the_site_that_sets_a_new_password(client, customer, settings):
    settings.SITE_URL = "https://pasarikm.example.id"

    page = client.post(reverse("password_reset"), {"email": customer.email.upper()}, follow=True)

    assert "Periksa email Anda" in page.text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [customer.email]
    assert "kata sandi baru" in message.subject.lower()
    link = reset_link(message)
    assert link.startswith("https://pasarikm.example.id/akun/atur-ulang/")

    form = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert "Kata sandi baru" in form.text
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302
    customer.refresh_from_db()
    assert customer.check_password(NEW_PASSWORD)


def test_a_reset_link_works_only_once(client, customer):
    client.post(reverse("password_reset"), {"email": customer.email})
    path = reset_link(mail.outbox[0]).removeprefix(settings.SITE_URL)
    form = client.get(path, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(path, follow=True)

    assert "Tautan tidak berlaku" in again.text


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client):
    page = client.post(reverse("password_reset"), {"email": "tidak-ada@example.id"}, follow=True)

    assert "Periksa email Anda" in page.text
    assert mail.outbox == []


def test_the_reset_email_is_in_english_for_an_english_visitor(client, customer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    client.post(reverse("password_reset"), {"email": customer.email})

    assert "new password" in mail.outbox[0].subject.lower()


def test_a_logged_in_user_changes_the_password_and_stays_logged_in(client, customer):
    client.force_login(customer)
    assert reverse("password_change") in client.get(reverse("account")).text

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert "Kata sandi sudah diganti" in response.text
    customer.refresh_from_db()
    assert customer.check_password(NEW_PASSWORD)
    assert client.get(reverse("account")).status_code == 200


def test_a_wrong_old_password_changes_nothing(client, customer):
    client.force_login(customer)

    response = client.post(
        reverse("password_change"),
        {"old_password": "bukan-ini", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    customer.refresh_from_db()
    assert customer.check_password(PASSWORD)


def test_changing_the_password_revokes_the_api_token(api, client, customer):
    key = tokens.token_for(user=customer).key
    client.force_login(customer)

    client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert not Token.objects.filter(key=key).exists()
    assert api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_the_change_page_needs_a_login(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]
