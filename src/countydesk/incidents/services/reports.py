"""Reports upward (初报、续报、终报、日报): drafting prefilled from the incident, sign-off, sending through the
outbox, deadlines met, reminders to leaders before and after a deadline."""

from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.choices import Role
from countydesk.accounts.models import User
from countydesk.accounts.scoping import has_perm, require
from countydesk.accounts.system import SYSTEM
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.errors import Conflict
from countydesk.base.services import apply_changes
from countydesk.core.outbox.services import enqueue
from countydesk.core.taxonomy import type_label
from countydesk.core.ui.times import moment
from countydesk.orgs.models import Unit

from ..access import require_reach
from .. import rules
from ..choices import OPEN_STATUSES, DeadlineKind, ReportKind, ReportStatus
from ..flows import REPORT_FLOW
from ..models import Deadline, Incident, Notification, Report, ReportRecipient
from .common import clean_save, timeline
from .incidents import FIGURES

REPORT_FIELDS = {"source", "occurred_at", "place", "nature", "cause", "deaths", "seriously_injured", "injured",
                 "trapped", "missing", "direct_loss", "course", "scope", "trend", "measures", "leaders_on_site",
                 "next_steps", "site_contact"}
# What the duty phone logs say, by the report field it fills (a 续报 does not repeat the 初报: only 初报 and 终报).
FROM_PHONE_LOGS = {"cause": ("cause",), "course": ("course", "result"), "measures": ("measures",),
                   "scope": ("impact",), "trend": ("trend",)}


def _reporting_unit(actor) -> Unit:
    if has_perm(actor, "incidents.desk") or actor.unit_id is None:
        return Unit.objects.get(parent__isnull=True)
    return actor.unit


def _source(intake) -> str:
    """"值班电话（县水利局 张三 科长）": the channel and who reported."""
    log = intake.phone_log if hasattr(intake, "phone_log") else None
    who = " ".join(w for w in [log.reporter_unit if log else "", intake.caller_name,
                               log.reporter_position if log else ""] if w)
    return intake.get_channel_display() + (f"（{who}）" if who else "")


def _prefill(incident: Incident, kind: str) -> dict:
    """The report's fields from everything known: the incident, its intakes and their duty phone logs."""
    intakes = list(incident.intakes.select_related("phone_log").order_by("received_at"))
    occurred = [t for t in [incident.occurred_at, *(i.occurred_at for i in intakes)] if t]
    data = {"received_at": incident.received_at, "occurred_at": min(occurred) if occurred else None,
            "place": incident.address or incident.title, "nature": type_label(incident.type_code),
            "source": "、".join(dict.fromkeys(_source(i) for i in intakes))[:200],
            **{f: getattr(incident, f) for f in FIGURES}}
    if kind in (ReportKind.INITIAL, ReportKind.FINAL):
        logs = [i.phone_log for i in intakes if hasattr(i, "phone_log")]
        data |= {field: _joined(getattr(log, name) for log in logs for name in names)
                 for field, names in FROM_PHONE_LOGS.items()}
        data["course"] = _joined([incident.description, data["course"]])
    return data


def _joined(texts) -> str:
    return "\n".join(dict.fromkeys(t.strip() for t in texts if t and t.strip()))


@transaction.atomic
def do_draft_report(actor, incident: Incident, kind: str) -> Report:
    """A new report of `kind`, prefilled; 初报 and 终报 once each, 续报 numbered on."""
    require(actor, "incidents.report")
    require_reach(actor, incident)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    existing = incident.reports.filter(kind=kind)
    if kind in (ReportKind.INITIAL, ReportKind.FINAL) and existing.exists():
        raise Conflict(_("This incident already has a %s.") % ReportKind(kind).label)
    if kind != ReportKind.INITIAL and not incident.reports.filter(kind=ReportKind.INITIAL).exists():
        raise Conflict(_("Write the initial report first."))
    seq = (existing.aggregate(n=Max("seq"))["n"] or 0) + 1 if kind in (ReportKind.FOLLOWUP, ReportKind.DAILY) else 0
    report = Report(incident=incident, kind=kind, seq=seq, unit=_reporting_unit(actor), drafted_by=actor,
                    **_prefill(incident, kind))
    clean_save(report)
    timeline(incident, "report", _("%s drafted") % report.label, actor)
    record(actor, "report.draft", report, after=snapshot(report))
    return report


@transaction.atomic
def do_update_report(actor, report: Report, **changes) -> Report:
    require(actor, "incidents.report")
    require_reach(actor, report.incident)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DRAFT:
        raise Conflict(_("Only a draft can be edited; return it to draft first."))
    before = snapshot(report)
    apply_changes(report, changes, REPORT_FIELDS)
    clean_save(report)
    old, new = changed_fields(before, snapshot(report))
    record(actor, "report.update", report, before=old, after=new)
    return report


def reports_awaiting_signature(user):
    """The reports sent to `user` for signature (待审签): the county's for its signers, a unit's (and those of the
    units within it) for its leader; the same rule as `flows.require_signer`."""
    signable = Q(pk__in=[])
    if has_perm(user, "incidents.sign_county"):
        signable |= Q(unit__parent__isnull=True)
    if has_perm(user, "incidents.sign_unit") and user.unit_id is not None:
        signable |= Q(unit__parent__isnull=False, unit__path__startswith=user.unit.path)
    return Report.objects.filter(signable, status=ReportStatus.PENDING, incident__merged_into__isnull=True)


@REPORT_FLOW.entry("submit")
@transaction.atomic
def do_submit_report(actor, report: Report) -> Report:
    """The writer sends the draft to its signer (送审签)."""
    report = REPORT_FLOW.take(actor, report, "submit")
    timeline(report.incident, "report", _("%s sent to the signer") % report.label, actor)
    return report


