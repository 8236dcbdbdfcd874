"""Import and export pages of every registry database: the template, the upload with its per-row
report, and the whole database (what the user may see) as .xlsx."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from countydesk.base.errors import NotFound, ServiceError, ValidationFailed
from countydesk.core.ui.errors import forbidden

from . import rules
from .kit import KEY, get_database, run_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _database(name):
    try:
        return get_database(name)
    except NotFound:
        raise Http404 from None


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(content, content_type=XLSX,
                        headers={"Content-Disposition": content_disposition_header(True, filename)})


def links(user, name: str) -> dict:
    """Context for a list page's import and export buttons (`io` in the registry list templates)."""
    database = _database(name)
    return {"io": {"label": database.label, "export_url": f"/registry/{name}/export/",
                   "import_url": f"/registry/{name}/import/" if database.can_import(user) else None}}


@login_required
def import_view(request, name):
    """GET ?template=1: the empty template; POST: import the file, or report every bad row."""
    database = _database(name)
    if not database.can_import(request.user):
        return forbidden(request)
    if request.GET.get("template"):
        return _xlsx(database.template(), f"{name}-template.xlsx")
    report, problem = None, None
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES["file"]
        try:
            max_bytes = rules.max_upload_bytes()
            if upload.size > max_bytes:
                raise ValidationFailed(_("The file is larger than %d MB.") % (max_bytes // 1024 // 1024))
            report = run_import(database, request.user, upload, filename=upload.name,
                                dry_run=bool(request.POST.get("dry_run")), partial=bool(request.POST.get("partial")))
        except ServiceError as exc:
            problem = f"{exc.message} {' '.join(m for ms in exc.fields.values() for m in map(str, ms))}"
        else:
            if report.rows_imported and not report.errors:
                messages.success(request, _("%(rows)d rows imported: %(created)d created, %(updated)d updated, "
                                            "%(unchanged)d unchanged.")
                                 % {"rows": report.rows_imported, "created": report.created,
                                    "updated": report.updated, "unchanged": report.unchanged})
                return redirect(database.list_url)
    return render(request, "sheets/import.html", {
        "title": _("Import: %s") % database.label, "database": database, "report": report, "problem": problem,
        "columns": [str(c.header) for c in database.columns], "key": str(KEY.header),
    })


@login_required
def export_view(request, name):
    database = _database(name)
    content, _count = database.export(request.user)
    return _xlsx(content, f"{name}-{timezone.localdate().isoformat()}.xlsx")
