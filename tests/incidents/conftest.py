import hashlib
import hmac
import json
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from countydesk.accounts.system import SYSTEM
from countydesk.incidents import rules, services

SHANGHAI = ZoneInfo("Asia/Shanghai")


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    mac = hmac.new(secret.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"X-CountyDesk-Timestamp": ts, "X-CountyDesk-Signature": f"sha256={mac}"}


def payload(**overrides) -> dict:
    body = {"external_id": "ext-1", "received_at": "2026-11-28T09:00:00+08:00", "occurred_at": "2026-11-28T08:55:00+08:00",
            "address": "云溪县城关镇人民路", "category_hint": "交通事故", "description": "人民路两车相撞，有人受伤",
            "caller_name": "王伟", "caller_phone": "13800000000"}
    return body | overrides


@pytest.fixture(autouse=True)
def _fresh_rules():
    rules.clear_cache()
    yield
    rules.clear_cache()


@pytest.fixture
def intake_client(db):
    def make(channel="110", name="测试110"):
        return services.do_add_client(SYSTEM, name, channel)

    return make


@pytest.fixture
def post_intake(db, intake_client):
    """post(body_dict_or_bytes, channel=..., client=(client, secret), timestamp=..., secret=...) -> response"""
    default = {}

    def post(body, channel="110", client=None, timestamp=None, secret=None, client_id=None):
        if client is None:
            default.setdefault(channel, intake_client(channel))
            client = default[channel]
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        headers = sign(secret or client[1], raw, timestamp) | {"X-CountyDesk-Client": client_id or client[0].client_id}
        return Client().post(f"/api/intake/{channel}", raw, content_type="application/json", headers=headers)

    return post


def at(hour: int, minute: int = 0, day: int = 28) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def data(minutes_after_nine=0, **fields):
    values = {"received_at": at(9) + timedelta(minutes=minutes_after_nine), "address": "云溪县城关镇人民路",
              "description": "人民路两车相撞，有人受伤", "category_hint": "交通事故"}
    return services.IntakeData(**(values | fields))
