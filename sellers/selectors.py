"""Reads on shops and their catalogue."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from marketplace.models import User
from sellers.models import Category, Product, Seller, SellerMember


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


def product_public_list() -> QuerySet[Product]:
    """Active products of verified shops, ready to render without further queries."""
    return Product.objects.filter(is_active=True, seller__status=Seller.Status.VERIFIED).select_related(
        "seller", "category"
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


def category_tree() -> list[Category]:
    """Top-level categories with their children prefetched (two queries)."""
    return list(Category.objects.filter(parent=None).prefetch_related("children"))
