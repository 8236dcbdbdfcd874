"""The leader's batch sign-off (批量审签): read the accepted pieces in one list, tick, sign; each piece through its own
sign-off (checks and audit per piece), refusals reported per piece."""

import pytest

from countydesk.audit.models import AuditEvent
from countydesk.info import services
from countydesk.info.models import Submission

from .conftest import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(make_draft, advance):
    def make(n):
        return [advance(make_draft(title=f"批量审签稿件{i}", body=f"11月20日，城关镇完成第{i}项工作，涉及12个村。")["id"],
                        "accept")["id"] for i in range(n)]

    return make


def _page_versions(page):
    return {str(s.pk): s.version for s in page.context["pieces"]}


def test_leader_reads_the_pieces_in_one_list_and_signs_the_ticked_ones(accepted, client_as):
    first, second, untouched = accepted(3)
    leader = client_as("lingdao")
    page = leader.get("/info/sign-off/")
    assert page.status_code == 200
    html = page.content.decode()
    for pk in (first, second, untouched):
        piece = Submission.objects.get(pk=pk)
        assert piece.title in html and piece.body in html  # read in the list, not behind a link
    versions = _page_versions(page)
    before = AuditEvent.objects.filter(action="submission.sign_off").count()
    response = leader.post("/info/sign-off/", {"pick": [first, second], **{f"version_{pk}": versions[str(pk)]
                                                                          for pk in (first, second, untouched)}},
                           follow=True)
    assert response.status_code == 200
    statuses = dict(Submission.objects.filter(pk__in=[first, second, untouched]).values_list("pk", "status"))
    assert statuses == {first: "signed", second: "signed", untouched: "accepted"}
    signed = AuditEvent.objects.filter(action="submission.sign_off").order_by("-seq")[:2]
    assert AuditEvent.objects.filter(action="submission.sign_off").count() == before + 2
    assert {e.object_id for e in signed} == {str(first), str(second)}
    assert all(e.actor.username == "lingdao" for e in signed)
    shown = [str(m) for m in response.context["messages"]]
    assert sum(m.startswith("已审签") for m in shown) == 2
    assert "批量审签稿件2" in response.content.decode()  # the unsigned piece is still on the list


def test_partial_failures_are_reported_per_piece_and_the_rest_is_signed(accepted, client_as, user):
    ok, edited, gone = accepted(3)
    leader = client_as("lingdao")
    versions = _page_versions(leader.get("/info/sign-off/"))
    # After the leader read the list: one piece is edited by the section, another is signed elsewhere.
    services.do_edit_submission(user("xinxike"), Submission.objects.get(pk=edited), note="改标题",
                                title="批量审签稿件（改）")
    services.do_sign_off_submission(user("admin"), Submission.objects.get(pk=gone))
    response = leader.post("/info/sign-off/", {"pick": [ok, edited, gone],
                                               **{f"version_{pk}": v for pk, v in versions.items()}}, follow=True)
    statuses = dict(Submission.objects.filter(pk__in=[ok, edited, gone]).values_list("pk", "status"))
    assert statuses == {ok: "signed", edited: "accepted", gone: "signed"}
    assert Submission.objects.get(pk=gone).signed_by.username == "admin"
    shown = [str(m) for m in response.context["messages"]]
    assert "已审签：批量审签稿件0" in shown
    assert any(m.startswith("批量审签稿件（改）") and "修改" in m for m in shown)  # named, asked to read it again
    assert len(shown) == 2  # the piece signed elsewhere is no longer offered: nothing said about it, nothing signed


def test_a_refusal_inside_the_workflow_is_reported_by_title(accepted, client_as, monkeypatch):
    from countydesk.base.errors import Conflict
    from countydesk.info.services.flows import SUBMISSION_FLOW

    first, second = accepted(2)
    leader = client_as("lingdao")
    versions = _page_versions(leader.get("/info/sign-off/"))
    real = SUBMISSION_FLOW._entries["sign_off"]

    def refuse_second(actor, submission, **kw):
        if submission.pk == second:
            raise Conflict("拒绝测试")
        return real(actor, submission, **kw)

    monkeypatch.setitem(SUBMISSION_FLOW._entries, "sign_off", refuse_second)
    response = leader.post("/info/sign-off/", {"pick": [first, second],
                                               **{f"version_{pk}": v for pk, v in versions.items()}}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert "批量审签稿件1: 拒绝测试" in shown and "已审签：批量审签稿件0" in shown
    assert Submission.objects.get(pk=first).status == "signed" and Submission.objects.get(pk=second).status == "accepted"


def test_only_the_leader_signs_in_batch_and_nothing_ticked_changes_nothing(accepted, client_as):
    (pk,) = accepted(1)
    editor, leader = client_as("xinxike"), client_as("lingdao")
    before = AuditEvent.objects.count()
    assert editor.get("/info/sign-off/").status_code == 403
    assert editor.post("/info/sign-off/", {"pick": [pk]}).status_code == 403
    response = leader.post("/info/sign-off/", {"pick": ["x"]}, follow=True)
    assert "请勾选要审签的稿件。" in [str(m) for m in response.context["messages"]]
    assert Submission.objects.get(pk=pk).status == "accepted" and AuditEvent.objects.count() == before


def test_the_dashboard_sends_the_leader_to_the_batch_sign_off(client_as):
    assert 'href="/info/sign-off/"' in client_as("lingdao").get("/").content.decode()
    assert 'href="/info/sign-off/"' not in client_as("xinxike").get("/").content.decode()
