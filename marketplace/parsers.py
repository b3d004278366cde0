"""The JSON parser of the API: DRF's, refusing what parses as JSON but no view can take.

- Text holding a lone surrogate ("\\ud800"): valid JSON, but no database and no UTF-8 answer can
  hold it. A field that repeats bad input in its error ("\\ud800" is not a valid choice) failed to
  render its own 400 and answered 500, and a text field reached the database with it.
- Nesting deeper than MAX_DEPTH: no endpoint takes more than a few levels, and Python's decoder
  gives up with a RecursionError (not a ValueError, so a 500) past about a thousand.
"""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32

_SURROGATE, _TOO_DEEP = "surrogate", "too deep"


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _problem(value) -> str | None:
    """_TOO_DEEP if `value` nests deeper than MAX_DEPTH, _SURROGATE if a string anywhere in it (keys
    included) holds half of a surrogate pair, else None. Iterative: a deep value costs no stack.

    JSON writes a character outside the BMP as two escapes ("\\ud83d\\ude00"), which decode to one
    character; a lone "\\ud800" decodes to a surrogate, which UTF-8 cannot encode.
    """
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if not _encodable(item):
                return _SURROGATE
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                return _TOO_DEEP
            if isinstance(item, dict):
                if not all(_encodable(key) for key in item):
                    return _SURROGATE
                item = item.values()
            pending.extend((child, depth + 1) for child in item)
    return None


class JSONParser(parsers.JSONParser):
    """A 400 before any view sees such a body: naming the top-level fields holding a lone surrogate."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise _too_deep() from None
        problem = _problem(data)
        if problem is None:
            return data
        if problem == _TOO_DEEP:
            raise _too_deep()
        message = _("Teks berisi karakter yang tidak valid.")
        if isinstance(data, dict) and all(_encodable(key) for key in data):
            fields = [key for key, value in data.items() if _problem(value) == _SURROGATE]
            if fields:
                raise ParseError({field: [message] for field in fields})
        raise ParseError(message)


def _too_deep() -> ParseError:
    return ParseError(_("Data JSON bersarang terlalu dalam (paling banyak %(max)s tingkat).") % {"max": MAX_DEPTH})
