"""Bulk work in short transactions, so that an emergency intake never waits on an import.

SQLite has one writer at a time: an import of 200,000 rows in one transaction held the write lock for six
minutes and every signed intake in that time failed after its busy timeout. `write_in_batches` commits every
`IMPORT_BATCH_ROWS` rows or `IMPORT_BATCH_SECONDS` seconds, whichever comes first, and then leaves the lock
free for `IMPORT_BATCH_PAUSE` seconds: a writer waiting in SQLite's busy handler polls at most 50 ms apart in
its first quarter second, so a pause of that length lets it in (PostgreSQL locks rows: no pause there).

Callers validate everything they can before writing (bad input changes nothing); what a batch writes is
committed with that batch, so a failure while writing keeps the batches before it, and the caller reports them.
"""

import time
from typing import Callable, Sequence, TypeVar

from django.conf import settings
from django.db import connection, transaction

Item = TypeVar("Item")
Progress = Callable[[int, int], None]  # progress(done, total)


def write_in_batches(items: Sequence[Item], write: Callable[[Item], None], *,
                     on_batch: Callable[[Sequence[Item]], None] | None = None, progress: Progress | None = None,
                     rollback: bool = False) -> int:
    """Call `write(item)` for every item, in transactions of bounded length; `on_batch(batch)` runs last in
    each (e.g. the batch's audit row), `progress(done, total)` after each commit. With `rollback` every batch
    is rolled back instead (a check pass: the same writes, nothing kept). The number of items written."""
    total, done = len(items), 0
    while done < total:
        start, started = done, time.monotonic()
        with transaction.atomic():
            while done < total and done - start < settings.IMPORT_BATCH_ROWS and (
                    done == start or time.monotonic() - started < settings.IMPORT_BATCH_SECONDS):
                write(items[done])
                done += 1
            if on_batch is not None:
                on_batch(items[start:done])
            if rollback:
                transaction.set_rollback(True)
        if progress is not None:
            progress(done, total)
        if done < total:
            _let_others_write()
    return done


def _let_others_write():
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        time.sleep(settings.IMPORT_BATCH_PAUSE)
