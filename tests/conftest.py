"""Shared fixtures: one demo county per test database, signed-in clients per demo account."""

import os
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from countydesk.accounts.models import User
from countydesk.demo.generator import build_demo

IN_CI = os.environ.get("CI") == "true"


def pytest_collection_modifyitems(config, items):
    # Tests on a committed database (browser tests, races) flush it afterwards: run them after
    # everything else, which relies on the demo county built once per session.
    items.sort(key=_on_committed_database)


def _on_committed_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return ("e2e" in item.keywords or "transactional_db" in item.fixturenames
            or "demo_transactional_db" in item.fixturenames
            or bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))))


@pytest.fixture(scope="session", autouse=True)
def _intakes_joined_before_answering():
    """Tests read the incident from the intake's answer; the inbox thread has its own tests."""
    from django.conf import settings

    settings.INTAKE_INLINE = True


@pytest.fixture(autouse=True)
def _anchors_roll_back_with_the_test(request):
    """A test in a transaction that runs its after-commit steps (django_capture_on_commit_callbacks(execute=True))
    anchors audit rows that the rollback then removes: the anchor log is cut back with them, so a later check of
    the chain does not find anchors of rows that never were."""
    if _on_committed_database(request.node):
        yield
        return
    from django.conf import settings

    anchors = settings.AUDIT_ANCHOR_FILE
    size = anchors.stat().st_size if anchors.exists() else None
    yield
    if size is not None and anchors.exists() and anchors.stat().st_size > size:
        with open(anchors, "r+b") as log:
            log.truncate(size)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the demo county (seed 1); each test rolls back its own changes."""
    with django_db_blocker.unblock():
        _build_demo()
        snapshot = _snapshot_for_served_copies()
        _SNAPSHOT.take()
    yield
    if snapshot:
        with django_db_blocker.unblock():
            _drop_database(snapshot)


def served_snapshot_name() -> str:
    from django.db import connection

    return f"{connection.settings_dict['NAME']}_snapshot"


def _snapshot_for_served_copies() -> str | None:
    """On PostgreSQL, a template of the freshly built demo database, taken while nothing else is connected:
    tests that serve it from other processes copy it later (a database in use cannot be a template)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    name = served_snapshot_name()
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{connection.settings_dict["NAME"]}"')
    return name


def _drop_database(name: str):
    from django.db import connection

    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _build_demo():
    """The demo county as a served county has it moments after `countydesk demo`: the worker has delivered the
    mail its build queued (the 初报 of the morning's incidents), so every test starts with no message due."""
    from django.test import override_settings

    from countydesk.core.outbox.delivery import deliver_due

    build_demo(seed=1)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        deliver_due()


@pytest.fixture
def user(db):
    def get(username: str) -> User:
        return User.objects.select_related("unit").get(username=username)

    return get


@pytest.fixture
def client_as(db, user):
    """A browser-like client signed in as a demo account (session auth)."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(user(username))
        return client

    return make


@pytest.fixture
def api_as(db, user):
    """An API client sending a bearer token of the demo account."""
    from countydesk.accounts.services import do_issue_token

    def make(username: str) -> Client:
        target = user(username)
        _, raw = do_issue_token(target, target, "tests")
        return Client(headers={"authorization": f"Bearer {raw}"})

    return make


def _reseed():
    """After a flush, put back the rows that data migrations seed (rule tables, periodicals)."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    graph = MigrationLoader(connection).graph
    plan = list(dict.fromkeys(key for leaf in graph.leaf_nodes() for key in graph.forwards_plan(leaf)))
    with connection.schema_editor() as editor:
        for key in plan:
            for operation in graph.nodes[key].operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, editor)


class _DemoSnapshot:
    """The demo database as built at session start, put back after a committed test flushed it: a copy
    takes a second where rebuilding the county took half a minute or more. SQLite: the in-memory database
    copied with SQLite's backup API; PostgreSQL: the test database re-created from the template that the
    served copies are made from. The audit anchor log is cut back to what it held then, so anchors of the
    flushed rows do not outlive them."""

    def __init__(self):
        self.sqlite = None
        self.anchor_size = None

    def take(self):
        from django.conf import settings
        from django.db import connection

        anchors = settings.AUDIT_ANCHOR_FILE
        self.anchor_size = anchors.stat().st_size if anchors.exists() else 0
        if connection.vendor == "sqlite":
            import sqlite3

            connection.ensure_connection()
            self.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.sqlite)

    def restore(self) -> bool:
        from django.conf import settings
        from django.db import connection

        if connection.vendor == "sqlite":
            if self.sqlite is None:
                return False
            connection.ensure_connection()
            self.sqlite.backup(connection.connection)
        else:
            name, template = connection.settings_dict["NAME"], served_snapshot_name()
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        if self.anchor_size is not None and settings.AUDIT_ANCHOR_FILE.exists():
            with open(settings.AUDIT_ANCHOR_FILE, "r+b") as anchors:
                anchors.truncate(self.anchor_size)
        _forget_cached_rows()
        return True


_SNAPSHOT = _DemoSnapshot()


def _forget_cached_rows():
    """Caches of rows the restore replaced without the signals that would have cleared them."""
    from django.core.cache import cache

    from countydesk.incidents.rules import clear_cache

    cache.clear()
    clear_cache()


def ensure_demo(fresh: bool = False):
    """The demo county in the committed test database, put back from the session's snapshot (or rebuilt,
    seed rows first) when a flush removed it; `fresh` rebuilds it now, for tests of what a new demo shows
    relative to the moment it was built."""
    from countydesk.orgs.models import Unit

    if Unit.objects.exists():
        return
    if fresh or not _SNAPSHOT.restore():
        _reseed()
        _build_demo()


@pytest.fixture
def demo_transactional_db(transactional_db):
    """A committed database holding the demo county, for tests where other threads or a live server
    must see the data; rebuilt (seed rows first) when an earlier such test flushed it."""
    ensure_demo()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """What a real SMTP server (aiosmtpd) received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free port; the platform's mail (also the live server's) goes to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", controller.port, 10
    yield inbox
    controller.stop()


@pytest.fixture
def immediate_queue():
    """Huey runs each task as it is enqueued, in the caller's thread (the worker's job in production)."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
    HUEY.immediate = False
