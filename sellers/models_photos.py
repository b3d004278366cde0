"""A product's photos and their WebP renditions (imported by sellers.models, so Django finds the model).

The original is kept as uploaded after marketplace.uploads cleaned it (pixels re-encoded, no EXIF).
The renditions are django-imagekit specs made once, by the upload service; a page asks for a URL,
which is a name computed from the original's name, so no page ever queries or touches the storage
to show a photo, however many a product has.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

MAX_PHOTOS_PER_PRODUCT = 8

# Sizes in pixels: cards are cropped to one shape, the product page and zoom keep the photo's.
CARD_WIDTH, CARD_HEIGHT = 480, 360  # cards are 4:3 crops
THUMB_WIDTH, THUMB_HEIGHT = 160, 120  # cart, checkout, order and seller lists, email
PAGE_SIDE = 960
ZOOM_SIDE = 2000


class MadeOnUpload:
    """imagekit cache-file strategy: renditions exist because the upload service made them, so a URL
    is never checked against the storage; a file whose content is read but missing is made then."""

    def on_content_required(self, file):
        file.generate()

    def should_verify_existence(self, file):
        return False


def photo_path(photo: "ProductPhoto", filename: str) -> str:
    # `filename` is already a random name chosen by marketplace.uploads, never the uploader's.
    return f"products/{photo.product_id}/{filename}"


def webp_rendition(processor):
    """A WebP rendition of the model's `image`, made by the upload service (see MadeOnUpload)."""
    return ImageSpecField(
        source="image",
        processors=[processor],
        format="WEBP",
        options={"quality": 82, "method": 4},
        cachefile_strategy="sellers.models_photos.MadeOnUpload",
    )


class ProductPhoto(models.Model):
    product = models.ForeignKey("sellers.Product", on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("foto"), upload_to=photo_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt = models.CharField(_("teks alternatif"), max_length=200)
    # The photo that shows one option (the M size, the 1 kg bag): the product page turns to it when chosen.
    variant = models.ForeignKey(
        "sellers.ProductVariant", null=True, blank=True, on_delete=models.SET_NULL, related_name="photos"
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    thumb = webp_rendition(ResizeToFill(THUMB_WIDTH, THUMB_HEIGHT))
    card = webp_rendition(ResizeToFill(CARD_WIDTH, CARD_HEIGHT))
    page = webp_rendition(ResizeToFit(PAGE_SIDE, PAGE_SIDE, upscale=False))
    zoom = webp_rendition(ResizeToFit(ZOOM_SIDE, ZOOM_SIDE, upscale=False))

    class Meta:
        verbose_name = _("foto produk")
        verbose_name_plural = _("foto produk")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["product", "position"], name="product_photo_position")]

    def __str__(self):
        return self.alt

    def renditions(self) -> list:
        return [self.thumb, self.card, self.page, self.zoom]

    def fitted(self, side: int) -> tuple[int, int]:
        """The width and height of a rendition that fits in side x side without enlarging."""
        scale = min(1.0, side / max(self.width, self.height))
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))

    @property
    def page_size(self) -> tuple[int, int]:
        return self.fitted(PAGE_SIDE)

    @property
    def zoom_size(self) -> tuple[int, int]:
        return self.fitted(ZOOM_SIDE)
