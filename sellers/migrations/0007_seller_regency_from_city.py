"""Match each shop's free-text city to its regency where exactly one fits; the rest are left for
their owners, whom the seller centre asks to pick from the lists."""

import re

from django.db import migrations

KIND = re.compile(r"^(kabupaten|kab\.?|kota)\s+", re.IGNORECASE)


def bare(name):
    return " ".join(KIND.sub("", name.strip()).lower().split())


def kind(name):
    match = KIND.match(name.strip())
    if not match:
        return ""
    return "kota" if match.group(1).lower() == "kota" else "kabupaten"


def match_cities(apps, schema_editor):
    Seller = apps.get_model("sellers", "Seller")
    Regency = apps.get_model("marketplace", "Regency")
    regencies = list(Regency.objects.all())
    for seller in Seller.objects.filter(regency__isnull=True).only("id", "province", "city"):
        wanted, wanted_kind = bare(seller.city), kind(seller.city)
        fits = [
            r
            for r in regencies
            if r.province == seller.province
            and bare(r.name) == wanted
            and (not wanted_kind or kind(r.name) == wanted_kind)
        ]
        if wanted and len(fits) == 1:
            Seller.objects.filter(pk=seller.pk).update(regency_id=fits[0].code)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0002_regions"),
        ("sellers", "0006_seller_regions_couriers"),
    ]
    operations = [migrations.RunPython(match_cities, migrations.RunPython.noop)]
