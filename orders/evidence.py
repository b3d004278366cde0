"""Checking complaint evidence by its content, not its name: a photo (JPEG, PNG, WebP) that Pillow
can actually open, or a short video whose first bytes are an MP4 (`ftyp` box) or WebM (EBML header
with the `webm` doc type), within `AFTERSALES_EVIDENCE_MAX_BYTES`.

Product photos get their own checks in the catalogue; when those are shared through
`marketplace/uploads.py`, photos here should go through them too.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from marketplace.errors import ValidationError

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
IMAGE_MAX_PIXELS = 40_000_000
MP4_BRANDS = (b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"M4V ", b"qt  ", b"3gp4", b"3gp5", b"dash")


def _video_type(head: bytes) -> str | None:
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return "video/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return "video/webm"
    return None


def evidence_check(upload, *, field: str = "evidence") -> str:
    """The upload's real content type; a ValidationError naming `field` for anything else."""
    if upload.size > settings.AFTERSALES_EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {field: [_("Berkas paling besar %(mb)s MB.") % {"mb": settings.AFTERSALES_EVIDENCE_MAX_BYTES // 2**20}]}
        )
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    video = _video_type(head)
    if video:
        return video
    try:
        with Image.open(upload) as image:
            kind = image.format
            if image.width * image.height > IMAGE_MAX_PIXELS:
                raise ValidationError({field: [_("Foto terlalu besar.")]})
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError({field: [_("Unggah foto JPEG, PNG atau WebP, atau video MP4 atau WebM.")]}) from exc
    finally:
        upload.seek(0)
    if kind not in IMAGE_TYPES:
        raise ValidationError({field: [_("Unggah foto JPEG, PNG atau WebP, atau video MP4 atau WebM.")]})
    return IMAGE_TYPES[kind]
