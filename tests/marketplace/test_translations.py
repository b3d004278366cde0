"""The English catalogue: complete, compiled, and what an English-speaking visitor actually sees.

The pages are written in Bahasa Indonesia; locale/en/LC_MESSAGES/django.po gives them in English. Regenerate it
with `manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=benchmarks --no-location`, translate
what is new, then `manage.py compilemessages -l en --ignore=.venv`.
"""

import gettext
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages
from django.urls import reverse

from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory

PO_PATH = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def untranslated(self) -> bool:
        return not self.msgstr or any(not text for text in self.msgstr.values())


def _unquote(token: str) -> str:
    assert token.startswith('"') and token.endswith('"'), token
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), token[1:-1])


def parse_po(text: str) -> list[Entry]:
    """The catalogue's live entries (obsolete `#~` ones left out), header included as msgid ""."""
    entries: list[Entry] = []
    entry, key, index = None, None, 0
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line or line.startswith("#~"):
            if entry is not None and key is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = Entry()
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = _unquote(line)
            if key == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, key, getattr(entry, key) + value)
        else:
            word, _, rest = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", word)
            if match or word == "msgstr":
                key, index = "msgstr", int(match.group(1)) if match else 0
                entry.msgstr[index] = _unquote(rest)
            elif word in ("msgid", "msgid_plural", "msgctxt"):
                key = word
                setattr(entry, key, _unquote(rest))
            else:
                raise AssertionError(f"unexpected line in {PO_PATH.name}: {raw!r}")
    return entries


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return [entry for entry in parse_po(PO_PATH.read_text(encoding="utf-8")) if entry.msgid]


def test_parser_reads_plurals_continuations_and_flags():
    sample = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s toko"\nmsgid_plural "%(n)s toko"\n'
        'msgstr[0] "%(n)s shop"\nmsgstr[1] ""\n\n'
        'msgid ""\n"Satu \\"dua\\" "\n"tiga"\nmsgstr "One \\"two\\" three"\n\n'
        '#~ msgid "Lama"\n#~ msgstr "Old"\n'
    )
    header, plural, wrapped = parse_po(sample)

    assert header.msgstr == {0: "Language: en\n"}
    assert plural.flags == {"fuzzy", "python-format"} and plural.untranslated
    assert plural.msgstr == {0: "%(n)s shop", 1: ""}
    assert (wrapped.msgid, wrapped.msgstr[0]) == ('Satu "dua" tiga', 'One "two" three')


def test_catalogue_has_no_untranslated_entries(catalogue):
    assert len(catalogue) > 300
    assert [entry.msgid for entry in catalogue if entry.untranslated] == []


class _ExtractOnly(makemessages.Command):
    """makemessages that keeps the extracted template (.pot) and leaves the catalogue untouched."""

    extracted = ""

    def write_po_file(self, potfile, locale):
        self.extracted = Path(potfile).read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_string_marked_in_the_code_and_templates_has_an_english_translation(catalogue, monkeypatch):
    """A new {% translate %} or gettext() string fails here until the catalogue gives it in English."""
    monkeypatch.chdir(settings.BASE_DIR)
    command = _ExtractOnly()
    call_command(
        command,
        locale=["en"],
        ignore_patterns=[".venv", "node_modules", "var", "tests", "benchmarks"],
        no_location=True,
        verbosity=0,
    )
    marked = {(entry.msgctxt, entry.msgid) for entry in parse_po(command.extracted) if entry.msgid}
    translated = {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.untranslated}

    assert len(marked) > 300
    assert sorted(marked - translated, key=lambda key: key[1]) == []


def test_catalogue_has_no_fuzzy_entries(catalogue):
    assert [entry.msgid for entry in catalogue if "fuzzy" in entry.flags] == []


def test_plural_entries_have_both_english_forms(catalogue):
    plurals = [entry for entry in catalogue if entry.msgid_plural is not None]

    assert plurals
    assert all(sorted(entry.msgstr) == [0, 1] for entry in plurals)


