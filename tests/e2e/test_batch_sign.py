"""Issue 11 item 7 in a real browser: the office leader's dashboard says what waits for him; he opens the batch
sign-off, reads the accepted pieces in one list, ticks two and signs them; each is signed and audited on its own."""

import pytest
from playwright.sync_api import expect

from countydesk.audit.models import AuditEvent
from countydesk.demo.generator import DEMO_PASSWORD
from countydesk.info.models import Submission

from .conftest import screenshot

pytestmark = pytest.mark.e2e


def test_leader_signs_two_pieces_from_one_list(page, demo_live_server):
    waiting = list(Submission.objects.filter(status="accepted").order_by("-early_signal", "submitted_at", "pk"))
    assert len(waiting) >= 3
    page.goto(f"{demo_live_server.url}/login/")
    page.fill("input[name=username]", "lingdao")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button:has-text('登录')")
    page.wait_for_url(f"{demo_live_server.url}/")
    expect(page.locator("#card-issues-to-sign")).to_contain_text("待审签期刊")
    page.locator("main a[href='/info/sign-off/']").click()
    expect(page.locator("h1")).to_have_text("批量审签")
    for piece in waiting:  # the text itself is on the list, to be read before ticking
        expect(page.locator(f"#piece-{piece.pk}")).to_contain_text(piece.title)
        expect(page.locator(f"#piece-{piece.pk} .body")).to_contain_text(piece.body.splitlines()[0][:30])
    first, second = waiting[0], waiting[1]
    page.check(f"#piece-{first.pk} input[name=pick]")
    page.check(f"#piece-{second.pk} input[name=pick]")
    screenshot(page, "batch-sign-ticked")
    page.click("button:has-text('审签所勾选的稿件')")
    expect(page.locator(".flash.success").first).to_contain_text("已审签")
    expect(page.locator(".flash.success")).to_have_count(2)
    expect(page.locator(f"#piece-{first.pk}")).to_have_count(0)
    expect(page.locator(f"#piece-{waiting[2].pk}")).to_be_visible()
    screenshot(page, "batch-sign-done")
    signed = dict(Submission.objects.filter(pk__in=[first.pk, second.pk, waiting[2].pk]).values_list("pk", "status"))
    assert signed == {first.pk: "signed", second.pk: "signed", waiting[2].pk: "accepted"}
    rows = AuditEvent.objects.filter(action="submission.sign_off", object_id__in=[str(first.pk), str(second.pk)])
    assert rows.count() == 2 and {r.actor.username for r in rows} == {"lingdao"}


def test_tick_all_ticks_every_piece(page, demo_live_server):
    page.goto(f"{demo_live_server.url}/login/")
    page.fill("input[name=username]", "lingdao")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button:has-text('登录')")
    page.wait_for_url(f"{demo_live_server.url}/")
    page.goto(f"{demo_live_server.url}/info/sign-off/")
    page.check("#pick-all")
    boxes = page.locator("input[name=pick]")
    assert boxes.count() == Submission.objects.filter(status="accepted").count()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
