"""Reads on shops and their catalogue."""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.models import User
from marketplace.pricing import quote, quote_variants
from sellers.models import Category, Product, ProductVariant, Seller, SellerMember
from sellers.photos import PHOTOS


def is_member(*, user: User, seller: Seller) -> bool:
    if not user.is_authenticated:
        return False
    return SellerMember.objects.filter(user=user, seller=seller).exists()


def seller_ids_of(*, user: User) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(SellerMember.objects.filter(user=user).values_list("seller_id", flat=True))


def seller_visible_list(*, user: User) -> QuerySet[Seller]:
    """Verified shops for everyone; the ministry sees all; members also see their own pending shop."""
    qs = Seller.objects.all()
    if getattr(user, "is_ministry", False):
        return qs
    if user.is_authenticated:
        member = SellerMember.objects.filter(seller=OuterRef("pk"), user=user)
        return qs.filter(Q(status=Seller.Status.VERIFIED) | Q(Exists(member)))
    return qs.filter(status=Seller.Status.VERIFIED)


def seller_shows_private(*, user: User, seller: Seller) -> bool:
    """Whether `user` may read a shop's NIB and rejection reason: its members and the ministry."""
    if not user.is_authenticated:
        return False
    return user.is_ministry or is_member(user=user, seller=seller)


def seller_list(*, user: User, status: str | None = None) -> QuerySet[Seller]:
    """The shop directory: verified shops; the ministry sees every shop and may pick one status."""
    qs = Seller.objects.order_by("name", "id")
    if not getattr(user, "is_ministry", False):
        return qs.filter(status=Seller.Status.VERIFIED)
    return qs.filter(status=status) if status else qs


def category_list() -> QuerySet[Category]:
    """Every category, top-level ones first (NULL parents sort last on PostgreSQL unless told)."""
    return Category.objects.order_by(F("parent_id").asc(nulls_first=True), "position", "name")


def product_public_list() -> QuerySet[Product]:
    """Active products of verified shops, ready to render without further queries (the search
    document, which only the search backend reads, is left in the database)."""
    return (
        Product.objects.filter(is_active=True, seller__status=Seller.Status.VERIFIED)
        .select_related("seller", "category")
        .prefetch_related(PHOTOS)
        .defer("search_text", "search_vector")
    )


def product_of_members(*, user: User) -> QuerySet[Product]:
    return Product.objects.filter(seller__members__user=user).select_related("seller", "category")


def category_descendant_ids(category_ids) -> set[int]:
    """The given categories and every sub-category below them (the tree is shallow and small)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, todo = set(), list(category_ids)
    while todo:
        pk = todo.pop()
        if pk in found:
            continue
        found.add(pk)
        todo.extend(children.get(pk, []))
    return found


def category_options() -> QuerySet[Category]:
    """Every category in tree order (each top-level one followed by its children), for choice lists."""
    return Category.objects.select_related("parent").order_by(
        Coalesce("parent__position", "position"), F("parent_id").asc(nulls_first=True), "position", "name"
    )


def category_tree() -> list[Category]:
    """Top-level categories with their children prefetched (two queries)."""
    return list(Category.objects.filter(parent=None).prefetch_related("children"))


def product_visible_list(*, user: User) -> QuerySet[Product]:
    """Public products; a shop's members and the ministry may also open the shop's hidden ones (a preview)."""
    qs = Product.objects.select_related("seller", "category").prefetch_related(PHOTOS)
    if getattr(user, "is_ministry", False):
        return qs
    public = Q(is_active=True, seller__status=Seller.Status.VERIFIED)
    if user.is_authenticated:
        member = SellerMember.objects.filter(seller=OuterRef("seller_id"), user=user)
        return qs.filter(public | Q(Exists(member)))
    return qs.filter(public)


def product_featured_list(*, limit: int = 8) -> list[Product]:
    """The newest products on sale that can be bought right now (the home page's shop window)."""
    return list(product_public_list().filter(stock__gt=0).order_by("-created_at", "-id")[:limit])


def products_with_quotes(*, products, buyer: User | None) -> list[Product]:
    """Attach what each product costs now as `product.quote` (one pricing call for the whole page)."""
    products = list(products)
    buyer = buyer if buyer is not None and buyer.is_authenticated else None
    quotes = quote(products, timezone.now(), buyer=buyer)
    for product in products:
        product.quote = quotes[product.pk]
    return products


def product_variants_for_sale(*, product: Product, buyer: User | None) -> list[ProductVariant]:
    """The active variants a buyer chooses from on the product page, each with `variant.quote`.

    One query for the variants; only a product with several asks the pricing backend again (the
    page's one pricing call already priced the product's only variant, as the product).
    """
    variants = list(ProductVariant.objects.filter(product=product, is_active=True))
    for variant in variants:
        variant.product = product
    if len(variants) == 1:
        variants[0].quote = product.quote
    elif variants:
        buyer = buyer if buyer is not None and buyer.is_authenticated else None
        quotes = quote_variants(variants, timezone.now(), buyer=buyer)
        for variant in variants:
            variant.quote = quotes[variant.pk]
    return variants


def seller_list_of_member(*, user: User) -> QuerySet[Seller]:
    """The shops a user works for, for the seller centre."""
    return Seller.objects.filter(members__user=user).order_by("name", "id")


def seller_of_member(*, user: User, seller_id: int) -> Seller | None:
    """One of the user's shops, or None (the seller centre answers 404 then, so others learn nothing)."""
    if not user.is_authenticated:
        return None
    return seller_list_of_member(user=user).filter(pk=seller_id).first()


def product_list_of_seller(*, seller: Seller) -> QuerySet[Product]:
    """Every product of a shop, hidden ones included, for its members."""
    return (
        Product.objects.filter(seller=seller)
        .select_related("category")
        .prefetch_related(PHOTOS)
        .order_by("-created_at", "-id")
    )


def seller_list_for_ministry(*, status: str | None = None) -> QuerySet[Seller]:
    """All shops, newest first, with their members (for the verification queue)."""
    qs = Seller.objects.prefetch_related("members__user").order_by("-created_at", "-id")
    if status:
        qs = qs.filter(status=status)
    return qs


def seller_centre_list(*, user: User) -> QuerySet[Seller]:
    """The user's shops with how many products each has, for the seller centre's front page."""
    return seller_list_of_member(user=user).annotate(
        product_count=Count("products", distinct=True),
        active_product_count=Count("products", filter=Q(products__is_active=True), distinct=True),
    )
