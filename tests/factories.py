"""Factories for the whole suite: tests build exactly the world they describe."""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from marketplace.models import MINISTRY_GROUP, User
from sellers.models import Category, Product, Seller, SellerMember
from sellers.search import search_index

PASSWORD = "kopi-gayo-2020"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.id")
    full_name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def ministry(obj, create, extracted, **kwargs):
        if extracted:
            obj.groups.add(Group.objects.get_or_create(name=MINISTRY_GROUP)[0])
        if create:
            obj.save()


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Kopi Gayo Nusantara {n}")
    slug = factory.Sequence(lambda n: f"kopi-gayo-nusantara-{n}")
    nib = factory.Sequence(lambda n: f"{9120000000000 + n}")
    province = "11"
    city = "Aceh Tengah"
    scale = Seller.Scale.MIKRO
    status = Seller.Status.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)

    class Params:
        pending = factory.Trait(status=Seller.Status.PENDING, verified_at=None)

    @factory.post_generation
    def owner(obj, create, extracted, **kwargs):
        if extracted:
            SellerMember.objects.create(seller=obj, user=extracted, role=SellerMember.Role.OWNER)


def category(slug: str) -> Category:
    """Categories come from the data migration; tests pick them by slug."""
    return Category.objects.get(slug=slug)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    seller = factory.SubFactory(SellerFactory)
    category = factory.LazyFunction(lambda: category("kopi-biji-sangrai"))
    name = factory.Sequence(lambda n: f"Kopi Arabika Gayo {n} 250 g")
    slug = factory.Sequence(lambda n: f"kopi-arabika-gayo-{n}")
    price = 85000
    price_max = factory.SelfAttribute("price")
    stock = 50
    weight_grams = 250
    tkdn_percent = 85

    @factory.post_generation
    def variants(obj, create, extracted, **kwargs):
        """Like `product_create`: one unnamed variant holding the product's price, stock and weight.

        `variants=[{"name": "XL", "price": ..., "stock": ...}, ...]` gives it those instead.
        """
        if not create:
            return
        from sellers.models import ProductVariant
        from sellers.services_variants import products_refresh

        rows = extracted or [{"name": ""}]
        ProductVariant.objects.bulk_create(
            ProductVariant(
                product=obj,
                seller_id=obj.seller_id,
                position=position,
                **{"price": obj.price, "stock": obj.stock, "weight_grams": obj.weight_grams, **row},
            )
            for position, row in enumerate(rows)
        )
        if extracted:
            products_refresh([obj.pk])
            obj.refresh_from_db(fields=["price", "stock", "weight_grams"])

    @factory.post_generation
    def search_document(obj, create, extracted, **kwargs):
        """Products made by services get their search document at once; so do the factory's."""
        if create and obj.search_text == "":
            search_index([obj.pk])


class CampaignFactory(factory.django.DjangoModelFactory):
    """An active #SatuDalamKopi-like campaign on coffee, 20% off, no approval needed."""

    class Meta:
        model = "campaigns.Campaign"
        skip_postgeneration_save = True

    hashtag = factory.Sequence(lambda n: f"#SatuDalamKopi{n}")
    slug = factory.Sequence(lambda n: f"satu-dalam-kopi-{n}")
    name = "Satu Dalam Kopi"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=6))
    discount_percent = 20
    created_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=10))

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else ["kopi"]
        obj.categories.set([category(slug) for slug in slugs])


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An approved enrolment whose campaign price follows the campaign's discount."""

    class Meta:
        model = "campaigns.Enrolment"

    campaign = factory.SubFactory(CampaignFactory)
    product = factory.SubFactory(ProductFactory)
    seller = factory.LazyAttribute(lambda o: o.product.seller)
    status = "approved"
    list_price_at_enrolment = factory.LazyAttribute(lambda o: o.product.price)
    campaign_price = factory.LazyAttribute(
        lambda o: o.product.price - o.product.price * (o.campaign.discount_percent or 0) // 100
    )


def set_stock(product, stock: int) -> None:
    """Make a product's stock `stock`, as a shop's edit does: all of it on its first variant (its only
    one, mostly), none on the others; the product's summed stock follows."""
    from sellers.models import ProductVariant
    from sellers.services_variants import products_refresh

    variants = ProductVariant.objects.filter(product_id=product.pk).order_by("position", "pk")
    first = variants.first()
    variants.exclude(pk=first.pk).update(stock=0)
    ProductVariant.objects.filter(pk=first.pk).update(stock=stock)
    products_refresh([product.pk])


def only_variant(product):
    """The variant of a product that has exactly one."""
    from sellers.models import ProductVariant

    return ProductVariant.objects.get(product_id=product.pk)


def set_price(product, price: int) -> None:
    """Set the price of a product with one variant (what a shop's edit does), product and variant alike."""
    from sellers.models import ProductVariant
    from sellers.services_variants import products_refresh

    ProductVariant.objects.filter(product_id=product.pk).update(price=price)
    products_refresh([product.pk])


class VoucherFactory(factory.django.DjangoModelFactory):
    """A live ministry voucher: Rp 10.000 off any order of Rp 50.000 or more, Rp 1 juta budget."""

    class Meta:
        model = "campaigns.Voucher"
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"KOPI{n}")
    name = "Potongan kopi"
    kind = "amount"
    value = 10000
    min_spend = 50000
    budget = 1_000_000
    funded_by = "ministry"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=6))
