"""Every page of the chapter opens for each role it serves, in Chinese."""

import pytest

from countydesk.info.models import Commission, Submission, Topic

pytestmark = pytest.mark.django_db

PAGES = ["/info/", "/info/?status=draft", "/info/topics/", "/info/topics/?timetable=1", "/info/commissions/",
         "/info/commissions/?overdue=1", "/info/timeliness/", "/info/balance/", "/info/liaison/",
         "/info/submissions/new/", "/"]


@pytest.mark.parametrize("username", ["xinxike", "lingdao", "chengguan_xxy", "chengguan_ld", "fgj_xxy", "shenji"])
def test_pages_open_for_every_role(client_as, username):
    client = client_as(username)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url


def test_detail_pages_open(client_as):
    client = client_as("xinxike")
    accepted = Submission.objects.filter(status="accepted").first()
    page = client.get(f"/info/submissions/{accepted.pk}/").content.decode()
    assert "<ins>" in page or "<del>" in page
    for topic in Topic.objects.all():
        assert client.get(f"/info/topics/{topic.pk}/").status_code == 200
    for commission in Commission.objects.all():
        page = client.get(f"/info/commissions/{commission.pk}/").content.decode()
        assert commission.number in page and commission.requirements in page


def test_queue_exports_excel(client_as):
    response = client_as("xinxike").get("/info/?format=xlsx&status=accepted")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_charts_are_inline_svg(client_as):
    client = client_as("xinxike")
    for url in ["/info/timeliness/", "/info/balance/"]:
        page = client.get(url).content.decode()
        assert "<svg" in page and "<script" not in page.split("<main>")[1]
