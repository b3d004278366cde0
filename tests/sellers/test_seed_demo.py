"""`manage.py seed_demo`: a believable, deterministic demo world that a second run leaves alone.

The whole command (with the steps other apps add: orders, campaign history) runs in the tests of the
logins and of a second run; the tests of the catalogue's content run only this app's steps, which
take a second.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from marketplace.demo import CUSTOMER_EMAIL, DEMO_PASSWORD, MINISTRY_EMAIL, SELLER_EMAIL, collect_steps
from marketplace.models import MarketingConsent, User
from sellers import demo
from sellers.models import Category, Product, Seller, SellerMember
from tests.factories import set_stock

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)  # tests run with DEBUG off
    return out.getvalue()


def seed_catalogue() -> None:
    """Only this app's steps: accounts, shops, products."""
    ctx = demo.DemoContext()
    for step in demo.STEPS:
        step.run(ctx)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, Seller, SellerMember, Product, MarketingConsent, Category)
    }


def snapshot(product: Product) -> dict:
    product.refresh_from_db()
    return {**model_to_dict(product), "created_at": product.created_at, "updated_at": product.updated_at}


def test_seed_demo_builds_shops_across_the_archipelago():
    seed_catalogue()

    assert Seller.objects.count() >= 30
    assert Seller.objects.values("province").distinct().count() >= 8
    assert Seller.objects.filter(status=Seller.Status.PENDING).count() in (2, 3)
    assert Seller.objects.filter(status=Seller.Status.REJECTED).count() == 1
    rejected = Seller.objects.get(status=Seller.Status.REJECTED)
    assert rejected.rejection_reason
    for seller in Seller.objects.all():
        assert len(seller.nib) == 13 and seller.nib.isdigit()
        assert seller.members.filter(role=SellerMember.Role.OWNER).exists()
    assert not Seller.objects.filter(status=Seller.Status.VERIFIED, verified_at=None).exists()
    for province in ("11", "12", "15", "18", "32", "33", "34", "35", "51", "53", "73"):
        assert Seller.objects.filter(province=province).exists(), province


def test_seed_demo_fills_every_leaf_category_with_sensible_products():
    seed_catalogue()

    assert Product.objects.count() >= 300
    leaves = Category.objects.exclude(parent=None)
    assert not leaves.exclude(products__isnull=False).exists(), "every leaf category has products"
    assert not Product.objects.filter(category__parent=None).exists()
    for product in Product.objects.select_related("category__parent"):
        assert 20 <= product.tkdn_percent <= 100
        assert product.weight_grams > 0
        if product.category.parent.slug == "kopi" and product.category.slug != "kopi-siap-minum":
            assert 45_000 <= product.price <= 180_000, product.name
        if product.category.slug == "gamis":
            assert 150_000 <= product.price <= 450_000, product.name
    assert not Product.objects.filter(seller__status=Seller.Status.REJECTED).exists()


def test_seed_demo_creates_the_printed_logins():
    out = seed()

    ministry = User.objects.get(email=MINISTRY_EMAIL)
    seller = User.objects.get(email=SELLER_EMAIL)
    customer = User.objects.get(email=CUSTOMER_EMAIL)
    assert ministry.groups.filter(name="ministry").exists()
    gayo = Seller.objects.get(members__user=seller)
    assert gayo.status == Seller.Status.VERIFIED and gayo.province == "11" and "Gayo" in gayo.name
    assert gayo.products.filter(name__startswith="Kopi Arabika Gayo").exists()
    assert customer.marketing_opt_in and customer.consents.filter(opted_in=True).exists()
    for user in (ministry, seller, customer):
        assert user.check_password(DEMO_PASSWORD)
        assert user.email in out
    assert DEMO_PASSWORD in out


def test_seed_demo_twice_changes_nothing():
    seed()
    before = counts()
    product = (
        Product.objects.filter(name__startswith="Kopi Arabika Gayo", seller__members__user__email=SELLER_EMAIL)
        .order_by("slug")
        .first()
    )
    product_before = snapshot(product)
    seller_before = model_to_dict(Seller.objects.get(members__user__email=SELLER_EMAIL))
    password_before = User.objects.get(email=MINISTRY_EMAIL).password

    out = seed()

    assert counts() == before
    assert snapshot(product) == product_before
    assert model_to_dict(Seller.objects.get(members__user__email=SELLER_EMAIL)) == seller_before
    assert User.objects.get(email=MINISTRY_EMAIL).password == password_before
    assert "(0 new)" in out


