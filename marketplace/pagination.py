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
            raise ValidationError({self.page_query_param: ["Nomor halaman harus bilangan bulat positif."]})
        return number
