"""The audit chain's keyed hash and its anchors outside the database (审计链防篡改).

Each row's hash is HMAC-SHA256, under the audit key, of the row's canonical JSON, which includes the
previous row's hash. The key is never in the database (settings.AUDIT_CHAIN_KEY: the AUDIT_CHAIN_KEY
environment variable, else derived from SECRET_KEY), so someone who can write the database but not
read the key cannot recompute a rewritten row's hash, nor any later one. Rows written before the keyed
chain keep their plain SHA-256 hash (scheme 1); the first keyed row links to them.

The chain's tip is anchored outside the database as well: after each commit that wrote audit rows,
and on every successful `audit verify`, one line `{"chain", "seq", "hash", "mac"}` is appended to the
anchor log (settings.AUDIT_ANCHOR_FILE, by default COUNTYDESK_VAR/audit-anchors.log), which can be
copied off the machine. Deleting the last rows and moving the tip back leaves an anchor beyond the tip;
a row rewritten after it was anchored differs from its anchor. `chain` is the first row's hash, so a
database built anew (a fresh demo) starts its own chain in the same log instead of failing on the old one;
a chain rewritten from its first row is a new chain too, so a first row without the key's hash, or an
empty trail, while the log knows only other chains, is a rewrite.
"""

import hashlib
import hmac
import json
import logging
import os
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

PLAIN, KEYED = 1, 2
SCHEMES = (PLAIN, KEYED)

log = logging.getLogger(__name__)


def _key() -> bytes:
    return settings.AUDIT_CHAIN_KEY.encode()


def canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def digest(fields: dict, scheme: int = KEYED) -> str:
    if scheme == PLAIN:
        return hashlib.sha256(canonical(fields)).hexdigest()
    return hmac.new(_key(), canonical(fields), hashlib.sha256).hexdigest()


# --- anchors ---

@dataclass(frozen=True)
class Anchor:
    line: int
    chain: str
    seq: int
    hash: str
    genuine: bool  # its MAC is right: the line was written with the audit key


def _mac(chain: str, seq: int, row_hash: str) -> str:
    return hmac.new(_key(), f"anchor:{chain}:{seq}:{row_hash}".encode(), hashlib.sha256).hexdigest()


def append_anchor(chain: str, seq: int, row_hash: str):
    """One line at the end of the anchor log; one write() of a short line, so processes do not interleave."""
    line = json.dumps({"chain": chain, "seq": seq, "hash": row_hash, "mac": _mac(chain, seq, row_hash)}) + "\n"
    path = settings.AUDIT_ANCHOR_FILE
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def read_anchors() -> list[Anchor]:
    """Every line of the anchor log, of every chain (a line that does not parse is a forged anchor)."""
    path = settings.AUDIT_ANCHOR_FILE
    if not os.path.exists(path):
        return []
    found = []
    with open(path, encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            try:
                data = json.loads(text)
                chain, seq, row_hash = str(data["chain"]), int(data["seq"]), str(data["hash"])
                genuine = hmac.compare_digest(str(data["mac"]), _mac(chain, seq, row_hash))
            except (ValueError, KeyError, TypeError):
                chain, seq, row_hash, genuine = "", 0, "", False
            found.append(Anchor(number, chain, seq, row_hash, genuine))
    return found


_latest = threading.local()


def anchor_after_commit(event):
    """Anchor the last audit row this thread writes in the current transaction, once it commits."""
    _latest.event = event
    transaction.on_commit(lambda: _anchor_if_latest(event), robust=True)


def _anchor_if_latest(event):
    if getattr(_latest, "event", None) is not event:
        return  # a later row of the same transaction is anchored instead
    _latest.event = None
    anchor_tip(event.seq, event.hash)


def anchor_tip(seq: int, row_hash: str):
    """Append (seq, hash) under this database's chain; a full disk never fails the change already committed."""
    from .models import AuditEvent

    chain = AuditEvent.objects.filter(seq=1).values_list("hash", flat=True).first()
    if chain is None:
        return
    try:
        append_anchor(chain, seq, row_hash)
    except OSError:
        log.exception("could not append to the audit anchor log %s", settings.AUDIT_ANCHOR_FILE)
