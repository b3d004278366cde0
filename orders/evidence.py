"""Complaint evidence checked by its content, not its name: a photo through the shared picture check
(`marketplace/uploads.py`: real JPEG/PNG/WebP, re-encoded without EXIF), or a short video whose
first bytes are an MP4 (`ftyp` box with a known brand) or WebM (EBML header with the `webm` doc
type), within `AFTERSALES_EVIDENCE_MAX_BYTES`.
"""

import uuid

from django.conf import settings
from django.utils.translation import gettext as _

from marketplace.errors import ValidationError
from marketplace.uploads import image_clean

MP4_BRANDS = (b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"M4V ", b"qt  ", b"3gp4", b"3gp5", b"dash")
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def _video_type(head: bytes) -> str | None:
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return "video/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return "video/webm"
    return None


def evidence_clean(upload, *, field: str = "evidence"):
    """(content type, the file to store) for an accepted upload; a ValidationError naming `field` otherwise."""
    limit = settings.AFTERSALES_EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError({field: [_("Berkas paling besar %(mb)s MB.") % {"mb": limit // 2**20}]})
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    video = _video_type(head)
    if video:
        upload.name = f"{uuid.uuid4().hex}.{video.split('/')[1]}"
        return video, upload
    try:
        picture = image_clean(upload, field=field, max_bytes=limit)
    except ValidationError as exc:
        raise ValidationError({field: [_("Unggah foto JPEG, PNG atau WebP, atau video MP4 atau WebM.")]}) from exc
    return IMAGE_TYPES[picture.format], picture.content
