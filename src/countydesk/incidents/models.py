"""Intakes (接报), incidents (突发事件) with grades and a timeline, reports (信息报告) with deadlines (their
deliveries are core outbox messages)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countydesk.audit.display import actor_name_text
from countydesk.core.outbox.queries import summary_label
from countydesk.core.records import NumberRule
from countydesk.core.taxonomy import CATEGORY_CHOICES, EVENT_TYPE_CHOICES

from .choices import (GRADE_NUMERALS, Channel, DeadlineKind, Grade, ReportKind, ReportStatus,
                      Status, TypeBasis, report_label)

LAT = [MinValueValidator(-90), MaxValueValidator(90)]
LON = [MinValueValidator(-180), MaxValueValidator(180)]


class IntakeClient(models.Model):
    """An external system allowed to post signed intakes (110, 119, 120, flood control …)."""

    name = models.CharField(_("name"), max_length=80)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    client_id = models.CharField(_("client id"), max_length=40, unique=True, editable=False)
    # Fernet token of the shared secret, keyed from SECRET_KEY (see incidents.signing).
    secret_encrypted = models.TextField(editable=False)
    created = models.DateTimeField(_("created at"), auto_now_add=True)
    rotated = models.DateTimeField(_("key rotated at"), null=True, blank=True, editable=False)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("intake client")
        verbose_name_plural = _("intake clients")

    def __str__(self):
        return f"{self.name} ({self.client_id})"


class Incident(models.Model):
    """One event (突发事件) that one or more intakes are about."""

    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    category = models.CharField(_("category"), max_length=1, choices=CATEGORY_CHOICES, blank=True)
    type_code = models.CharField(_("type"), max_length=3, choices=EVENT_TYPE_CHOICES, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), choices=Grade.choices, default=Grade.IV)
    township = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="incidents", verbose_name=_("township"))
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True, validators=LAT)
    lon = models.FloatField(_("longitude"), null=True, blank=True, validators=LON)
    address = models.CharField(_("address"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    deaths = models.PositiveIntegerField(_("deaths"), default=0)
    seriously_injured = models.PositiveIntegerField(_("seriously injured"), default=0)
    injured = models.PositiveIntegerField(_("injured"), default=0)
    trapped = models.PositiveIntegerField(_("trapped"), default=0)
    missing = models.PositiveIntegerField(_("missing persons"), default=0)
    direct_loss = models.DecimalField(_("direct loss (yuan)"), max_digits=14, decimal_places=0, default=0)
    # False while the figures are what callers said (read from their words or sent by their systems); True once
    # the duty officer has entered figures checked on the ground.
    figures_verified = models.BooleanField(_("figures verified"), default=False)
    type_basis = models.CharField(_("type decided by"), max_length=8, choices=TypeBasis.choices, blank=True)
    type_evidence = models.CharField(_("type evidence"), max_length=200, blank=True)
    phone_reported_at = models.DateTimeField(_("phone report made at"), null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged",
                                    verbose_name=_("merged into"))
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"{self.received_at:%Y}-{self.pk:05d}"

    @property
    def grade_numeral(self) -> str:
        return GRADE_NUMERALS[self.grade]

    @property
    def has_casualties(self) -> bool:
        return any(getattr(self, f) for f in CASUALTY_FIELDS)

    @property
    def figures_from_callers(self) -> bool:
        """Figures are shown marked 来电人所述，未核实 until the duty officer confirms them."""
        return not self.figures_verified and (self.has_casualties or bool(self.direct_loss))


CASUALTY_FIELDS = ("deaths", "seriously_injured", "injured", "trapped", "missing")


class Intake(models.Model):
    """One arrival of information (接报) from any channel; the raw payload is kept as it came."""

    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    client = models.ForeignKey(IntakeClient, null=True, blank=True, on_delete=models.PROTECT, related_name="intakes")
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"))
    lat = models.FloatField(_("latitude"), null=True, blank=True, validators=LAT)
    lon = models.FloatField(_("longitude"), null=True, blank=True, validators=LON)
    address = models.CharField(_("address"), max_length=300, blank=True)
    category_hint = models.CharField(_("category hint"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    caller_name = models.CharField(_("caller name"), max_length=50, blank=True)
    caller_phone = models.CharField(_("caller phone"), max_length=30, blank=True)
    raw = models.JSONField(_("raw payload"), default=dict, blank=True)
    type_code = models.CharField(_("suggested type"), max_length=3, choices=EVENT_TYPE_CHOICES, blank=True)
    type_basis = models.CharField(_("type decided by"), max_length=8, choices=TypeBasis.choices, blank=True)
    type_evidence = models.CharField(_("type evidence"), max_length=200, blank=True)
    township = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="intakes", verbose_name=_("township"))
    deaths = models.PositiveIntegerField(_("deaths"), default=0)
    seriously_injured = models.PositiveIntegerField(_("seriously injured"), default=0)
    injured = models.PositiveIntegerField(_("injured"), default=0)
    trapped = models.PositiveIntegerField(_("trapped"), default=0)
    missing = models.PositiveIntegerField(_("missing persons"), default=0)
    direct_loss = models.DecimalField(_("direct loss (yuan)"), max_digits=14, decimal_places=0, default=0)
    # Empty while the intake waits in the inbox: a signed intake is acknowledged once stored, and joined to
    # its incident by the inbox processor moments later (services.intake.do_process_inbox).
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="intakes",
                                 verbose_name=_("incident"))
    processing_error = models.CharField(_("processing error"), max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        constraints = [
            models.UniqueConstraint(fields=["client", "external_id"], condition=~Q(external_id=""),
                                    name="intake_external_id_unique"),
        ]
        indexes = [models.Index(fields=["id"], condition=Q(incident__isnull=True, processing_error=""),
                                name="intake_inbox")]

    @property
    def pending(self) -> bool:
        return self.incident_id is None and not self.processing_error

    def __str__(self):
        return f"{self.get_channel_display()} {self.received_at:%Y-%m-%d %H:%M}"

    def clean(self):
        if (self.lat is None) != (self.lon is None):
            raise ValidationError({"lat": _("Give both latitude and longitude, or neither.")})
        if self.lat is None and not self.address.strip():
            raise ValidationError({"address": _("Give a location (latitude and longitude) or an address.")})


class PhoneLog(models.Model):
    """The duty officer's record of a telephone report (值班电话记录), attached to its intake."""

    intake = models.OneToOneField(Intake, on_delete=models.PROTECT, related_name="phone_log")
    cause = models.TextField(_("cause"), blank=True)
    course = models.TextField(_("course"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    result = models.TextField(_("result"), blank=True)
    impact = models.TextField(_("impact"), blank=True)
    trend = models.TextField(_("trend"), blank=True)
    reported_to = models.CharField(_("leaders and units already told, and when"), max_length=300, blank=True)
    reporter_unit = models.CharField(_("reporter's unit"), max_length=100, blank=True)
    reporter_position = models.CharField(_("reporter's position"), max_length=60, blank=True)
    recorder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("duty phone log")
        verbose_name_plural = _("duty phone logs")


class TimelineEntry(models.Model):
    """Everything that happened to an incident, in order. Its id is the desk's change counter."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=30)
    text = models.CharField(max_length=500)
    actor_name = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["at", "id"]

    @property
    def actor_text(self) -> str:
        return actor_name_text(self.actor_name)


class GradeChange(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="grade_changes")
    at = models.DateTimeField(auto_now_add=True)
    grade_from = models.PositiveSmallIntegerField(choices=Grade.choices, null=True)
    grade_to = models.PositiveSmallIntegerField(choices=Grade.choices)
    figures = models.JSONField(default=dict)
    actor_name = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = _("grade change")
        verbose_name_plural = _("grade changes")
        ordering = ["at", "id"]


class Deadline(models.Model):
    """When a phone or written report on an incident is due; computed by rules.report_deadlines."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(max_length=8, choices=DeadlineKind.choices)
    due_at = models.DateTimeField(db_index=True)
    warn_at = models.DateTimeField()
    met_at = models.DateTimeField(null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["incident", "kind"], name="deadline_unique")]


class Report(models.Model):
    """初报 / 续报N / 终报 / 日报 with the fields of DOMAIN.md §2."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    seq = models.PositiveSmallIntegerField(_("number"), default=0)
    status = models.CharField(_("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, verbose_name=_("reporting unit"))
    received_at = models.DateTimeField(_("received at"))
    source = models.CharField(_("information source"), max_length=200, blank=True)
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    nature = models.CharField(_("nature of the event"), max_length=200, blank=True)
    cause = models.TextField(_("cause"), blank=True)
    deaths = models.PositiveIntegerField(_("deaths"), default=0)
    seriously_injured = models.PositiveIntegerField(_("seriously injured"), default=0)
    injured = models.PositiveIntegerField(_("injured"), default=0)
    trapped = models.PositiveIntegerField(_("trapped"), default=0)
    missing = models.PositiveIntegerField(_("missing persons"), default=0)
    direct_loss = models.DecimalField(_("direct loss (yuan)"), max_digits=14, decimal_places=0, default=0)
    course = models.TextField(_("course of events"), blank=True)
    scope = models.TextField(_("scope of impact"), blank=True)
    trend = models.TextField(_("trend"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    leaders_on_site = models.CharField(_("leaders on site"), max_length=300, blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    site_contact = models.CharField(_("site lead and contact"), max_length=200, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("signed off by"))
    signed_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("incident report")
        verbose_name_plural = _("incident reports")
        ordering = ["incident", "created"]
        constraints = [models.UniqueConstraint(fields=["incident", "kind", "seq"], name="report_number_unique")]

    def __str__(self):
        return self.label

    @property
    def status_label(self):
        """The status people see: once sent, its outbox messages' state (已发送 only when every one was accepted by
        a real transport)."""
        sent = summary_label(self) if self.status == ReportStatus.SENT else None
        return sent or self.get_status_display()

    @property
    def label(self) -> str:
        return report_label(self.kind, self.seq)


class Notification(models.Model):
    """A reminder to a leader (deadline near or passed, daily report due); also sent by e-mail."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    text = models.CharField(max_length=300)
    created = models.DateTimeField(auto_now_add=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("leader notification")
        verbose_name_plural = _("leader notifications")
        ordering = ["-created"]


class FormThrottle(models.Model):
    """Citizen reports per address per time bucket (a small database-backed counter)."""

    key = models.CharField(max_length=64)
    bucket = models.BigIntegerField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("citizen form counter")
        verbose_name_plural = _("citizen form counters")
        constraints = [models.UniqueConstraint(fields=["key", "bucket"], name="form_throttle_unique")]


# ---- rule tables (admin-editable, seeded by 0002_rule_defaults) ----

class GradeRule(models.Model):
    """The least figures for a grade in a category (以上 includes the bound); the first grade met wins. Deaths
    include the missing when the rule `missing_counts_as_deaths` says so (死亡（含失踪）)."""

    category = models.CharField(_("category"), max_length=1, choices=CATEGORY_CHOICES)
    grade = models.PositiveSmallIntegerField(_("grade"), choices=Grade.choices)
    min_deaths = models.PositiveIntegerField(_("deaths at least"), null=True, blank=True)
    min_seriously_injured = models.PositiveIntegerField(_("seriously injured at least"), null=True, blank=True)
    min_direct_loss = models.DecimalField(_("direct loss at least (yuan)"), max_digits=14, decimal_places=0,
                                          null=True, blank=True)
    # 危及…人生命安全: people trapped (被困) whose lives are in danger.
    min_trapped = models.PositiveIntegerField(_("trapped at least"), null=True, blank=True)

    class Meta:
        ordering = ["category", "grade"]
        verbose_name = _("grading rule")
        verbose_name_plural = _("grading rules")
        constraints = [models.UniqueConstraint(fields=["category", "grade"], name="grade_rule_unique")]

    def __str__(self):
        return f"{self.get_category_display()} {GRADE_NUMERALS[self.grade]}"


class DeadlineRule(models.Model):
    """Minutes after receipt by which a report is due, per grade (信息报告时限)."""

    grade = models.PositiveSmallIntegerField(_("grade"), choices=Grade.choices)
    kind = models.CharField(_("report"), max_length=8, choices=DeadlineKind.choices)
    minutes = models.PositiveIntegerField(_("minutes after receipt"))
    warn_minutes = models.PositiveIntegerField(_("remind the leader this many minutes before"), default=10)

    class Meta:
        ordering = ["grade", "kind"]
        verbose_name = _("reporting deadline rule")
        verbose_name_plural = _("reporting deadline rules")
        constraints = [models.UniqueConstraint(fields=["grade", "kind"], name="deadline_rule_unique")]

    def __str__(self):
        return f"{GRADE_NUMERALS[self.grade]} {self.get_kind_display()}"


class IncidentRule(NumberRule):
    """A named number of the chapter (事件规则): the grade the desk calls urgent, the grade owing daily reports."""

    class Meta(NumberRule.Meta):
        verbose_name = _("incident rule")
        verbose_name_plural = _("incident rules")


class ChannelTypeRule(models.Model):
    """The event type an intake channel implies when no keyword decides (119 a fire …)."""

    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, unique=True)
    type_code = models.CharField(_("type"), max_length=3, choices=EVENT_TYPE_CHOICES)

    class Meta:
        ordering = ["channel"]
        verbose_name = _("channel type rule")
        verbose_name_plural = _("channel type rules")

    def __str__(self):
        return f"{self.get_channel_display()} → {self.get_type_code_display()}"


