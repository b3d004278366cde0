"""Product photos in pages and emails: the cover in a card or a line, the gallery, the placeholder.

Every <img> has its width and height (no layout shift) and loads lazily; the photos come from the
list's prefetch (sellers.photos.PHOTOS), so a tag never queries.
"""

from django import template

from sellers.models_photos import CARD_HEIGHT, CARD_WIDTH, THUMB_HEIGHT, THUMB_WIDTH, ProductPhoto
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
    # A thumbnail sits beside the product's name (cart, orders, seller list): decorative, so alt="".
    alt = "" if size == "thumb" or not photo else photo.alt
    return {"photo": photo, "url": url, "width": width, "height": height, "css_class": css_class, "alt": alt}


@register.simple_tag
def gallery(product) -> list:
    """The product's photos in order, for the product page's gallery."""
    return list(product.photos.all())


@register.simple_tag
def lines_with_covers(lines) -> list[tuple]:
    """(line, its product's first photo or None) for order lines: an email is rendered from lines that
    carry no prefetched photos. One query per email, remembered on the lines, so emails rendered
    from the same line objects cost it once."""
    lines = list(lines)
    missing = {line.product_id for line in lines if not hasattr(line, "_cover_photo")}
    covers: dict[int, ProductPhoto] = {}
    if missing:
        for photo in ProductPhoto.objects.filter(product_id__in=missing).order_by("product_id", "position", "id"):
            covers.setdefault(photo.product_id, photo)
        for line in lines:
            if line.product_id in missing:
                line._cover_photo = covers.get(line.product_id)
    return [(line, line._cover_photo) for line in lines]


@register.filter
def variant_slide(variant, product) -> str:
    """The id of the gallery slide showing `variant` (its first photo), or "" when none does."""
    for number, photo in enumerate(product.photos.all(), start=1):
        if photo.variant_id == variant.pk:
            return f"foto-{number}"
    return ""


@register.filter
def absolute(url: str, site_url: str) -> str:
    """A media URL usable outside the site (an email): the storage's own full URL, or the site's."""
    return f"{site_url.rstrip('/')}{url}" if url.startswith("/") else url
