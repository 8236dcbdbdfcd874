"""Helpers the incident services share: saving with the model's rules, the timeline, the client actor."""

import threading
from contextlib import nullcontext
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection

from countydesk.base.errors import ValidationFailed
from countydesk.core.events import publish

from ..desk import TOPIC
from ..models import Incident, TimelineEntry


@dataclass(frozen=True)
class ClientActor:
    """An external system acting through its intake client (for the audit trail)."""

    client_id: str
    pk = None
    unit = None
    unit_id = None

    @property
    def username(self) -> str:
        return f"client:{self.client_id}"


def clean_save(obj):
    """The model's field and clean() rules, then save. Uniqueness and foreign keys are left to the database
    constraints (Django would spend one query per foreign key checking that the row exists)."""
    relations = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    try:
        obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    obj.save()
    return obj


def timeline(incident: Incident, kind: str, text: str, actor=None) -> TimelineEntry:
    """One line of the incident's timeline; the duty desk's open pages learn of it after commit."""
    entry = TimelineEntry.objects.create(incident=incident, kind=kind, text=str(text)[:500],
                                         actor_name=getattr(actor, "username", "") or "system")
    publish(TOPIC, {"incident": incident.pk, "kind": kind}, unit=incident.township)
    return entry


_sqlite_writer = threading.RLock()


def one_writer():
    """On SQLite, let one thread of this process write at a time.

    SQLite allows one writer anyway; without this, waiting threads sit in SQLite's busy handler, which sleeps
    in steps of up to 100 ms even when the lock was freed long before (measured: 33 intakes/s, p99 2.3 s with
    8 clients). Other processes still queue through the busy timeout. PostgreSQL needs no such lock.
    """
    return _sqlite_writer if connection.vendor == "sqlite" else nullcontext()


class GroupCommit:
    """Writes that arrive together share one transaction, so one commit (one flush to disk) serves many.

    A caller hands in its item and waits; whoever finds no write in progress becomes the leader, takes every
    item waiting at that moment (its own included), runs `write(items) -> results` in one transaction and
    hands each caller its result. Each item is still committed before its caller returns. With one caller
    at a time it is an ordinary transaction; under load a commit carries as many items as callers waited.
    """

    def __init__(self, write):
        self._write = write
        self._ready = threading.Condition()
        self._waiting: list[_Slot] = []
        self._writing = False

    def submit(self, item):
        slot = _Slot(item)
        with self._ready:
            self._waiting.append(slot)
            while self._writing and not slot.done:
                self._ready.wait()
            if slot.done:
                return slot.outcome()
            self._writing = True
            batch, self._waiting = self._waiting, []
        try:
            results, error = self._write([s.item for s in batch]), None
        except BaseException as exc:  # every caller of the batch learns that nothing of it was stored
            results, error = [None] * len(batch), exc
        with self._ready:
            for waiting, result in zip(batch, results):
                waiting.finish(result, error)
            self._writing = False
            self._ready.notify_all()
        return slot.outcome()


class _Slot:
    __slots__ = ("item", "done", "result", "error")

    def __init__(self, item):
        self.item, self.done, self.result, self.error = item, False, None, None

    def finish(self, result, error):
        self.result, self.error, self.done = result, error, True

    def outcome(self):
        if self.error is not None:
            raise self.error
        return self.result
