"""The ministry console's voucher pages: who may see them, creating, editing, pausing, the budget and its burn."""

import pytest

from campaigns.models import Voucher
from orders.services import checkout
from tests.factories import CampaignFactory, SellerFactory, UserFactory, VoucherFactory
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db

FORM = {
    "code": "timur",
    "name": "Gratis ongkir Indonesia Timur",
    "kind": "shipping",
    "value": "100",
    "max_discount": "30000",
    "min_spend": "0",
    "budget": "2000000",
    "funded_by": "ministry",
    "starts_at": "2026-01-01T00:00",
    "ends_at": "2030-12-31T23:59",
    "buyer_provinces": ["91", "94"],
}


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 302), ("customer", 403), ("shop_member", 403), ("other_shop_member", 403), ("ministry", 200)],
)
def test_only_ministry_staff_see_the_voucher_console(client, who, status, seller_user, other_seller_user, ministry):
    SellerFactory(owner=seller_user)
    SellerFactory(owner=other_seller_user)
    voucher = VoucherFactory()
    user = {
        "anonymous": None, "customer": UserFactory(), "shop_member": seller_user,
        "other_shop_member": other_seller_user, "ministry": ministry,
    }[who]  # fmt: skip
    if user:
        client.force_login(user)
    for url in ("/kementerian/voucher/", "/kementerian/voucher/baru/", f"/kementerian/voucher/{voucher.pk}/",
                f"/kementerian/voucher/{voucher.pk}/ubah/"):  # fmt: skip
        assert client.get(url).status_code == status, url
    pause = client.post(f"/kementerian/voucher/{voucher.pk}/jeda/")
    assert pause.status_code == (302 if who in ("anonymous", "ministry") else 403)
    assert (Voucher.objects.get().paused_at is not None) == (who == "ministry")


def test_ministry_staff_create_a_voucher_from_the_console(client, ministry):
    client.force_login(ministry)
    response = client.post("/kementerian/voucher/baru/", FORM)

    voucher = Voucher.objects.get()
    assert response.status_code == 302
    assert (voucher.code, voucher.kind, voucher.buyer_provinces) == ("TIMUR", "shipping", ["91", "94"])


def test_a_bad_form_names_the_field_and_creates_nothing(client, ministry):
    client.force_login(ministry)
    response = client.post("/kementerian/voucher/baru/", {**FORM, "value": "150"})
    assert response.status_code == 200
    assert "Persentase antara 1 dan 100" in response.content.decode()
    assert Voucher.objects.count() == 0


def test_a_used_voucher_keeps_its_terms_but_its_budget_may_grow(client, ministry, customer, product):
    voucher = VoucherFactory(code="DIPAKAI")
    checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["dipakai"]
    )
    client.force_login(ministry)
    form = client.get(f"/kementerian/voucher/{voucher.pk}/ubah/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("categories", "sellers")}
    data["starts_at"] = voucher.starts_at.astimezone().strftime("%Y-%m-%dT%H:%M:%S")
    data["ends_at"] = voucher.ends_at.astimezone().strftime("%Y-%m-%dT%H:%M:%S")

    locked = client.post(f"/kementerian/voucher/{voucher.pk}/ubah/", {**data, "value": "50000"})
    grown = client.post(f"/kementerian/voucher/{voucher.pk}/ubah/", {**data, "budget": "3000000"})

    assert "Tidak bisa diubah setelah voucher dipakai" in locked.content.decode()
    assert grown.status_code == 302
    voucher.refresh_from_db()
    assert (voucher.value, voucher.budget) == (10000, 3000000)


def test_the_voucher_page_shows_budget_used_left_and_the_burn_chart(client, ministry, customer, product):
    voucher = VoucherFactory(code="BAKAR", budget=50000)
    checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["bakar"]
    )
    client.force_login(ministry)

    html = client.get(f"/kementerian/voucher/{voucher.pk}/").content.decode()

    assert 'data-figure="used">Rp 10.000' in html
    assert 'data-figure="left">Rp 40.000' in html
    assert "<svg" in html


def test_the_campaign_page_shows_its_vouchers_and_the_budget_left_live(client, customer, product):
    campaign = CampaignFactory(voucher_budget=100000)
    VoucherFactory(code="KAMPANYE", campaign=campaign, name="Potongan kopi")
    assert "sisa Rp 100.000" in client.get(campaign.get_absolute_url()).content.decode()

    checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["kampanye"]
    )

    html = client.get(campaign.get_absolute_url()).content.decode()
    assert "KAMPANYE" in html and "terpakai Rp 10.000, sisa Rp 90.000" in html


def test_the_campaign_console_shows_each_campaigns_voucher_budget_used_and_left(client, ministry, customer, product):
    campaign = CampaignFactory()
    VoucherFactory(code="SATU", campaign=campaign, budget=50000)
    VoucherFactory(code="DUA", campaign=campaign, budget=30000)
    checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["satu"]
    )
    client.force_login(ministry)

    html = client.get("/kementerian/kampanye/").content.decode()

    assert "terpakai Rp 10.000<br>sisa Rp 70.000" in html
