"""Search suggestions as the shopper types: product names, categories and shops.

Answers are shared through the cache for a minute (they depend only on the typed text), so a
shopper's keystrokes mostly cost no query at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse

from sellers.models import Category, Seller
from sellers.search import search_backend
from sellers.search.text import normalise, query_words
from sellers.selectors import product_public_list

MIN_LETTERS = 2
MAX_SUGGESTIONS = 8
CACHE_SECONDS = 60


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "product", "category" or "shop"
    text: str
    url: str


def _starts_words(words: list[str], text: str) -> bool:
    """Every typed word starts one of the words of `text`."""
    their = normalise(text).split()
    return all(any(w.startswith(word) for w in their) for word in words)


def _catalogue_url(**params) -> str:
    return f"{reverse('sellers:catalogue')}?{urlencode(params)}"


def search_suggestions(text: str) -> list[Suggestion]:
    """Up to eight suggestions for what has been typed so far (none before two letters)."""
    words = query_words(text)
    if len("".join(words)) < MIN_LETTERS:
        return []
    key = "search:suggest:" + hashlib.sha1(" ".join(words).encode()).hexdigest()
    if (cached := cache.get(key)) is not None:
        return [Suggestion(**row) for row in cached]

    products = search_backend().suggest_products(product_public_list(), text, limit=MAX_SUGGESTIONS)
    typed = " ".join(words)
    categories = sorted(
        (c for c in Category.objects.all() if _starts_words(words, f"{c.name} {c.name_en}")),
        key=lambda c: (not normalise(c.name).startswith(typed), len(c.name)),  # `Kopi` before `Alat seduh kopi`
    )
    shops = [
        s
        for s in Seller.objects.filter(status=Seller.Status.VERIFIED, name__icontains=words[0]).order_by("name")[:20]
        if _starts_words(words, s.name)
    ]
    found = [Suggestion("category", c.name, _catalogue_url(category=c.slug)) for c in categories[:2]] + [
        Suggestion("shop", s.name, s.get_absolute_url()) for s in shops[:2]
    ]
    room = MAX_SUGGESTIONS - len(found)
    found = [Suggestion("product", name, _catalogue_url(search=name)) for name in products[:room]] + found
    cache.set(key, [asdict(s) for s in found], CACHE_SECONDS)
    return found
