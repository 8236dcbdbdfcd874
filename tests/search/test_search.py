import subprocess
import sys

import pytest

from countydesk.accounts.system import SYSTEM
from countydesk.orgs.models import Unit
from countydesk.orgs.services import do_update_unit
from countydesk.search.models import SearchDocument
from countydesk.search.services import highlight, index_document, query_terms, reindex_all, remove_document, search

pytestmark = pytest.mark.django_db


def _titles(user, query, **kw):
    return [h.title for h in search(user, query, **kw)]


def test_two_character_word_finds_a_record(user):
    index_document("note", 1, "防汛物资检查", "青山镇组织开展汛前物资储备检查，共检查冲锋舟12艘。")
    index_document("note", 2, "春耕备耕", "桃源乡完成春耕面积1.2万亩。")
    notes = {"kinds": ["note"]}
    assert _titles(user("admin"), "汛前", **notes) == ["防汛物资检查"]
    assert _titles(user("admin"), "冲锋舟", **notes) == ["防汛物资检查"]
    assert _titles(user("admin"), "春耕 1.2", **notes) == ["春耕备耕"]
    assert _titles(user("admin"), "地震", **notes) == []


def test_every_query_term_must_match(user):
    index_document("note", 1, "森林防火", "白沙镇开展森林防火演练")
    index_document("note", 2, "森林资源", "白沙镇森林覆盖率")
    assert set(_titles(user("admin"), "森林", kinds=["note"])) == {"森林防火", "森林资源"}
    assert _titles(user("admin"), "森林防火", kinds=["note"]) == ["森林防火"]


def test_index_follows_every_change(user):
    # Units only: the demo county has more records named after 青山镇 than a page of hits.
    unit = Unit.objects.get(name="青山镇")
    assert "青山镇" in _titles(user("admin"), "青山镇", kinds=["unit"])
    do_update_unit(SYSTEM, unit, address="青山镇迎宾大道88号")
    assert "青山镇" in _titles(user("admin"), "迎宾大道", kinds=["unit"])
    do_update_unit(SYSTEM, unit, address="青山镇新街1号")
    assert _titles(user("admin"), "迎宾大道", kinds=["unit"]) == []
    remove_document("unit", unit.pk)
    assert "青山镇" not in _titles(user("admin"), "青山镇", kinds=["unit"])


def test_results_are_scoped_like_everything_else(user):
    chengguan, qingshan = Unit.objects.get(name="城关镇"), Unit.objects.get(name="青山镇")
    index_document("draft", 1, "城关镇草稿", "内部草稿内容", unit=chengguan)
    index_document("draft", 2, "青山镇草稿", "内部草稿内容", unit=qingshan)
    index_document("warning", 3, "暴雨预警", "内部草稿内容", public=True)
    assert set(_titles(user("chengguan_xxy"), "草稿内容")) == {"城关镇草稿", "暴雨预警"}
    assert set(_titles(user("xinxike"), "草稿内容")) == {"城关镇草稿", "青山镇草稿", "暴雨预警"}
    from django.contrib.auth.models import AnonymousUser

    assert _titles(AnonymousUser(), "草稿内容") == ["暴雨预警"]
    assert _titles(user("xinxike"), "草稿内容", kinds=["warning"]) == ["暴雨预警"]


def test_snippets_are_escaped_and_highlighted():
    snippet = highlight("<b>县应急管理局</b>组织防汛演练", "防汛", query_terms("防汛"))
    assert "<mark>防汛</mark>" in snippet and "&lt;b&gt;" in snippet and "<b>" not in snippet


def test_search_page_and_api(client_as, api_as):
    page = client_as("chengguan_xxy").get("/search/?q=消防救援").content.decode()
    assert "县消防救援大队" in page
    hits = api_as("chengguan_xxy").get("/api/search?q=消防救援&kind=unit").json()
    assert [h["title"] for h in hits] == ["县消防救援大队"] and hits[0]["url"].startswith("/units/")
    assert api_as("chengguan_xxy").get("/api/search?q=").status_code == 422


