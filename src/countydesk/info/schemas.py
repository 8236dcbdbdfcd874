"""API schemas of the information chapter: Row outputs, ninja Schema inputs with limits."""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import field_validator

from countydesk.base.api import Row

from .choices import AttendanceStatus, Kind, Tone


class ThemeOut(Row):
    id: int
    number: int
    title: str


class GuidanceOut(Row):
    id: int
    year: int
    title: str
    themes: list[ThemeOut]

    @field_validator("themes", mode="before")
    @classmethod
    def _related(cls, value):
        return list(value.all()) if hasattr(value, "all") else value


class GuidanceIn(Schema):
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=2, max_length=200)
    body: str = Field("", max_length=20000)
    themes: list[str] = Field(min_length=1, max_length=30)


class TopicOut(Row):
    id: int
    unit_id: int
    title: str
    outline: str
    theme_id: int | None
    intended_month: date
    status: str
    reason: str
    sequence: int | None
    due: date | None


class TopicIn(Schema):
    title: str = Field(min_length=2, max_length=200)
    outline: str = Field(min_length=2, max_length=20000)
    intended_month: date
    theme_id: int | None = None
    unit_id: int | None = None


class ReasonIn(Schema):
    reason: str = Field("", max_length=2000)


class ScheduleIn(Schema):
    due: date | None = None


class CommissionIn(Schema):
    requirements: str = Field(min_length=2, max_length=5000)
    deadline: date | None = None


class CommissionOut(Row):
    id: int
    number: str
    topic_id: int
    unit_id: int
    requirements: str
    deadline: date
    status: str
    submission_id: int | None
    fulfilled_at: datetime | None


class FulfilIn(Schema):
    submission_id: int


class SubmissionOut(Row):
    id: int
    unit_id: int
    title: str
    body: str
    kind: str
    tone: str
    theme_id: int | None
    early_signal: bool
    status: str
    writer_name: str
    event_at: datetime
    place: str
    source: str
    collected_at: datetime
    written_at: datetime
    deadline: datetime
    submitted_at: datetime | None
    signed_at: datetime | None
    published_at: datetime | None
    review_comment: str
    follow_up_of_id: int | None
    version: int


class SubmissionListOut(Row):
    id: int
    unit_id: int
    title: str
    kind: str
    tone: str
    theme_id: int | None
    status: str
    writer_name: str
    event_at: datetime
    submitted_at: datetime | None
    version: int


class SubmissionIn(Schema):
    title: str = Field(min_length=2, max_length=200)
    body: str = Field(min_length=2, max_length=50000)
    kind: Kind = Kind.NEWS
    tone: Tone = Tone.NEUTRAL
    theme_id: int | None = None
    early_signal: bool = False
    event_at: datetime
    place: str = Field("", max_length=100)
    source: str = Field("", max_length=100)
    collected_at: datetime | None = None
    written_at: datetime | None = None
    writer_name: str | None = Field(None, max_length=50)
    unit_id: int | None = None
    request_id: int | None = None


class SubmissionPatch(Schema):
    title: str | None = Field(None, min_length=2, max_length=200)
    body: str | None = Field(None, min_length=2, max_length=50000)
    kind: Kind | None = None
    tone: Tone | None = None
    theme_id: int | None = None
    early_signal: bool | None = None
    event_at: datetime | None = None
    place: str | None = Field(None, max_length=100)
    source: str | None = Field(None, max_length=100)
    collected_at: datetime | None = None
    written_at: datetime | None = None
    writer_name: str | None = Field(None, max_length=50)
    note: str = Field("", max_length=200)


class CommentIn(Schema):
    comment: str = Field("", max_length=5000)


class VersionOut(Row):
    number: int
    title: str
    body: str
    editor_name: str
    note: str
    at: datetime


class AttachmentOut(Row):
    id: int
    name: str
    size: int


class FollowUpRequestIn(Schema):
    note: str = Field(min_length=2, max_length=2000)
    due: datetime | None = None


class FollowUpRequestOut(Row):
    id: int
    submission_id: int
    note: str
    due: datetime
    status: str
    answer_id: int | None


class TrainingIn(Schema):
    title: str = Field(min_length=2, max_length=200)
    start: date
    end: date
    place: str = Field("", max_length=100)
    note: str = Field("", max_length=2000)


class TrainingOut(Row):
    id: int
    title: str
    start: date
    end: date
    place: str


class AttendanceIn(Schema):
    person_id: int
    status: AttendanceStatus


class SameDayOut(Row):
    unit: str
    month: str
    total: int
    same_day: int
    rate: int


class BalanceOut(Row):
    unit_id: int
    unit: str
    counts: dict[str, int]
    total: int


class ScoreRuleOut(Row):
    id: int
    code: str
    name: str
    category: str
    level: str
    points: int


class AdoptionIn(Schema):
    rule_id: int
    on: date
    note: str = Field("", max_length=200)


class AdoptionOut(Row):
    id: int
    submission_id: int
    rule_id: int
    points: int
    on: date


class RankOut(Row):
    unit_id: int
    unit: str
    points: int
    adopted: int
    deductions: list[str]
    zeroed: bool
