"""Every page of the site, as each kind of visitor sees it, on a phone (390 px) and a laptop (1366 px):
no sideways scrolling, no axe-core violation, no console error, a screenshot of each in var/screenshots/.

The demo world (`seed_demo`) gives every page something real to show: shops, a live and a scheduled
campaign, orders in every status, a sent blast and #SatuDalamKopi's impact report.
"""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.browser.page_checks import AXE_JS, WIDTHS, Report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not AXE_JS.exists(), reason="axe-core is not installed (npm ci)"),
]


def demo_pages() -> dict[str, list[tuple[str, str, int]]]:
    """(name, path, expected status) per visitor, from the seeded demo."""
    from campaigns.models import Campaign, Voucher
    from mailings.models import Blast
    from mailings.rendering import unsubscribe_token
    from marketplace.demo import CUSTOMER_EMAIL, SELLER_EMAIL
    from orders.models import Complaint, Order, Review, Shipment
    from sellers.models import Product, Seller

    shop = Seller.objects.get(members__user__email=SELLER_EMAIL)
    rejected = Seller.objects.get(status=Seller.Status.REJECTED)
    product = shop.products.filter(is_active=True).order_by("pk").first()
    public_product = Product.objects.filter(tkdn_percent__gte=40, enrolments__status="approved").first()
    # A gamis in sizes: the product page's variant choice, and the seller's form with its other variants.
    sized = Product.objects.filter(category__slug="gamis", is_active=True, seller__status="verified").first()
    live = Campaign.objects.get(hashtag="#BanggaBuatanIndonesia")
    ramadan = Campaign.objects.get(slug__startswith="ramadan-berkah-ikm")
    orders = Order.objects.filter(buyer__email=CUSTOMER_EMAIL)
    awaiting = orders.filter(status=Order.Status.AWAITING_PAYMENT).first()
    shipped = orders.filter(status=Order.Status.SHIPPED).first() or orders.first()
    blast = Blast.objects.order_by("pk").first()
    voucher = Voucher.objects.order_by("pk").first()
    token = unsubscribe_token(user_id=shipped.buyer_id, blast_id=blast.pk)
    complaint = Complaint.objects.filter(buyer__email=CUSTOMER_EMAIL).first()
    reviewed = Review.objects.filter(author__email=CUSTOMER_EMAIL).first()
    in_transit = Shipment.objects.filter(order__buyer__email=CUSTOMER_EMAIL, status=Shipment.Status.SHIPPED).first()
    return {
        "anonymous": [
            ("home", "/", 200),
            ("catalogue", "/katalog/", 200),
            ("catalogue-filtered", "/katalog/?min_tkdn=40&sort=price", 200),
            ("product", public_product.get_absolute_url(), 200),
            ("product-sizes", sized.get_absolute_url(), 200),
            ("shop", shop.get_absolute_url(), 200),
            ("campaigns", "/kampanye/", 200),
            ("campaign", live.get_absolute_url(), 200),
            ("campaign-scheduled", ramadan.get_absolute_url(), 200),
            ("cart-empty", "/keranjang/", 200),
            ("login", "/akun/masuk/?next=/checkout/", 200),
            ("register", "/akun/daftar/?next=/checkout/", 200),
            ("password-reset", "/akun/lupa-kata-sandi/", 200),
            ("password-reset-sent", "/akun/lupa-kata-sandi/terkirim/", 200),
            ("not-found", "/tidak-ada-halaman-ini/", 404),
            ("unsubscribe", f"/email/unsubscribe/{token}/", 200),
            ("product-reviews", f"/produk/{reviewed.product_id}/ulasan/", 200),
        ],
        "customer": [
            ("account", "/akun/", 200),
            ("password-change", "/akun/ubah-kata-sandi/", 200),
            ("order-list", "/pesanan/", 200),
            ("order", shipped.get_absolute_url(), 200),
            ("order-awaiting", awaiting.get_absolute_url(), 200),
            ("pay", f"/pesanan/{awaiting.number}/bayar/", 200),
            ("cart", "/keranjang/", 200),
            ("checkout", "/checkout/", 200),
            ("shop-register", "/toko/daftar/", 200),
            ("forbidden", "/kementerian/toko/", 403),
            ("complaint", f"/komplain/{complaint.pk}/", 200),
            ("complaint-new", f"/pesanan/{in_transit.order.number}/pengiriman/{in_transit.pk}/komplain/", 200),
            ("order-reviewable", reviewed.order_line.order.get_absolute_url(), 200),
        ],
        "seller": [
            ("centre", "/penjual/", 200),
            ("centre-products", f"/penjual/{shop.pk}/produk/", 200),
            ("product-add", f"/penjual/{shop.pk}/produk/tambah/", 200),
            ("product-edit", f"/penjual/{shop.pk}/produk/{product.pk}/ubah/", 200),
            ("product-photos", f"/penjual/{shop.pk}/produk/{product.pk}/foto/", 200),
            ("variants-bulk", f"/penjual/{shop.pk}/varian/", 200),
            ("shipments", f"/penjual/{shop.pk}/pengiriman/", 200),
            ("sales", f"/penjual/{shop.pk}/penjualan/", 200),
            ("sales-2020", f"/penjual/{shop.pk}/penjualan/?from=2020-03-01&to=2020-05-31", 200),
            ("seller-campaigns", f"/penjual/{shop.pk}/kampanye/", 200),
            ("seller-enrol", f"/penjual/{shop.pk}/kampanye/{live.slug}/daftar/", 200),
            ("saldo", f"/penjual/{shop.pk}/saldo/", 200),
            ("bank-account", f"/penjual/{shop.pk}/saldo/rekening/", 200),
            ("statements", f"/penjual/{shop.pk}/saldo/laporan/", 200),
            ("statement", f"/penjual/{shop.pk}/saldo/laporan/2020-4/", 200),
            ("complaints", f"/penjual/{shop.pk}/komplain/", 200),
            ("complaint", f"/komplain/{complaint.pk}/", 200),
            ("reviews", f"/penjual/{shop.pk}/ulasan/", 200),
        ],
        "rejected_seller": [
            ("centre", "/penjual/", 200),
            ("resubmit", f"/penjual/{rejected.pk}/ajukan-ulang/", 200),
        ],
        "staff": [
            ("payment-reconciliation", "/staf/pembayaran/rekonsiliasi/", 200),
        ],
        "ministry": [
            ("console-home", "/kementerian/", 200),
            ("shop-queue", "/kementerian/toko/", 200),
            ("campaign-console", "/kementerian/kampanye/", 200),
            ("campaign-new", "/kementerian/kampanye/baru/", 200),
            ("campaign-edit", f"/kementerian/kampanye/{ramadan.slug}/ubah/", 200),
            ("enrolments", f"/kementerian/kampanye/{ramadan.slug}/pendaftaran/", 200),
            ("blasts", "/kementerian/kampanye/satu-dalam-kopi/email/", 200),
            ("blast-new", "/kementerian/kampanye/satu-dalam-kopi/email/baru/", 200),
            ("blast", f"/kementerian/blast/{blast.pk}/", 200),
            ("impact", "/kementerian/kampanye/satu-dalam-kopi/dampak/", 200),
            ("impact-live", f"/kementerian/kampanye/{live.slug}/dampak/", 200),
            ("impact-scheduled", f"/kementerian/kampanye/{ramadan.slug}/dampak/", 200),
            ("overview", "/kementerian/ikhtisar/", 200),
            ("vouchers", "/kementerian/voucher/", 200),
            ("voucher-new", "/kementerian/voucher/baru/", 200),
            ("voucher", f"/kementerian/voucher/{voucher.pk}/", 200),
            ("voucher-edit", f"/kementerian/voucher/{voucher.pk}/ubah/", 200),
            ("payout-batches", "/kementerian/pembayaran/", 200),
            ("bank-accounts", "/kementerian/pembayaran/rekening/", 200),
            ("staff-complaints", "/staf/komplain/", 200),
            ("complaint-decide", f"/komplain/{complaint.pk}/", 200),
            ("product-reviews-staff", f"/produk/{reviewed.product_id}/ulasan/", 200),
        ],
    }


