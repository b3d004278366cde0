"""django-imagekit watches no model: renditions are made when a photo is uploaded (MadeOnUpload)."""

from django.db.models.signals import post_init, post_save

from orders.models import Order, OrderLine
from orders.models_aftersales import ReviewPhoto
from sellers.models import Product, ProductPhoto, ProductVariant


def test_making_a_model_instance_dispatches_no_signal():
    """Every order line, variant or photo read would otherwise pay imagekit's hashing of its images."""
    for model in (Order, OrderLine, Product, ProductVariant, ProductPhoto, ReviewPhoto):
        assert not post_init.has_listeners(model), model


def test_saving_a_photo_tells_imagekit_nothing():
    assert not any(post_save.has_listeners(model) for model in (ProductPhoto, ReviewPhoto))
