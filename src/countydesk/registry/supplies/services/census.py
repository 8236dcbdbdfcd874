"""Census campaigns (应急物资普查): open, upload and check, import as receipts, consolidate."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record, snapshot
from countydesk.base.errors import Conflict, ServiceError, TooLarge, ValidationFailed
from countydesk.base.services import validated_save
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit

from .. import census_excel, rules
from ..choices import CampaignStatus, DepotKind, MovementKind
from ..models import CensusCampaign, CensusUpload, Depot, Item, StockMovement
from .common import require_unit
from .depots import do_create_depot
from .stock import post_movement, receipt_batch

CENSUS_UNIT_KINDS = [UnitKind.TOWNSHIP, UnitKind.DEPARTMENT]


@transaction.atomic
def do_open_campaign(actor, title: str, deadline: date) -> CensusCampaign:
    require(actor, "supplies.manage")
    campaign = validated_save(CensusCampaign(title=title, deadline=deadline))
    record(actor, "census.open", campaign, after=snapshot(campaign))
    return campaign


@transaction.atomic
def do_close_campaign(actor, campaign: CensusCampaign) -> CensusCampaign:
    require(actor, "supplies.manage")
    campaign = CensusCampaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.OPEN:
        raise Conflict(_("This census is already closed."))
    campaign.status = CampaignStatus.CLOSED
    campaign.save(update_fields=["status"])
    record(actor, "census.close", campaign, before={"status": "open"}, after={"status": campaign.status})
    return campaign


def census_template(unit: Unit) -> bytes:
    return census_excel.template(list(Item.objects.filter(active=True)), unit, rules.census_max_rows())


def check_workbook(unit: Unit, data: bytes) -> census_excel.Checked:
    max_bytes = rules.census_max_upload_bytes()
    if len(data) > max_bytes:
        raise TooLarge(_("The file is larger than %d MB.") % (max_bytes // 2**20))
    try:
        rows = census_excel.read_rows(data, rules.census_max_rows())
    except census_excel.BadWorkbook as exc:
        raise ValidationFailed(str(exc), fields={"file": [str(exc)]}) from exc
    checker = census_excel.RowChecker(unit, {i.code: i for i in Item.objects.filter(active=True)},
                                      set(Unit.objects.values_list("name", flat=True)), timezone.localdate())
    return checker.check(rows)


@transaction.atomic
def do_upload_census(actor, campaign: CensusCampaign, unit: Unit, data: bytes, filename: str,
                     mode: str = "clean") -> CensusUpload:
    """Check a workbook and keep its report. mode: "check" only, "clean" imports a clean file,
    "good_rows" imports the valid rows even when others are bad (the user asked explicitly)."""
    require_unit(actor, unit)
    _require_open(campaign)
    checked = check_workbook(unit, data)
    upload = CensusUpload.objects.create(
        campaign=campaign, unit=unit, uploaded_by=actor if getattr(actor, "pk", None) else None,
        filename=filename[:200], rows_total=checked.rows_total, errors=checked.errors, good_rows=checked.good)
    record(actor, "census.upload", upload, after={"file": upload.filename, "rows": checked.rows_total,
                                                  "errors": len(checked.errors)}, unit=unit)
    if mode == "good_rows" or (mode == "clean" and not checked.errors):
        _import(actor, upload)
    return upload


@transaction.atomic
def do_import_census_upload(actor, upload: CensusUpload, good_rows_only: bool = False) -> CensusUpload:
    """Import an upload checked earlier: a clean one, or only its good rows when asked explicitly."""
    upload = CensusUpload.objects.select_for_update().select_related("campaign", "unit").get(pk=upload.pk)
    require_unit(actor, upload.unit)
    _require_open(upload.campaign)
    if upload.errors and not good_rows_only:
        raise Conflict(_("The file has errors: correct them, or import only the good rows."), code="file_has_errors")
    return _import(actor, upload)


def _require_open(campaign: CensusCampaign):
    if campaign.status != CampaignStatus.OPEN:
        raise Conflict(_("This census is closed."), code="census_closed")


def _import(actor, upload: CensusUpload) -> CensusUpload:
    if upload.imported_at or CensusUpload.objects.filter(campaign=upload.campaign, unit=upload.unit,
                                                         imported_at__isnull=False).exists():
        raise Conflict(_("This unit's census return is already imported."), code="already_imported")
    if not upload.good_rows:
        raise ValidationFailed(_("There are no valid rows to import."), fields={"file": [_("No valid rows.")]})
    depot = _unit_depot(actor, upload.unit, upload.good_rows[0])
    items = Item.objects.in_bulk([row["item_id"] for row in upload.good_rows])
    for row in upload.good_rows:
        production = date.fromisoformat(row["production_date"]) if row["production_date"] else None
        batch = receipt_batch(items[row["item_id"]], f"PC{upload.campaign_id}-{upload.pk}-{row['row']}", production)
        post_movement(actor, depot, batch, MovementKind.RECEIPT, Decimal(row["quantity"]), census_upload=upload,
                      reason=_("Census"), reference=upload.campaign.title[:60])
    upload.imported_at, upload.imported_rows, upload.depot = timezone.now(), len(upload.good_rows), depot
    upload.save(update_fields=["imported_at", "imported_rows", "depot"])
    record(actor, "census.import", upload, after={"rows": upload.imported_rows, "depot": depot.pk}, unit=upload.unit)
    return upload


def _unit_depot(actor, unit: Unit, first_row: dict) -> Depot:
    depot = Depot.objects.filter(unit=unit, active=True).order_by("id").first()
    if depot is not None:
        return depot
    return do_create_depot(actor, name=_("%s supplies depot") % unit.name, kind=DepotKind.GOVERNMENT, unit=unit,
                           address=first_row["address"], manager=first_row["manager"], phone=first_row["phone"])


def census_summary(campaign: CensusCampaign) -> dict:
    """Totals per top-level class × township/department, and the units that have not submitted."""
    totals = (StockMovement.objects.filter(census_upload__campaign=campaign).order_by()
              .values("census_upload__unit_id", klass=Substr("item__code", 1, 1))
              .annotate(records=Count("id"), quantity=Sum("quantity")))
    cells = {(t["census_upload__unit_id"], t["klass"]): t for t in totals}
    units = Unit.objects.filter(kind__in=CENSUS_UNIT_KINDS, active=True).order_by("kind", "sort", "name")
    submitted = set(campaign.uploads.filter(imported_at__isnull=False).values_list("unit_id", flat=True))
    rows = [{"unit": u, "submitted": u.pk in submitted,
             "cells": [cells.get((u.pk, k)) for k in "123"]} for u in units]
    return {"rows": rows, "missing": [r["unit"] for r in rows if not r["submitted"]]}
