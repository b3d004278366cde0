"""Rates by origin and destination zone for every courier service, with delivery estimates.

The rows of the destination-only table become the rates from Java (where they were priced from),
J&T's under its EZ service; the other routes are opened from a JNE REG matrix scaled per service.
Staff keep them current in the admin; rows they already have are never overwritten here.
"""

from django.db import migrations

ZONES = ["jawa", "sumatera", "bali_nusa_tenggara", "kalimantan", "sulawesi", "maluku_papua"]

# JNE REG per kg, origin (row) to destination (column), in the order of ZONES.
JNE_REG = [
    [11000, 23000, 25000, 29000, 31000, 58000],
    [23000, 14000, 33000, 34000, 38000, 62000],
    [25000, 33000, 15000, 33000, 30000, 52000],
    [29000, 34000, 33000, 16000, 30000, 50000],
    [31000, 38000, 30000, 30000, 17000, 42000],
    [58000, 62000, 52000, 50000, 42000, 28000],
]

# (courier, service): (price factor against JNE REG in percent, extra days, faster by days)
SERVICES = {
    ("jne", "reg"): (100, 0, 0),
    ("jne", "yes"): (160, 0, 1),
    ("jnt", "ez"): (95, 0, 0),
    ("sicepat", "reg"): (90, 1, 0),
    ("sicepat", "best"): (140, 0, 1),
    ("anteraja", "reg"): (93, 1, 0),
    ("pos", "reg"): (85, 2, 0),
}


def eta(origin, destination):
    if origin == destination:
        return (1, 2) if origin == "jawa" else (2, 3)
    if "maluku_papua" in (origin, destination):
        return (4, 8)
    if "jawa" in (origin, destination):
        return (2, 4)
    return (3, 6)


def load(apps, schema_editor):
    ShippingRate = apps.get_model("orders", "ShippingRate")
    ShippingRate.objects.filter(courier="jnt", service="reg").update(service="ez")
    have = set(ShippingRate.objects.values_list("courier", "service", "origin_zone", "zone"))
    rows = []
    for (courier, service), (factor, slower, faster) in SERVICES.items():
        for i, origin in enumerate(ZONES):
            for j, destination in enumerate(ZONES):
                low, high = eta(origin, destination)
                low, high = max(1, low + slower - faster), max(1, high + slower - faster)
                if (courier, service, origin, destination) in have:
                    # A row of the old table: its price stays, it gains its estimate.
                    ShippingRate.objects.filter(
                        courier=courier, service=service, origin_zone=origin, zone=destination
                    ).update(eta_min_days=low, eta_max_days=high)
                    continue
                per_kg = round(JNE_REG[i][j] * factor / 100 / 500) * 500
                rows.append(
                    ShippingRate(
                        courier=courier, service=service, origin_zone=origin, zone=destination,
                        per_kg=per_kg, eta_min_days=low, eta_max_days=high,
                    )
                )
    # The shop's own courier: local delivery, offered only within one regency (the provider checks).
    for origin in ZONES:
        if ("toko", "lokal", origin, origin) not in have:
            rows.append(
                ShippingRate(
                    courier="toko", service="lokal", origin_zone=origin, zone=origin,
                    per_kg=5000, eta_min_days=1, eta_max_days=1,
                )
            )
    ShippingRate.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("orders", "0009_shipping_regions_rates_tracking")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
