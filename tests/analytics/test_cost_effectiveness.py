"""What each Rupiah of voucher subsidy bought: a hand-built history, checked to the Rupiah."""

import pytest

from orders.services import checkout, complaints, lifecycle
from tests.factories import CampaignFactory, ProductFactory, UserFactory, VoucherFactory
from tests.sales_helpers import ADDRESS, clock, jkt, paid_order

pytestmark = pytest.mark.django_db


def voucher_order(buyer, *items, code, at):
    with clock(at):
        order = checkout.order_place(
            buyer=buyer, address=ADDRESS, product_items=[(p.pk, q) for p, q in items], courier="jne", vouchers=[code]
        )
        return lifecycle.order_mark_paid(order=order, method="test")


@pytest.fixture
def campaign(shop, other_shop, customer):
    """#SatuDalamKopi, 20-26 April 2020 (28-day baseline 23/3-19/4, which is also growth month M3;
    M1 is 27/1-23/2). `shop` (Aceh) sells arabica at 80.000, `other_shop` (South Sulawesi) Toraja at
    95.000; both 250 g, so each parcel to Yogyakarta is 1 kg: 23.000 from Aceh, 31.000 from Sulawesi.
    """
    campaign = CampaignFactory(
        slug="satu-dalam-kopi", starts_at=jkt(2020, 4, 20, 0), ends_at=jkt(2020, 4, 26, 23, 59), categories=["kopi"]
    )
    window = {"starts_at": jkt(2020, 4, 20, 0), "ends_at": jkt(2020, 4, 26, 23, 59), "campaign": campaign}
    VoucherFactory(code="POTONG", value=10000, min_spend=0, funded_by="ministry", **window)
    VoucherFactory(code="ONGKIR", kind="shipping", value=100, min_spend=0, funded_by="platform", **window)
    arabica = ProductFactory(seller=shop, price=80_000, stock=900)
    toraja = ProductFactory(seller=other_shop, price=95_000, stock=900, category=campaign.categories.first())
    buyer, other = UserFactory(), UserFactory()
    # M1: Aceh 80.000, Sulawesi 95.000
    paid_order(customer, (arabica, 1), at=jkt(2020, 2, 1, 10))
    paid_order(customer, (toraja, 1), at=jkt(2020, 2, 2, 10))
    # baseline = M3: Aceh 160.000, Sulawesi 190.000
    paid_order(customer, (arabica, 2), at=jkt(2020, 4, 1, 10))
    paid_order(customer, (toraja, 2), at=jkt(2020, 4, 15, 10))
    # the window: 430.000 of sales, 64.000 of subsidy
    voucher_order(buyer, (arabica, 2), code="POTONG", at=jkt(2020, 4, 21, 9))  # 10.000 off, Aceh
    voucher_order(other, (arabica, 1), (toraja, 1), code="ONGKIR", at=jkt(2020, 4, 22, 9))  # fees 23.000 + 31.000
    cancelled = voucher_order(UserFactory(), (toraja, 1), code="POTONG", at=jkt(2020, 4, 23, 9))
    with clock(jkt(2020, 4, 23, 10)):
        lifecycle.order_cancel(order=cancelled)  # neither its sale nor its subsidy counts
    paid_order(customer, (toraja, 1), at=jkt(2020, 4, 24, 9))
    return campaign


def test_subsidy_extra_sales_and_their_ratio_per_campaign_category_and_province(api, ministry, campaign):
    body = api.as_user(ministry).get("/api/v1/campaigns/satu-dalam-kopi/impact/").json()
    cost = body["cost_effectiveness"]

    # growth: M1 175.000 -> M3 350.000, (1 + g) = 2 ** (1/2); the baseline's midpoint (5.5 April) is
    # 17.5 days before the window's (23 April): expected = 350.000 / 28 * 7 * 2 ** (17.5 / 56)
    #   = 87.500 * 1.2418578... = 108.662,56 -> 108.663
    assert (cost["subsidy"], cost["campaign_revenue"], cost["expected_revenue"]) == (64000, 430000, 108663)
    assert cost["extra_sales"] == 321337
    assert cost["extra_sales_per_rupiah"] == 5.02  # 321.337 / 64.000 = 5,0209
    assert cost["trend_adjusted"] is True
    (coffee,) = cost["categories"]
    assert (coffee["category"]["slug"], coffee["subsidy"], coffee["extra_sales"]) == ("kopi", 64000, 321337)
    provinces = {p["province"]: p for p in cost["provinces"]}
    keys = ("subsidy", "expected_revenue", "extra_sales", "extra_sales_per_rupiah")
    # Aceh: 10.000 + 23.000 of subsidy; 240.000 against 40.000 * 1.2418578 = 49.674
    assert {k: provinces["11"][k] for k in keys} == {
        "subsidy": 33000, "expected_revenue": 49674, "extra_sales": 190326, "extra_sales_per_rupiah": 5.77,
    }  # fmt: skip
    # South Sulawesi: 31.000; 190.000 against 47.500 * 1.2418578 = 58.988,25 -> 58.988
    assert {k: provinces["73"][k] for k in keys} == {
        "subsidy": 31000, "expected_revenue": 58988, "extra_sales": 131012, "extra_sales_per_rupiah": 4.23,
    }  # fmt: skip


