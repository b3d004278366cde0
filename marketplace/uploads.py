"""Checks on pictures people upload (product photos, complaint evidence), shared by every app.

An upload is trusted for nothing it says about itself: neither its file name nor its declared
content type. Pillow must recognise it as JPEG, PNG or WebP from its bytes and decode it fully, so an
HTML page renamed `.jpg`, an SVG (a script carrier) or a PHP script behind a JPEG header is refused.
The size in bytes and in pixels is checked before any pixel is decoded, so a small file that
unpacks to 20,000 x 20,000 pixels (a decompression bomb) costs nothing. What is kept is a fresh
encoding of the pixels alone: EXIF (with the phone's GPS position), XMP, comments and anything
appended after the image are gone; only the colour profile stays, so colours look as shot.
"""

import io
import threading
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from marketplace.errors import ValidationError

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 6000

# Pillow's names for what we accept (a phone's multi-picture JPEG reads as MPO) and how we store it.
_OPENERS = ["JPEG", "PNG", "WEBP"]
_STORED_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class CleanImage:
    """A picture that passed the checks: re-encoded bytes under a random name, and its size."""

    content: ContentFile
    format: str  # "JPEG", "PNG" or "WEBP"
    width: int
    height: int


def image_clean(
    upload, *, field: str = "image", max_bytes: int = MAX_BYTES, max_side: int = MAX_SIDE, fit_within: int | None = None
) -> CleanImage:
    """Check an uploaded file and return its pixels re-encoded without metadata.

    `fit_within` shrinks what is kept to at most that many pixels a side (never enlarging), in the
    same encoding. Raises ValidationError `{field: [reason]}` naming why the file was refused.
    """
    data = _read_capped(upload, field=field, max_bytes=max_bytes)
    try:
        probe = Image.open(io.BytesIO(data), formats=_OPENERS)
    except Image.DecompressionBombError:
        # Pillow refuses a header claiming several hundred million pixels before decoding any.
        raise _refusal(field, _too_many_pixels(max_side)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _refusal(field, _("Berkas bukan gambar JPEG, PNG, atau WebP.")) from None
    width, height = probe.size
    if width > max_side or height > max_side:
        raise _refusal(field, _too_many_pixels(max_side, width, height))
    if width < 1 or height < 1:
        raise _refusal(field, _("Gambar rusak atau tidak utuh, sehingga tidak bisa dibaca."))
    stored_as = _STORED_AS.get(probe.format or "")
    if stored_as is None:
        raise _refusal(field, _("Berkas bukan gambar JPEG, PNG, atau WebP."))
    picture = _decode(data, field=field)
    if fit_within and max(picture.size) > fit_within:
        picture.thumbnail((fit_within, fit_within), Image.LANCZOS, reducing_gap=3.0)
    return CleanImage(
        content=ContentFile(_reencode(picture, stored_as), name=f"{uuid.uuid4().hex}.{_EXTENSIONS[stored_as]}"),
        format=stored_as,
        width=picture.width,
        height=picture.height,
    )


def _read_capped(upload, *, field: str, max_bytes: int) -> bytes:
    """The file's bytes, reading at most one byte past the cap whatever size the upload claims."""
    limit_mb = f"{max_bytes / 1024 / 1024:g}"
    too_big = _("Berkas terlalu besar: paling besar %(size)s MB.") % {"size": limit_mb}
    if (getattr(upload, "size", None) or 0) > max_bytes:
        raise _refusal(field, too_big)
    if hasattr(upload, "seek"):
        upload.seek(0)
    buffer = bytearray()
    while len(buffer) <= max_bytes:
        chunk = upload.read(_CHUNK)
        if not chunk:
            break
        buffer += chunk
    if len(buffer) > max_bytes:
        raise _refusal(field, too_big)
    if not buffer:
        raise _refusal(field, _("Berkas kosong."))
    return bytes(buffer)


def _decode(data: bytes, *, field: str) -> Image.Image:
    """Verify the file's structure, then decode every pixel: a header alone is not a picture."""
    broken = _("Gambar rusak atau tidak utuh, sehingga tidak bisa dibaca.")
    try:
        Image.open(io.BytesIO(data), formats=_OPENERS).verify()
        picture = Image.open(io.BytesIO(data), formats=_OPENERS)
        _load_whole(picture)
        return ImageOps.exif_transpose(picture)  # a phone's portrait shot stands upright without EXIF
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        raise _refusal(field, broken) from None


_STRICT = threading.Lock()


def _load_whole(picture: Image.Image) -> None:
    """Decode every pixel, refusing a file cut short. Pillow's switch for padding truncated files is
    process-wide and WeasyPrint turns it on when imported (for the invoices); an upload must be whole
    whatever else this process has imported, so it is off while an upload decodes."""
    with _STRICT:
        lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
        try:
            picture.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _reencode(picture: Image.Image, stored_as: str) -> bytes:
    """The pixels alone in a fresh file: no EXIF, XMP or comments survive; the colour profile does."""
    icc_profile = picture.info.get("icc_profile")
    transparency = picture.info.get("transparency")
    picture.info = {}
    options: dict = {"exif": b""}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if stored_as == "JPEG":
        if picture.mode not in ("L", "RGB"):
            picture = picture.convert("RGB")
        options.update(quality=90, optimize=True)
    elif stored_as == "WEBP":
        options.update(quality=90)
    elif transparency is not None:
        options["transparency"] = transparency
    out = io.BytesIO()
    picture.save(out, stored_as, **options)
    return out.getvalue()


def _too_many_pixels(max_side: int, width: int | None = None, height: int | None = None) -> str:
    limit = number_format(max_side, force_grouping=True)
    if width is None:
        return _("Ukuran gambar terlalu besar: paling banyak %(limit)s piksel per sisi.") % {"limit": limit}
    message = _(
        "Ukuran gambar terlalu besar: paling banyak %(limit)s piksel per sisi (berkas ini %(width)s × %(height)s)."
    )
    return message % {
        "limit": limit,
        "width": number_format(width, force_grouping=True),
        "height": number_format(height, force_grouping=True),
    }


def _refusal(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})