@REPORT_FLOW.entry("send_back")
@transaction.atomic
def do_send_back_report(actor, report: Report) -> Report:
    """The signer returns the report to its writer for changes."""
    report = REPORT_FLOW.take(actor, report, "send_back")
    timeline(report.incident, "report", _("%s returned for changes") % report.label, actor)
    return report


@REPORT_FLOW.entry("sign")
@transaction.atomic
def do_sign_report(actor, report: Report) -> Report:
    report = REPORT_FLOW.take(actor, report, "sign", changes={"signed_by": actor, "signed_at": timezone.now()})
    timeline(report.incident, "report", _("%s signed off") % report.label, actor)
    return report


@REPORT_FLOW.entry("return")
@transaction.atomic
def do_return_report(actor, report: Report) -> Report:
    """Back to draft for changes (the sign-off lapses)."""
    return REPORT_FLOW.take(actor, report, "return", changes={"signed_by": None, "signed_at": None})


@REPORT_FLOW.entry("send")
@transaction.atomic
def do_send_report(actor, report: Report) -> Report:
    """Send a signed report upward: one outbox message per recipient; the 初报 meets the written deadline."""
    now = timezone.now()
    report = REPORT_FLOW.take(actor, report, "send", changes={"sent_at": now})
    body = render_to_string("incidents/report.txt", {"report": report, "incident": report.incident})
    subject = f"{report.incident.title} · {report.label}"[:200]
    for recipient in ReportRecipient.objects.filter(active=True):
        enqueue("email", recipient.email, subject, body, key=f"report:{report.pk}:{recipient.email}", source=report,
                source_label=subject, actor=actor, recipient_name=recipient.name)
    if report.kind == ReportKind.INITIAL:
        Deadline.objects.filter(incident=report.incident, kind=DeadlineKind.WRITTEN, met_at__isnull=True).update(met_at=now)
    timeline(report.incident, "report", _("%s sent") % report.label, actor)
    return report


@transaction.atomic
def do_record_phone_report(actor, incident: Incident) -> Incident:
    """The duty officer has reported by telephone upward: the phone deadline is met."""
    require(actor, "incidents.handle")
    now = timezone.now()
    Incident.objects.filter(pk=incident.pk).update(phone_reported_at=now)
    Deadline.objects.filter(incident=incident, kind=DeadlineKind.PHONE, met_at__isnull=True).update(met_at=now)
    timeline(incident, "phone_report", _("Phone report made"), actor)
    record(actor, "incident.phone_report", incident, after={"phone_reported_at": now})
    incident.phone_reported_at = now
    return incident


def leaders_of(incident: Incident):
    """Who is reminded: the office leaders and commanders, and the unit leader of the incident's township."""
    county = Q(role_grants__role__in=[Role.OFFICE_LEADER, Role.COMMANDER])
    township = Q(role_grants__role=Role.UNIT_LEADER, unit_id=incident.township_id) if incident.township_id else Q(pk=None)
    return User.objects.filter(county | township, is_active=True).distinct()


def _notify(incident: Incident, kind: str, text: str):
    for leader in leaders_of(incident):
        notification = Notification.objects.create(incident=incident, recipient=leader, kind=kind, text=text[:300],
                                                   emailed=bool(leader.email))
        if leader.email:
            enqueue("email", leader.email, text[:150], text, key=f"notification:{notification.pk}",
                    source=notification, source_label=incident.title, recipient_name=str(leader))
    timeline(incident, kind, text)
    record(SYSTEM, f"incident.{kind}", incident, after={"text": text})


def _deadline_text(deadline: Deadline, template: str) -> str:
    return template % {"report": deadline.get_kind_display(), "incident": deadline.incident.title,
                       "due": moment(deadline.due_at)}


@transaction.atomic
def run_escalation(now=None) -> int:
    """Remind the leaders of unmet deadlines shortly before they pass, and again once they have passed."""
    now = now or timezone.now()
    unmet = Deadline.objects.filter(met_at__isnull=True, incident__status__in=OPEN_STATUSES,
                                    incident__merged_into__isnull=True).select_related("incident")
    sent = 0
    for deadline in unmet.filter(overdue_notified_at__isnull=True, due_at__lte=now).select_for_update():
        _notify(deadline.incident, "overdue", _deadline_text(deadline, _("Overdue: %(report)s on %(incident)s was due at %(due)s")))
        Deadline.objects.filter(pk=deadline.pk).update(overdue_notified_at=now, warned_at=deadline.warned_at or now)
        sent += 1
    for deadline in unmet.filter(warned_at__isnull=True, warn_at__lte=now, due_at__gt=now).select_for_update():
        _notify(deadline.incident, "due_soon", _deadline_text(deadline, _("Due soon: %(report)s on %(incident)s at %(due)s")))
        Deadline.objects.filter(pk=deadline.pk).update(warned_at=now)
        sent += 1
    return sent


@transaction.atomic
def run_daily_reminders(now=None) -> int:
    """Open incidents of the daily-report grade (rules.daily_report_grade, Ⅲ) and above: remind the leaders
    once a day that a daily report is due."""
    now = now or timezone.now()
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    due = Incident.objects.filter(status__in=OPEN_STATUSES, merged_into__isnull=True,
                                  grade__lte=rules.daily_report_grade()).exclude(
        notifications__kind="daily", notifications__created__gte=start)
    for incident in due:
        _notify(incident, "daily", _("Daily report due today: %s") % incident.title)
    return len(due)
