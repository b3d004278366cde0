"""Small helpers every app's web pages share: who may see a page, pages of a list, filters, CSV.

Written once here so that a rule such as "ministry pages answer 403 to other users" cannot drift
between apps.
"""

import csv
from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpResponse


def ministry_required(view):
    """Anonymous users are sent to log in; logged-in users outside the ministry get a 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_ministry:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class MinistryRequiredMixin(LoginRequiredMixin):
    """The class-based view's form of `ministry_required`."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_ministry:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def page_of(request, object_list, per_page: int) -> Page:
    """The page `?page=` asks for; a page number that is not one, or is past the end, gives the nearest page."""
    return Paginator(object_list, per_page).get_page(request.GET.get("page"))


def status_param(value, choices) -> str:
    """A `?status=` filter: one of `choices`' values, or "" (no filter) for anything else."""
    return value if value in choices.values else ""


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download; `None` is written as an empty cell (a figure that has no value, not zero)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return response
