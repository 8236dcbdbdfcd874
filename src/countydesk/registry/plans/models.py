"""Emergency plans (预案库), their filings, documents and drills (演练)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.core.records import NumberRule
from countydesk.core.taxonomy import EVENT_TYPE_CHOICES
from countydesk.registry.teams.choices import TeamKind

from .choices import DrillKind, EvaluationItem, PlanKind, PlanLevel, PlanStatus, ResourceKind, ResponseLevel, \
    RevisionReason
from .flows import PLAN_FLOW


def document_storage():
    """Django's default storage when MEDIA_ROOT is set, else var/media."""
    if getattr(settings, "MEDIA_ROOT", ""):
        return default_storage
    return FileSystemStorage(location=settings.VAR_DIR / "media")


class Plan(models.Model):
    """One version of an emergency plan (应急预案); a revision is a new row pointing at `previous`."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=PlanKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=PlanLevel.choices)
    owner = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="plans", verbose_name=_("owner unit"))
    lead_unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="led_plans",
                                  verbose_name=_("lead unit"))
    supporting_units = models.ManyToManyField("orgs.Unit", blank=True, related_name="supported_plans",
                                              verbose_name=_("supporting units"))
    upper_plans = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="lower_plans",
                                         verbose_name=_("linked upper plans"))
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT,
                              db_index=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version",
                                    verbose_name=_("previous version"))
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    last_evaluated_on = models.DateField(_("last evaluated"), null=True, blank=True)
    last_drilled_on = models.DateField(_("last drill"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["level", "kind", "owner__path", "title"]
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def allowed_next(self) -> set[str]:
        return PLAN_FLOW.allowed(self)

    @property
    def type_codes(self) -> list[str]:
        return [t.code for t in self.event_types.all()]


class PlanEventType(models.Model):
    """An event type (core.taxonomy) a plan covers."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="event_types")
    code = models.CharField(_("event type"), max_length=3, choices=EVENT_TYPE_CHOICES, db_index=True)

    class Meta:
        verbose_name = _("plan event type")
        verbose_name_plural = _("plan event types")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="plan_event_type_unique")]


