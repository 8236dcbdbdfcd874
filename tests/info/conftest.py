import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

CST = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Attachments go to a temporary folder (settings has no MEDIA_ROOT of its own yet)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def call(client, method, url, body=None):
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


def draft_body(**extra):
    return {"title": "城关镇召开防汛工作会议", "body": "11月20日，城关镇召开防汛工作会议，部署12个村的防汛工作。",
            "kind": "news", "tone": "neutral", "event_at": datetime(2026, 11, 20, 9, 0, tzinfo=CST).isoformat(),
            "collected_at": datetime(2026, 11, 20, 10, 0, tzinfo=CST).isoformat(),
            "written_at": datetime(2026, 11, 20, 11, 0, tzinfo=CST).isoformat()} | extra


@pytest.fixture
def make_draft(api_as):
    def make(username="chengguan_xxy", **extra):
        response = call(api_as(username), "post", "/api/info/submissions", draft_body(**extra))
        assert response.status_code == 201, response.content
        return response.json()

    return make


@pytest.fixture
def advance(api_as):
    """Walk a submission through the workflow with the demo role for each step."""
    steps = [("chengguan_xxy", "send"), ("chengguan_ld", "unit_signoff"), ("xinxike", "accept"),
             ("lingdao", "sign_off"), ("xinxike", "publish")]

    def run(pk, until):
        for username, action in steps:
            response = call(api_as(username), "post", f"/api/info/submissions/{pk}/{action}")
            assert response.status_code == 200, (action, response.content)
            if action == until:
                return response.json()

    return run
