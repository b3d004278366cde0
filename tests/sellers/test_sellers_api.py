"""docs/api.md, "Shops": registering a shop, who sees which shop, and the ministry's verification."""

import pytest

from sellers.models import Seller, SellerMember
from tests.factories import SellerFactory, UserFactory

pytestmark = pytest.mark.django_db

SELLERS = "/api/v1/sellers/"
PUBLIC_FIELDS = {
    "id",
    "name",
    "slug",
    "url",
    "description",
    "province",
    "city",
    "regency",
    "district",
    "postal_code",
    "couriers",
    "scale",
    "status",
    "e_smart_ikm",
    "verified_at",
}
PRIVATE_FIELDS = {"nib", "rejection_reason"}


def shop_body(**overrides):
    body = {
        "name": "Kopi Kintamani Bangli",
        "nib": "9120001234567",
        "province": "51",
        "city": "Bangli",
        "scale": "mikro",
    }
    body.update(overrides)
    return body


# ---- registering a shop ------------------------------------------------------------------------


def test_a_user_registers_a_pending_shop_and_becomes_its_owner(api, customer):
    response = api.as_user(customer).post(
        SELLERS, shop_body(description="Kopi arabika", e_smart_ikm=True), format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert body["slug"] == "kopi-kintamani-bangli"
    assert body["province"] == "51"
    assert body["nib"] == "9120001234567"
    assert body["e_smart_ikm"] is True
    assert body["verified_at"] is None
    assert set(body) >= PUBLIC_FIELDS
    seller = Seller.objects.get(pk=body["id"])
    member = SellerMember.objects.get(seller=seller)
    assert member.user == customer
    assert member.role == SellerMember.Role.OWNER


def test_the_new_owner_is_a_seller_in_me(api, customer):
    seller_id = api.as_user(customer).post(SELLERS, shop_body(), format="json").json()["id"]

    me = api.as_user(customer).get("/api/v1/me/").json()

    assert "seller" in me["roles"]
    assert me["sellers"] == [seller_id]


def test_two_shops_with_the_same_name_get_different_slugs(api, customer, seller_user):
    first = api.as_user(customer).post(SELLERS, shop_body(), format="json").json()
    second = api.as_user(seller_user).post(SELLERS, shop_body(), format="json").json()

    assert first["slug"] != second["slug"]


def test_registering_a_shop_needs_credentials(api):
    response = api.post(SELLERS, shop_body(), format="json")

    assert response.status_code == 401
    assert not Seller.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"nib": "912000123456"}, "nib"),
        ({"nib": "91200012345678"}, "nib"),
        ({"nib": "912000123456a"}, "nib"),
        ({"nib": "９１２０００１２３４５６７"}, "nib"),
        ({"province": "99"}, "province"),
        ({"province": ""}, "province"),
        ({"scale": "besar"}, "scale"),
        ({"name": "a\x00b"}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"city": "a\x00b"}, "city"),
        ({"description": "a\x00b"}, "description"),
        ({"e_smart_ikm": "maybe"}, "e_smart_ikm"),
        ({"nib": None}, "nib"),
    ],
)
def test_bad_shop_input_is_a_400_on_its_field_and_creates_nothing(api, customer, overrides, field):
    response = api.as_user(customer).post(SELLERS, shop_body(**overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Seller.objects.exists()
    assert not SellerMember.objects.exists()


def test_a_shop_body_that_is_not_an_object_is_a_400(api, customer):
    response = api.as_user(customer).post(SELLERS, data="[1]", content_type="application/json")

    assert response.status_code == 400
    assert not Seller.objects.exists()


# ---- listing shops -----------------------------------------------------------------------------


def test_the_shop_list_shows_verified_shops_only(api, shop, other_shop, pending_shop):
    SellerFactory(status=Seller.Status.REJECTED, rejection_reason="NIB tidak cocok")

    response = api.get(SELLERS)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    assert {row["id"] for row in body["results"]} == {shop.pk, other_shop.pk}


@pytest.mark.parametrize("role", ["anonymous", "customer", "member", "other_member"])
def test_only_the_ministry_sees_the_nib_in_the_shop_list(as_role, role, shop):
    rows = as_role(role).get(SELLERS).json()["results"]

    assert rows
    for row in rows:
        assert set(row) == PUBLIC_FIELDS


def test_the_ministry_sees_every_shop_with_its_private_fields(api, ministry, shop, other_shop, pending_shop):
    response = api.as_user(ministry).get(SELLERS)

    body = response.json()
    assert body["count"] == 3
    assert all(set(row) == PUBLIC_FIELDS | PRIVATE_FIELDS for row in body["results"])


def test_the_ministry_filters_shops_by_status(api, ministry, shop, pending_shop):
    response = api.as_user(ministry).get(SELLERS, {"status": "pending"})

    assert [row["id"] for row in response.json()["results"]] == [pending_shop.pk]


def test_an_unknown_status_filter_is_a_400_for_the_ministry(api, ministry, shop):
    for bad in ["bogus", "a\x00b"]:
        response = api.as_user(ministry).get(SELLERS, {"status": bad})
        assert response.status_code == 400
        assert "status" in response.json()


def test_others_cannot_list_pending_shops_through_the_status_filter(api, customer, shop, pending_shop):
    response = api.as_user(customer).get(SELLERS, {"status": "pending"})

    assert [row["id"] for row in response.json()["results"]] == [shop.pk]


@pytest.mark.parametrize(
    "query", [{"page_size": str(10**20)}, {"page_size": "abc"}, {"page_size": "-1"}, {"page": "abc"}]
)
def test_odd_pagination_of_the_shop_list_is_never_a_500(api, shop, query):
    response = api.get(SELLERS, query)

    assert response.status_code in (200, 400)


# ---- a shop's detail: the role matrix ----------------------------------------------------------


@pytest.mark.parametrize(
    "role, status, private",
    [
        ("anonymous", 200, False),
        ("customer", 200, False),
        ("member", 200, True),
        ("other_member", 200, False),
        ("ministry", 200, True),
    ],
)
def test_a_verified_shop_is_public_but_its_nib_is_private(as_role, shop, role, status, private):
    response = as_role(role).get(f"{SELLERS}{shop.pk}/")

    assert response.status_code == status
    fields = PUBLIC_FIELDS | PRIVATE_FIELDS if private else PUBLIC_FIELDS
    assert set(response.json()) == fields


@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 404), ("customer", 404), ("member", 200), ("other_member", 404), ("ministry", 200)],
)
def test_a_pending_shop_is_visible_only_to_its_members_and_the_ministry(as_role, pending_shop, role, status):
    response = as_role(role).get(f"{SELLERS}{pending_shop.pk}/")

    assert response.status_code == status
    if status == 200:
        assert response.json()["status"] == "pending"
        assert response.json()["nib"] == pending_shop.nib


