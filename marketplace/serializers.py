"""Input serializers that build their fields once, not on every request.

DRF deep-copies a serializer's declared fields each time one is made (`Serializer.get_fields`), so a
view may change `self.fields` on its own instance without touching the class. Copying a field runs
its `__init__` again (validators, error messages, choices), and for checkout's `OrderInput`, with an
address, lines and shipments nested, that was about a fifteenth of the request's Python.
"""

import threading
from collections.abc import Mapping
from types import MappingProxyType

from django.utils import translation
from django.utils.functional import cached_property
from rest_framework import serializers
from rest_framework.utils.formatting import lazy_format

_built: dict[tuple[type, str | None], Mapping] = {}
_building = threading.Lock()


class SharedFieldsMixin:
    """Every instance of the serializer validates with one tree of fields, built once per language.

    Put it before `serializers.Serializer` on a root input serializer used as `X(data=...)`. Errors,
    messages and the OpenAPI schema stay what DRF gives: the tree is the one DRF builds, for an
    instance made without arguments (the prototype), and it is only shared with instances made the
    same way: no `instance`, no `context`, not `partial`. Such an instance answers everything a field
    asks of its root (`partial`, `context`, `instance`) exactly as the prototype does. With any of
    them (or nested under another serializer) it builds its own fields, as DRF does.

    Thread safety (gunicorn's gthread workers validate in several threads at once):

    - Validating only reads the tree. DRF's fields keep what they work on in locals and in the
      exception they raise; the results (`initial_data`, `validated_data`, `errors`) are set on the
      instance made for the request, which is never shared.
    - What DRF computes lazily and then keeps is computed while the tree is built, under a lock,
      before any other thread can see it: each field's `validators`, a nested serializer's `fields`,
      and the messages of the length and value validators (`lazy_format`), which keep the text of
      their first use. Since that text is in the language active at the time, there is one tree per
      language: an English request never gets an Indonesian "at most 120 characters", nor the other
      way round.
    - `fields` is read-only (a mapping proxy): a view that changed it would change it for every
      request, so it fails loudly instead. Such a serializer should not use this mixin.
    """

    @cached_property
    def fields(self):
        if self.instance is not None or self._context or self.partial or self.parent is not None:
            return super().fields
        key = (type(self), translation.get_language())
        fields = _built.get(key)
        if fields is None:
            with _building:
                fields = _built.get(key)
                if fields is None:
                    fields = _built[key] = _build(type(self))
        return fields


def _build(cls) -> Mapping:
    """The fields DRF gives an instance made without arguments, with everything lazy computed."""
    prototype = cls()
    fields = super(SharedFieldsMixin, prototype).fields
    _warm(fields.values())
    return MappingProxyType(fields.fields)


def _warm(fields) -> None:
    for field in fields:
        for validator in field.validators:
            if isinstance(getattr(validator, "message", None), lazy_format):
                str(validator.message)  # formats now, in this language, and keeps the text
        if isinstance(field, serializers.Serializer):
            _warm(field.fields.values())
        if getattr(field, "child", None) is not None:  # ListSerializer, ListField, DictField
            _warm([field.child])


def lib_doc_excludes() -> list[type]:
    """drf-spectacular's classes whose docstring is not an API description, and `SharedFieldsMixin`.

    (SPECTACULAR_SETTINGS["GET_LIB_DOC_EXCLUDES"]): a serializer without a docstring of its own
    would otherwise be described in the schema by the mixin's notes on threads.
    """
    from drf_spectacular.plumbing import get_lib_doc_excludes

    return [*get_lib_doc_excludes(), SharedFieldsMixin]
