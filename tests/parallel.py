"""Racing writers in tests, each on its own database connection (Runs on SQLite and on PostgreSQL)."""

import threading
import time

from django.db import OperationalError, close_old_connections, connection


def retrying_on_lock(fn):
    """The in-memory test database of SQLite shares one cache between connections, where a second writer gets
    "table is locked" at once instead of waiting; the whole transaction was rolled back, so try again.
    (A file database waits on the IMMEDIATE lock; PostgreSQL waits on the row lock.)"""
    while True:
        try:
            return fn()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.002)


def race(prepare, act, arguments: list) -> list:
    """For each of `arguments`, a thread runs `prepare(argument)`, waits for all the others, then returns
    `act(prepared)`; the list of what each returned (or the repr of what it raised)."""
    outcomes, barrier = [], threading.Barrier(len(arguments), timeout=30)

    def run(argument):
        try:
            prepared = retrying_on_lock(lambda: prepare(argument))
            barrier.wait()
            outcomes.append(act(prepared))
        except Exception as exc:  # pragma: no cover - reported by the caller's assertion
            outcomes.append(repr(exc))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes
