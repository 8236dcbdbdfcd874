"""The inbox of signed intakes (接报收件箱).

A signed intake is acknowledged as soon as it is stored (durably, one short write); a processor thread in
each server process then joins waiting intakes to their incidents in small batches, moments later. Under a
burst from many systems the acknowledgement stays fast and nothing acknowledged is lost: whatever is still
waiting when a process stops is taken by the next processor (another process, the worker's minute task, or
the next start). With INTAKE_INLINE (tests, single-user set-ups) the intake is joined before the answer.

`receive` is the whole HTTP handling of POST /api/intake/{channel}, shared by the API route and the lean
WSGI front (incidents.front) that serves the route in production without the page middleware.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from countydesk.base.api import json_body, require_json
from countydesk.base.errors import Forbidden, NotFound, TooLarge, Unauthorized, ValidationFailed

from . import services, signing
from .choices import SIGNED_CHANNELS
from .models import Intake, IntakeClient
from .schemas import IntakeIn, intake_data

log = logging.getLogger(__name__)
MAX_BYTES = 64 * 1024
IDLE_SECONDS = 30.0


def receive(channel: str, meta: dict, read_body) -> tuple[int, dict]:
    """(HTTP status, answer) for a signed intake; `read_body()` gives the raw body. Raises ServiceError."""
    if channel not in SIGNED_CHANNELS:
        raise NotFound(_("Unknown channel."))
    require_json(meta.get("CONTENT_TYPE", ""))
    if int(meta.get("CONTENT_LENGTH") or 0) > MAX_BYTES:
        raise TooLarge(_("An intake may be at most %d bytes.") % MAX_BYTES)
    body = read_body()
    if len(body) > MAX_BYTES:
        raise TooLarge(_("An intake may be at most %d bytes.") % MAX_BYTES)
    client = _signed_client(meta, body)
    if client.channel != channel:
        raise Forbidden(_("This client posts to the %s channel.") % client.channel)
    intake, created = services.do_accept_intake(client, intake_data(IntakeIn, _json_object(body, meta.get("CONTENT_TYPE", ""))))
    if created:
        _settle(intake)
    return (201 if created else 200), answer(intake)


def _signed_client(meta: dict, body: bytes) -> IntakeClient:
    """The client whose signature over "<timestamp>.<raw body>" checks out; 401 for anything else."""
    client_id = meta.get("HTTP_X_COUNTYDESK_CLIENT", "")
    timestamp = meta.get("HTTP_X_COUNTYDESK_TIMESTAMP", "")
    signature = meta.get("HTTP_X_COUNTYDESK_SIGNATURE", "")
    client = clients.get(client_id) if client_id else None
    if client is None or not signing.timestamp_fresh(timestamp) or not signing.signature_valid(
            signing.decrypt(client.secret_encrypted), timestamp, body, signature):
        raise Unauthorized(_("Unknown client, stale timestamp or bad signature."))
    return client


class ClientCache:
    """Active intake clients by id, each looked up at most every TTL seconds. A change in this process (rotation,
    revocation) clears it at once; one made in another process is seen within TTL seconds."""

    TTL = 5.0

    def __init__(self):
        self._rows: dict[str, tuple[float, IntakeClient | None]] = {}

    def get(self, client_id: str) -> IntakeClient | None:
        now = time.monotonic()
        seen = self._rows.get(client_id)
        if seen is None or now - seen[0] > self.TTL:
            if len(self._rows) > 1000:  # unknown ids from a prober must not grow it without bound
                self._rows.clear()
            seen = (now, IntakeClient.objects.filter(client_id=client_id, revoked__isnull=True).first())
            self._rows[client_id] = seen
        return seen[1]

    def clear(self, **_):
        self._rows.clear()
        transaction.on_commit(self._rows.clear)  # a lookup between the change and its commit saw the old row


clients = ClientCache()
post_save.connect(clients.clear, sender=IntakeClient)
post_delete.connect(clients.clear, sender=IntakeClient)


def _json_object(body: bytes, content_type: str) -> dict:
    raw = json_body(body, content_type)
    if not isinstance(raw, dict):
        raise ValidationFailed(_("The body must be a JSON object."), fields={"__all__": [_("Expected an object.")]})
    return raw


def answer(intake: Intake) -> dict:
    """The intake as the sending system sees it: waiting in the inbox, joined to an incident, or failed."""
    incident = intake.incident
    state = "joined" if incident else ("received" if intake.pending else "failed")
    return {"intake_id": intake.pk, "external_id": intake.external_id, "state": state,
            "incident_id": incident.pk if incident else None, "incident_number": incident.number if incident else None,
            "type_code": intake.type_code, "township_id": intake.township_id,
            "grade": incident.grade if incident else None}


def _settle(intake: Intake):
    if settings.INTAKE_INLINE:
        services.do_process_inbox()
        intake.refresh_from_db()
    else:
        processor.wake()


class InboxProcessor:
    """One daemon thread per process that joins waiting intakes whenever woken (and every IDLE_SECONDS).

    Acknowledging comes first: when intakes keep arriving during a batch, the thread pauses four times as long
    as the batch took, so under a burst it uses about a fifth of the process and catches up once the burst
    ends (measured in bench/bench_intake.py: twice as long cost a third of the acknowledgements per second).
    """

    BATCH = 1  # one join (a few ms) holds the write lock; five doubled the intakes' p99 (bench_intake)

    def __init__(self):
        self._wake = threading.Event()
        self._start = threading.Lock()
        self._thread = None
        self._arrivals = 0

    def wake(self):
        self._arrivals += 1
        self._wake.set()
        if self._thread is None or not self._thread.is_alive():
            with self._start:
                if self._thread is None or not self._thread.is_alive():
                    self._thread = threading.Thread(target=self._run, name="intake-inbox", daemon=True)
                    self._thread.start()

    def _run(self):
        while True:
            self._wake.wait(IDLE_SECONDS)
            self._wake.clear()
            try:
                close_old_connections()
                self._drain()
            except Exception:  # the thread must survive a bad moment of the database; the intakes stay waiting
                log.exception("intake inbox: processing failed, will retry")
                self._wake.wait(1.0)

    def _drain(self):
        while True:
            arrivals, started = self._arrivals, time.monotonic()
            if not services.do_process_inbox(self.BATCH):
                return
            if self._arrivals != arrivals:
                time.sleep(4 * (time.monotonic() - started))


def drain() -> int:
    """Process the inbox until it is empty; how many intakes were taken."""
    total = 0
    while taken := services.do_process_inbox():
        total += taken
    return total


processor = InboxProcessor()
