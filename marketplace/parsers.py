"""The JSON parser of the API: DRF's, refusing text that no database or UTF-8 answer can hold."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def _holds_lone_surrogate(value) -> bool:
    """True if a string anywhere in `value` (keys included) holds half of a surrogate pair.

    JSON writes a character outside the BMP as two escapes ("\\ud83d\\ude00"), which decode to one
    character; a lone "\\ud800" decodes to a surrogate, which UTF-8 cannot encode.
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_holds_lone_surrogate(key) or _holds_lone_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_lone_surrogate(item) for item in value)
    return False


class JSONParser(parsers.JSONParser):
    """A lone surrogate is a 400 naming the top-level field that holds it, before any view sees it.

    Without this, a field that repeats the input in its error ("\\ud800" is not a valid choice) failed
    to render its own 400 and answered 500, and a text field reached the database with it.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not _holds_lone_surrogate(data):
            return data
        message = _("Teks berisi karakter yang tidak valid.")
        if isinstance(data, dict):
            fields = [key for key, value in data.items() if _holds_lone_surrogate(value)]
            if fields and not any(_holds_lone_surrogate(key) for key in data):
                raise ParseError({field: [message] for field in fields})
        raise ParseError(message)
