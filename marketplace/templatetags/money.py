from django import template

from marketplace.money import format_rupiah

register = template.Library()


@register.filter(name="rupiah")
def rupiah(value):
    return format_rupiah(value)
