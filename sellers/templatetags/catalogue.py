from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def category_name(category) -> str:
    """A category's name in the page's language (categories carry an English name beside the Indonesian)."""
    if (get_language() or "").startswith("en") and category.name_en:
        return category.name_en
    return category.name
