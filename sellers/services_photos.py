"""Writes on product photos: add (checked, stripped, rendered), delete, reorder.

The limit of photos per product holds under concurrent uploads because each write locks the
product's row first. Files are written before that short transaction and removed again if it
refuses, so a refused or failed upload leaves nothing in the storage or the table.
"""

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.errors import ValidationError
from marketplace.uploads import image_clean
from sellers.models import Product, ProductPhoto
from sellers.models_photos import MAX_PHOTOS_PER_PRODUCT, ZOOM_SIDE


def _too_many() -> ValidationError:
    return ValidationError(
        {"image": [_("Paling banyak %(count)s foto per produk.") % {"count": MAX_PHOTOS_PER_PRODUCT}]}
    )


def _file_names(photo: ProductPhoto) -> list[str]:
    return [photo.image.name, *(rendition.name for rendition in photo.renditions())]


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def product_photo_add(*, product: Product, upload, alt: str, variant_id: int | None = None) -> ProductPhoto:
    """Add a photo at the end of the product's gallery, with its card, page and zoom renditions; a
    variant's photo shows that option."""
    if variant_id is not None and not product.variants.filter(pk=variant_id).exists():
        raise ValidationError({"variant": [_("Varian ini bukan varian produk ini.")]})
    alt = (alt or "").strip()
    if not alt:
        raise ValidationError({"alt": [_("Tulis teks alternatif: apa yang tampak di foto, untuk pembaca layar.")]})
    if len(alt) > 200:
        raise ValidationError({"alt": [_("Teks alternatif paling panjang 200 karakter.")]})
    if product.photos.count() >= MAX_PHOTOS_PER_PRODUCT:
        raise _too_many()  # an early answer before the work; the locked count below is the guard
    clean = image_clean(upload, fit_within=ZOOM_SIDE)  # nothing shows more than the zoom rendition
    photo = ProductPhoto(product=product, variant_id=variant_id, width=clean.width, height=clean.height, alt=alt)
    photo.image.save(clean.content.name, clean.content, save=False)
    stored = [photo.image.name]
    try:
        for rendition in photo.renditions():
            rendition.generate(force=True)
            stored.append(rendition.name)
        with transaction.atomic():
            locked = Product.objects.select_for_update().get(pk=product.pk)
            count = ProductPhoto.objects.filter(product=locked).count()
            if count >= MAX_PHOTOS_PER_PRODUCT:
                raise _too_many()
            photo.position = count
            photo.save()
    except BaseException:
        _delete_files(stored)
        raise
    return photo


def product_photo_delete(*, photo: ProductPhoto) -> None:
    """Remove a photo and its files; the photos after it move up one place. Files another photo
    still shows (the demo's drawings are shared) stay."""
    shared = ProductPhoto.objects.filter(image=photo.image.name).exclude(pk=photo.pk).exists()
    names = [] if shared else _file_names(photo)
    with transaction.atomic():
        Product.objects.select_for_update().get(pk=photo.product_id)
        photo.delete()
        rest = list(ProductPhoto.objects.filter(product_id=photo.product_id).order_by("position", "id"))
        _renumber(rest)
        transaction.on_commit(lambda: _delete_files(names))


def product_photos_reorder(*, product: Product, photo_ids: list[int]) -> list[ProductPhoto]:
    """Put the product's photos in the given order (every photo once); the first is the cover."""
    with transaction.atomic():
        Product.objects.select_for_update().get(pk=product.pk)
        photos = {photo.pk: photo for photo in ProductPhoto.objects.filter(product=product)}
        if len(photo_ids) != len(set(photo_ids)) or set(photo_ids) != set(photos):
            raise ValidationError(
                {"images": [_("Sebutkan setiap foto produk ini tepat satu kali, dalam urutan yang diinginkan.")]}
            )
        ordered = [photos[pk] for pk in photo_ids]
        _renumber(ordered)
    return ordered


def _renumber(photos: list[ProductPhoto]) -> None:
    for position, photo in enumerate(photos):
        photo.position = position
    ProductPhoto.objects.bulk_update(photos, ["position"])
