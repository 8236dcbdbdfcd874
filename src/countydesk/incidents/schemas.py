"""Input and output shapes of the incident API, shared by the signed intake, the forms and the import."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AwareDatetime, ConfigDict, ValidationError, model_validator

from countydesk.base.api import Row, validation_fields
from countydesk.base.errors import ValidationFailed
from countydesk.core.ui.times import stamp

from . import rules
from .choices import ReportKind
from .services import IntakeData


class IntakeIn(Schema):
    """The body of POST /api/intake/{channel}; keys not named here are kept with the raw payload."""

    model_config = ConfigDict(extra="allow")

    external_id: str = Field(..., min_length=1, max_length=100)
    occurred_at: AwareDatetime | None = None
    received_at: AwareDatetime
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    address: str = Field("", max_length=300)
    category_hint: str = Field("", max_length=100)
    description: str = Field("", max_length=5000)
    caller_name: str = Field("", max_length=50)
    caller_phone: str = Field("", max_length=30)
    deaths: int = Field(0, ge=0, le=100_000)
    seriously_injured: int = Field(0, ge=0, le=100_000)
    injured: int = Field(0, ge=0, le=100_000)
    trapped: int = Field(0, ge=0, le=100_000)
    missing: int = Field(0, ge=0, le=100_000)
    direct_loss: Decimal = Field(Decimal(0), ge=0, max_digits=14, decimal_places=0)

    @model_validator(mode="after")
    def _located(self):
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together")
        if self.lat is None and not self.address.strip():
            raise ValueError("lat/lon or address is required")
        return self


def intake_data(schema: type[Schema], raw: dict, **defaults) -> IntakeData:
    """Validate `raw` against `schema` into IntakeData, or raise ValidationFailed naming the fields."""
    try:
        parsed = schema.model_validate(raw | defaults)
    except ValidationError as exc:
        raise ValidationFailed(_("Some fields are invalid."), fields=validation_fields(exc.errors())) from exc
    values = parsed.model_dump(include=set(IntakeData.__dataclass_fields__))
    _within_window(values)
    return IntakeData(**values, raw=raw)


def _within_window(values: dict):
    """Times far from now (9999-12-31, 0001-01-01) are refused: they are no real report and break matching."""
    before, after = rules.intake_window()
    now = timezone.now()
    wrong = {name: [_("Must lie between %(start)s and %(end)s.") % {
                 "start": stamp(now - before), "end": stamp(now + after)}]
             for name in ("received_at", "occurred_at")
             if values.get(name) is not None and not now - before <= values[name] <= now + after}
    if wrong:
        raise ValidationFailed(_("Some fields are invalid."), fields=wrong)


class IntakeOut(Row):
    intake_id: int
    external_id: str
    state: str  # received (waiting in the inbox), joined (to its incident), failed
    incident_id: int | None
    incident_number: str | None
    type_code: str
    township_id: int | None
    grade: int | None


class IncidentOut(Row):
    id: int
    title: str
    status: str
    category: str
    type_code: str
    grade: int
    township_id: int | None
    occurred_at: datetime | None
    received_at: datetime
    lat: float | None
    lon: float | None
    address: str
    description: str
    deaths: int
    seriously_injured: int
    injured: int
    trapped: int
    missing: int
    direct_loss: Decimal
    figures_verified: bool
    type_basis: str
    type_evidence: str


class FiguresIn(Schema):
    """Verified figures; they replace the callers' (a figure left out is 0)."""

    deaths: int = Field(..., ge=0)
    seriously_injured: int = Field(..., ge=0)
    injured: int = Field(0, ge=0)
    trapped: int = Field(0, ge=0)
    missing: int = Field(0, ge=0)
    direct_loss: Decimal = Field(..., ge=0, max_digits=14, decimal_places=0)


class IncidentPatch(Schema):
    """Corrections by the duty officer: the suggested type and township are only suggestions."""

    title: str | None = Field(None, min_length=1, max_length=200)
    type_code: str | None = Field(None, max_length=3)
    township_id: int | None = None
    address: str | None = Field(None, max_length=300)
    description: str | None = Field(None, max_length=5000)


class NoteIn(Schema):
    note: str = Field("", max_length=300)


class MergeIn(Schema):
    incident_ids: list[int] = Field(..., min_length=1, max_length=50)


class SplitIn(Schema):
    intake_ids: list[int] = Field(..., min_length=1, max_length=200)


class ReportIn(Schema):
    kind: ReportKind


class ReportOut(Row):
    id: int
    incident_id: int
    kind: str
    seq: int
    status: str
    label: str
    unit_id: int
    received_at: datetime
    source: str
    place: str
    nature: str
    deaths: int
    seriously_injured: int
    injured: int
    trapped: int
    missing: int
    direct_loss: Decimal
    course: str
    measures: str
    signed_at: datetime | None
    sent_at: datetime | None
