"""Concurrent uploads on PostgreSQL never give a product more than 8 photos, nor leave stray files."""

import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from marketplace.errors import ValidationError
from sellers.models import ProductPhoto
from sellers.services_photos import product_photo_add
from tests.factories import ProductFactory
from tests.photo_helpers import add_photos, upload

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

UPLOADERS = 8


def test_concurrent_uploads_stop_at_eight_photos_and_keep_no_refused_file(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    product = ProductFactory()
    add_photos(product, 5)
    barrier = threading.Barrier(UPLOADERS)
    outcomes, lock = [], threading.Lock()

    def add(i):
        try:
            barrier.wait()
            product_photo_add(product=product, upload=upload(), alt=f"Sudut {i}")
            outcome = "added"
        except ValidationError:
            outcome = "refused"
        except Exception as exc:  # noqa: BLE001 - the test reports any other failure
            outcome = repr(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(UPLOADERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["added"] * 3 + ["refused"] * 5
    photos = ProductPhoto.objects.filter(product=product).order_by("position")
    assert [photo.position for photo in photos] == list(range(8))
    originals = {path.name for path in (tmp_path / "products" / str(product.pk)).iterdir()}
    assert originals == {Path(photo.image.name).name for photo in photos}
