"""Where uploaded files live: the local disk by default, any S3-compatible store when configured.

One web node can keep photos on its own disk (MEDIA_ROOT); several nodes must share one store, so
`MEDIA_STORAGE_URL=s3://BUCKET?endpoint_url=https://...&region_name=...` switches Django's default
storage to django-storages' S3 backend (AWS S3, MinIO, Cloudflare R2, Wasabi, IDCloudHost...).
The access keys come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables, never the URL.
"""

from urllib.parse import parse_qsl, urlsplit

from django.core.exceptions import ImproperlyConfigured

# Query parameters passed on to storages.backends.s3.S3Storage, and how to read each.
_S3_OPTIONS = {
    "endpoint_url": str,
    "region_name": str,
    "custom_domain": str,
    "location": str,
    "default_acl": str,
    "signature_version": str,
    "addressing_style": str,
    "querystring_auth": lambda value: value.lower() in ("1", "true", "yes"),
}


def default_storage_from_url(url: str) -> dict:
    """The STORAGES["default"] entry for MEDIA_STORAGE_URL ("" means the local disk)."""
    if not url:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured("MEDIA_STORAGE_URL must look like s3://BUCKET?endpoint_url=...")
    # Product photos are public: plain URLs (no signatures expiring in an hour inside cached pages).
    options: dict = {"bucket_name": parts.netloc, "querystring_auth": False, "file_overwrite": False}
    for key, value in parse_qsl(parts.query):
        if key not in _S3_OPTIONS:
            raise ImproperlyConfigured(f"MEDIA_STORAGE_URL: unknown option {key!r}")
        options[key] = _S3_OPTIONS[key](value)
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
