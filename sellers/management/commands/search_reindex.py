"""`manage.py search_reindex`: rebuild every product's search document (after an upgrade, after
changing `SEARCH_TEXT_CONFIG`, or after loading products in bulk); `--missing` only fills the gaps."""

from django.core.management.base import BaseCommand

from sellers.models import Product
from sellers.search import search_index


class Command(BaseCommand):
    help = "Rebuild the search documents of the products."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="only products without a document yet")

    def handle(self, *args, missing=False, **options):
        products = Product.objects.filter(search_text="") if missing else Product.objects.all()
        ids = list(products.values_list("pk", flat=True))
        search_index(ids)
        self.stdout.write(f"{len(ids)} products indexed.")
