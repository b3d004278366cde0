"""`Idempotency-Key` on checkout: the same key and body give the first answer again and create nothing.

The key row is inserted in the same transaction as the order. A concurrent request with the same key
waits on the unique index until the first commits, then finds the stored answer. Errors are not
stored: a request that failed (out of stock) can be retried with the same key.
"""

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, UnprocessableError, ValidationError
from orders.models import IdempotencyKey


def idempotent(*, user, key: str | None, fingerprint: str, action: Callable[[], tuple[int, dict]]) -> tuple[int, dict]:
    if not key:
        return action()
    if len(key) > 255 or not key.isprintable() or not key.isascii():
        raise ValidationError({"Idempotency-Key": [_("Paling panjang 255 karakter ASCII yang terlihat.")]})
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(user=user, key=key, request_hash=fingerprint)
        except IntegrityError:
            record = IdempotencyKey.objects.get(user=user, key=key)
            if record.request_hash != fingerprint:
                raise UnprocessableError(
                    _("Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda.")
                ) from None
            if record.response_status is None:
                raise ConflictError(_("Permintaan dengan Idempotency-Key ini masih diproses.")) from None
            return record.response_status, record.response_body
        code, body = action()
        record.response_status, record.response_body = code, body
        record.save(update_fields=["response_status", "response_body"])
    return code, body
