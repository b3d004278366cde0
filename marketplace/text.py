"""Checks on short texts that end up in email headers, file names and one-line labels."""

import unicodedata

from django.utils.translation import gettext as _


def has_control_characters(text: str) -> bool:
    """Newlines, tabs, NUL and the other C0/C1 controls: a name holding one breaks an email header."""
    return any(unicodedata.category(char) == "Cc" for char in text or "")


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines included) collapsed to one space, for a header."""
    return " ".join((text or "").split())


def name_errors(values: dict[str, str | None]) -> dict[str, list[str]]:
    """{field: [message]} for each name that holds a control character (empty when all are fine)."""
    message = _("Tidak boleh berisi baris baru, tab atau karakter kontrol.")
    return {field: [message] for field, value in values.items() if value is not None and has_control_characters(value)}
