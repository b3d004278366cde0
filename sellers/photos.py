"""How a product's photos are read and shown: the query that fetches them, the cover, the API shape.

Every list that shows products fetches their photos with PHOTOS (one query per list, whatever the
number of products or photos); a rendition's URL is then only a name, so rendering costs nothing more.
"""

from django.db.models import Prefetch

from sellers.models_photos import ProductPhoto


def photos_via(path: str = "") -> Prefetch:
    """The photos of the products reached through `path` ("product", "variant__product"), in order."""
    lookup = f"{path}__photos" if path else "photos"
    return Prefetch(lookup, queryset=ProductPhoto.objects.order_by("position", "id"))


PHOTOS = photos_via()
PHOTOS_OF_PRODUCT = photos_via("product")


def cover_photo(product) -> ProductPhoto | None:
    """The first photo (from the prefetched list when there is one), or None."""
    photos = product.photos.all()
    return photos[0] if photos else None


def photo_output(photo: ProductPhoto) -> dict:
    return {
        "id": photo.pk,
        "url": photo.page.url,
        "thumbnail_url": photo.card.url,
        "zoom_url": photo.zoom.url,
        "alt": photo.alt,
        "position": photo.position,
        "variant": photo.variant_id,
    }


def card_image_url(product) -> str | None:
    """The card-size URL of the product's first photo, or None (the API's `image`)."""
    photo = cover_photo(product)
    return photo.card.url if photo else None
