"""Signed intake: client secrets encrypted at rest, HMAC-SHA256 over "<timestamp>.<raw body>".

Secrets are kept encrypted with Fernet under a key derived from SECRET_KEY (HMAC verification needs the
secret itself, so a one-way hash cannot be stored). Changing SECRET_KEY therefore means rotating every
client (`countydesk clients rotate ID`).
"""

import base64
import hashlib
import hmac
import secrets
import time

from cryptography.fernet import Fernet
from django.conf import settings

MAX_SKEW_SECONDS = 300
_decrypted: dict[tuple[str, str], str] = {}


def _fernet() -> Fernet:
    key = hashlib.sha256(b"countydesk.incidents.client-secret:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_client_id() -> str:
    return "cdi_" + secrets.token_hex(8)


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    """The plain secret; decrypted once per process and stored token (a rotation stores a new token)."""
    key = (settings.SECRET_KEY, token)
    if key not in _decrypted:
        _decrypted[key] = _fernet().decrypt(token.encode()).decode()
    return _decrypted[key]


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def timestamp_fresh(timestamp: str, now: float | None = None) -> bool:
    if not timestamp.isdigit():
        return False
    return abs((now or time.time()) - int(timestamp)) <= MAX_SKEW_SECONDS


def signature_valid(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature)
