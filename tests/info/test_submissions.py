"""Submissions: every transition per role, scoping, versions with diff, uploads, follow-ups (A3, A4, A7, A10)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from countydesk.audit.models import AuditEvent
from countydesk.info.diff import html_diff
from countydesk.info.models import Attachment, InfoRule, Submission, SubmissionVersion

from .conftest import call

pytestmark = pytest.mark.django_db


def test_full_workflow_records_times_people_and_audit(make_draft, advance, user):
    draft = make_draft()
    assert draft["status"] == "draft" and draft["writer_name"]
    done = advance(draft["id"], "publish")
    item = Submission.objects.get(pk=done["id"])
    assert item.status == "published"
    assert item.unit_signed_by == user("chengguan_ld") and item.signed_by == user("lingdao")
    assert item.submitted_at and item.signed_at and item.published_at
    events = AuditEvent.objects.filter(object_type="info.submission", object_id=str(item.pk)).order_by("seq")
    assert list(events.values_list("action", flat=True)) == ["submission.create", "submission.send", "submission.unit_signoff", "submission.accept",
                             "submission.sign_off", "submission.publish"]


@pytest.mark.parametrize("username, action, state_before", [
    ("chengguan_xxy", "unit_signoff", "pending_unit"),
    ("xinxike", "unit_signoff", "pending_unit"),
    ("chengguan_xxy", "accept", "submitted"),
    ("chengguan_ld", "accept", "submitted"),
    ("lingdao", "accept", "submitted"),
    ("xinxike", "sign_off", "accepted"),
    ("chengguan_xxy", "sign_off", "accepted"),
    ("shenji", "accept", "submitted"),
    ("lingdao", "publish", "signed"),
])
def test_a_role_may_only_take_its_own_steps(make_draft, advance, api_as, username, action, state_before):
    pk = make_draft()["id"]
    previous = {"pending_unit": "send", "submitted": "unit_signoff", "accepted": "accept", "signed": "sign_off"}
    advance(pk, previous[state_before])
    response = call(api_as(username), "post", f"/api/info/submissions/{pk}/{action}", {"comment": "x"})
    assert response.status_code in (403, 404)
    assert Submission.objects.get(pk=pk).status == state_before


def test_wrong_state_answers_409_naming_the_allowed_states(make_draft, advance, api_as):
    pk = make_draft()["id"]
    response = call(api_as("chengguan_ld"), "post", f"/api/info/submissions/{pk}/unit_signoff")
    assert response.status_code == 409
    assert response.json()["error"] == "transition_not_allowed"
    assert response.json()["fields"]["allowed"] == ["pending_unit"]
    advance(pk, "unit_signoff")
    response = call(api_as("lingdao"), "post", f"/api/info/submissions/{pk}/sign_off")
    assert response.status_code == 409 and response.json()["fields"]["allowed"] == ["accepted", "draft", "rejected"]


def test_pending_items_are_invisible_to_the_information_section(make_draft, advance, api_as):
    pk = make_draft()["id"]
    advance(pk, "send")
    assert call(api_as("xinxike"), "post", f"/api/info/submissions/{pk}/accept").status_code == 404


def test_publishing_a_submitted_item_is_409_with_allowed_states(make_draft, advance, api_as):
    pk = make_draft()["id"]
    advance(pk, "unit_signoff")
    response = call(api_as("xinxike"), "post", f"/api/info/submissions/{pk}/publish")
    assert response.status_code == 409
    assert response.json()["fields"]["allowed"] == ["accepted", "draft", "rejected"]


def test_return_with_comments_goes_back_to_the_draft_and_needs_a_comment(make_draft, advance, api_as):
    pk = make_draft()["id"]
    advance(pk, "unit_signoff")
    editor = api_as("xinxike")
    assert call(editor, "post", f"/api/info/submissions/{pk}/return", {"comment": " "}).status_code == 422
    response = call(editor, "post", f"/api/info/submissions/{pk}/return", {"comment": "请补充数据来源"})
    assert response.status_code == 200 and response.json()["status"] == "draft"
    assert response.json()["review_comment"] == "请补充数据来源"
    again = call(api_as("chengguan_xxy"), "patch", f"/api/info/submissions/{pk}", {"body": "补充：数据来自镇统计站。"})
    assert again.status_code == 200
    # once returned, the information section no longer sees the draft
    assert editor.get(f"/api/info/submissions/{pk}").status_code == 404


def test_unit_leader_can_send_back_and_reject_needs_reason(make_draft, advance, api_as):
    pk = make_draft()["id"]
    advance(pk, "send")
    response = call(api_as("chengguan_ld"), "post", f"/api/info/submissions/{pk}/unit_return", {"comment": "重写"})
    assert response.json()["status"] == "draft"
    advance(pk, "unit_signoff")
    editor = api_as("xinxike")
    assert call(editor, "post", f"/api/info/submissions/{pk}/reject").status_code == 422
    assert call(editor, "post", f"/api/info/submissions/{pk}/reject", {"comment": "重复"}).json()["status"] == \
        "rejected"


def test_other_units_drafts_are_404_and_never_listed(make_draft, api_as):
    pk = make_draft()["id"]
    for username in ("qingshan_xxy", "fgj_xxy", "xinxike"):
        client = api_as(username)
        assert client.get(f"/api/info/submissions/{pk}").status_code == 404
        assert call(client, "patch", f"/api/info/submissions/{pk}", {"title": "改一下标题"}).status_code == 404
        ids = {row["id"] for row in client.get("/api/info/submissions?per_page=1000").json()["items"]}
        assert pk not in ids
    assert api_as("chengguan_ld").get(f"/api/info/submissions/{pk}").status_code == 200


def test_township_officer_lists_only_own_unit(api_as, user):
    items = api_as("qingshan_xxy").get("/api/info/submissions?per_page=1000").json()["items"]
    assert items and {row["unit_id"] for row in items} == {user("qingshan_xxy").unit_id}


def test_information_section_sees_every_submitted_item_but_no_drafts(api_as):
    items = api_as("xinxike").get("/api/info/submissions?per_page=1000").json()["items"]
    expected = Submission.objects.exclude(status__in=["draft", "pending_unit"]).count()
    assert len(items) == expected and not {"draft", "pending_unit"} & {row["status"] for row in items}


def test_editing_an_accepted_item_keeps_every_version_with_a_diff(make_draft, advance, api_as):
    pk = make_draft()["id"]
    advance(pk, "accept")
    editor = api_as("xinxike")
    original = Submission.objects.get(pk=pk).body
    for body in ("11月20日，城关镇部署12个村防汛工作。", "城关镇部署12个村防汛工作。"):
        assert call(editor, "patch", f"/api/info/submissions/{pk}", {"body": body, "note": "浓缩"}).status_code == 200
    versions = editor.get(f"/api/info/submissions/{pk}/versions").json()
    assert [v["number"] for v in versions] == [1, 2, 3]
    assert versions[0]["body"] == original and versions[2]["body"] == "城关镇部署12个村防汛工作。"
    page = api_as("xinxike")
    from django.test import Client

    browser = Client()
    browser.force_login(Submission.objects.get(pk=pk).reviewed_by)
    html = browser.get(f"/info/submissions/{pk}/").content.decode()
    assert "<del>11月20日，</del>" in html
    assert page  # the API client stays usable
    # the officer cannot edit an accepted item
    assert call(api_as("chengguan_xxy"), "patch", f"/api/info/submissions/{pk}", {"body": "再改"}).status_code == 403


def test_changing_only_metadata_makes_no_new_version(make_draft, api_as):
    pk = make_draft()["id"]
    call(api_as("chengguan_xxy"), "patch", f"/api/info/submissions/{pk}", {"tone": "good"})
    assert SubmissionVersion.objects.filter(submission_id=pk).count() == 1


def test_html_diff_marks_changes_and_escapes():
    assert html_diff("今年完成5个", "今年完成8个") == "今年完成<del>5</del><ins>8</ins>个"
    assert "<script>" not in html_diff("", "<script>x</script>")


def test_times_out_of_order_are_422(api_as):
    from .conftest import draft_body

    body = draft_body(collected_at="2026-11-19T08:00:00+08:00")
    response = call(api_as("chengguan_xxy"), "post", "/api/info/submissions", body)
    assert response.status_code == 422 and "collected_at" in response.json()["fields"]


def test_fast_lane_has_the_shorter_deadline(make_draft):
    rules = dict(InfoRule.objects.values_list("key", "value"))
    normal, fast = make_draft(), make_draft(early_signal=True, kind="urgent", tone="problem")
    normal, fast = Submission.objects.get(pk=normal["id"]), Submission.objects.get(pk=fast["id"])
    assert normal.deadline - normal.event_at == timedelta(hours=rules["submit_hours"])
    assert fast.deadline - fast.event_at == timedelta(hours=rules["fast_lane_hours"])
    assert rules["fast_lane_hours"] < rules["submit_hours"]


def _upload(api, pk, name, content):
    return api.post(f"/api/info/submissions/{pk}/attachments", {"file": SimpleUploadedFile(name, content)})


def test_good_upload_is_stored(make_draft, api_as, media):
    pk = make_draft()["id"]
    response = _upload(api_as("chengguan_xxy"), pk, "现场照片.jpg", b"\xff\xd8\xff" + b"0" * 100)
    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get(pk=response.json()["id"])
    assert attachment.size == 103 and str(media) in attachment.file.path


@pytest.mark.parametrize("name, size, status", [("virus.exe", 10, 422), ("noext", 10, 422), ("big.pdf", None, 413),
                                                ("empty.pdf", 0, 422)])
def test_bad_uploads_change_nothing(make_draft, api_as, name, size, status):
    pk = make_draft()["id"]
    InfoRule.objects.filter(key="max_upload_mb").update(value=1)
    officer = api_as("chengguan_xxy")
    counts = (Attachment.objects.count(), AuditEvent.objects.count())
    content = b"x" * (1024 * 1024 + 1 if size is None else size)
    response = _upload(officer, pk, name, content)
    assert response.status_code == status
    assert set(response.json()) == {"error", "message", "fields"}
    assert (Attachment.objects.count(), AuditEvent.objects.count()) == counts


def test_follow_up_request_and_answer(make_draft, advance, api_as):
    pk = make_draft(tone="problem", kind="problem")["id"]
    advance(pk, "accept")
    officer = api_as("chengguan_xxy")
    assert call(officer, "post", f"/api/info/submissions/{pk}/follow-up-requests", {"note": "续报"}).status_code == 403
    request = call(api_as("xinxike"), "post", f"/api/info/submissions/{pk}/follow-up-requests",
                   {"note": "请续报处置进展"}).json()
    assert request["status"] == "open"
    from .conftest import draft_body

    follow_up = call(officer, "post", f"/api/info/submissions/{pk}/follow-ups",
                     draft_body(title="（续报）城关镇防汛进展", request_id=request["id"]))
    assert follow_up.status_code == 201 and follow_up.json()["follow_up_of_id"] == pk
    assert Submission.objects.get(pk=pk).follow_up_requests.get().status == "answered"
    again = call(officer, "post", f"/api/info/submissions/{pk}/follow-ups",
                 draft_body(title="（续报二）", request_id=request["id"]))
    assert again.status_code == 409


def test_unknown_theme_is_422_naming_the_field(api_as):
    from .conftest import draft_body

    response = call(api_as("chengguan_xxy"), "post", "/api/info/submissions", draft_body(theme_id=999999))
    assert response.status_code == 422 and "theme_id" in response.json()["fields"]


def test_queue_query_count_is_fixed(api_as, client_as, django_assert_max_num_queries):
    api = api_as("xinxike")
    with django_assert_max_num_queries(8):
        assert api.get("/api/info/submissions?per_page=100").status_code == 200
    client = client_as("xinxike")
    with django_assert_max_num_queries(14):
        assert client.get("/info/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/info/?format=xlsx").status_code == 200


def test_sources_for_news_matching_and_periodicals_skip_unit_drafts(make_draft, advance):
    from datetime import date

    from countydesk.info.services.submissions import news_source, product_source

    draft, accepted = make_draft(), make_draft(title="城关镇防汛会议（已采用）")
    advance(accepted["id"], "accept")
    unit_id = draft["unit_id"]
    ids = {row[0] for row in news_source([unit_id], date(2026, 11, 1), date(2026, 11, 30))}
    assert accepted["id"] in ids and draft["id"] not in ids
    rows = product_source([draft["id"], accepted["id"], "x"])
    assert [(r[0], r[1].pk, r[4]) for r in rows] == [(accepted["id"], unit_id, accepted["writer_name"])]
