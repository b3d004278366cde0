"""Regencies and districts with their Kemendagri codes, the lists the address pickers read, and the
matching of cities typed before the lists existed."""

import importlib

import pytest
from django.apps import apps

from marketplace.models import District, Regency
from marketplace.regions import regency_match
from sellers.models import Seller
from tests.factories import SellerFactory

pytestmark = pytest.mark.django_db


def test_every_regency_and_district_is_loaded_and_each_lies_in_its_parent():
    assert Regency.objects.count() == 514
    assert District.objects.count() == 7285
    assert all(code.startswith(regency) for code, regency in District.objects.values_list("code", "regency_id"))
    assert all(code.startswith(province) for code, province in Regency.objects.values_list("code", "province"))


def test_the_regencies_of_a_province(api):
    response = api.get("/api/v1/regencies/?province=34")

    assert response.status_code == 200
    assert {r["code"]: r["name"] for r in response.json()} == {
        "34.01": "Kabupaten Kulon Progo",
        "34.02": "Kabupaten Bantul",
        "34.03": "Kabupaten Gunungkidul",
        "34.04": "Kabupaten Sleman",
        "34.71": "Kota Yogyakarta",
    }
    assert {r["province"] for r in response.json()} == {"34"}


def test_all_514_regencies_without_a_province(api):
    assert len(api.get("/api/v1/regencies/").json()) == 514


def test_the_districts_of_a_regency(api):
    response = api.get("/api/v1/districts/?regency=34.71")

    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 14
    assert {"code": "34.71.10", "name": "Gondomanan", "regency": "34.71"} in rows


@pytest.mark.parametrize(
    "url, field",
    [
        ("/api/v1/regencies/?province=99", "province"),
        ("/api/v1/districts/", "regency"),
        ("/api/v1/districts/?regency=3471", "regency"),
        ("/api/v1/districts/?regency=34.71%00", "regency"),
    ],
)
def test_a_bad_list_query_is_a_400_naming_the_parameter(api, url, field):
    response = api.get(url)

    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    "province, city, code",
    [
        ("11", "Aceh Tengah", "11.04"),
        ("11", "Kabupaten Aceh Tengah", "11.04"),
        ("11", "kab. aceh  tengah", "11.04"),
        ("32", "Kota Bandung", "32.73"),
        ("32", "Bandung", None),  # both Kabupaten and Kota Bandung: the owner must pick
        ("33", "Bandung", None),  # no Bandung in Jawa Tengah
        ("34", "Jogja", None),
    ],
)
def test_a_typed_city_matches_a_regency_only_when_exactly_one_fits(province, city, code):
    found = regency_match(province=province, city=city)

    assert (found.code if found else None) == code


def test_the_migration_matches_existing_shops_cities_and_leaves_ambiguous_ones_to_their_owners():
    migration = importlib.import_module("sellers.migrations.0007_seller_regency_from_city")
    clear = SellerFactory(province="11", city="Aceh Tengah")
    ambiguous = SellerFactory(province="32", city="Bandung")

    migration.match_cities(apps, None)

    assert Seller.objects.get(pk=clear.pk).regency_id == "11.04"
    flagged = Seller.objects.get(pk=ambiguous.pk)
    assert flagged.regency_id is None and flagged.needs_region
