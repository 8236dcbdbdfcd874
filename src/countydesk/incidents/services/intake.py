"""Every way an intake arrives (signed systems, citizens, the duty phone, batch import), normalised and
joined to the incident it is about."""

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record
from countydesk.base.errors import ServiceError
from countydesk.core.batches import write_in_batches
from countydesk.core.events import publish
from countydesk.core.taxonomy import near_types, types_near
from countydesk.textkit import read_casualties

from .. import rules
from ..choices import OPEN_STATUSES, Channel
from ..desk import TOPIC
from ..models import FormThrottle, Incident, Intake, IntakeClient, PhoneLog
from ..similarity import similarity
from .common import ClientActor, GroupCommit, clean_save, one_writer, timeline
from .incidents import FIGURES, open_incident, raise_figures, retype_from

log = logging.getLogger(__name__)


class Throttled(ServiceError):
    status = 429
    code = "throttled"


@dataclass
class IntakeData:
    """An intake as every channel hands it over, after its own validation."""

    received_at: datetime
    occurred_at: datetime | None = None
    lat: float | None = None
    lon: float | None = None
    address: str = ""
    category_hint: str = ""
    description: str = ""
    caller_name: str = ""
    caller_phone: str = ""
    external_id: str = ""
    deaths: int = 0
    seriously_injured: int = 0
    injured: int = 0
    trapped: int = 0
    missing: int = 0
    direct_loss: Decimal = Decimal(0)
    raw: dict = field(default_factory=dict)

    def with_stated_casualties(self) -> "IntakeData":
        """The figures raised to what the description states (5人被困): a caller's words count as much as the
        figures a calling system sends; both stay unverified until the duty officer confirms them."""
        stated = read_casualties(self.description)
        return replace(self, **{kind: max(getattr(self, kind), value) for kind, value in stated.as_dict().items()})


def same_event(data: IntakeData, type_code: str, township_id, incident: Incident, rule) -> bool:
    """Whether an intake is about `incident`: inside the time window, of a near type (taxonomy.types_near), at the
    same place (within the distance, or the same township when either has no coordinates) and either of a known
    near type or with similar text (when either type is not known yet)."""
    if abs(data.received_at - incident.received_at) > timedelta(minutes=rule.window_minutes):
        return False
    if not types_near(type_code, incident.type_code):
        return False
    if data.lat is not None and incident.lat is not None:
        near = rules.distance_m(data.lat, data.lon, incident.lat, incident.lon) <= rule.distance_m
    else:
        near = township_id is not None and township_id == incident.township_id
    if not near:
        return False
    return bool(type_code and incident.type_code) or (
        similarity(data.description, incident.description) >= rule.min_similarity)


def _matching_incident(data: IntakeData, type_code: str, township_id) -> Incident | None:
    """Open incidents in the time window, of a near type, near enough; narrowed in SQL, decided by same_event."""
    rule = rules.cluster_rule()
    window = timedelta(minutes=rule.window_minutes)
    candidates = Incident.objects.filter(
        status__in=OPEN_STATUSES, merged_into__isnull=True,
        received_at__range=(data.received_at - window, data.received_at + window),
    )
    if type_code:
        candidates = candidates.filter(type_code__in=[*near_types(type_code), ""])
    if data.lat is not None:
        lat, lon = rules.degrees_around(data.lat, rule.distance_m)
        candidates = candidates.filter(Q(lat__range=(data.lat - lat, data.lat + lat),
                                         lon__range=(data.lon - lon, data.lon + lon)) | Q(lat__isnull=True))
    candidates = candidates.only(*CANDIDATE_FIELDS).order_by("-received_at")[:20]
    return next((i for i in candidates if same_event(data, type_code, township_id, i, rule)), None)


CANDIDATE_FIELDS = ("received_at", "type_code", "type_basis", "type_evidence", "lat", "lon", "township", "address",
                    "description", "grade", "category", *FIGURES, "figures_verified", "title", "status")


def _attach(actor, channel: str, data: IntakeData, client: IntakeClient | None, intake: Intake | None = None) -> Intake:
    """Type, place and stated figures of `data`, then join it to its incident or open one, and save the intake
    (new, or waiting in the inbox)."""
    data = data.with_stated_casualties()
    decision = rules.decide_type(data.category_hint, data.description, channel)
    township_id = rules.township_for(data.lat, data.lon, f"{data.address} {data.description}")
    incident = _matching_incident(data, decision.code, township_id)
    intake = intake or Intake(channel=channel, client=client, **{f: getattr(data, f) for f in INTAKE_FIELDS})
    for figure in FIGURES:
        setattr(intake, figure, getattr(data, figure))
    intake.type_code, intake.type_basis, intake.type_evidence = decision.code, decision.basis, decision.evidence
    intake.township_id = township_id
    opened = incident is None
    intake.incident = open_incident(actor, intake, data) if opened else incident
    clean_save(intake)
    if not opened:
        timeline(incident, "intake", _("Another report joined: %(channel)s %(text)s")
                 % {"channel": intake.get_channel_display(), "text": data.description[:80]}, actor)
        retype_from(actor, incident, intake)
        raise_figures(actor, incident, data)
    record(actor, "intake.receive", intake, after={"channel": channel, "external_id": data.external_id,
                                                   "incident": intake.incident_id, "opened_incident": opened,
                                                   "type_code": decision.code, "type_basis": decision.basis})
    return intake


