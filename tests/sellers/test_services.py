"""Shop and catalogue services: the rules hold whichever page or API calls them."""

import pytest

from marketplace import services as account_services
from marketplace.errors import ConflictError, ValidationError
from marketplace.models import User
from sellers import services
from sellers.models import Product, Seller, SellerMember
from tests.factories import ProductFactory, SellerFactory, UserFactory, category

pytestmark = pytest.mark.django_db


def register(owner, **overrides):
    values = {"name": "Kopi Kintamani", "nib": "9120001234567", "province": "51", "city": "Bangli", "scale": "mikro"}
    values.update(overrides)
    return services.seller_register(owner=owner, **values)


def new_product(seller, **overrides):
    values = {
        "name": "Kopi Arabika Kintamani 250 g",
        "category": category("kopi-biji-sangrai"),
        "price": 90000,
        "stock": 10,
        "weight_grams": 250,
    }
    values.update(overrides)
    return services.product_create(seller=seller, **values)


# ---- registering and verifying shops -----------------------------------------------------------


def test_a_registered_shop_waits_for_verification_with_its_owner_as_member(customer):
    seller = register(customer, name="  Kopi Kintamani  ", city=" Bangli ")

    assert seller.status == Seller.Status.PENDING
    assert seller.name == "Kopi Kintamani"
    assert seller.city == "Bangli"
    assert SellerMember.objects.get(seller=seller).user == customer


def test_shop_slugs_are_unique_and_readable(customer):
    first = register(customer)
    second = register(customer)

    assert first.slug == "kopi-kintamani"
    assert second.slug == "kopi-kintamani-2"


def test_a_shop_name_without_latin_letters_still_gets_a_slug(customer):
    assert register(customer, name="咖啡").slug == "item"


def test_a_shop_cannot_take_a_slug_reserved_for_a_page(customer):
    assert register(customer, name="Daftar").slug != "daftar"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"province": "99"}, "province"),
        ({"nib": "12345"}, "nib"),
        ({"nib": "٩١٢٠٠٠١٢٣٤٥٦٧"}, "nib"),
        ({"nib": ""}, "nib"),
    ],
)
def test_a_shop_with_a_bad_province_or_nib_is_refused(customer, overrides, field):
    with pytest.raises(ValidationError) as caught:
        register(customer, **overrides)

    assert field in caught.value.detail
    assert not Seller.objects.exists()


def test_verifying_a_pending_shop_records_who_and_when(pending_shop, ministry):
    seller = services.seller_verify(seller=pending_shop, by=ministry)

    seller.refresh_from_db()
    assert seller.status == Seller.Status.VERIFIED
    assert seller.verified_by == ministry
    assert seller.verified_at is not None


def test_a_verified_shop_cannot_be_verified_again(shop, ministry):
    with pytest.raises(ConflictError):
        services.seller_verify(seller=shop, by=ministry)


def test_verifying_a_rejected_shop_clears_the_reason(ministry):
    rejected = SellerFactory(status=Seller.Status.REJECTED, rejection_reason="NIB salah", verified_at=None)

    services.seller_verify(seller=rejected, by=ministry)

    rejected.refresh_from_db()
    assert rejected.status == Seller.Status.VERIFIED
    assert rejected.rejection_reason == ""


def test_rejecting_a_verified_shop_withdraws_the_verification(shop, ministry, product):
    services.seller_reject(seller=shop, by=ministry, reason="  Produk tidak sesuai izin  ")

    shop.refresh_from_db()
    assert shop.status == Seller.Status.REJECTED
    assert shop.rejection_reason == "Produk tidak sesuai izin"
    assert shop.verified_at is None
    assert not Product.objects.filter(is_active=True, seller__status=Seller.Status.VERIFIED).exists()


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_rejection_without_a_reason_is_refused(pending_shop, ministry, reason):
    with pytest.raises(ValidationError) as caught:
        services.seller_reject(seller=pending_shop, by=ministry, reason=reason)

    assert "reason" in caught.value.detail
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.PENDING