def test_a_pending_shop_is_invisible_to_other_users(api, customer, pending_shop):
    response = api.as_user(customer).get(f"{SELLERS}{pending_shop.pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize("role, status", [("anonymous", 404), ("customer", 404), ("member", 200), ("ministry", 200)])
def test_a_rejected_shop_shows_its_reason_to_its_members_and_the_ministry_only(as_role, seller_user, role, status):
    rejected = SellerFactory(owner=seller_user, status=Seller.Status.REJECTED, rejection_reason="NIB tidak cocok")

    response = as_role(role).get(f"{SELLERS}{rejected.pk}/")

    assert response.status_code == status
    if status == 200:
        assert response.json()["rejection_reason"] == "NIB tidak cocok"


def test_an_unknown_shop_is_a_404(api):
    assert api.get(f"{SELLERS}999999/").status_code == 404
    assert api.get(f"{SELLERS}{10**20}/").status_code == 404


def test_a_shop_url_is_its_web_page(api, shop):
    response = api.get(f"{SELLERS}{shop.pk}/")

    assert response.json()["url"] == shop.get_absolute_url()
    assert shop.slug in response.json()["url"]


# ---- verification ------------------------------------------------------------------------------


def test_the_ministry_verifies_a_pending_shop(api, ministry, pending_shop):
    response = api.as_user(ministry).post(f"{SELLERS}{pending_shop.pk}/verify/")

    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    assert response.json()["verified_at"] is not None
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.VERIFIED
    assert pending_shop.verified_by == ministry


def test_verifying_a_shop_twice_is_a_conflict(api, ministry, shop):
    response = api.as_user(ministry).post(f"{SELLERS}{shop.pk}/verify/")

    assert response.status_code == 409
    assert "detail" in response.json()


def test_the_ministry_rejects_a_shop_with_a_reason(api, ministry, pending_shop):
    response = api.as_user(ministry).post(
        f"{SELLERS}{pending_shop.pk}/reject/", {"reason": "NIB tidak terdaftar"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["rejection_reason"] == "NIB tidak terdaftar"
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.REJECTED


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": "a\x00b"}, {"reason": None}])
def test_a_rejection_needs_a_reason(api, ministry, pending_shop, body):
    response = api.as_user(ministry).post(f"{SELLERS}{pending_shop.pk}/reject/", body, format="json")

    assert response.status_code == 400
    assert "reason" in response.json()
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.PENDING


def test_rejecting_a_rejected_shop_again_is_a_conflict(api, ministry):
    rejected = SellerFactory(status=Seller.Status.REJECTED, rejection_reason="x")

    response = api.as_user(ministry).post(f"{SELLERS}{rejected.pk}/reject/", {"reason": "lagi"}, format="json")

    assert response.status_code == 409


@pytest.mark.parametrize("action", ["verify", "reject"])
@pytest.mark.parametrize(
    "role, status", [("anonymous", 401), ("customer", 403), ("member", 403), ("other_member", 403)]
)
def test_only_the_ministry_verifies_or_rejects_shops(as_role, pending_shop, action, role, status):
    response = as_role(role).post(f"{SELLERS}{pending_shop.pk}/{action}/", {"reason": "karena"}, format="json")

    assert response.status_code == status
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.PENDING


def test_an_anonymous_verification_is_told_how_to_authenticate(api, pending_shop):
    response = api.post(f"{SELLERS}{pending_shop.pk}/verify/")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("action", ["verify", "reject"])
def test_verifying_an_unknown_shop_is_a_404(api, ministry, action):
    response = api.as_user(ministry).post(f"{SELLERS}999999/{action}/", {"reason": "x"}, format="json")

    assert response.status_code == 404


def test_a_verified_shop_appears_in_the_list(api, ministry, pending_shop):
    api.as_user(ministry).post(f"{SELLERS}{pending_shop.pk}/verify/")

    response = api.as_user(None).get(SELLERS)

    assert pending_shop.pk in [row["id"] for row in response.json()["results"]]


# ---- query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["anonymous", "ministry"])
def test_the_shop_list_queries_do_not_grow_with_page_size(api, django_assert_max_num_queries, ministry, user):
    SellerFactory.create_batch(120)
    client = api.as_user(ministry if user == "ministry" else None)

    with django_assert_max_num_queries(4):
        small = client.get(SELLERS, {"page_size": 10})
    with django_assert_max_num_queries(4):
        large = client.get(SELLERS, {"page_size": 100})

    assert len(small.json()["results"]) == 10
    assert len(large.json()["results"]) == 100


def test_a_staff_member_of_a_shop_also_sees_its_private_fields(api, shop):
    staff = UserFactory()
    SellerMember.objects.create(seller=shop, user=staff, role=SellerMember.Role.STAFF)

    response = api.as_user(staff).get(f"{SELLERS}{shop.pk}/")

    assert "nib" in response.json()