def logged_in_cookies(email: str | None, base_url: str) -> list[dict]:
    if email is None:
        return []
    from marketplace.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    cookie = client.cookies["sessionid"]
    return [{"name": "sessionid", "value": cookie.value, "url": base_url}]


def fill_cart(email: str) -> None:
    """Two sizes of one gamis and a plain product: lines are variants, not products."""
    from marketplace.models import User
    from orders.services.cart import cart_add
    from sellers.models import ProductVariant

    user = User.objects.get(email=email)
    in_stock = ProductVariant.objects.filter(
        is_active=True, stock__gt=5, product__is_active=True, product__seller__status="verified"
    )
    sizes = list(in_stock.filter(product__category__slug="gamis").order_by("product_id", "position")[:2])
    plain = in_stock.filter(name="").order_by("pk").first()
    for variant in [*sizes, plain]:
        cart_add(user=user, variant_id=variant.pk, quantity=1)


def sell_a_long_variant_name(customer_email: str, seller_email: str) -> None:
    """A paid order of the seller's shop holding a variant with a long name: the shipments page must wrap it."""
    from marketplace.models import User
    from orders.services import checkout, lifecycle
    from sellers.models import ProductVariant
    from tests.orders.conftest import ADDRESS

    variant = (
        ProductVariant.objects.filter(seller__members__user__email=seller_email, is_active=True, stock__gt=1)
        .order_by("pk")
        .first()
    )
    ProductVariant.objects.filter(pk=variant.pk).update(
        name="1kg/bubuk-halus-untuk-tubruk-dan-moka-pot/sangrai-medium-dark/giling-pagi-ini"
    )
    buyer = User.objects.get(email=customer_email)
    order = checkout.order_place(buyer=buyer, address=checkout.Address(**ADDRESS), items=[(variant.pk, 1)])
    lifecycle.order_mark_paid(order=order, method="test")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", list(WIDTHS))  # one test per width, so that parallel workers share the work
