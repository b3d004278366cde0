"""Demo step: every demo product gets a photo drawn by sellers.demo_drawings, in its shop's colours.

One drawing per category and palette serves every product that shares them (a file and its
renditions, made once and kept between runs), so seeding stays fast; deleting one product's photo
leaves files that other photos still use (sellers.services_photos).
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from marketplace.demo import DemoContext
from sellers.demo_drawings import HEIGHT, WIDTH, draw, drawing_name, palette_of
from sellers.models import ProductPhoto


def _ensure_drawing(name: str, category_slug: str, palette: tuple) -> None:
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(draw(category_slug, palette)))
    photo = ProductPhoto(image=name, width=WIDTH, height=HEIGHT)
    for rendition in (photo.thumb, photo.card):
        if not default_storage.exists(rendition.name):
            rendition.generate(force=True)
    # A drawing is card-sized, and page and zoom never enlarge: their pixels, so their WebP bytes, are
    # the card's. Copying them halves the encoding that seeding costs.
    for rendition in (photo.page, photo.zoom):
        if not default_storage.exists(rendition.name):
            with default_storage.open(photo.card.name) as card:
                default_storage.save(rendition.name, ContentFile(card.read()))


def seed_photos(ctx: DemoContext) -> str:
    products = sorted(ctx.products.values(), key=lambda p: p.slug)
    pictured = set(ProductPhoto.objects.filter(product__in=products).values_list("product_id", flat=True))
    drawn: set[str] = set()
    new = []
    for product in products:
        if product.pk in pictured:
            continue  # a photo a visitor changed or deleted while trying the demo stays as they left it
        palette = palette_of(product.seller.slug)
        name = f"demo/{drawing_name(product.category.slug, palette)}.jpg"
        if name not in drawn:
            _ensure_drawing(name, product.category.slug, palette)
            drawn.add(name)
        alt = f"{product.name}, tampak depan"  # the demo's drawings show the front
        new.append(ProductPhoto(product=product, image=name, width=WIDTH, height=HEIGHT, alt=alt))
    ProductPhoto.objects.bulk_create(new, batch_size=500)
    return f"{len(products)} product photos from {len(drawn)} drawings ({len(new)} new)"
