"""A seller reads their sales dashboard and ministry staff read an impact report, in a real browser."""

import pytest

from tests.browser.helpers import log_in
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, SellerFactory, UserFactory
from tests.sales_helpers import jkt, paid_order

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_seller_sees_the_chart_and_totals_of_the_orders_placed(live_server, phone):
    from playwright.sync_api import expect

    owner, buyer = UserFactory(), UserFactory()
    shop = SellerFactory(owner=owner, name="Kopi Gayo Aman")
    arabica = ProductFactory(seller=shop, price=80_000, stock=100)
    paid_order(buyer, (arabica, 2), at=jkt(2020, 4, 14, 9))
    paid_order(buyer, (arabica, 1), at=jkt(2020, 4, 16, 23, 59))

    log_in(phone, live_server.url, owner.email)
    phone.goto(f"{live_server.url}/penjual/{shop.pk}/penjualan/?from=2020-04-14&to=2020-04-20")
    expect(phone.locator("svg.chart")).to_be_visible()
    expect(phone.locator("[data-metric=revenue] .metric-value")).to_have_text("Rp 240.000")
    expect(phone.locator("[data-metric=orders] .metric-value")).to_have_text("2")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ministry_staff_open_an_impact_report(live_server, phone):
    from playwright.sync_api import expect

    staff, buyer = UserFactory(ministry=True), UserFactory()
    campaign = CampaignFactory(
        slug="satu-dalam-kopi",
        starts_at=jkt(2020, 4, 20, 0),
        ends_at=jkt(2020, 4, 26, 23, 59),
        created_at=jkt(2020, 4, 1),
    )
    arabica = ProductFactory(price=80_000, stock=100)
    EnrolmentFactory(campaign=campaign, product=arabica)
    paid_order(buyer, (arabica, 1), at=jkt(2020, 4, 10, 9))
    paid_order(buyer, (arabica, 2), at=jkt(2020, 4, 21, 9))

    log_in(phone, live_server.url, staff.email)
    phone.goto(f"{live_server.url}/kementerian/kampanye/satu-dalam-kopi/dampak/")
    expect(phone.locator("[data-testid=impact-chart] svg .chart-shade")).to_be_attached()
    expect(phone.locator("[data-testid=impact-categories]")).to_contain_text("Kopi")