def test_a_campaign_without_vouchers_has_no_ratio_rather_than_an_error(api, ministry, shop):
    CampaignFactory(slug="tanpa-voucher")
    cost = api.as_user(ministry).get("/api/v1/campaigns/tanpa-voucher/impact/").json()["cost_effectiveness"]
    assert (cost["subsidy"], cost["extra_sales_per_rupiah"]) == (0, None)


def test_the_impact_page_and_the_overview_show_what_each_rupiah_bought(client, ministry, campaign):
    client.force_login(ministry)
    impact = client.get("/kementerian/kampanye/satu-dalam-kopi/dampak/").content.decode()
    overview = client.get("/kementerian/ikhtisar/").content.decode()
    csv = client.get("/kementerian/ikhtisar/?format=csv&table=campaigns").content.decode().splitlines()

    assert "Rp 64.000" in impact and "Rp 321.337" in impact and "5,02" in impact
    assert "Rp 64.000" in overview and "5,02" in overview
    assert csv[0].endswith("subsidy,extra_sales,extra_sales_per_rupiah")
    assert csv[1].split(",")[-3:] == ["64000", "321337", "5.02"]


def test_a_free_shipping_subsidy_above_the_goods_value_counts_in_full(api, ministry, shop, customer):
    campaign = CampaignFactory(
        slug="ongkir-gratis", starts_at=jkt(2020, 4, 20, 0), ends_at=jkt(2020, 4, 26, 23, 59), categories=["kopi"]
    )
    VoucherFactory(
        code="ONGKIR", kind="shipping", value=100, min_spend=0, funded_by="platform", campaign=campaign,
        starts_at=jkt(2020, 4, 20, 0), ends_at=jkt(2020, 4, 26, 23, 59),
    )  # fmt: skip
    sachets = [
        ProductFactory(seller=shop, price=5_000, stock=50, category=campaign.categories.first()) for _ in range(3)
    ]
    order = voucher_order(customer, *[(p, 1) for p in sachets], code="ONGKIR", at=jkt(2020, 4, 21, 9))
    fee = order.shipments.get().shipping_subsidy
    assert fee > 15_000  # the parcel costs more to ship than its three sachets

    cost = api.as_user(ministry).get("/api/v1/campaigns/ongkir-gratis/impact/").json()["cost_effectiveness"]

    assert cost["subsidy"] == fee
    assert sum(category["subsidy"] for category in cost["categories"]) == fee


def test_goods_sent_back_count_neither_in_the_sales_nor_in_the_subsidy(api, ministry, shop, seller_user, customer):
    campaign = CampaignFactory(
        slug="retur", starts_at=jkt(2020, 4, 20, 0), ends_at=jkt(2020, 4, 26, 23, 59), categories=["kopi"]
    )
    VoucherFactory(
        code="POTONG", value=10000, min_spend=0, funded_by="ministry", campaign=campaign,
        starts_at=jkt(2020, 4, 20, 0), ends_at=jkt(2020, 4, 26, 23, 59),
    )  # fmt: skip
    coffee = ProductFactory(seller=shop, price=80_000, stock=50, category=campaign.categories.first())
    kept = voucher_order(customer, (coffee, 1), code="POTONG", at=jkt(2020, 4, 21, 9))
    returned = voucher_order(UserFactory(), (coffee, 1), code="POTONG", at=jkt(2020, 4, 22, 9))
    with clock(jkt(2020, 4, 23, 9)):
        shipment = lifecycle.shipment_ship(
            shipment=returned.shipments.get(), actor=seller_user, courier="jne", tracking_number="JNE0012345678"
        )
        complaint = complaints.complaint_open(
            shipment=shipment, buyer=returned.buyer, reason="damaged", description="Pecah."
        )
        complaint = complaints.complaint_shop_answer(complaint=complaint, by=seller_user, action="return")
        complaint = complaints.complaint_return_shipped(
            complaint=complaint, by=returned.buyer, courier="jne", tracking_number="JNE0099"
        )
        complaints.complaint_return_received(complaint=complaint, by=seller_user)

    cost = api.as_user(ministry).get("/api/v1/campaigns/retur/impact/").json()["cost_effectiveness"]

    assert cost["campaign_revenue"] == kept.shipments.get().subtotal  # the returned goods are no sale
    assert cost["subsidy"] == kept.voucher_discount  # nor a subsidy: the ministry pays nothing for them
