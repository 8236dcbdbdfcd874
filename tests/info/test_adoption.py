"""Adoption records, the scoring table and monthly rankings (A11)."""

from datetime import date

import pytest

from countydesk.info.models import Adoption, Commission, InfoRule, ScoreRule, Submission
from countydesk.info.services import ranking
from countydesk.orgs.models import Unit

from .conftest import call

pytestmark = pytest.mark.django_db


def _rule(code):
    return ScoreRule.objects.get(code=code)


def test_scoring_table_has_the_domain_defaults():
    assert _rule("county-yaoqing").points == 5 and _rule("central").points == 50
    assert _rule("commission-missed").points == -10 and _rule("inaccurate").points == -30


def test_recording_adoptions_by_role_and_state(make_draft, advance, api_as):
    pk = make_draft()["id"]
    body = {"rule_id": _rule("city").pk, "on": "2026-11-25"}
    assert call(api_as("chengguan_xxy"), "post", f"/api/info/submissions/{pk}/adoptions", body).status_code == 403
    advance(pk, "accept")
    editor = api_as("xinxike")
    response = call(editor, "post", f"/api/info/submissions/{pk}/adoptions", body)
    assert response.status_code == 201 and response.json()["points"] == 20
    assert call(editor, "post", f"/api/info/submissions/{pk}/adoptions", body).status_code == 409
    assert call(editor, "post", f"/api/info/submissions/{pk}/adoptions",
                body | {"rule_id": 999999}).status_code == 422


def test_ranking_accumulates_or_takes_the_highest(make_draft, advance, api_as):
    unit = Unit.objects.get(name="西坪乡")  # no demo submissions: a clean slate
    item = Submission.objects.create(
        unit=unit, title="西坪乡信息", body="正文", writer_name="王芳", status="accepted",
        event_at="2026-10-01T08:00:00+08:00", collected_at="2026-10-01T08:00:00+08:00",
        written_at="2026-10-01T08:00:00+08:00", deadline="2026-10-02T08:00:00+08:00")
    from countydesk.accounts.system import SYSTEM
    from countydesk.info.services import do_record_adoption

    do_record_adoption(SYSTEM, item, _rule("county-yaoqing"), date(2026, 10, 5))
    do_record_adoption(SYSTEM, item, _rule("city"), date(2026, 10, 9))
    october = (date(2026, 10, 1), date(2026, 10, 31))
    row = next(r for r in ranking(*october, [unit]))
    assert (row.points, row.adopted) == (25, 1)
    InfoRule.objects.filter(key="adoption_highest_only").update(value=1)
    assert ranking(*october, [unit])[0].points == 20
    assert ranking(date(2026, 9, 1), date(2026, 9, 30), [unit])[0].points == 0


def test_missed_commission_is_deducted():
    commission = Commission.objects.get(status="issued", deadline=date(2026, 11, 10))
    rows = ranking(date(2026, 11, 1), date(2026, 11, 30), [commission.unit])
    assert commission.topic.title in rows[0].deductions
    adopted = sum(a.points for a in Adoption.objects.filter(submission__unit=commission.unit,
                                                          on__range=(date(2026, 11, 1), date(2026, 11, 30))))
    assert rows[0].points == adopted - 10


def test_rankings_api_and_page(api_as, client_as):
    rows = api_as("xinxike").get("/api/info/rankings?year=2026").json()
    assert rows == sorted(rows, key=lambda r: (-r["points"], r["unit"]))
    assert sum(r["points"] for r in rows) != 0
    assert api_as("xinxike").get("/api/info/rankings?year=2026&month=13").status_code == 422
    page = client_as("xinxike").get("/info/rankings/?year=2026").content.decode()
    assert "<svg" in page
    assert client_as("xinxike").get("/info/rankings/?year=2026&format=xlsx").status_code == 200


def test_rankings_page_and_its_export_default_to_this_month(client_as):
    from io import BytesIO

    from django.utils import timezone
    from openpyxl import load_workbook

    from countydesk.info.api import period_bounds, reporting_units

    today = timezone.localdate()
    expected = {r.unit: r.points for r in ranking(*period_bounds(today.year, today.month, None), reporting_units())}
    client = client_as("xinxike")
    assert f'name="month" value="{today.month}"' in client.get("/info/rankings/").content.decode()
    sheet = load_workbook(BytesIO(client.get("/info/rankings/?format=xlsx").content)).active
    assert {row[1]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)} == expected
