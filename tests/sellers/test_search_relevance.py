"""The relevance set on the demo catalogue: each query brings what a shopper expects into its top five.

Full-text ranking and typo correction are PostgreSQL's (the embedded SQLite fallback only matches
words), so the set runs where CI runs: on PostgreSQL.
"""

import pytest
from django.db import connection

from sellers.demo import DemoContext, seed_accounts, seed_products, seed_shops
from sellers.search import search_backend
from sellers.selectors import product_public_list
from tests.sellers.relevance_set import CASES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text ranking is PostgreSQL's"),
]


def test_every_query_of_the_relevance_set_finds_its_products_in_the_top_five():
    ctx = DemoContext()
    for step in (seed_accounts, seed_shops, seed_products):
        step(ctx)

    misses = {}
    for case in CASES:
        top = [(p.name, p.seller.name) for p in search_backend().search(product_public_list(), case.query)[:5]]
        if not case.passes(top):
            misses[case.query] = top

    assert len(CASES) >= 40
    assert misses == {}