def test_seed_demo_keeps_changes_made_while_trying_the_demo():
    seed_catalogue()
    pending = Seller.objects.filter(status=Seller.Status.PENDING).first()
    pending.status = Seller.Status.VERIFIED
    pending.save()
    product = Product.objects.order_by("id").first()
    set_stock(product, 1)

    seed_catalogue()

    assert Seller.objects.get(pk=pending.pk).status == Seller.Status.VERIFIED
    assert Product.objects.get(pk=product.pk).stock == 1


def test_seed_demo_is_deterministic():
    def plan():
        ctx = demo.DemoContext()
        return {(shop.slug, p["name"]): p for shop in demo.SHOPS for p in demo.catalogue_of(shop, ctx)}

    seed_catalogue()

    planned = plan()
    assert plan() == planned
    stored = {
        (p.seller.slug, p.name): {
            "name": p.name,
            "category": p.category.slug,
            "description": p.description,
            "price": p.price,
            "weight_grams": p.weight_grams,
            "tkdn_percent": p.tkdn_percent,
            "stock": p.stock,
        }
        for p in Product.objects.select_related("seller", "category")
    }
    assert stored == planned


def test_seed_demo_steps_are_named_and_run_in_stack_order():
    names = [step.name for step in collect_steps()]

    assert names[:3] == ["accounts", "shops", "products"]


def test_seed_demo_refuses_a_production_site_unless_forced(settings):
    """Its accounts, a ministry user among them, share a password published in the README."""
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=StringIO())
    assert not Seller.objects.exists()


def test_the_demo_campaign_advertised_on_the_home_page_has_products():
    from campaigns.models import Campaign, Enrolment
    from campaigns.selectors import active_campaigns, campaign_products

    seed()

    live = active_campaigns()
    assert [c.hashtag for c in live] == ["#BanggaBuatanIndonesia"]
    assert campaign_products(campaign=live[0]).count() >= 30
    ramadan = Campaign.objects.get(slug__startswith="ramadan-berkah-ikm")
    assert ramadan.enrolments.filter(status=Enrolment.Status.PENDING).count() >= 6


def test_the_impact_report_recovers_the_uplifts_the_demo_history_was_generated_with():
    from analytics.demo_sales import SLUG, UPLIFT
    from analytics.impact import campaign_impact
    from campaigns.models import Campaign

    seed()

    report = campaign_impact(campaign=Campaign.objects.get(slug=SLUG), baseline_days=28)
    measured = {row["category"]["slug"]: row["revenue_uplift_pct"] for row in report["categories"]}
    for slug, uplift in UPLIFT.items():
        assert abs(measured[slug] - float(uplift * 100)) <= 1, (slug, measured[slug])


def test_seed_demo_stops_and_keeps_nothing_when_a_service_refuses_it():
    """A product already in another campaign at the same time cannot join #BanggaBuatanIndonesia."""
    from django.core.management.base import CommandError

    from campaigns.models import Campaign
    from tests.factories import CampaignFactory, EnrolmentFactory

    seed_catalogue()
    first_eligible = (
        Product.objects.filter(is_active=True, seller__status=Seller.Status.VERIFIED, tkdn_percent__gte=40)
        .order_by("seller__name", "-tkdn_percent", "pk")
        .first()
    )
    EnrolmentFactory(product=first_eligible, campaign=CampaignFactory(categories=[first_eligible.category.slug]))

    with pytest.raises(CommandError, match="current_campaigns"):
        seed()
    assert not Campaign.objects.filter(hashtag="#BanggaBuatanIndonesia").exists()


def test_every_demo_product_gets_a_drawn_photo_shared_by_its_category_and_shop_colours():
    from sellers.models import ProductPhoto

    seed_catalogue()

    photos = ProductPhoto.objects.select_related("product__category", "product__seller")
    assert photos.count() == Product.objects.count()
    assert all(photo.alt == f"{photo.product.name}, tampak depan" for photo in photos)
    drawings = {photo.image.name for photo in photos}
    assert len(drawings) < photos.count() / 2  # one drawing per category and palette, reused
    coffee = photos.filter(product__category__slug="kopi-biji-sangrai").first()
    assert coffee.image.name.startswith("demo/pouch-kopi-biji-sangrai-")
    assert coffee.card.storage.exists(coffee.card.name)
