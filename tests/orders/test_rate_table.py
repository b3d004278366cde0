"""The staff-kept rate table as a rate provider: every route priced, fees that grow with weight."""

import pytest

from marketplace.couriers import AGGREGATED, Courier
from marketplace.provinces import PROVINCES
from orders.rates import Parcel, Place, TableRates, billable_kg, rate_table

pytestmark = pytest.mark.django_db

NATIONAL = tuple(str(c) for c in AGGREGATED)


def parcel(origin: str, destination: str, grams: int, couriers=NATIONAL) -> Parcel:
    return Parcel(Place(origin), Place(destination), weight_grams=grams, value=100000, couriers=couriers)


def test_every_province_can_send_to_every_province_with_every_national_courier():
    provider, table = TableRates(), rate_table()
    for origin in PROVINCES:
        for destination in PROVINCES:
            options = provider.parcel_options(parcel(origin, destination, 1000), table)
            assert {o.courier for o in options.rates} == set(NATIONAL), (origin, destination)


@pytest.mark.parametrize("grams", [1, 999, 1000, 1001, 2500, 30000])
def test_a_fee_is_the_billable_kilograms_times_the_routes_rate(grams):
    per_kg = {(c, s, o, d): row[0] for (c, s, o, d), row in rate_table().items()}

    for option in TableRates().parcel_options(parcel("11", "34", grams)).rates:
        assert option.fee == billable_kg(grams) * per_kg[(option.courier, option.service, "sumatera", "jawa")]


def test_a_heavier_parcel_never_costs_less_on_any_route():
    provider, table = TableRates(), rate_table()
    weights = [1, 1000, 1001, 5000, 5001, 20000]
    for origin in ("11", "31", "51", "64", "73", "91"):
        for destination in ("11", "31", "51", "64", "73", "91"):
            fees = [
                {o.key: o.fee for o in provider.parcel_options(parcel(origin, destination, g), table).rates}
                for g in weights
            ]
            for lighter, heavier in zip(fees, fees[1:], strict=False):
                assert all(heavier[key] >= fee for key, fee in lighter.items()), (origin, destination)


def test_options_come_cheapest_first_and_only_for_the_couriers_the_shop_offers():
    options = TableRates().parcel_options(parcel("31", "73", 1500, couriers=("jne", "pos"))).rates

    assert {o.courier for o in options} == {"jne", "pos"}
    assert [o.fee for o in options] == sorted(o.fee for o in options)
    assert Courier.TOKO not in {o.courier for o in options}
