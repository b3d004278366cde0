"""The search document of a product, and the database indexer that stores it.

A document is a few weighted texts. `DOCUMENT_FIELDS` lists them: to make one more thing findable
(the names of a product's variants, say) add one line there, naming the relation it reads so the
indexer loads it for a whole batch at once. Weights follow PostgreSQL's full-text ranks: A counts
most (the product's name), D least (the description).

The indexer writes `Product.search_text` (the normalised words, which every database can search) and,
on PostgreSQL, `Product.search_vector` (a weighted `tsvector` under a GIN index). It also adds the
document's words to `SearchWord`, the vocabulary that misspelt query words are corrected towards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.conf import settings
from django.db import connection

from sellers.models import Product, SearchWord
from sellers.search.text import document_words, normalise

BATCH_SIZE = 500


@dataclass(frozen=True)
class DocumentField:
    weight: str  # "A" (counts most) to "D" (counts least)
    text: Callable[[Product], str]
    select: str = ""  # a foreign key path to select_related
    prefetch: str = ""  # a reverse relation to prefetch_related


def _category_names(product: Product) -> str:
    category = product.category
    return f"{category.name} {category.name_en} {category.parent.name if category.parent_id else ''}"


DOCUMENT_FIELDS: tuple[DocumentField, ...] = (
    DocumentField("A", lambda p: p.name),
    DocumentField("B", _category_names, select="category__parent"),
    DocumentField("B", lambda p: " ".join(v.name for v in p.variants.all() if v.is_active), prefetch="variants"),
    DocumentField("C", lambda p: p.seller.name, select="seller"),
    DocumentField("D", lambda p: p.description),
)

WEIGHTS = "ABCD"


def document_of(product: Product) -> dict[str, str]:
    """The normalised text of each weight, e.g. {"A": "gamis syari hitam", ...}."""
    parts: dict[str, list[str]] = {weight: [] for weight in WEIGHTS}
    for field in DOCUMENT_FIELDS:
        parts[field.weight].append(normalise(field.text(product)))
    return {weight: " ".join(p for p in texts if p) for weight, texts in parts.items()}


def search_text_of(document: dict[str, str]) -> str:
    """All words of a document by weight, most important first: ` name | category | shop | description `.
    Spaces pad every word, so ` word` finds a word's start; the name is what comes before the first `|`."""
    return " " + " | ".join(document[w] for w in WEIGHTS) + " "


def text_search_config() -> str:
    """The PostgreSQL text search configuration whose word roots the vectors also hold, besides the
    words as written (`simple`: none). Changing it needs `manage.py search_reindex`."""
    return settings.SEARCH_TEXT_CONFIG


def _products(product_ids: Iterable[int] | None) -> Iterator[Product]:
    selects = [f.select for f in DOCUMENT_FIELDS if f.select]
    prefetches = [f.prefetch for f in DOCUMENT_FIELDS if f.prefetch]
    qs = Product.objects.select_related(*selects).prefetch_related(*prefetches).order_by("pk")
    if product_ids is not None:
        qs = qs.filter(pk__in=list(product_ids))
    return qs.iterator(chunk_size=BATCH_SIZE)


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(items, size)):
        yield batch


def _write_postgresql(rows: list[tuple[int, dict[str, str]]]) -> None:
    """One UPDATE per batch; PostgreSQL builds the weighted vector from the normalised texts: each
    word as written (`simple`, for as-you-type prefixes) and, with a stemming configuration, its root."""
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list = []
    for pk, document in rows:
        params += [pk, search_text_of(document), document["A"], document["B"], document["C"], document["D"]]
    configs = ["simple"] if text_search_config() == "simple" else ["simple", text_search_config()]
    parts, config_params = [], []
    for weight in WEIGHTS:
        # The description (D) only as written: its roots would double the longest part of the vector
        # (and the time to match and rank it) for little: a query's root still meets the other fields.
        for config in configs if weight != "D" else ["simple"]:
            parts.append(f"setweight(to_tsvector(%s::regconfig, v.{weight.lower()}), '{weight}')")
            config_params.append(config)
    sql = (
        f"UPDATE {Product._meta.db_table} AS p SET search_text = v.text, search_vector = {' || '.join(parts)} "
        f"FROM (VALUES {values}) AS v(id, text, a, b, c, d) WHERE p.id = v.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, config_params + params)


def _write_other(rows: list[tuple[int, dict[str, str]]]) -> None:
    Product.objects.bulk_update(
        [Product(pk=pk, search_text=search_text_of(document)) for pk, document in rows], ["search_text"]
    )


def search_index_products(product_ids: Iterable[int] | None = None) -> int:
    """(Re)build the search document of the given products (all when None); returns how many."""
    write = _write_postgresql if connection.vendor == "postgresql" else _write_other
    count = 0
    for batch in _batches(_products(product_ids), BATCH_SIZE):
        rows = [(product.pk, document_of(product)) for product in batch]
        write(rows)
        words: set[str] = set()
        for _pk, document in rows:
            words |= document_words(" ".join(document.values()))
        SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True)
        count += len(rows)
    return count


def search_index_missing() -> int:
    """Index the products that have no document yet (rows loaded in bulk, or from before search)."""
    return search_index_products(Product.objects.filter(search_text="").values_list("pk", flat=True))
