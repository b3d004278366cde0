"""The search port: how the catalogue finds products by what a shopper types.

Callers (the product filters, the suggestions, the services that change products) talk to the
backend named in `settings.SEARCH_BACKEND` and never to a search engine directly. The default,
`sellers.search.database.DatabaseSearchBackend`, searches the catalogue's own database: full-text
search with typo correction on PostgreSQL, a simpler word match elsewhere. A backend for an engine
(OpenSearch, Meilisearch) for a catalogue of millions implements the same three methods: `search`
asks the engine for matching ids and hands back the queryset filtered and ordered by them.
"""

from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string


class SearchBackend(Protocol):
    def search(self, products: QuerySet, text: str) -> QuerySet:
        """The products among `products` matching every word of `text` (in any order, typos forgiven),
        annotated with `search_rank` and ordered by relevance: in stock first, then best match."""

    def suggest_products(self, products: QuerySet, text: str, *, limit: int) -> list[str]:
        """Names of the best products whose name starts words the way `text` does (as-you-type)."""

    def index(self, product_ids: Iterable[int] | None = None) -> None:
        """Bring the documents of these products (all when None) up to date after they changed."""


@lru_cache(maxsize=4)
def _backend(path: str) -> SearchBackend:
    return import_string(path)()


def search_backend() -> SearchBackend:
    return _backend(settings.SEARCH_BACKEND)


def search_index(product_ids: Iterable[int] | None = None) -> None:
    """Tell the search backend that these products (all when None) changed."""
    search_backend().index(None if product_ids is None else list(product_ids))
