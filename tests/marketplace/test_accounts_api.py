"""docs/api.md, "Accounts": register, token, /me."""

import pytest
from rest_framework.authtoken.models import Token

from marketplace.models import MarketingConsent, User
from tests.factories import PASSWORD, SellerFactory, UserFactory

REGISTER = "/api/v1/auth/register/"
TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/me/"

pytestmark = pytest.mark.django_db


def register_body(**overrides):
    body = {"email": "siti@example.id", "password": "kopi-gayo-2020", "full_name": "Siti Aminah"}
    body.update(overrides)
    return body


# ---- register ----------------------------------------------------------------------------------


def test_registering_answers_201_with_a_working_token(api):
    response = api.post(REGISTER, register_body(), format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "email", "full_name", "token"}
    assert body["email"] == "siti@example.id"
    assert body["full_name"] == "Siti Aminah"
    user = User.objects.get(pk=body["id"])
    assert Token.objects.get(user=user).key == body["token"]
    me = api.get(ME, HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert me.status_code == 200
    assert me.json()["id"] == user.pk


def test_registering_stores_the_email_in_lower_case(api):
    response = api.post(REGISTER, register_body(email="Siti.Aminah@Example.ID"), format="json")

    assert response.status_code == 201
    assert response.json()["email"] == "siti.aminah@example.id"


def test_an_email_cannot_register_twice_whatever_its_case(api):
    UserFactory(email="siti@example.id")

    response = api.post(REGISTER, register_body(email="SITI@Example.id"), format="json")

    assert response.status_code == 400
    assert "email" in response.json()
    assert User.objects.filter(email__iexact="siti@example.id").count() == 1


@pytest.mark.parametrize("password", ["123", "password", "12345678901234", "siti@example.id"])
def test_a_weak_password_is_refused_on_the_password_field(api, password):
    response = api.post(REGISTER, register_body(password=password), format="json")

    assert response.status_code == 400
    assert "password" in response.json()
    assert not User.objects.exists()


def test_marketing_opt_in_is_false_unless_asked_for(api):
    response = api.post(REGISTER, register_body(), format="json")

    user = User.objects.get(pk=response.json()["id"])
    assert user.marketing_opt_in is False
    assert not MarketingConsent.objects.filter(user=user).exists()


def test_opting_in_at_registration_records_consent_with_source_and_time(api):
    response = api.post(REGISTER, register_body(marketing_opt_in=True), format="json")

    user = User.objects.get(pk=response.json()["id"])
    assert user.marketing_opt_in is True
    consent = MarketingConsent.objects.get(user=user)
    assert consent.opted_in is True
    assert consent.source == MarketingConsent.Source.REGISTRATION
    assert consent.recorded_at is not None
    assert consent.wording


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": "si\x00ti@example.id"}, "email"),
        ({"full_name": "a\x00b"}, "full_name"),
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "x" * 151}, "full_name"),
        ({"password": "kopi\x00gayo-2020"}, "password"),
        ({"marketing_opt_in": "maybe"}, "marketing_opt_in"),
    ],
)
def test_bad_registration_input_is_a_400_on_its_field_and_creates_nobody(api, overrides, field):
    response = api.post(REGISTER, register_body(**overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not User.objects.exists()


def test_text_that_cannot_be_stored_is_a_400_not_a_500(api):
    # A lone surrogate parses as JSON but cannot be encoded for the database.
    response = api.post(
        REGISTER,
        data='{"email": "a@example.id", "password": "kopi-gayo-2020", "full_name": "\\ud800"}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert not User.objects.exists()


@pytest.mark.parametrize("payload", ["[1, 2]", '"text"', "{not json", "null"])
def test_a_body_that_is_not_an_object_is_a_400(api, payload):
    response = api.post(REGISTER, data=payload, content_type="application/json")

    assert response.status_code == 400
    assert not User.objects.exists()


# ---- token -------------------------------------------------------------------------------------


def test_the_right_password_gets_the_users_token(api, customer):
    response = api.post(TOKEN, {"email": customer.email, "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=customer).key


def test_the_email_of_a_token_request_is_case_insensitive(api, customer):
    response = api.post(TOKEN, {"email": customer.email.upper(), "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=customer).key


def test_a_wrong_password_is_a_400(api, customer):
    response = api.post(TOKEN, {"email": customer.email, "password": "salah-sandi-99"}, format="json")

    assert response.status_code == 400
    assert "token" not in response.json()


def test_an_unknown_email_is_a_400(api):
    response = api.post(TOKEN, {"email": "nobody@example.id", "password": PASSWORD}, format="json")

    assert response.status_code == 400


def test_an_inactive_user_gets_no_token(api, customer):
    customer.is_active = False
    customer.save()

    response = api.post(TOKEN, {"email": customer.email, "password": PASSWORD}, format="json")

    assert response.status_code == 400


def test_after_five_failures_even_the_right_password_is_refused_with_429(api, customer, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = api.post(TOKEN, {"email": customer.email, "password": "salah-sandi-99"}, format="json")
        assert response.status_code == 400
    api.post(TOKEN, {"email": customer.email, "password": "salah-sandi-99"}, format="json")

    response = api.post(TOKEN, {"email": customer.email, "password": PASSWORD}, format="json")

    assert response.status_code == 429
    assert "detail" in response.json()
    assert "token" not in response.json()


def test_changing_the_case_of_the_email_does_not_escape_the_lockout(api, customer):
    for variant in ["a", "b", "c", "d", "e"]:
        email = customer.email.upper() if variant in "bd" else customer.email
        api.post(TOKEN, {"email": email, "password": "salah-sandi-99"}, format="json")

    response = api.post(TOKEN, {"email": customer.email.title(), "password": PASSWORD}, format="json")

    assert response.status_code == 429


def test_failures_below_the_limit_do_not_lock_the_account(api, customer):
    for _ in range(4):
        api.post(TOKEN, {"email": customer.email, "password": "salah-sandi-99"}, format="json")

    response = api.post(TOKEN, {"email": customer.email, "password": PASSWORD}, format="json")

    assert response.status_code == 200


def test_a_token_request_with_bad_input_is_a_400(api):
    response = api.post(TOKEN, {"email": "a\x00b", "password": ""}, format="json")

    assert response.status_code == 400


# ---- /me ---------------------------------------------------------------------------------------


def test_me_needs_credentials(api):
    response = api.get(ME)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Token")


def test_a_bad_token_is_a_401(api):
    response = api.get(ME, HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code == 401


def test_me_describes_a_customer(api, customer):
    response = api.as_user(customer).get(ME)

    assert response.status_code == 200
    assert response.json() == {
        "id": customer.pk,
        "email": customer.email,
        "full_name": "Siti Pembeli",
        "roles": ["customer"],
        "marketing_opt_in": False,
        "sellers": [],
    }


def test_me_lists_the_shops_of_a_seller(api, seller_user, shop, pending_shop):
    response = api.as_user(seller_user).get(ME)

    body = response.json()
    assert body["roles"] == ["customer", "seller"]
    assert body["sellers"] == sorted([shop.pk, pending_shop.pk])


def test_me_says_ministry_staff_are_ministry(api, ministry):
    response = api.as_user(ministry).get(ME)

    assert response.json()["roles"] == ["customer", "ministry"]
    assert response.json()["sellers"] == []


def test_a_ministry_user_who_also_runs_a_shop_has_all_three_roles(api):
    user = UserFactory(ministry=True)
    SellerFactory(owner=user)

    response = api.as_user(user).get(ME)

    assert response.json()["roles"] == ["customer", "seller", "ministry"]


def test_me_works_with_a_token_header(api, customer):
    token = Token.objects.create(user=customer)

    response = api.get(ME, HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200
    assert response.json()["email"] == customer.email


def test_patching_me_changes_the_full_name(api, customer):
    response = api.as_user(customer).patch(ME, {"full_name": "  Siti Rahma  "}, format="json")

    assert response.status_code == 200
    assert response.json()["full_name"] == "Siti Rahma"
    customer.refresh_from_db()
    assert customer.full_name == "Siti Rahma"


def test_opting_in_through_me_records_consent_from_the_api(api, customer):
    response = api.as_user(customer).patch(ME, {"marketing_opt_in": True}, format="json")

    assert response.status_code == 200
    assert response.json()["marketing_opt_in"] is True
    customer.refresh_from_db()
    assert customer.marketing_opt_in is True
    consent = MarketingConsent.objects.get(user=customer)
    assert consent.opted_in is True
    assert consent.source == MarketingConsent.Source.API
    assert consent.recorded_at is not None


def test_opting_out_through_me_records_the_withdrawal(api, customer):
    api.as_user(customer).patch(ME, {"marketing_opt_in": True}, format="json")

    response = api.as_user(customer).patch(ME, {"marketing_opt_in": False}, format="json")

    assert response.json()["marketing_opt_in"] is False
    assert list(MarketingConsent.objects.filter(user=customer).values_list("opted_in", flat=True)) == [False, True]


def test_patching_only_the_name_records_no_consent(api, customer):
    api.as_user(customer).patch(ME, {"full_name": "Siti Rahma"}, format="json")

    assert not MarketingConsent.objects.filter(user=customer).exists()


def test_me_cannot_change_the_email_or_the_roles(api, customer):
    response = api.as_user(customer).patch(
        ME, {"email": "other@example.id", "roles": ["ministry"], "sellers": [1]}, format="json"
    )

    assert response.status_code == 200
    customer.refresh_from_db()
    assert customer.email != "other@example.id"
    assert response.json()["roles"] == ["customer"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"full_name": "a\x00b"}, "full_name"),
        ({"full_name": ""}, "full_name"),
        ({"marketing_opt_in": "maybe"}, "marketing_opt_in"),
    ],
)
def test_bad_input_to_me_is_a_400_and_changes_nothing(api, customer, body, field):
    response = api.as_user(customer).patch(ME, body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    customer.refresh_from_db()
    assert customer.full_name == "Siti Pembeli"
    assert not MarketingConsent.objects.exists()


def test_anonymous_users_cannot_patch_me(api):
    response = api.patch(ME, {"full_name": "X"}, format="json")

    assert response.status_code == 401
