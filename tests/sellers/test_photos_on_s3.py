"""Product photos on an S3-compatible store: what several web nodes share (MEDIA_STORAGE_URL).

The store is moto's S3 server on a local port (no cloud store is reachable from here), spoken to
by the same django-storages and boto3 code a real bucket gets.
"""

import io
import socket
import urllib.request

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from PIL import Image

from marketplace.media_storage import default_storage_from_url
from sellers.services_photos import product_photo_add, product_photo_delete
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

BUCKET = "pasar-ikm-media"


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "pasar")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "rahasia")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        # Public photos: a bucket policy that lets anyone read, or an ACL on each object as here.
        "default": default_storage_from_url(
            f"s3://{BUCKET}?endpoint_url={s3_endpoint}&region_name=us-east-1&default_acl=public-read"
        ),
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def jpeg(width=1600, height=1200) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "saddlebrown").save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("kopi.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_photo_and_its_renditions_land_in_the_bucket_and_are_served_from_it(bucket, s3_endpoint):
    product = ProductFactory()

    photo = product_photo_add(product=product, upload=jpeg(), alt="Kopi Gayo dalam kemasan")

    assert type(default_storage._wrapped).__name__ == "S3Storage"
    stored = keys(bucket)
    assert photo.image.name in stored
    assert {r.name for r in photo.renditions()} <= stored
    assert len(stored) == 5  # the photo and its thumb, card, page and zoom renditions
    assert photo.card.url.startswith(f"{s3_endpoint}/{BUCKET}/")
    with urllib.request.urlopen(photo.card.url) as response:  # a plain public URL, no signature
        body = response.read()
    with Image.open(io.BytesIO(body)) as card:
        assert (card.format, card.size) == ("WEBP", (480, 360))


def test_deleting_a_photo_removes_it_and_its_renditions_from_the_bucket(bucket, django_capture_on_commit_callbacks):
    product = ProductFactory()
    kept = product_photo_add(product=product, upload=jpeg(), alt="Depan")
    gone = product_photo_add(product=product, upload=jpeg(800, 800), alt="Belakang")

    with django_capture_on_commit_callbacks(execute=True):  # the files go once the delete commits
        product_photo_delete(photo=gone)

    assert keys(bucket) == {kept.image.name, *(r.name for r in kept.renditions())}
