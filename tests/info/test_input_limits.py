"""Bad input to a submission: an oversized post is a Chinese 413 page (API: 413 JSON), a body over the rule
table's length and an event in the future are refused readably, nothing is saved; place and source fields
answer the completeness check."""

from datetime import timedelta

import pytest
from django.utils import timezone

from countydesk.audit.models import AuditEvent
from countydesk.info.models import InfoRule, Submission
from countydesk.info.quality import check

from .conftest import call, draft_body

pytestmark = pytest.mark.django_db


def _counts():
    return Submission.objects.count(), AuditEvent.objects.count()


def _form(**extra):
    now = timezone.localtime()
    at = now.strftime("%Y-%m-%dT%H:%M")
    return {"title": "城关镇召开防汛工作会议", "body": "今天上午，城关镇召开防汛工作会议，部署12个村的防汛工作。",
            "kind": "news", "tone": "neutral", "event_at": at, "collected_at": at, "written_at": at,
            "writer_name": "张三"} | extra


def test_an_oversized_form_is_a_chinese_413_page_and_saves_nothing(client_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client = client_as("chengguan_xxy")
    before = _counts()
    response = client.post("/info/submissions/new/", _form(body="汛" * 200_000))
    assert response.status_code == 413
    page = response.content.decode()
    assert "返回" in page and "Bad Request" not in page and "什么也没有保存" in page
    assert _counts() == before


def test_an_oversized_api_body_is_413_in_the_json_error_shape(api_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client = api_as("chengguan_xxy")
    before = _counts()
    response = call(client, "post", "/api/info/submissions", draft_body(body="汛" * 200_000))
    assert response.status_code == 413
    assert response.json()["error"] == "too_large" and set(response.json()) == {"error", "message", "fields"}
    assert _counts() == before


def test_a_body_over_the_rule_length_is_refused_with_the_form_kept(client_as, api_as):
    InfoRule.objects.filter(key="max_body_chars").update(value=1000)
    body = "今天上午，城关镇召开防汛工作会议。" * 100
    page_client, api_client = client_as("chengguan_xxy"), api_as("chengguan_xxy")  # signing in is audited
    before = _counts()
    response = page_client.post("/info/submissions/new/", _form(body=body))
    page = response.content.decode()
    assert response.status_code == 200 and "最多1000" in page and body in page
    api = call(api_client, "post", "/api/info/submissions", draft_body(body=body))
    assert api.status_code == 422 and "body" in api.json()["fields"]
    assert _counts() == before


def test_an_event_in_the_future_is_refused(client_as, api_as):
    later = timezone.localtime() + timedelta(days=3)
    page_client, api_client = client_as("chengguan_xxy"), api_as("chengguan_xxy")
    before = _counts()
    response = page_client.post("/info/submissions/new/", _form(event_at=later.strftime("%Y-%m-%dT%H:%M")))
    assert "不能晚于现在" in response.content.decode()
    api = call(api_client, "post", "/api/info/submissions",
               draft_body(event_at="2030-05-01T09:00:00+08:00", collected_at=None, written_at=None))
    assert api.status_code == 422 and "event_at" in api.json()["fields"]
    assert _counts() == before


def test_place_and_source_fields_answer_the_completeness_check(client_as):
    body = "城关镇召开防汛工作会议，部署防汛工作。"
    client = client_as("chengguan_xxy")
    client.post("/info/submissions/new/", _form(body=body, title="无地点来源稿"))
    bare = Submission.objects.get(title="无地点来源稿")
    assert "来源" in check(bare).missing
    client.post("/info/submissions/new/", _form(body=body, title="有来源稿", place="城关镇人民广场",
                                                source="据镇应急办报告"))
    given = Submission.objects.get(title="有来源稿")
    assert given.place == "城关镇人民广场" and given.source == "据镇应急办报告"
    assert "来源" not in check(given).missing and "地点" not in check(given).missing
