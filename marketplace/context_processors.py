from django.conf import settings


def roles(request):
    user = request.user

    def is_shop_member() -> bool:
        # Called by the template only when it renders the header, so pages that do not ask pay nothing.
        return user.is_authenticated and user.seller_memberships.exists()

    return {
        "is_ministry": getattr(user, "is_ministry", False),
        "is_shop_member": is_shop_member,
        "payment_test_provider_enabled": settings.PAYMENT_TEST_PROVIDER_ENABLED,
    }