INTAKE_FIELDS = ("external_id", "occurred_at", "received_at", "lat", "lon", "address", "category_hint", "description",
                 "caller_name", "caller_phone", *FIGURES, "raw")


def do_accept_intake(client: IntakeClient, data: IntakeData) -> tuple[Intake, bool]:
    """Store a signed intake of `client` in the inbox, durably, before it is acknowledged (created False: the
    same external id came before, and the first intake answers). Joining it to an incident is do_process_inbox.
    Intakes arriving at the same moment are committed together (GroupCommit)."""
    return _inbox_writer.submit(Intake(channel=client.channel, client=client,
                                       **{f: getattr(data, f) for f in INTAKE_FIELDS}))


def _store_intakes(intakes: list[Intake]) -> list[tuple[Intake, bool]]:
    """All in one statement; when an external id is already stored (a retry), one by one."""
    with one_writer(), transaction.atomic():
        try:
            with transaction.atomic():
                Intake.objects.bulk_create(intakes)
            return [(intake, True) for intake in intakes]
        except IntegrityError:
            for intake in intakes:
                intake.pk = None
            return [_store_one(intake) for intake in intakes]


def _store_one(intake: Intake) -> tuple[Intake, bool]:
    try:
        with transaction.atomic():
            intake.save(force_insert=True)
        return intake, True
    except IntegrityError:
        first = Intake.objects.select_related("incident").filter(
            client=intake.client, external_id=intake.external_id).order_by().first()
        return first, False


_inbox_writer = GroupCommit(_store_intakes)


INBOX_BATCH = 200


def do_process_inbox(limit: int = INBOX_BATCH) -> int:
    """Join up to `limit` intakes waiting in the inbox to their incidents, oldest first, in one transaction
    (the audit rows of their receipt included); an intake that cannot be joined keeps its error (on the intake
    and in the audit trail) instead of blocking the others. Returns how many were taken."""
    with one_writer(), transaction.atomic():
        waiting = Intake.objects.filter(incident__isnull=True, processing_error="").select_related("client")
        if connection.features.has_select_for_update_skip_locked:
            waiting = waiting.select_for_update(skip_locked=True, of=("self",))
        batch = list(waiting.order_by("id")[:limit])
        for intake in batch:
            _process_one(intake)
    return len(batch)


def _process_one(intake: Intake):
    data = IntakeData(**{f: getattr(intake, f) for f in INTAKE_FIELDS})
    actor = ClientActor(intake.client.client_id) if intake.client else ClientActor(intake.channel)
    try:
        with transaction.atomic():
            _attach(actor, intake.channel, data, intake.client, intake)
    except OperationalError:
        raise  # the database itself (locked, gone): the whole batch waits and is tried again
    except Exception as exc:  # noqa: BLE001 - whatever this one intake does wrong, it must not hold back the others
        log.exception("intake %s could not be joined", intake.pk)
        intake.incident = None
        intake.processing_error = str(getattr(exc, "message", None) or exc or type(exc).__name__)[:500]
        Intake.objects.filter(pk=intake.pk).update(processing_error=intake.processing_error)
        record(actor, "intake.fail", intake, after={"error": intake.processing_error})
        publish(TOPIC, {"intake": intake.pk, "kind": "unjoined"}, unit=intake.township)


@transaction.atomic
def do_receive_citizen_report(address_key: str, data: IntakeData) -> Intake:
    """A report from the public form, at most ThrottleRule.max_reports per window from one address."""
    _count_hit(address_key)
    return _attach(ClientActor("public"), Channel.CITIZEN, data, None)


def _count_hit(key: str):
    rule = rules.throttle_rule()
    bucket = int(timezone.now().timestamp()) // rule.window_seconds
    row, _created = FormThrottle.objects.get_or_create(key=key[:64], bucket=bucket)
    FormThrottle.objects.filter(pk=row.pk).update(hits=F("hits") + 1)
    row.refresh_from_db()
    if row.hits > rule.max_reports:
        raise Throttled(_("Too many reports from your connection; please call 110/119/120 or try again later."))


@transaction.atomic
def do_log_phone_call(actor, data: IntakeData, **log_fields) -> PhoneLog:
    """The duty officer's telephone record (值班电话记录) as an intake with its log."""
    require(actor, "incidents.phone_log")
    intake = _attach(actor, Channel.PHONE, data, None)
    log = PhoneLog(intake=intake, recorder=actor, **log_fields)
    clean_save(log)
    record(actor, "phone_log.create", log, after=log_fields)
    return log


def do_import_intakes(actor, rows: list[IntakeData]) -> list[Intake]:
    """Rows of a checked import file (incidents.importing reads every row first: a bad one imports nothing),
    joined in short batches (core.batches) so that live intakes never wait on the file."""
    require(actor, "incidents.import")
    intakes = []
    write_in_batches(rows, lambda data: intakes.append(_attach(actor, Channel.IMPORT, data, None)))
    return intakes
