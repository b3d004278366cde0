"""`Idempotency-Key` on checkout: the same key and body give the first answer again and create nothing.

The key row is inserted in the same transaction as the order, with `ON CONFLICT DO NOTHING`. A
concurrent request with the same key waits on the unique index until the first commits, inserts
nothing, then finds the stored answer (or, if the first rolled back, inserts the row itself). Errors
are not stored: a request that failed (out of stock) rolls its key back with it and can be retried
with the same key. The conflict clause replaces catching an IntegrityError inside a savepoint: two
statements fewer on every checkout, and an insert Django does not have to compile.
"""

from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, UnprocessableError, ValidationError
from orders.models import IdempotencyKey


def idempotent(*, user, key: str | None, fingerprint: str, action: Callable[[], tuple[int, dict]]) -> tuple[int, dict]:
    if not key:
        return action()
    if len(key) > 255 or not key.isprintable() or not key.isascii():
        raise ValidationError({"Idempotency-Key": [_("Paling panjang 255 karakter ASCII yang terlihat.")]})
    with transaction.atomic():
        if not _claim(user=user, key=key, fingerprint=fingerprint):
            record = IdempotencyKey.objects.get(user=user, key=key)
            if record.request_hash != fingerprint:
                raise UnprocessableError(_("Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda."))
            if record.response_status is None:
                raise ConflictError(_("Permintaan dengan Idempotency-Key ini masih diproses."))
            return record.response_status, record.response_body
        code, body = action()
        IdempotencyKey.objects.filter(user=user, key=key).update(response_status=code, response_body=body)
    return code, body


CLAIM_SQL = f"""INSERT INTO {IdempotencyKey._meta.db_table} (user_id, "key", request_hash, created_at)
VALUES (%s, %s, %s, %s) ON CONFLICT (user_id, "key") DO NOTHING RETURNING id"""


def _claim(*, user, key: str, fingerprint: str) -> bool:
    """Insert the key's row; False if it exists already (committed, or committed while we waited)."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(CLAIM_SQL, [user.pk, key, fingerprint, now])
        return cursor.fetchone() is not None
