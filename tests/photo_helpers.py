"""Pictures for tests: small real photos made with Pillow, and photos added through the service."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from sellers.services_photos import product_photo_add


def picture(fmt="JPEG", size=(120, 90), colour=(150, 90, 50)) -> bytes:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((10, 10, size[0] - 10, size[1] - 10), fill=(240, 220, 190))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def upload(data: bytes | None = None, name="foto.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, picture() if data is None else data, content_type=content_type)


def add_photos(product, count: int, alt="Kemasan kopi tampak depan"):
    return [product_photo_add(product=product, upload=upload(), alt=f"{alt} {n + 1}") for n in range(count)]
