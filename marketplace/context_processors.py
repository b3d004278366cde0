from django.conf import settings


def roles(request):
    user = request.user
    return {
        "is_ministry": getattr(user, "is_ministry", False),
        "payment_test_provider_enabled": settings.PAYMENT_TEST_PROVIDER_ENABLED,
    }
