"""What the order lifecycle tests share: a shop member shipping through the API, and a product's
stock as stored."""

from sellers.models import Product


def ship(api, user, shipment, courier="jne", tracking_number="JNE0012345678"):
    return api.as_user(user).post(
        f"/api/v1/shipments/{shipment.pk}/ship/",
        {"courier": courier, "tracking_number": tracking_number},
        format="json",
    )


def stock(product) -> int:
    return Product.objects.get(pk=product.pk).stock
