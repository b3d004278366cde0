from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` up to 100; a larger page size is capped, not an error."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
