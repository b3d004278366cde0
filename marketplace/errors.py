"""Domain errors raised by services, the one handler that turns them into API answers, and their schema.

Every error body is `{"detail": "..."}`, or for a 400 `{"field": ["message", ...], ...}` (docs/api.md, "Conventions").
`error_responses(400, 404, ...)` describes those bodies in a view's `extend_schema(responses=...)`.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class DomainError(Exception):
    """A business rule said no. `detail` is a message or a {field: [messages]} mapping."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, detail, *, extra: dict | None = None):
        if isinstance(detail, Promise):
            detail = str(detail)  # a lazily translated message, in the language of this request
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
    if isinstance(exc, UnicodeEncodeError):
        # JSON may carry lone surrogates ("\\ud800") that no database can store: bad input, not a crash.
        return Response({"detail": _("Teks berisi karakter yang tidak valid.")}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if isinstance(exc, exceptions.Throttled) and response is not None:
        # DRF's own sentence is half English in Indonesian; Retry-After is already set.
        seconds = max(1, int(exc.wait or 1))
        message = _("Terlalu banyak permintaan. Coba lagi dalam %(seconds)s detik.") % {"seconds": seconds}
        response.data = {"detail": message}
    return response


class NotFoundError(DomainError):
    status_code = status.HTTP_404_NOT_FOUND


class UnprocessableError(DomainError):
    """Well-formed but not processable as asked (an Idempotency-Key reused with another body)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY


# ---- the error bodies in the OpenAPI schema ----------------------------------------------------


class ErrorOutput(serializers.Serializer):
    """`{"detail": "..."}`: every error that is not about particular fields."""

    detail = serializers.CharField()


class ValidationErrorOutput(serializers.Serializer):
    """A 400: `{"field": ["message", ...], ...}` (`non_field_errors` for the whole body) or `{"detail": "..."}`."""

    detail = serializers.CharField(required=False)
    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


class ValidationErrorOutputSchema(OpenApiSerializerExtension):
    """Field names vary per endpoint, so the body is an object of message lists keyed by field."""

    target_class = ValidationErrorOutput

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target_class, direction, bypass_extensions=True)
        schema["additionalProperties"] = {"type": "array", "items": {"type": "string"}}
        return schema


ERROR_DESCRIPTIONS = {
    400: "Invalid input: messages per field, or a `detail`.",
    401: "No or bad credentials.",
    403: "Not allowed for this user.",
    404: "Not found (also for another user's private object).",
    409: "Conflicts with the current state (wrong status, out of stock).",
    422: "Well formed but cannot be processed as asked.",
    429: "Too many attempts; try again later.",
    503: "A service this depends on is down.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """The documented error answers of a view, for `extend_schema(responses={200: X, **error_responses(...)})`."""
    return {
        code: OpenApiResponse(
            response=ValidationErrorOutput if code == 400 else ErrorOutput, description=ERROR_DESCRIPTIONS[code]
        )
        for code in codes
    }
