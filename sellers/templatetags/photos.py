"""Product photos in pages and emails: the cover in a card or a line, the gallery, the placeholder.

Every <img> has its width and height (no layout shift) and loads lazily; the photos come from the
list's prefetch (sellers.photos.PHOTOS), so a tag never queries.
"""

from django import template

from sellers.models_photos import CARD_HEIGHT, CARD_WIDTH, THUMB_HEIGHT, THUMB_WIDTH
from sellers.photos import cover_photo

register = template.Library()

SIZES = {"card": (CARD_WIDTH, CARD_HEIGHT), "thumb": (THUMB_WIDTH, THUMB_HEIGHT)}


@register.inclusion_tag("sellers/_cover_photo.html")
def cover(product, size="card", css_class="card-thumb", absolute=""):
    """The product's first photo at `size` ("card" or "thumb"), or the placeholder; `absolute` prefixes
    the URL in emails when the storage gives a path."""
    photo = cover_photo(product)
    width, height = SIZES[size]
    url = getattr(photo, size).url if photo else ""
    if url.startswith("/") and absolute:
        url = absolute.rstrip("/") + url
    return {"photo": photo, "url": url, "width": width, "height": height, "css_class": css_class}


@register.simple_tag
def gallery(product) -> list:
    """The product's photos in order, for the product page's gallery."""
    return list(product.photos.all())
