"""docs/api.md, "Reference data": the provinces and the category tree, read in one query and never
changed by reading."""

import pytest

from marketplace.provinces import PROVINCES
from sellers.models import Category

pytestmark = pytest.mark.django_db


def test_the_provinces_are_all_38_with_their_kemendagri_codes(api):
    response = api.get("/api/v1/provinces/")

    assert response.status_code == 200
    body = response.json()
    assert len(body) == 38
    assert {"code": "34", "name": "DI Yogyakarta"} in body
    assert {"code": "11", "name": "Aceh"} in body
    assert {"code": "96", "name": "Papua Barat Daya"} in body
    assert {row["code"] for row in body} == set(PROVINCES)
    assert all(set(row) == {"code", "name"} for row in body)


def test_the_categories_are_a_tree_with_coffee_and_its_children(api):
    response = api.get("/api/v1/categories/")

    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert all(set(row) == {"id", "slug", "name", "parent"} for row in body)
    by_slug = {row["slug"]: row for row in body}
    kopi = by_slug["kopi"]
    assert kopi["parent"] is None
    children = {row["slug"] for row in body if row["parent"] == kopi["id"]}
    assert children == {"kopi-biji-mentah", "kopi-biji-sangrai", "kopi-bubuk", "kopi-siap-minum"}
    assert by_slug["fesyen-muslim"]["parent"] is None
    assert by_slug["gamis"]["parent"] == by_slug["fesyen-muslim"]["id"]


def test_top_level_categories_come_before_their_children(api):
    body = api.get("/api/v1/categories/").json()

    parents = [index for index, row in enumerate(body) if row["parent"] is None]
    children = [index for index, row in enumerate(body) if row["parent"] is not None]
    assert max(parents) < min(children)


def test_the_category_list_is_one_query(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        api.get("/api/v1/categories/")


def test_categories_are_reference_data_not_changed_by_reads(api):
    before = Category.objects.count()

    api.get("/api/v1/categories/")

    assert Category.objects.count() == before