def test_every_page_fits_a_phone_and_a_laptop_and_passes_axe(width, live_server, browser, settings):
    from marketplace.demo import CUSTOMER_EMAIL, MINISTRY_EMAIL, SELLER_EMAIL

    settings.PAYMENT_TEST_PROVIDER_ENABLED = True
    call_command("seed_demo", force=True, verbosity=0)
    sell_a_long_variant_name(CUSTOMER_EMAIL, SELLER_EMAIL)
    fill_cart(CUSTOMER_EMAIL)
    from sellers.models import Seller
    from tests.factories import UserFactory

    rejected_owner = Seller.objects.get(status=Seller.Status.REJECTED).members.get(role="owner").user.email
    staff = UserFactory(is_staff=True)
    who = {
        "anonymous": None,
        "customer": CUSTOMER_EMAIL,
        "seller": SELLER_EMAIL,
        "rejected_seller": rejected_owner,
        "staff": staff.email,
        "ministry": MINISTRY_EMAIL,
    }
    report = Report()
    for role, pages in demo_pages().items():
        context = browser.new_context(
            viewport=WIDTHS[width], locale="id-ID", is_mobile=width == "phone", bypass_csp=True
        )
        context.set_default_timeout(20_000)
        context.add_cookies(logged_in_cookies(who[role], live_server.url))
        for name, path, status in pages:
            report.check(context, f"{live_server.url}{path}", f"{role}-{name}", width, expect_status=status)
        context.close()

    report.assert_clean()
