"""Enrolling again after a rejection, and the quota a shop may ask for."""

import threading

import pytest
from django.db import connection, connections

from campaigns import services
from campaigns.models import Enrolment
from marketplace.errors import DomainError
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory

pytestmark = pytest.mark.django_db


def enrol(api, user, campaign, shop, products, **extra):
    body = {"seller": shop.pk, "products": [p.pk for p in products], **extra}
    return api.as_user(user).post(f"/api/v1/campaigns/{campaign.slug}/enrolments/", body, format="json")


def test_a_rejected_product_goes_back_to_review_even_where_the_campaign_admits_without_one(
    api, seller_user, shop, product, ministry
):
    campaign = CampaignFactory(requires_approval=False)
    first = enrol(api, seller_user, campaign, shop, [product]).json()["id"]
    api.as_user(ministry).post(f"/api/v1/enrolments/{first}/reject/", {"reason": "Foto buram."}, format="json")

    again = enrol(api, seller_user, campaign, shop, [product])

    assert again.status_code == 201, again.json()
    assert again.json()["status"] == "pending"
    assert Enrolment.objects.get(pk=first).status == "pending"
    assert api.get(f"/api/v1/campaigns/{campaign.slug}/products/").json()["count"] == 0


def test_a_first_enrolment_in_a_campaign_without_review_is_still_approved_at_once(api, seller_user, shop, product):
    campaign = CampaignFactory(requires_approval=False)

    assert enrol(api, seller_user, campaign, shop, [product]).json()["status"] == "approved"


def test_re_enrolling_below_the_units_already_sold_is_a_400_naming_the_sold_units(api, seller_user, shop, product):
    campaign = CampaignFactory()
    rejected = EnrolmentFactory(
        campaign=campaign, product=product, status="rejected", reason="Harga naik.", quota=10, sold_units=6
    )

    response = enrol(api, seller_user, campaign, shop, [product], quota=5)

    assert response.status_code == 400, response.content
    assert "6 unit" in response.json()["refusals"][str(product.pk)]
    rejected.refresh_from_db()
    assert (rejected.status, rejected.quota, rejected.sold_units) == ("rejected", 10, 6)


def test_re_enrolling_at_or_above_the_units_sold_is_accepted(api, seller_user, shop, product):
    campaign = CampaignFactory()
    EnrolmentFactory(campaign=campaign, product=product, status="rejected", reason="x", quota=10, sold_units=6)

    response = enrol(api, seller_user, campaign, shop, [product], quota=6)

    assert response.status_code == 201, response.content
    assert response.json()["enrolments"][0]["quota"] == 6


def test_a_refusal_of_one_product_leaves_a_renewable_rejection_of_another_untouched(api, seller_user, shop):
    campaign = CampaignFactory()
    renewable = ProductFactory(seller=shop)
    sold_out = ProductFactory(seller=shop)
    first = EnrolmentFactory(campaign=campaign, product=renewable, status="rejected", reason="Foto buram.")
    EnrolmentFactory(campaign=campaign, product=sold_out, status="rejected", reason="x", quota=9, sold_units=9)

    response = enrol(api, seller_user, campaign, shop, [renewable, sold_out], quota=3)

    assert response.status_code == 400
    first.refresh_from_db()
    assert (first.status, first.reason) == ("rejected", "Foto buram.")


def test_a_shop_may_not_ask_for_more_units_than_the_campaign_quota(api, seller_user, shop, product):
    campaign = CampaignFactory(default_quota=100)

    response = enrol(api, seller_user, campaign, shop, [product], quota=1_000_000)

    assert response.status_code == 400
    assert "100" in response.json()["quota"][0]
    assert not Enrolment.objects.exists()


def test_a_shop_may_offer_fewer_units_than_the_campaign_quota(api, seller_user, shop, product):
    campaign = CampaignFactory(default_quota=100)

    response = enrol(api, seller_user, campaign, shop, [product], quota=40)

    assert response.status_code == 201
    assert Enrolment.objects.get().quota == 40


def test_the_enrol_page_refuses_a_quota_above_the_campaigns(client, seller_user, shop, product):
    from django.urls import reverse

    campaign = CampaignFactory(default_quota=100)
    client.force_login(seller_user)

    page = client.post(
        reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug]), {"products": [product.pk], "quota": 500}
    )

    assert page.status_code == 200
    assert "paling banyak 100 unit" in page.text
    assert not Enrolment.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_two_members_enrolling_one_product_at_once_get_one_enrolment_and_one_clear_refusal(seller_user, shop):
    product = ProductFactory(seller=shop)
    campaign = CampaignFactory()
    barrier = threading.Barrier(2)
    outcomes, lock = [], threading.Lock()

    def attempt():
        try:
            barrier.wait()
            services.enrolments_create(campaign=campaign, seller=shop, product_ids=[product.pk], by=seller_user)
            outcome = "ok"
        except DomainError:
            outcome = "refused"
        except Exception as exc:  # noqa: BLE001 - the test reports any other failure
            outcome = repr(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ok", "refused"]
    assert Enrolment.objects.filter(campaign=campaign, product=product).count() == 1
