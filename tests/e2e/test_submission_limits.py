"""An oversized submission is stopped in the page before it is sent: the typed text stays, the reason is Chinese."""

import pytest

from countydesk.demo.generator import DEMO_PASSWORD
from countydesk.info.models import Submission

pytestmark = pytest.mark.e2e


def test_oversized_text_is_stopped_before_posting_and_kept(demo_live_server, page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200_000
    base = demo_live_server.url
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "chengguan_xxy")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button:has-text('登录')")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/info/submissions/new/")
    count = Submission.objects.count()
    text = "今天上午，城关镇召开防汛工作会议，部署12个村的防汛工作。" * 3000  # ~1.5 MB once encoded
    page.fill("#id_title", "城关镇召开防汛工作会议")
    page.evaluate("(t) => { document.getElementById('id_body').value = t; }", text)
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.click("form.stacked button:has-text('保存')")
    alert = page.locator(".form-too-large")
    alert.wait_for()
    assert "尚未提交" in alert.inner_text() and "字" in alert.inner_text()
    assert page.url == f"{base}/info/submissions/new/" and posts == []
    assert page.input_value("#id_body") == text
    assert Submission.objects.count() == count
