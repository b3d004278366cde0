"""The API's own refusals are Indonesian first, including those Django REST framework words itself.

DRF's Indonesian catalogue leaves about 80 of its 125 messages in English ("Invalid page.", "Invalid
token.", "Method "PUT" not allowed."); locale/id gives Indonesian for every error message among them.
"""

import gettext
import re
from pathlib import Path

import pytest
import rest_framework
from django.conf import settings

from tests.factories import UserFactory
from tests.marketplace.test_translations import parse_po

ID_PO = settings.BASE_DIR / "locale" / "id" / "LC_MESSAGES" / "django.po"
ID_MO = ID_PO.with_suffix(".mo")
DRF_LOCALE = Path(rest_framework.__file__).parent / "locale"

# DRF strings no client of this API reads as an answer: the browsable API's page (off here), schema
# descriptions of parameters, and URL versioning (not used).
NOT_ERRORS = {
    "A page number within the paginated result set.",
    "A search term.",
    "A {value_type} identifying this {name}.",
    "Created",
    "Extra Actions",
    "Filters",
    "Key",
    "More than {count} items...",
    "No items to select.",
    "None",
    "Number of results to return per page.",
    "Ordering",
    "Search",
    "The initial index from which to return the results.",
    "The pagination cursor value.",
    "UUID string",
    "Which field to use when ordering the results.",
    "ascending",
    "content",
    "descending",
    "main content",
    "navbar",
    "request form",
    "request info",
    "response info",
    "unique integer value",
    "unique value",
}


def _catalogue(language: str) -> dict:
    with (DRF_LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


@pytest.fixture(scope="module")
def ours():
    return {entry.msgid: entry.msgstr[0] for entry in parse_po(ID_PO.read_text(encoding="utf-8"))}


def test_every_error_message_drf_leaves_in_english_has_an_indonesian_one_here(ours):
    drf_id = {key for key, text in _catalogue("id").items() if text}
    in_english = {key for key in _catalogue("en") if isinstance(key, str) and key and key not in drf_id}
    versioning = {key for key in in_english if key.startswith("Invalid version")}

    assert sorted(in_english - NOT_ERRORS - versioning - set(ours)) == []


def test_the_indonesian_messages_keep_every_placeholder(ours):
    placeholder = re.compile(r"\{[a-z_]+(?::[^}]*)?\}")
    for english, indonesian in ours.items():
        assert indonesian and indonesian != english, english
        assert sorted(placeholder.findall(indonesian)) == sorted(placeholder.findall(english)), english


def test_the_compiled_catalogue_matches_the_po_file(ours):
    """`compilemessages -l id` was run after the last edit of the .po file."""
    with ID_MO.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert {english: compiled.gettext(english) for english in ours} == ours


@pytest.mark.django_db
def test_an_api_client_reads_drfs_own_refusals_in_indonesian(api):
    buyer = UserFactory()

    assert api.get("/api/v1/products/?page=999").json() == {"detail": "Halaman tidak valid."}
    assert api.get("/api/v1/me/", HTTP_AUTHORIZATION="Token bukan-token").json() == {"detail": "Token tidak valid."}
    api.as_user(buyer)
    assert api.put("/api/v1/orders/", {}, format="json").json() == {"detail": 'Metode "PUT" tidak diizinkan.'}
    lines = api.post("/api/v1/orders/", {"lines": "kopi"}, format="json").json()["lines"]
    assert lines == {"non_field_errors": ['Diharapkan daftar, tetapi yang diterima bertipe "str".']}


@pytest.mark.django_db
def test_a_client_that_chose_english_still_reads_drfs_english(api):
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert api.get("/api/v1/products/?page=999").json() == {"detail": "Invalid page."}
