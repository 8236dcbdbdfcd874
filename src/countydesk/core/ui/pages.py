"""Record pages: a create/edit form that saves through a service, and a detail page of label/value pairs."""

from dataclasses import dataclass, field
from typing import Any, Callable

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from countydesk.base.errors import ServiceError

from .times import shown


def form_page(request, form, save: Callable, title, done: Callable[[Any], str]):
    """A create/edit page: on a valid POST call `save(user, **cleaned_data)` (a service) and go to `done(obj)`."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(done(obj))
    return render(request, "core/record_form.html", {"form": form, "title": title})


@dataclass
class Table:
    title: Any
    headers: list
    rows: list
    add_url: str | None = None


@dataclass
class Detail:
    """A record page: label/value pairs, related tables and action links."""

    title: Any
    pairs: list[tuple[Any, Any]]
    tables: list[Table] = field(default_factory=list)
    actions: list[tuple[Any, str]] = field(default_factory=list)

    def render(self, request, extra: dict | None = None, template: str = "core/record_detail.html"):
        self.pairs = [(label, shown(value)) for label, value in self.pairs]
        for table in self.tables:
            table.rows = [[shown(cell) for cell in row] for row in table.rows]
        return render(request, template, {"detail": self, "title": self.title} | (extra or {}))
