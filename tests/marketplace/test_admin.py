"""Django admin for superusers: every registered model's list and a change page open."""

import pytest
from django.contrib import admin
from django.urls import reverse

from campaigns.models import Blast
from marketplace.models import MarketingConsent
from tests.factories import EnrolmentFactory, UserFactory

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