def test_a_rejected_shop_cannot_be_rejected_again(ministry):
    rejected = SellerFactory(status=Seller.Status.REJECTED, rejection_reason="x")

    with pytest.raises(ConflictError):
        services.seller_reject(seller=rejected, by=ministry, reason="lagi")


# ---- products ----------------------------------------------------------------------------------


def test_a_verified_shop_adds_an_active_product_with_a_unique_slug(shop):
    first = new_product(shop, name="  Kopi Gayo  ")
    second = new_product(shop, name="Kopi Gayo")

    assert first.name == "Kopi Gayo"
    assert first.is_active
    assert first.slug != second.slug
    assert shop.slug.split("-")[0] in first.slug


def test_a_shop_that_is_not_verified_cannot_add_products(pending_shop):
    with pytest.raises(ConflictError):
        new_product(pending_shop)

    assert not Product.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"price": 0}, "price"),
        ({"price": -1}, "price"),
        ({"price": True}, "price"),
        ({"stock": -1}, "stock"),
        ({"weight_grams": 0}, "weight_grams"),
        ({"tkdn_percent": 150}, "tkdn_percent"),
        ({"tkdn_percent": -5}, "tkdn_percent"),
        ({"name": "  "}, "name"),
    ],
)
def test_a_product_with_impossible_numbers_is_refused_before_the_database(shop, overrides, field):
    with pytest.raises(ValidationError) as caught:
        new_product(shop, **overrides)

    assert field in caught.value.detail
    assert not Product.objects.exists()


def test_updating_a_product_changes_only_the_given_fields(product):
    services.product_update(product=product, price=70000, name="  Kopi Baru  ")

    product.refresh_from_db()
    assert (product.price, product.name, product.stock) == (70000, "Kopi Baru", 50)


@pytest.mark.parametrize("changes", [{"seller": 1}, {"slug": "x"}, {"created_at": None}])
def test_a_product_keeps_its_shop_slug_and_history(product, changes):
    with pytest.raises(ValidationError):
        services.product_update(product=product, **changes)


@pytest.mark.parametrize("changes", [{"price": 0}, {"stock": -1}, {"tkdn_percent": 101}, {"name": ""}])
def test_an_update_with_impossible_values_changes_nothing(product, changes):
    with pytest.raises(ValidationError):
        services.product_update(product=product, **changes)

    product.refresh_from_db()
    assert (product.price, product.stock, product.tkdn_percent) == (85000, 50, 85)


def test_deactivating_keeps_the_row(product):
    services.product_deactivate(product=product)

    product.refresh_from_db()
    assert product.is_active is False


def test_a_product_at_40_percent_tkdn_carries_the_badge(shop):
    assert ProductFactory(seller=shop, tkdn_percent=40).bangga_buatan_indonesia is True
    assert ProductFactory(seller=shop, tkdn_percent=39).bangga_buatan_indonesia is False


# ---- accounts (the services behind /auth and /me) ----------------------------------------------


def test_a_registration_racing_another_with_the_same_email_is_a_validation_error(monkeypatch):
    UserFactory(email="siti@example.id")
    # The other registration committed between our check and our insert.
    monkeypatch.setattr("django.db.models.query.QuerySet.exists", lambda self: False)

    with pytest.raises(ValidationError) as caught:
        account_services.user_register(email="siti@example.id", password="kopi-gayo-2020", full_name="Siti")

    assert "email" in caught.value.detail
    assert User.objects.count() == 1


def test_setting_the_same_consent_twice_keeps_both_statements(customer):
    account_services.user_set_marketing_consent(user=customer, opted_in=True, source="api")
    account_services.user_set_marketing_consent(user=customer, opted_in=True, source="account")

    assert customer.consents.count() == 2
    customer.refresh_from_db()
    assert customer.marketing_opt_in is True