class PlanResponse(models.Model):
    """A response level of a plan (响应分级) with what triggers it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="responses")
    level = models.CharField(_("response level"), max_length=3, choices=ResponseLevel.choices)
    trigger = models.TextField(_("trigger"))

    class Meta:
        verbose_name = _("plan response level")
        verbose_name_plural = _("plan response levels")
        ordering = ["level"]
        constraints = [models.UniqueConstraint(fields=["plan", "level"], name="plan_response_unique")]


class ResourceRequirement(models.Model):
    """Teams, experts or supplies a response level needs (应急资源一览表). A row is matchable when it names
    what the registry can be searched for: a team by capability (an event type) and optionally kind, an
    expert by specialty (an event type), a supply by catalogue item (GB/T 38565); otherwise it is
    free text, shown as unmatched."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="resources")
    level = models.CharField(_("response level"), max_length=3, choices=ResponseLevel.choices)
    kind = models.CharField(_("resource kind"), max_length=8, choices=ResourceKind.choices)
    name = models.CharField(_("item"), max_length=100)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2,
                                   validators=[MinValueValidator(0)])
    unit_of_measure = models.CharField(_("unit of measure"), max_length=20)
    team_kind = models.CharField(_("team kind"), max_length=20, choices=TeamKind.choices, blank=True)
    capability = models.CharField(_("capability or specialty (event type)"), max_length=3,
                                  choices=EVENT_TYPE_CHOICES, blank=True)
    item = models.ForeignKey("supplies.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("catalogue item"))

    class Meta:
        verbose_name = _("resource requirement")
        verbose_name_plural = _("resource requirements")
        ordering = ["level", "kind", "name"]

    @property
    def matchable(self) -> bool:
        if self.kind == ResourceKind.SUPPLY:
            return self.item_id is not None
        return bool(self.capability)


class PlanDocument(models.Model):
    """An uploaded text of the plan (.docx/.pdf); each upload is the next revision of the document."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="documents")
    revision = models.PositiveSmallIntegerField(_("revision"))
    file = models.FileField(_("file"), upload_to="plans/%Y/%m/", storage=document_storage, max_length=255)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.CharField(_("uploaded by"), max_length=150)

    class Meta:
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")
        ordering = ["plan", "-revision"]
        constraints = [models.UniqueConstraint(fields=["plan", "revision"], name="plan_document_revision_unique")]


class Filing(models.Model):
    """A filing (备案) of an issued plan with a recipient body."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="filings")
    recipient = models.CharField(_("filed with"), max_length=200)
    filed_on = models.DateField(_("filed on"))
    deadline = models.DateField(_("deadline"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-filed_on"]
        verbose_name = _("filing")
        verbose_name_plural = _("filings")

    @property
    def late(self) -> bool:
        return self.filed_on > self.deadline


class RevisionTrigger(models.Model):
    """Why a plan is being revised (修订情形)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="revision_triggers")
    reason = models.CharField(_("reason"), max_length=12, choices=RevisionReason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_on = models.DateField(_("recorded on"))

    class Meta:
        verbose_name = _("revision trigger")
        verbose_name_plural = _("revision triggers")
        ordering = ["-recorded_on"]


class Drill(models.Model):
    """A drill of a plan (应急演练) with its findings and evaluation."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="drills", verbose_name=_("plan"))
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DrillKind.choices)
    participants = models.ManyToManyField("orgs.Unit", blank=True, related_name="drills",
                                          verbose_name=_("participating units"))
    findings = models.TextField(_("findings"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")

    def __str__(self):
        return self.title


class DrillScore(models.Model):
    """One evaluation item of a drill, scored 0–100."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="scores")
    item = models.CharField(_("evaluation item"), max_length=12, choices=EvaluationItem.choices)
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])

    class Meta:
        verbose_name = _("drill score")
        verbose_name_plural = _("drill scores")
        ordering = ["item"]
        constraints = [models.UniqueConstraint(fields=["drill", "item"], name="drill_score_unique")]


class ImprovementAction(models.Model):
    """An improvement a drill asked for (整改措施), with a deadline and its closure."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("improvement"), max_length=300)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit"))
    due_on = models.DateField(_("deadline"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_note = models.CharField(_("closure note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["due_on", "id"]

    def clean(self):
        if self.closed_on and self.drill_id and self.closed_on < self.drill.held_on:
            raise ValidationError({"closed_on": _("An action cannot close before its drill was held.")})


class PlanRule(models.Model):
    """Per plan kind: filing deadline in working days, where to file, evaluation and drill cycles."""

    kind = models.CharField(_("plan kind"), max_length=12, choices=PlanKind.choices, unique=True)
    filing_working_days = models.PositiveSmallIntegerField(_("filing within N working days"), default=20)
    filing_recipient = models.CharField(_("file with"), max_length=200, blank=True)
    evaluation_years = models.PositiveSmallIntegerField(_("evaluate every N years"), null=True, blank=True)
    drill_years = models.PositiveSmallIntegerField(_("drill every N years"), null=True, blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("plan rule")
        verbose_name_plural = _("plan rules")

    def __str__(self):
        return self.get_kind_display()


class WorkdayOverride(models.Model):
    """A day the holiday calendar gets wrong or does not know yet (调休, 法定节假日)."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")

    def __str__(self):
        return f"{self.date} {'✓' if self.is_workday else '✗'}"


class ResponseLevelRule(models.Model):
    """Which response level (响应级别) an incident of a grade (事件分级) starts at; the commander may choose
    another. Default: the level of the same numeral (Ⅲ级事件 → Ⅲ级响应)."""

    grade = models.PositiveSmallIntegerField(_("incident grade"), unique=True,
                                             validators=[MinValueValidator(1), MaxValueValidator(4)])
    level = models.CharField(_("response level"), max_length=3, choices=ResponseLevel.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["grade"]
        verbose_name = _("response level rule")
        verbose_name_plural = _("response level rules")

    def __str__(self):
        return f"{self.grade} → {self.get_level_display()}"


class PlanNumberRule(NumberRule):
    """A named number of the plans chapter (预案规则): the largest plan document uploaded."""

    class Meta(NumberRule.Meta):
        verbose_name = _("plan number rule")
        verbose_name_plural = _("plan number rules")
