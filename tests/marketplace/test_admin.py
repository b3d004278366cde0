"""Django admin for superusers: every registered model's list and a change page open."""

import pytest
from django.contrib import admin
from django.urls import reverse

from mailings.models import Blast
from marketplace.models import MarketingConsent
from tests.factories import PASSWORD, EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_admin_list_opens_for_a_superuser(superuser_client, product, ministry):
    EnrolmentFactory(product=product)
    Blast.objects.create(campaign=EnrolmentFactory().campaign, subject="Kopi", body="Halo", created_by=ministry)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert superuser_client.get(url).status_code == 200, url


def test_a_users_consent_history_shows_read_only_on_their_page(superuser_client, customer):
    MarketingConsent.objects.create(user=customer, opted_in=True, source="registration")

    page = superuser_client.get(reverse("admin:marketplace_user_change", args=[customer.pk])).content.decode()

    assert "Pendaftaran" in page
    assert 'name="consents-0-opted_in"' not in page  # shown, never editable


def test_the_admin_is_closed_to_customers(client, customer):
    client.force_login(customer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def _admin_login(client, email, password):
    return client.post(reverse("admin:login") + "?next=/admin/", {"username": email, "password": password})


def test_the_admin_login_locks_a_superuser_out_after_five_failures_even_with_the_right_password(client):
    boss = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(5):
        _admin_login(client, boss.email, "salah-lagi")

    response = _admin_login(client, boss.email, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_changing_the_case_of_the_email_does_not_escape_the_admin_lockout(client):
    boss = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(5):
        _admin_login(client, boss.email.upper(), "salah-lagi")

    response = _admin_login(client, boss.email, PASSWORD)

    assert response.status_code == 429


def test_failures_on_the_site_login_also_lock_the_admin_login(client):
    boss = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post(reverse("login"), {"username": boss.email, "password": "salah-lagi"})

    response = _admin_login(client, boss.email, PASSWORD)

    assert response.status_code == 429


def test_another_users_failures_do_not_lock_a_superuser_out_of_the_admin(client, customer):
    boss = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(5):
        _admin_login(client, customer.email, "salah-lagi")

    response = _admin_login(client, boss.email, PASSWORD)

    assert response.status_code == 302
