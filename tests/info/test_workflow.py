"""The submission workflow through core.workflow: wrong steps (API and page), buttons per role, publishing with
the issue that carries an item, and the sign-off rule (which items need their own 审签)."""

import pytest

from countydesk.audit.models import AuditEvent
from countydesk.base.errors import NotFound
from countydesk.info.models import SignOffRule, Submission
from countydesk.info.services.submissions import product_candidates
from countydesk.periodicals import services as periodicals
from countydesk.periodicals.models import DistributionList, Periodical

from .conftest import call

pytestmark = pytest.mark.django_db


def _counts(pk):
    return Submission.objects.get(pk=pk).status, AuditEvent.objects.count()


def test_wrong_step_through_the_api_is_409_naming_the_allowed_states_and_changes_nothing(make_draft, advance, api_as):
    item = make_draft()
    advance(item["id"], "unit_signoff")
    leader = api_as("lingdao")  # issuing its token is audited too
    before = _counts(item["id"])
    response = call(leader, "post", f"/api/info/submissions/{item['id']}/sign_off")
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "transition_not_allowed" and body["fields"]["allowed"] == ["accepted", "draft", "rejected"]
    assert _counts(item["id"]) == before
    unknown = call(api_as("xinxike"), "post", f"/api/info/submissions/{item['id']}/approve")
    assert unknown.status_code == 422 and "accept" in unknown.json()["fields"]["action"]


def test_wrong_step_from_a_stale_page_is_a_readable_409_page(make_draft, advance, client_as):
    item = make_draft()
    advance(item["id"], "accept")
    editor = client_as("xinxike")
    before = _counts(item["id"])
    page = editor.post(f"/info/submissions/{item['id']}/accept/", {"comment": ""})
    assert page.status_code == 409
    text = page.content.decode()
    assert "signed" in text and "<html" in text.lower()
    assert _counts(item["id"]) == before


def _buttons(client, pk):
    return {name for name, _label, _text in client.get(f"/info/submissions/{pk}/").context["buttons"]}


def test_buttons_follow_the_table_per_role(make_draft, advance, client_as):
    item = make_draft()
    advance(item["id"], "send")
    assert _buttons(client_as("chengguan_ld"), item["id"]) == {"unit_signoff", "unit_return"}  # the unit leader signs
    assert _buttons(client_as("chengguan_xxy"), item["id"]) == set()  # the officer who wrote it does not
    accepted = make_draft(title="已采用的稿件")
    advance(accepted["id"], "accept")
    assert _buttons(client_as("lingdao"), accepted["id"]) == {"sign_off"}
    assert _buttons(client_as("xinxike"), accepted["id"]) == set()


def _send_issue(user, item_ids):
    editor, leader = user("xinxike"), user("lingdao")
    periodical = Periodical.objects.get(name="政务信息快报")
    issue = periodicals.do_create_issue(editor, periodical)
    periodicals.do_compile_from(editor, issue, item_ids)
    periodicals.do_submit(editor, issue)
    periodicals.do_sign(leader, issue)
    if not DistributionList.objects.filter(periodical=periodical).exists():
        DistributionList.objects.create(periodical=periodical, name="市政府办", channel="fax", address="0797-1")
    periodicals.do_publish(editor, issue)
    return issue


def test_sending_an_issue_publishes_its_submissions(make_draft, advance, user):
    signed, accepted = make_draft(title="已审签的稿件"), make_draft(title="随期签发的稿件")
    advance(signed["id"], "sign_off")
    advance(accepted["id"], "accept")
    issue = _send_issue(user, [signed["id"], accepted["id"]])
    for pk in (signed["id"], accepted["id"]):
        item = Submission.objects.get(pk=pk)
        assert item.status == "published" and item.published_at == issue.published_at
        event = AuditEvent.objects.filter(action="submission.publish", object_id=str(pk)).get()
        assert event.after["issue"] == issue.pk and event.before == {"status": "signed"}
    with_issue = Submission.objects.get(pk=accepted["id"])
    assert with_issue.signed_by == user("lingdao")  # signed with the issue, by the issue's signer
    assert AuditEvent.objects.filter(action="submission.sign_with_issue", object_id=str(accepted["id"])).exists()


def test_items_the_rule_says_need_their_own_sign_off_are_not_compiled_until_signed(make_draft, advance, user, api_as):
    urgent, early = make_draft(kind="urgent", title="要情一则"), make_draft(early_signal=True, title="苗头性动态")
    routine = make_draft(title="一般动态")
    for item in (urgent, early, routine):
        advance(item["id"], "accept")
    offered = {pk for pk, _unit, _title in product_candidates()}
    assert routine["id"] in offered and urgent["id"] not in offered and early["id"] not in offered
    issue = periodicals.do_create_issue(user("xinxike"), Periodical.objects.get(name="政务信息快报"))
    with pytest.raises(NotFound):
        periodicals.do_compile_from(user("xinxike"), issue, [urgent["id"]])
    assert not issue.items.exists()
    assert call(api_as("lingdao"), "post", f"/api/info/submissions/{urgent['id']}/sign_off").status_code == 200
    # its own 审签 first: then it may go in
    assert len(periodicals.do_compile_from(user("xinxike"), issue, [urgent["id"]])) == 1


def test_the_rule_is_admin_editable_both_ways(make_draft, advance):
    urgent, routine = make_draft(kind="urgent", title="要情二则"), make_draft(title="一般动态二")
    for item in (urgent, routine):
        advance(item["id"], "accept")
    SignOffRule.objects.filter(kind="urgent").update(own_sign_off=SignOffRule.Own.NEVER)
    SignOffRule.objects.filter(kind="news").update(own_sign_off=SignOffRule.Own.ALWAYS)
    offered = {pk for pk, _unit, _title in product_candidates()}
    assert urgent["id"] in offered and routine["id"] not in offered
