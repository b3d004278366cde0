"""Campaigns over the API: only the ministry runs them; only a shop's members enrol its products."""

import pytest
from django.utils import timezone

from campaigns.models import Campaign, Enrolment
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, category

pytestmark = pytest.mark.django_db


def campaign_body(**overrides):
    now = timezone.now()
    body = {
        "hashtag": "#SatuDalamKopi",
        "name": "Satu Dalam Kopi",
        "description": "Dukung IKM kopi Indonesia.",
        "starts_at": (now + timezone.timedelta(days=1)).isoformat(),
        "ends_at": (now + timezone.timedelta(days=8)).isoformat(),
        "discount_percent": 20,
        "categories": [category("kopi").pk, category("produk-terkait-kopi").pk],
        "requires_approval": False,
    }
    body.update(overrides)
    return body


def test_ministry_creates_a_campaign_that_is_scheduled_until_it_starts(api, ministry):
    response = api.as_user(ministry).post("/api/v1/campaigns/", campaign_body(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "satu-dalam-kopi"
    assert body["url"] == "/kampanye/satu-dalam-kopi/"
    assert body["status"] == "scheduled"


def test_a_campaign_starting_in_the_past_is_active_at_once(api, ministry):
    body = campaign_body(starts_at=(timezone.now() - timezone.timedelta(hours=1)).isoformat())
    assert api.as_user(ministry).post("/api/v1/campaigns/", body, format="json").json()["status"] == "active"


def test_a_draft_stays_hidden_from_the_public_until_published(api, ministry, customer):
    slug = api.as_user(ministry).post("/api/v1/campaigns/", campaign_body(draft=True), format="json").json()["slug"]

    assert api.as_user(customer).get(f"/api/v1/campaigns/{slug}/").status_code == 404
    assert api.as_user(None).get("/api/v1/campaigns/?status=draft").json()["count"] == 0
    assert api.as_user(ministry).get("/api/v1/campaigns/?status=draft").json()["count"] == 1

    published = api.as_user(ministry).patch(f"/api/v1/campaigns/{slug}/", {"draft": False}, format="json")
    assert published.json()["status"] == "scheduled"
    assert api.as_user(customer).get(f"/api/v1/campaigns/{slug}/").status_code == 200


@pytest.mark.parametrize("role, expected", [("anonymous", 401), ("customer", 403), ("seller", 403)])
def test_only_ministry_staff_create_or_change_campaigns(api, customer, seller_user, shop, role, expected):
    user = {"anonymous": None, "customer": customer, "seller": seller_user}[role]
    campaign = CampaignFactory()

    created = api.as_user(user).post("/api/v1/campaigns/", campaign_body(), format="json")
    changed = api.as_user(user).patch(f"/api/v1/campaigns/{campaign.slug}/", {"name": "X"}, format="json")

    assert created.status_code == changed.status_code == expected
    assert Campaign.objects.count() == 1
    assert Campaign.objects.get().name == "Satu Dalam Kopi"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ends_at": (timezone.now() - timezone.timedelta(days=3)).isoformat()}, "ends_at"),
        ({"discount_percent": 95}, "discount_percent"),
        ({"discount_percent": 0}, "discount_percent"),
        ({"categories": [999999]}, "categories"),
        ({"provinces": ["99"]}, "provinces"),
        ({"hashtag": "Satu Dalam Kopi"}, "hashtag"),
        ({"hashtag": "#satudalamkopi\x00"}, "hashtag"),
        ({"scales": ["raksasa"]}, "scales"),
    ],
)
def test_bad_campaign_input_is_a_400_naming_the_field_and_changes_nothing(api, ministry, overrides, field):
    response = api.as_user(ministry).post("/api/v1/campaigns/", campaign_body(**overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert Campaign.objects.count() == 0


def test_hashtags_are_unique_whatever_their_case(api, ministry):
    api.as_user(ministry).post("/api/v1/campaigns/", campaign_body(), format="json")
    response = api.as_user(ministry).post("/api/v1/campaigns/", campaign_body(hashtag="#satudalamkopi"), format="json")
    assert response.status_code == 400
    assert "hashtag" in response.json()


def enrol(api, user, campaign, shop, products, **extra):
    body = {"seller": shop.pk, "products": [p.pk for p in products], **extra}
    return api.as_user(user).post(f"/api/v1/campaigns/{campaign.slug}/enrolments/", body, format="json")


def test_a_member_enrols_an_eligible_product_which_is_approved_at_once(api, seller_user, shop, product):
    campaign = CampaignFactory()

    response = enrol(api, seller_user, campaign, shop, [product])

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "approved"
    assert response.json()["enrolments"][0]["campaign_price"] == 68000
    listed = api.as_user(None).get(f"/api/v1/campaigns/{campaign.slug}/products/").json()["results"]
    assert [(p["id"], p["price"], p["price_now"]) for p in listed] == [(product.pk, 85000, 68000)]
    assert listed[0]["campaign"] == {"slug": campaign.slug, "hashtag": campaign.hashtag}


def test_each_ineligible_product_is_refused_with_its_reason_and_nothing_is_enrolled(api, seller_user, shop):
    campaign = CampaignFactory(min_tkdn=40)
    good = ProductFactory(seller=shop)
    hijab = ProductFactory(seller=shop, category=category("hijab"))
    low_tkdn = ProductFactory(seller=shop, tkdn_percent=30)
    elsewhere = ProductFactory(seller=shop)
    EnrolmentFactory(product=elsewhere, campaign=CampaignFactory(discount_percent=5))

    response = enrol(api, seller_user, campaign, shop, [good, hijab, low_tkdn, elsewhere])

    assert response.status_code == 400
    refusals = response.json()["refusals"]
    assert set(refusals) == {str(hijab.pk), str(low_tkdn.pk), str(elsewhere.pk)}
    assert "Kategori" in refusals[str(hijab.pk)]
    assert "TKDN 30%" in refusals[str(low_tkdn.pk)]
    assert "kampanye lain" in refusals[str(elsewhere.pk)]
    assert Enrolment.objects.filter(campaign=campaign).count() == 0


def test_shops_outside_the_campaign_provinces_or_scales_are_refused(api, seller_user, shop, product):
    campaign = CampaignFactory(provinces=["73"], scales=["menengah"])
    response = enrol(api, seller_user, campaign, shop, [product])
    assert response.status_code == 400
    assert "Provinsi" in response.json()["refusals"][str(product.pk)]


def test_enrolment_outside_its_window_is_refused(api, seller_user, shop, product):
    campaign = CampaignFactory(enrol_until=timezone.now() - timezone.timedelta(hours=1))
    response = enrol(api, seller_user, campaign, shop, [product])
    assert response.status_code == 409
    assert Enrolment.objects.count() == 0


def test_only_the_shops_members_enrol_its_products(
    api, customer, other_seller_user, other_shop, ministry, shop, product
):
    campaign = CampaignFactory()

    for user in (customer, other_seller_user, ministry):
        assert enrol(api, user, campaign, shop, [product]).status_code == 403
    assert enrol(api, None, campaign, shop, [product]).status_code == 401
    # A member of another shop cannot slip this shop's product into theirs either.
    refused = enrol(api, other_seller_user, campaign, other_shop, [product])
    assert refused.status_code == 400
    assert Enrolment.objects.count() == 0


def test_with_approval_required_the_ministry_decides_and_a_rejection_says_why(
    api, seller_user, shop, product, ministry, customer
):
    campaign = CampaignFactory(requires_approval=True)
    enrolment_id = enrol(api, seller_user, campaign, shop, [product]).json()["id"]
    assert api.as_user(None).get(f"/api/v1/campaigns/{campaign.slug}/products/").json()["count"] == 0

    assert api.as_user(customer).post(f"/api/v1/enrolments/{enrolment_id}/approve/").status_code == 403
    assert api.as_user(seller_user).post(f"/api/v1/enrolments/{enrolment_id}/approve/").status_code == 403
    no_reason = api.as_user(ministry).post(f"/api/v1/enrolments/{enrolment_id}/reject/", {}, format="json")
    assert no_reason.status_code == 400
    rejected = api.as_user(ministry).post(
        f"/api/v1/enrolments/{enrolment_id}/reject/", {"reason": "Foto produk belum ada."}, format="json"
    )
    assert rejected.json()["status"] == "rejected"
    seen_by_seller = api.as_user(seller_user).get(f"/api/v1/campaigns/{campaign.slug}/enrolments/").json()
    assert seen_by_seller["results"][0]["reason"] == "Foto produk belum ada."


def test_approval_puts_the_product_on_the_campaign_page(api, seller_user, shop, product, ministry):
    campaign = CampaignFactory(requires_approval=True)
    enrolment_id = enrol(api, seller_user, campaign, shop, [product]).json()["id"]

    assert api.as_user(ministry).post(f"/api/v1/enrolments/{enrolment_id}/approve/").json()["status"] == "approved"
    assert api.as_user(None).get(f"/api/v1/campaigns/{campaign.slug}/products/").json()["count"] == 1


def test_catalogue_filters_by_campaign_and_shows_price_now(api, product):
    enrolment = EnrolmentFactory(product=product)
    ProductFactory(seller=product.seller)

    body = api.get(f"/api/v1/products/?campaign={enrolment.campaign.slug}").json()

    assert [(p["id"], p["price_now"]) for p in body["results"]] == [(product.pk, 68000)]


def test_catalogue_with_campaign_prices_runs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    campaign = CampaignFactory()
    for _ in range(30):
        EnrolmentFactory(campaign=campaign)

    # The page, its photos, its campaign prices, its variants and their campaign prices.
    with django_assert_max_num_queries(6):
        small = api.get("/api/v1/products/?page_size=5")
    with django_assert_max_num_queries(6):
        large = api.get("/api/v1/products/?page_size=100")

    assert len(small.json()["results"]) == 5
    assert len(large.json()["results"]) == 30


def test_a_rejected_product_can_be_enrolled_again_and_goes_back_to_review(api, seller_user, shop, product, ministry):
    campaign = CampaignFactory(requires_approval=True)
    first = enrol(api, seller_user, campaign, shop, [product]).json()["id"]
    api.as_user(ministry).post(f"/api/v1/enrolments/{first}/reject/", {"reason": "Foto buram."}, format="json")

    again = enrol(api, seller_user, campaign, shop, [product])

    assert again.status_code == 201, again.json()
    assert again.json()["id"] == first  # the same enrolment, reviewed again
    enrolment = Enrolment.objects.get(pk=first)
    assert (enrolment.status, enrolment.reason, enrolment.decided_by) == ("pending", "", None)


def test_a_product_already_pending_or_approved_is_not_enrolled_twice(api, seller_user, shop, product):
    campaign = CampaignFactory()
    enrol(api, seller_user, campaign, shop, [product])

    again = enrol(api, seller_user, campaign, shop, [product])

    assert again.status_code == 400
    assert "sudah terdaftar" in again.json()["refusals"][str(product.pk)]