def test_translations_keep_every_placeholder(catalogue):
    placeholder = re.compile(r"%\([a-z_]+\)[sd]|%%")
    for entry in catalogue:
        expected = sorted(placeholder.findall(entry.msgid_plural or entry.msgid))
        for text in entry.msgstr.values():
            assert sorted(placeholder.findall(text)) == expected, entry.msgid


def test_compiled_catalogue_matches_the_po_file(catalogue):
    """compilemessages was run after the last edit of the .po file."""
    with MO_PATH.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    for entry in catalogue:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            assert compiled.gettext(key) == entry.msgstr[0], entry.msgid
        else:
            assert compiled.ngettext(key, entry.msgid_plural, 1) == entry.msgstr[0], entry.msgid
            assert compiled.ngettext(key, entry.msgid_plural, 2) == entry.msgstr[1], entry.msgid


# ---- the pages in English ------------------------------------------------------------------------

ENGLISH_FRAME = ["Home", "Catalogue", "Campaigns", "Cart", "Log in", "Sign up", "Main navigation", "Language:"]
INDONESIAN_FRAME = [
    ">Beranda<",
    ">Katalog<",
    ">Kampanye<",
    ">Keranjang",
    ">Masuk<",
    ">Daftar<",
    "Navigasi utama",
    "Langsung ke isi",
    "Bahasa:",
    "Produk lokal Indonesia",
]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def assert_english_frame(response):
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    for text in ENGLISH_FRAME:
        assert text in response.text, text
    for text in INDONESIAN_FRAME:
        assert text not in response.text, text


@pytest.mark.django_db
def test_home_in_english(english, shop):
    ProductFactory(seller=shop)

    response = english.get(reverse("home"))

    assert_english_frame(response)
    assert "Newest products" in response.text
    assert "Produk terbaru" not in response.text


@pytest.mark.django_db
def test_catalogue_in_english(english, shop):
    ProductFactory(seller=shop)
    ProductFactory(seller=shop)

    response = english.get(reverse("sellers:catalogue"))

    assert_english_frame(response)
    for text in ("Filter & sort", "In stock only", "Sort by", "2 products"):
        assert text in response.text, text
    for text in ("Filter & urutkan", "Urutkan", "2 produk"):
        assert text not in response.text, text


@pytest.mark.django_db
def test_cart_in_english(english, product):
    english.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": 2})

    response = english.get(reverse("orders:cart"))

    assert_english_frame(response)
    for text in ("Shopping cart", "Continue to checkout", "Price (2 items)"):
        assert text in response.text, text
    for text in ("Keranjang belanja", "Lanjut ke checkout"):
        assert text not in response.text, text


@pytest.mark.django_db
def test_empty_cart_in_english(english):
    response = english.get(reverse("orders:cart"))

    assert_english_frame(response)
    assert "Your cart is empty." in response.text


@pytest.mark.django_db
def test_campaign_landing_in_english(english, product):
    campaign = CampaignFactory(limit_per_buyer=2)
    EnrolmentFactory(campaign=campaign, product=product)

    response = english.get(reverse("campaigns:landing", args=[campaign.slug]))

    assert_english_frame(response)
    for text in ("Campaign products", "Benefit", "20% off", "2 units per buyer for each product", "Ends in"):
        assert text in response.text, text
    for text in ("Produk kampanye", "Manfaat", "Diskon 20%", "Berakhir dalam"):
        assert text not in response.text, text


@pytest.mark.django_db
def test_login_page_in_english(english):
    response = english.get(reverse("login"))

    assert_english_frame(response)
    for text in ("Password", "No account yet?"):
        assert text in response.text, text
    for text in ("Kata sandi", "Belum punya akun?"):
        assert text not in response.text, text


@pytest.mark.django_db
def test_without_the_cookie_the_pages_stay_indonesian(client):
    response = client.get(reverse("home"))

    assert '<html lang="id">' in response.text
    assert ">Katalog<" in response.text
    assert ">Catalogue<" not in response.text


def test_an_english_browser_still_gets_indonesian_until_the_visitor_chooses_english(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert ">Beranda<" in page

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert ">Home<" in client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
