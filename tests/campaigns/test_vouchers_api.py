"""The ministry's voucher API: create, read with budget used and uses, edit with terms locked once used, pause."""

import pytest

from campaigns.models import Voucher
from orders.services import checkout
from tests.factories import CampaignFactory, SellerFactory, UserFactory, VoucherFactory
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db

BODY = {
    "code": "kopitimur",
    "kind": "shipping",
    "value": 100,
    "max_discount": 30000,
    "min_spend": 50000,
    "budget": 5_000_000,
    "per_buyer_limit": 1,
    "starts_at": "2026-01-01T00:00:00+07:00",
    "ends_at": "2030-12-31T23:59:59+07:00",
    "funded_by": "ministry",
    "buyer_provinces": ["91", "94"],
}


def test_ministry_staff_create_a_voucher_and_read_its_budget(api, ministry):
    campaign = CampaignFactory()
    created = api.as_user(ministry).post("/api/v1/vouchers/", {**BODY, "campaign": campaign.slug}, format="json")

    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["code"], body["budget"], body["budget_used"], body["campaign"]) == (
        "KOPITIMUR",
        5_000_000,
        0,
        campaign.slug,
    )
    read = api.as_user(ministry).get(f"/api/v1/vouchers/{body['id']}/").json()
    assert (read["budget_used"], read["uses"], read["budget_left"], read["status"]) == (0, 0, 5_000_000, "active")


@pytest.mark.parametrize(
    "change, field",
    [
        ({"kind": "percent", "value": 150}, "value"),
        ({"kind": "percent", "value": 10, "max_discount": None}, "max_discount"),
        ({"ends_at": "2025-01-01T00:00:00+07:00"}, "ends_at"),
        ({"budget": 0}, "budget"),
        ({"buyer_provinces": ["99"]}, "buyer_provinces"),
        ({"code": "x y"}, "code"),
        ({"funded_by": "shop"}, "sellers"),
        ({"funded_by": "bank"}, "funded_by"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_creates_nothing(api, ministry, change, field):
    response = api.as_user(ministry).post("/api/v1/vouchers/", {**BODY, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert Voucher.objects.count() == 0


def test_codes_are_unique_whatever_their_case(api, ministry):
    VoucherFactory(code="KOPITIMUR")
    response = api.as_user(ministry).post("/api/v1/vouchers/", BODY, format="json")
    assert response.status_code == 400
    assert "code" in response.json()


@pytest.mark.parametrize("who", ["anonymous", "customer", "shop_member"])
def test_only_ministry_staff_may_use_the_voucher_api(api, who, seller_user):
    voucher = VoucherFactory()
    user = {"anonymous": None, "customer": UserFactory(), "shop_member": seller_user}[who]
    SellerFactory(owner=seller_user)
    client = api.as_user(user)

    statuses = {
        client.post("/api/v1/vouchers/", BODY, format="json").status_code,
        client.get("/api/v1/vouchers/").status_code,
        client.get(f"/api/v1/vouchers/{voucher.pk}/").status_code,
        client.patch(f"/api/v1/vouchers/{voucher.pk}/", {"budget": 1}, format="json").status_code,
        client.post(f"/api/v1/vouchers/{voucher.pk}/pause/").status_code,
    }
    assert statuses <= {401, 403}
    assert Voucher.objects.get().paused_at is None
    assert Voucher.objects.count() == 1


def test_terms_are_locked_once_used_but_the_budget_may_still_grow(api, ministry, customer, product):
    voucher = VoucherFactory(code="KUNCI")
    checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["KUNCI"]
    )
    client = api.as_user(ministry)

    locked = client.patch(f"/api/v1/vouchers/{voucher.pk}/", {"value": 50000}, format="json")
    grown = client.patch(f"/api/v1/vouchers/{voucher.pk}/", {"budget": 2_000_000, "name": "Kopi"}, format="json")
    below = client.patch(f"/api/v1/vouchers/{voucher.pk}/", {"budget": 5000}, format="json")

    assert locked.status_code == 409
    assert "value" in locked.json()
    assert grown.status_code == 200
    assert (grown.json()["budget"], grown.json()["budget_used"], grown.json()["uses"]) == (2_000_000, 10000, 1)
    assert below.status_code == 400


def test_an_unused_voucher_may_change_its_terms(api, ministry):
    voucher = VoucherFactory(code="BEBAS")
    response = api.as_user(ministry).patch(f"/api/v1/vouchers/{voucher.pk}/", {"value": 15000}, format="json")
    assert response.status_code == 200
    assert response.json()["value"] == 15000


def test_a_paused_voucher_stops_at_once_and_resumes(api, ministry, customer, product):
    voucher = VoucherFactory(code="JEDA")
    api.as_user(ministry).post(f"/api/v1/vouchers/{voucher.pk}/pause/")

    body = {"shipping_address": ADDRESS, "lines": [{"product": product.pk, "quantity": 1}], "voucher": "JEDA"}
    paused = api.as_user(customer).post("/api/v1/orders/", body, format="json")
    api.as_user(ministry).post(f"/api/v1/vouchers/{voucher.pk}/resume/")
    resumed = api.as_user(customer).post("/api/v1/orders/", body, format="json")

    assert paused.status_code == 400
    assert resumed.status_code == 201
    assert resumed.json()["voucher_discount"] == 10000


def test_budget_burn_lists_every_day_with_what_was_spent(api, ministry, customer, product):
    voucher = VoucherFactory(code="BAKAR")
    checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["BAKAR"]
    )

    days = api.as_user(ministry).get(f"/api/v1/vouchers/{voucher.pk}/burn/").json()

    assert len(days) == 2  # from yesterday's start to today
    assert [d["spent"] for d in days] == [0, 10000]


def test_a_campaigns_voucher_budget_is_set_through_its_api_and_never_below_what_is_spent(
    api, ministry, customer, product
):
    campaign = CampaignFactory()
    client = api.as_user(ministry)
    assert (
        client.patch(f"/api/v1/campaigns/{campaign.slug}/", {"voucher_budget": 15000}, format="json").status_code == 200
    )
    VoucherFactory(code="KAMPANYE", campaign=campaign)
    checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["KAMPANYE"]
    )

    below = client.patch(f"/api/v1/campaigns/{campaign.slug}/", {"voucher_budget": 5000}, format="json")
    renamed = client.patch(f"/api/v1/campaigns/{campaign.slug}/", {"name": "Kopi Nusantara"}, format="json")

    assert below.status_code == 400
    assert "voucher_budget" in below.json()
    assert (renamed.json()["voucher_budget"], renamed.json()["voucher_budget_used"]) == (15000, 10000)


def test_refunding_a_whole_shipment_gives_its_voucher_budget_back(customer, product):
    from orders.services import lifecycle
    from orders.services.refunds import refund_shipment

    voucher = VoucherFactory(code="REFUND")
    order = checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["REFUND"]
    )
    lifecycle.order_mark_paid(order=order, method="test")

    refund_shipment(shipment=order.shipments.get(), reason="Barang rusak")

    voucher.refresh_from_db()
    assert (voucher.budget_used, voucher.uses) == (0, 0)
