"""Where a shop's parcels start and which couriers it offers: its members set them; nobody else can."""

import pytest
from django.urls import reverse

from sellers.models import Seller, SellerMember
from tests.factories import SellerFactory, UserFactory

pytestmark = pytest.mark.django_db

PLACE = {"province": "11", "regency": "11.04", "district": "11.04.01", "postal_code": "24511"}


def url(shop):
    return f"/api/v1/sellers/{shop.pk}/shipping/"


@pytest.fixture
def staff_member(shop):
    user = UserFactory()
    SellerMember.objects.create(seller=shop, user=user, role=SellerMember.Role.STAFF)
    return user


@pytest.mark.parametrize(
    "who, status",
    [
        ("owner", 200),
        ("staff", 200),
        ("other_shop_owner", 404),
        ("customer", 404),
        ("ministry", 404),
        ("anonymous", 401),
    ],
)
def test_only_the_shops_members_set_its_place_and_couriers(
    api, shop, seller_user, staff_member, other_shop, other_seller_user, customer, ministry, who, status
):
    user = {
        "owner": seller_user,
        "staff": staff_member,
        "other_shop_owner": other_seller_user,
        "customer": customer,
        "ministry": ministry,
        "anonymous": None,
    }[who]

    response = api.as_user(user).patch(url(shop), {**PLACE, "couriers": ["jne", "toko"]}, format="json")

    assert response.status_code == status
    shop.refresh_from_db()
    assert (shop.district_id == "11.04.01") is (status == 200)
    if status == 200:
        assert response.json()["couriers"] == ["jne", "toko"]
        assert shop.city == "Kabupaten Aceh Tengah"
        assert not response.json()["needs_region"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"district": "12.11.01"}, "district"),  # a district of Dairi, not of Aceh Tengah
        ({"regency": "12.11", "district": "12.11.01"}, "regency"),  # Dairi is in Sumatera Utara
        ({"couriers": ["jne", "dhl"]}, "couriers"),
        ({"couriers": []}, "couriers"),
        ({"postal_code": "2451"}, "postal_code"),
    ],
)
def test_a_bad_place_or_courier_is_a_400_naming_the_field_and_changes_nothing(api, shop, seller_user, change, field):
    response = api.as_user(seller_user).patch(url(shop), {**PLACE, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    shop.refresh_from_db()
    assert shop.district_id is None


def test_a_shop_registered_with_an_unambiguous_city_gets_its_regency(api, customer):
    body = {"name": "Batik Giriloyo", "nib": "9120000000999", "province": "34", "city": "Bantul", "scale": "mikro"}

    response = api.as_user(customer).post("/api/v1/sellers/", body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["regency"] == "34.02"


def test_a_shop_registered_with_an_ambiguous_city_is_asked_to_pick_its_regency(api, customer, client):
    body = {"name": "Hijab Bandung", "nib": "9120000000998", "province": "32", "city": "Bandung", "scale": "kecil"}

    response = api.as_user(customer).post("/api/v1/sellers/", body, format="json")
    client.force_login(customer)
    centre = client.get(reverse("sellers:centre"))

    assert response.json()["regency"] is None
    assert reverse("sellers:shop_shipping", args=[response.json()["id"]]) in centre.text
    assert "Lengkapi kabupaten/kota dan kecamatan toko" in centre.text


def test_a_shop_registered_with_codes_takes_the_regencys_name_as_its_city(api, customer):
    body = {"name": "Kopi Takengon", "nib": "9120000000997", "scale": "mikro", **PLACE}

    response = api.as_user(customer).post("/api/v1/sellers/", body, format="json")

    assert response.status_code == 201, response.json()
    assert (response.json()["city"], response.json()["district"]) == ("Kabupaten Aceh Tengah", "11.04.01")


def test_registering_with_a_district_of_another_regency_is_a_400_naming_the_district(api, customer):
    body = {"name": "Kopi Takengon", "nib": "9120000000996", "scale": "mikro", **PLACE, "district": "12.11.01"}

    response = api.as_user(customer).post("/api/v1/sellers/", body, format="json")

    assert response.status_code == 400
    assert "district" in response.json()
    assert not Seller.objects.filter(name="Kopi Takengon").exists()


def test_the_owner_fixes_the_place_on_the_page_without_javascript(client, shop, seller_user):
    client.force_login(seller_user)
    page_url = reverse("sellers:shop_shipping", args=[shop.pk])

    refreshed = client.post(page_url, {"province": "11", "refresh": "1", "couriers": ["jne"]})
    saved = client.post(page_url, {**PLACE, "couriers": ["jne", "sicepat"]})

    assert "11.04" in dict(refreshed.context["form"].fields["regency"].choices)
    assert saved.status_code == 302
    shop.refresh_from_db()
    assert (shop.regency_id, shop.district_id, shop.couriers) == ("11.04", "11.04.01", ["jne", "sicepat"])


def test_another_shops_owner_cannot_open_the_page(client, shop, other_seller_user):
    client.force_login(other_seller_user)

    assert client.get(reverse("sellers:shop_shipping", args=[shop.pk])).status_code == 404


def test_a_shop_offering_one_courier_is_priced_only_with_it(api, customer):
    from tests.factories import ProductFactory

    shop = SellerFactory(province="34", regency_id="34.04", district_id="34.04.01", couriers=["sicepat"])
    chair = ProductFactory(seller=shop)
    body = {
        "shipping_address": {
            "recipient": "Siti",
            "phone": "081234567890",
            "street": "Jl. Malioboro 1",
            "city": "Yogyakarta",
            "province": "34",
            "postal_code": "55122",
        },
        "lines": [{"product": chair.pk, "quantity": 1}],
    }

    response = api.as_user(customer).post("/api/v1/orders/", body, format="json")

    assert [s["courier"] for s in response.json()["shipments"]] == ["sicepat"]


def test_a_rejected_shop_resubmits_with_its_place_checked_like_at_registration(api, seller_user):
    shop = SellerFactory(owner=seller_user, status=Seller.Status.REJECTED, verified_at=None, rejection_reason="NIB")
    body = {"name": shop.name, "nib": "9120000000999", "province": "11", "city": "", "scale": shop.scale}

    refused = api.as_user(seller_user).post(
        f"/api/v1/sellers/{shop.pk}/resubmit/", {**PLACE, **body, "district": "12.11.01"}
    )
    accepted = api.as_user(seller_user).post(f"/api/v1/sellers/{shop.pk}/resubmit/", {**PLACE, **body})

    assert refused.status_code == 400 and "district" in refused.json()
    assert accepted.status_code == 200, accepted.json()
    assert (accepted.json()["district"], accepted.json()["city"]) == ("11.04.01", "Kabupaten Aceh Tengah")
