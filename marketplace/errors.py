"""Domain errors raised by services, and the one handler that turns them into API answers."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class DomainError(Exception):
    """A business rule said no. `detail` is a message or a {field: [messages]} mapping."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, detail, *, extra: dict | None = None):
        super().__init__(detail if isinstance(detail, str) else repr(detail))
        self.detail = detail
        self.extra = extra or {}

    def as_body(self) -> dict:
        body = {"detail": self.detail} if isinstance(self.detail, str) else dict(self.detail)
        body.update(self.extra)
        return body


class ValidationError(DomainError):
    status_code = status.HTTP_400_BAD_REQUEST


class ConflictError(DomainError):
    """The request is well formed but clashes with the current state (out of stock, wrong status)."""

    status_code = status.HTTP_409_CONFLICT


class NotAllowed(DomainError):
    status_code = status.HTTP_403_FORBIDDEN


def api_exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(exc.as_body(), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return exception_handler(exc, context)


class NotFoundError(DomainError):
    status_code = status.HTTP_404_NOT_FOUND


class UnprocessableError(DomainError):
    """Well-formed but not processable as asked (an Idempotency-Key reused with another body)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
