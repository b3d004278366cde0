"""The category tree the marketplace opens with (the story: coffee, coffee-related, Muslim fashion)."""

from django.db import migrations

TREE = [
    ("kopi", "Kopi", "Coffee", [
        ("kopi-biji-mentah", "Biji kopi mentah (green bean)", "Green coffee beans"),
        ("kopi-biji-sangrai", "Biji kopi sangrai", "Roasted coffee beans"),
        ("kopi-bubuk", "Kopi bubuk", "Ground coffee"),
        ("kopi-siap-minum", "Kopi siap minum", "Ready-to-drink coffee"),
    ]),
    ("produk-terkait-kopi", "Produk terkait kopi", "Coffee-related products", [
        ("alat-seduh", "Alat seduh kopi", "Brewing tools"),
        ("gula-aren", "Gula aren", "Palm sugar"),
        ("cangkir-gelas", "Cangkir & gelas", "Cups & glasses"),
    ]),
    ("fesyen-muslim", "Fesyen muslim", "Muslim fashion", [
        ("gamis", "Gamis", "Gamis"),
        ("hijab", "Hijab", "Hijab"),
        ("baju-koko", "Baju koko", "Koko shirts"),
        ("mukena", "Mukena", "Mukena"),
    ]),
    ("makanan-minuman", "Makanan & minuman", "Food & drink", [
        ("camilan", "Camilan", "Snacks"),
        ("bumbu-rempah", "Bumbu & rempah", "Spices"),
        ("teh", "Teh", "Tea"),
        ("madu", "Madu", "Honey"),
    ]),
    ("kerajinan", "Kerajinan", "Crafts", [
        ("ukiran-kayu", "Ukiran kayu", "Wood carving"),
        ("batik-tenun", "Batik & tenun", "Batik & woven cloth"),
        ("anyaman", "Anyaman", "Woven crafts"),
        ("gerabah", "Gerabah & keramik", "Pottery & ceramics"),
    ]),
    ("produk-kesehatan", "Produk kesehatan", "Health products", [
        ("jamu-herbal", "Jamu & herbal", "Jamu & herbal"),
        ("masker-kain", "Masker kain", "Cloth masks"),
        ("hand-sanitizer", "Hand sanitizer", "Hand sanitiser"),
    ]),
]


def load(apps, schema_editor):
    Category = apps.get_model("sellers", "Category")
    for position, (slug, name, name_en, children) in enumerate(TREE):
        parent, _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position, "parent": None}
        )
        for child_position, (child_slug, child_name, child_name_en) in enumerate(children):
            Category.objects.update_or_create(
                slug=child_slug,
                defaults={"name": child_name, "name_en": child_name_en, "position": child_position, "parent": parent},
            )


def unload(apps, schema_editor):
    Category = apps.get_model("sellers", "Category")
    Category.objects.exclude(parent=None).delete()
    Category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("sellers", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
