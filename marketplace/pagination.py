import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` up to 100; a larger page size is capped, not an error.

    A `page` that is not a whole number is a 400 naming the parameter; a page past the end stays
    DRF's 404.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_number(self, request, paginator):
        number = super().get_page_number(request, paginator)
        if number in self.last_page_strings:
            return number
        if not str(number).isascii() or not str(number).isdigit():
            raise ValidationError({self.page_query_param: [_("Nomor halaman harus bilangan bulat positif.")]})
        return number


class CachedCountPaginator(Paginator):
    """Remembers `COUNT(*)` of a query for a short while.

    On the public catalogue the count is the most expensive query of a page (it visits every
    matching row); a total that lags a product or two behind for half a minute is harmless there.
    """

    count_ttl_seconds = 30

    @cached_property
    def count(self):
        key = "page-count:" + hashlib.sha1(str(self.object_list.query).encode()).hexdigest()
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, self.count_ttl_seconds)
        return count


class CataloguePagination(PageNumberPagination):
    django_paginator_class = CachedCountPaginator
