"""Where uploads live: the local disk by default, an S3-compatible bucket when MEDIA_STORAGE_URL says so."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from marketplace.media_storage import default_storage_from_url


def test_without_a_url_files_stay_on_the_local_disk():
    assert default_storage_from_url("") == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_an_s3_url_names_the_bucket_endpoint_and_public_domain():
    storage = default_storage_from_url(
        "s3://pasar-ikm-media?endpoint_url=https://s3.example.id&region_name=ap-southeast-3"
        "&custom_domain=media.pasarikm.id"
    )

    assert storage == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "pasar-ikm-media",
            "endpoint_url": "https://s3.example.id",
            "region_name": "ap-southeast-3",
            "custom_domain": "media.pasarikm.id",
            "querystring_auth": False,  # public photo URLs that do not expire inside cached pages
            "file_overwrite": False,
        },
    }


@pytest.mark.parametrize("url", ["ftp://bucket", "s3://", "s3://bucket?secret_key=oops"])
def test_a_url_that_is_not_understood_stops_the_start(url):
    with pytest.raises(ImproperlyConfigured):
        default_storage_from_url(url)


def test_the_site_starts_with_an_s3_store_configured():
    """The S3 backend (django-storages, boto3) is installed and the settings load with it."""
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages;"
        "s = storages['default']; print(type(s).__name__, s.bucket_name)"
    )
    env = {"MEDIA_STORAGE_URL": "s3://pasar-ikm-media?endpoint_url=http://127.0.0.1:9", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "marketplace.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "pasar-ikm-media"]