class KeywordRule(models.Model):
    """A word in an intake's text or hint that suggests an incident type (higher weight wins)."""

    keyword = models.CharField(_("keyword"), max_length=40, unique=True)
    type_code = models.CharField(_("type"), max_length=3, choices=EVENT_TYPE_CHOICES)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)

    class Meta:
        ordering = ["-weight", "keyword"]
        verbose_name = _("keyword rule")
        verbose_name_plural = _("keyword rules")

    def __str__(self):
        return f"{self.keyword} → {self.get_type_code_display()}"


class ClusterRule(models.Model):
    """When two intakes are taken to be about the same event (one row; the first is used)."""

    window_minutes = models.PositiveIntegerField(_("time window (minutes)"))
    distance_m = models.PositiveIntegerField(_("distance (metres)"))
    min_similarity = models.FloatField(_("text similarity at least (0–1)"),
                                       validators=[MinValueValidator(0), MaxValueValidator(1)])

    class Meta:
        verbose_name = _("de-duplication rule")
        verbose_name_plural = _("de-duplication rules")

    def __str__(self):
        return str(_("within %(minutes)d minutes and %(metres)d metres") % {"minutes": self.window_minutes,
                                                                            "metres": self.distance_m})


class ReportRecipient(models.Model):
    """Where sent reports go upward (the city emergency bureau's duty office …)."""

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("report recipient")
        verbose_name_plural = _("report recipients")

    def __str__(self):
        return self.name


class ThrottleRule(models.Model):
    """How many citizen reports one address may send per window."""

    window_seconds = models.PositiveIntegerField(_("window (seconds)"))
    max_reports = models.PositiveIntegerField(_("reports per window"))

    class Meta:
        verbose_name = _("citizen form limit")
        verbose_name_plural = _("citizen form limits")

    def __str__(self):
        return str(_("%(reports)d reports per %(seconds)d seconds") % {"reports": self.max_reports,
                                                                       "seconds": self.window_seconds})
