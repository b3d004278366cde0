"""Search relevance: hits at 5 of the relevance set on the demo catalogue, per text search configuration.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/search_relevance.py [--config simple indonesian] [--legacy]

Needs a database holding `seed_demo`'s catalogue (the script reindexes it under each configuration
and leaves the last one in place). `--legacy` scores the search that came before full-text search
(the whole query as one substring of the product's or the shop's name, newest first), for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", nargs="*", default=["simple", "indonesian"])
    parser.add_argument("--legacy", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="print the top five of each failing case")
    parser.add_argument("--suggestions", action="store_true", help="also time uncached suggestions")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db.models import Q

    from sellers.search import search_backend, search_index
    from sellers.selectors import product_public_list
    from tests.sellers.relevance_set import CASES

    def top(query, legacy):
        products = product_public_list()
        if legacy:
            value = query.strip()
            products = products.filter(Q(name__icontains=value) | Q(seller__name__icontains=value))
        else:
            products = search_backend().search(products, query)
        return [(p.name, p.seller.name) for p in products[:5]]

    runs = [("legacy", True)] if args.legacy else [(config, False) for config in args.config]
    for config, legacy in runs:
        if not legacy:
            settings.SEARCH_TEXT_CONFIG = config
            search_index()
        hits, timings = 0, []
        for case in CASES:
            started = time.perf_counter()
            found = top(case.query, legacy)
            timings.append((time.perf_counter() - started) * 1000)
            if case.passes(found):
                hits += 1
            elif args.verbose:
                print(f"  miss {case.query!r}: {found}")
        print(
            f"{config:12} hits@5 {hits}/{len(CASES)} ({hits / len(CASES):.0%}), "
            f"median {statistics.median(timings):.1f} ms per query"
        )
    if args.suggestions:
        time_suggestions()


def time_suggestions():
    """Each two-to-five-letter start of the relevance set's words, through the API, the cache cleared
    before every request (what the first shopper to type those letters waits)."""
    from django.core.cache import cache
    from django.test import Client

    from sellers.models import Product
    from tests.sellers.relevance_set import CASES

    prefixes = sorted({case.query.split()[0][:n] for case in CASES for n in (2, 3, 5) if case.query[:2].isalpha()})
    client = Client()
    client.get("/api/v1/search/suggestions/?q=ko")  # warm up
    timings = []
    for prefix in prefixes:
        cache.clear()
        started = time.perf_counter()
        response = client.get("/api/v1/search/suggestions/", {"q": prefix})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    print(
        f"suggestions, uncached, {len(timings)} prefixes on {Product.objects.count()} products: "
        f"median {statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms, "
        f"max {timings[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
