"""The stored search document of each product, and the vocabulary typos are corrected towards.

On PostgreSQL the weighted vector gets a GIN index and the vocabulary a trigram index (pg_trgm, which
the trigram indexes of the product and shop names already need). SQLite keeps only the columns.
Existing products get their documents from `manage.py search_reindex` (`seed_demo` runs it too).
"""

import django.contrib.postgres.search
from django.db import migrations, models

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS product_search_vector ON sellers_product USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS searchword_word_trgm ON sellers_searchword USING gin (word gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS product_search_vector", "DROP INDEX IF EXISTS searchword_word_trgm"]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("sellers", "0004_nib_ascii_digits")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=40, unique=True)),
            ],
        ),
        migrations.AddField(
            model_name="product",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="product",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
