from django.apps import AppConfig
from django.db.models.signals import post_init, post_save
from django.utils.translation import gettext_lazy as _

# django-imagekit's receivers for every model's post_init and post_save (it cannot tell abstract
# models' subclasses apart when it connects): they hash a model's image fields so that a changed
# image can tell its specs' cache-file strategy. Ours (`MadeOnUpload`) makes renditions when a photo
# is uploaded and listens to nothing, so the receivers only cost every model instance of the site a
# signal dispatch: 300 Python calls per checkout (docs/benchmarks.md).
IMAGEKIT_RECEIVERS = "ik_spec_field_receivers"


class SellersConfig(AppConfig):
    """Shops, their verification by the ministry, categories and the product catalogue."""

    name = "sellers"
    verbose_name = _("Toko dan katalog")

    def ready(self):
        post_init.disconnect(dispatch_uid=IMAGEKIT_RECEIVERS)
        post_save.disconnect(dispatch_uid=IMAGEKIT_RECEIVERS)
