from django import template
from django.utils.translation import get_language

from sellers.models import BANGGA_BUATAN_INDONESIA_MIN_TKDN

register = template.Library()


@register.filter
def category_name(category) -> str:
    """A category's name in the page's language (categories carry an English name beside the Indonesian)."""
    if (get_language() or "").startswith("en") and category.name_en:
        return category.name_en
    return category.name


@register.simple_tag
def bbi_min_tkdn() -> int:
    """The TKDN from which a product carries the Bangga Buatan Indonesia badge, for the texts explaining it."""
    return BANGGA_BUATAN_INDONESIA_MIN_TKDN
