from marketplace.models import User


def user_roles(*, user: User) -> list[str]:
    """customer (every user), seller (member of a shop), ministry (the `ministry` group)."""
    roles = ["customer"]
    if user.seller_memberships.exists():
        roles.append("seller")
    if user.is_ministry:
        roles.append("ministry")
    return roles


def user_seller_ids(*, user: User) -> list[int]:
    return list(user.seller_memberships.order_by("seller_id").values_list("seller_id", flat=True))
