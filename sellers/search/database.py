"""Search in the catalogue's own database (the default search backend).

PostgreSQL: every query word becomes a full-text term matched against the stored, weighted
`search_vector` (GIN index) as a word or a word's start; a word of four letters or more that the
catalogue does not contain is also matched by its likely corrections (`typo_corrections`: trigram
candidates from the vocabulary, kept when one or two slips away). Rank: a match of the exact words
beats a match of their starts, which beats a corrected one; within each, the name (weight A) counts
more than the category, the shop and the description.

Elsewhere (SQLite, the embedded default) every word must start a word of the normalised
`search_text`, a typo correction counting as well; a word of the product's name ranks first, then a
whole word anywhere.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.core.cache import cache
from django.db import connections
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length

from sellers.models import SearchWord
from sellers.search.document import search_index_products, text_search_config
from sellers.search.text import normalise, query_words, typo_distance, typos_allowed

# ts_rank's weights for D, C, B, A: the description, the shop, the category and the name.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
MAX_CORRECTIONS = 3
CORRECTIONS_CACHE_SECONDS = 300


def typo_corrections(words: list[str], *, vendor: str) -> dict[str, list[str]]:
    """For each query word that no catalogue word is or starts with, the catalogue words it may be a
    misspelling of (closest first). One query for all words, none when every answer is cached."""
    answers: dict[str, list[str]] = {}
    pending = []
    for word in words:
        if not typos_allowed(word):
            answers[word] = []
        elif (cached := cache.get(f"search:typo:{word}")) is not None:
            answers[word] = cached
        else:
            pending.append(word)
    if not pending:
        return answers
    match = Q()
    for word in pending:
        slips = typos_allowed(word)
        match |= Q(word__startswith=word) | Q(length__range=(len(word) - slips, len(word) + slips))
    rows = SearchWord.objects.annotate(length=Length("word")).filter(match)
    if vendor == "postgresql":
        # pg_trgm: a word one or two slips away shares a trigram with it, so this drops most rows early.
        rows = (
            rows.annotate(
                similarity=sum((TrigramSimilarity("word", w) for w in pending), Value(0.0, output_field=FloatField()))
            )
            .filter(similarity__gt=0)
            .order_by("-similarity")
        )
    vocabulary = list(rows.values_list("word", flat=True))
    for word in pending:
        if any(known.startswith(word) for known in vocabulary):
            found = []
        else:
            slips = typos_allowed(word)
            near = [(typo_distance(word, known, slips), known) for known in vocabulary]
            found = [known for distance, known in sorted(near, key=lambda n: n[0]) if distance <= slips]
            found = found[:MAX_CORRECTIONS]
        cache.set(f"search:typo:{word}", found, CORRECTIONS_CACHE_SECONDS)
        answers[word] = found
    return answers


def _in_stock_first():
    return Case(When(stock__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField())


class DatabaseSearchBackend:
    def search(self, products: QuerySet, text: str) -> QuerySet:
        words = query_words(text)
        if not words:
            return products
        vendor = connections[products.db].vendor
        corrections = typo_corrections(words, vendor=vendor)
        if vendor == "postgresql":
            products = self._postgresql(products, words, corrections)
        else:
            products = self._fallback(products, words, corrections)
        return products.annotate(in_stock=_in_stock_first()).order_by("-in_stock", "-search_rank", "-created_at", "-id")

    def _postgresql(self, products, words, corrections):
        stemmer = text_search_config()

        def term(text, config="simple"):
            return SearchQuery(text, search_type="raw", config=config)

        def word_query(word, *, prefix, fuzzy):
            query = term(f"{word}:*" if prefix else word)
            if stemmer != "simple":
                query |= term(word, stemmer)  # the word's root: `minuman` finds `minum`
            for correction in corrections[word] if fuzzy else []:
                query |= term(correction)
            return query

        def all_words(**kwargs):
            query = word_query(words[0], **kwargs)
            for word in words[1:]:
                query &= word_query(word, **kwargs)
            return query

        every = all_words(prefix=True, fuzzy=True)
        starts = all_words(prefix=True, fuzzy=False)
        exact = all_words(prefix=False, fuzzy=False)
        vector = F("search_vector")
        # The kind of match decides (exact words, then their starts, then corrections: a vector match
        # each, cheap); within a kind, one ts_rank weighs where the words are (the name counts most).
        rank = (
            Case(When(search_vector=exact, then=Value(2.0)), default=Value(0.0), output_field=FloatField())
            + Case(When(search_vector=starts, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
            + SearchRank(vector, every, weights=RANK_WEIGHTS, normalization=32)  # below 1: rank/(rank+1)
        )
        return products.filter(search_vector=every).annotate(search_rank=rank)

    def _fallback(self, products, words, corrections):
        rank = Value(0)
        for word in words:
            alternatives = Q()
            for term in [word, *corrections[word]]:
                alternatives |= Q(search_text__contains=f" {term}")
            products = products.filter(alternatives)
            in_name = rf"^[^|]* {re.escape(word)}"  # a word of the name (before the first `|`) starts so
            rank += Case(When(search_text__regex=in_name, then=Value(4)), default=Value(0))
            rank += Case(When(search_text__contains=f" {word} ", then=Value(2)), default=Value(0))
        return products.annotate(search_rank=rank)

    def suggest_products(self, products: QuerySet, text: str, *, limit: int) -> list[str]:
        words = query_words(text)
        if not words:
            return []
        if connections[products.db].vendor == "postgresql":
            # `:*A`: a word of the product's name starts with it (not the shop's or the description's).
            query = SearchQuery(" & ".join(f"{w}:*A" for w in words), search_type="raw", config="simple")
            products = products.filter(search_vector=query)
        else:
            for word in words:
                products = products.filter(search_text__contains=f" {word}").filter(
                    search_text__regex=rf"^[^|]* {re.escape(word)}"  # and starts a word of the name
                )
        names = (
            products.annotate(in_stock=_in_stock_first())
            # Every name here matches alike; the shortest are the most general (`Kopi Tubruk` first).
            .order_by("-in_stock", Length("name"), "name")
            .values_list("name", flat=True)[: limit * 3]
        )
        found: list[str] = []
        for name in names:
            if normalise(name) not in {normalise(n) for n in found}:
                found.append(name)
        return found[:limit]

    def index(self, product_ids=None) -> None:
        search_index_products(product_ids)