def test_reindex_rebuilds_the_same_answers(user):
    before = _titles(user("admin"), "城关", limit=500)
    SearchDocument.objects.all().delete()  # simulate a lost index table…
    counts = reindex_all()
    assert counts["unit"] == Unit.objects.count()
    assert sorted(_titles(user("admin"), "城关", limit=500)) == sorted(before)


def test_text_command_prints_the_checks_as_json(tmp_path):
    import json
    import os

    sample = tmp_path / "march.txt"
    sample.write_text("据县统计局统计，2025年全县生产总值达到120亿元，同比增长6.5%。", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"COUNTYDESK_VAR": str(tmp_path)}
    # The check reads the administrator's rules, so it runs against the (migrated) test database.
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("text", "check", "--as-of", "2026-03-20", str(sample), stdout=out)
    result = json.loads(out.getvalue())
    assert result["freshness"] == {"stale": True, "newest_period": "2025年", "phrases": ["2025年"], "judged": True}
    assert result["completeness"]["missing"] == [] and result["summary"]
    bad = subprocess.run([sys.executable, "-m", "countydesk.cli", "text", "check", "--as-of", "March", str(sample)],
                         capture_output=True, text=True, env=env)
    assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr


@pytest.mark.parametrize("query", ["城关", "消防救援", "发展和改革", "0797", "桃源乡社区"])
def test_results_equal_a_substring_scan(user, query):
    """The index answers what a plain scan of the same documents answers (on SQLite and PostgreSQL alike)."""
    scan = {d.title for d in SearchDocument.objects.all() if query in f"{d.title}\n{d.body}"}
    assert set(_titles(user("admin"), query, limit=500)) == scan


def test_text_api_summarises_and_checks(api_as):
    client = api_as("chengguan_xxy")
    text = "据县统计局统计，2025年全县生产总值达到120亿元，同比增长6.5%。" * 3
    summary = client.post("/api/text/summary", {"text": text, "chars": 40}, content_type="application/json").json()
    assert 0 < len(summary["summary"]) <= 40
    check = client.post("/api/text/check", {"text": text, "as_of": "2026-03-20"}, content_type="application/json").json()
    assert check["freshness"]["stale"] is True and check["freshness"]["phrases"] == ["2025年"]
    bad = client.post("/api/text/summary", {"text": "", "chars": 5}, content_type="application/json")
    assert bad.status_code == 422 and set(bad.json()["fields"]) == {"text", "chars"}


def test_records_of_the_chapters_are_searchable_in_scope(user):
    """Submissions, plans, cases and incidents are indexed as they are saved, and scoped like their pages."""
    from countydesk.info.models import Submission

    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert {"submission", "plan", "case", "incident", "unit"} <= kinds
    submitted = Submission.objects.exclude(status__in=["draft", "pending_unit"]).select_related("unit").first()
    word = submitted.title[:4]
    assert submitted.title in _titles(user("xinxike"), word, kinds=["submission"], limit=200)
    outsider = "qingshan_xxy" if submitted.unit.name != "青山镇" else "chengguan_xxy"
    assert submitted.title not in _titles(user(outsider), word, kinds=["submission"], limit=200)
    draft = Submission.objects.filter(status="draft").first()
    assert not SearchDocument.objects.filter(kind="submission", object_id=str(draft.pk)).exists()


def test_unit_names_are_words_for_the_segmenter():
    from countydesk.orgs.dictionary import ensure_loaded
    from countydesk.textkit import check_completeness, words

    ensure_loaded()
    assert "县发展和改革局" in words("县发展和改革局召开会议")
    assert "地点" not in check_completeness("11月20日，龙潭乡召开防汛会议，部署12个村的防汛工作。据统计，共落实人员300人。").missing
