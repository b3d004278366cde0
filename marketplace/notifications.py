"""Email that apps below the order outbox send: a shop verified or rejected, an enrolment decided.

The transactional outbox (a row per message, sent by a task after commit, swept when Redis was down)
lives in `orders`; `sellers` sits below `orders` and may not import it, so it reaches the outbox
through this port, named in `settings.NOTIFICATION_BACKEND`. Campaigns use the same port, so every
message to a shop goes one way.
"""

from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class NotificationBackend(Protocol):
    def notify(self, *, kind: str, to: list[str], context: dict) -> None:
        """Queue one message of `kind` per address, sent only once the caller's transaction commits."""


class NoNotifications:
    """The plain adapter: sends nothing (a deployment without the order app's outbox)."""

    def notify(self, *, kind, to, context):
        return None


@lru_cache(maxsize=4)
def _backend(path: str) -> NotificationBackend:
    return import_string(path)()


def notify(*, kind: str, to: list[str], context: dict) -> None:
    recipients = sorted({address for address in to if address})
    if recipients:
        _backend(settings.NOTIFICATION_BACKEND).notify(kind=kind, to=recipients, context=context)
