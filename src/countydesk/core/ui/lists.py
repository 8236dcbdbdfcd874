"""One way to show a list: a filter form, a paged table, an Excel export and a print view."""

from dataclasses import dataclass
from typing import Any, Callable

from django.core.paginator import Paginator
from django.shortcuts import render

from .tables import Column, for_viewer, xlsx_response
from .times import shown


@dataclass(frozen=True)
class LinkColumn(Column):
    link: Callable[[Any], str] | None = None


@dataclass
class ListPage:
    title: Any
    columns: list[Column]
    filename: str
    per_page: int = 50

    def respond(self, request, queryset, form=None, extra: dict | None = None, template="core/list.html"):
        columns = for_viewer(self.columns, request.user)
        if request.GET.get("format") == "xlsx":
            return xlsx_response(self.title, columns, queryset, self.filename)
        page = Paginator(queryset, self.per_page).get_page(request.GET.get("page"))
        rows = [
            [(shown(c.value(obj)), c.link(obj) if getattr(c, "link", None) else None) for c in columns]
            for obj in page.object_list
        ]
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "title": self.title,
            "columns": self.columns,
            "rows": rows,
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "export_query": _with(query, format="xlsx"),
        }
        return render(request, template, context | (extra or {}))


def _with(query, **params):
    query = query.copy()
    for key, value in params.items():
        query[key] = value
    return query.urlencode()
