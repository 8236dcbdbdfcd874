"""`countydesk text check`, `/api/text/check` and the submission page read one rule table (InfoRule)."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from countydesk.info.models import InfoRule
from countydesk.info.quality import text_checks

pytestmark = pytest.mark.django_db
TEXT = "据县统计局统计，2025年全县生产总值达到120亿元，同比增长6.5%。" * 3


def _set(key, value):
    rule = InfoRule.objects.get(key=key)
    rule.value = value
    rule.save()


def _cli(path):
    out = StringIO()
    call_command("text", "check", "--as-of", "2026-03-20", str(path), stdout=out)
    return json.loads(out.getvalue())


def test_cli_api_and_page_follow_the_administrators_rules(api_as, tmp_path):
    _set("freshness_lag_months", 12)
    _set("condense_chars", 50)
    path = tmp_path / "item.txt"
    path.write_text(TEXT, encoding="utf-8")
    api = api_as("chengguan_xxy").post("/api/text/check", {"text": TEXT, "as_of": "2026-03-20"},
                                       content_type="application/json").json()
    freshness, completeness = text_checks(TEXT, date(2026, 3, 20))
    cli = _cli(path)
    assert freshness.stale is False and completeness.condense_hint
    for report in (api, cli):
        assert report["freshness"]["stale"] is freshness.stale
        assert report["completeness"]["condense_hint"] == completeness.condense_hint
    _set("freshness_lag_months", 1)
    assert _cli(path)["freshness"]["stale"] is True
