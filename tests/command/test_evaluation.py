"""After-action evaluation (总结评估, issue 13.8): intervals measured from the record against their rules,
the report as .docx/.xlsx opened back, the case filed with a link back, the county-wide trends, roles."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.command import milestones
from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.command.evaluation.measures import measure
from countydesk.command.models import Evaluation, IntervalRule
from countydesk.incidents import services
from countydesk.incidents.models import Incident
from countydesk.orgs.models import Unit
from countydesk.registry.cases.models import Case

pytestmark = pytest.mark.django_db


def _incident(received_minutes_ago=150, **fields):
    values = {"received_at": timezone.now() - timedelta(minutes=received_minutes_ago), "address": "云溪县城关镇人民路",
              "description": "人民路两车相撞，有人受伤", "category_hint": "交通事故", "lat": 29.1, "lon": 114.7}
    return services.do_import_intakes(SYSTEM, [services.IntakeData(**(values | fields))])[0].incident


def _send_initial_report(incident, user):
    report = services.do_draft_report(user("zhiban"), incident, "initial")
    report = services.do_submit_report(user("zhiban"), report)
    report = services.do_sign_report(user("zhihui"), report)
    return services.do_send_report(user("zhiban"), report)


@pytest.fixture
def closed(user):
    incident = _incident()
    _send_initial_report(incident, user)
    incident = services.do_close_incident(user("zhiban"), Incident.objects.get(pk=incident.pk))
    return Incident.objects.get(pk=incident.pk)


def _interval(measures, start):
    return next(i for i in measures["intervals"] if i["start"] == start)


def test_the_record_is_measured_against_the_rules(closed):
    measures = measure(closed)
    codes = [m["code"] for m in measures["milestones"]]
    assert codes == ["receipt", "first_report", "activation", "first_order", "first_arrival", "control", "close"]
    first = _interval(measures, "receipt")
    assert 149 <= first["minutes"] <= 152 and first["limit"] == 60 and first["late"] is True  # Ⅳ级: 60 min
    assert "超过时限" in first["verdict"] or "over the limit" in first["verdict"]
    assert _interval(measures, "first_report")["minutes"] is None  # no activation recorded
    assert measures["milestones"][-1]["at"] is not None  # closed, from the audit row of the transition


def test_limits_follow_the_rule_table_and_the_grade(closed, monkeypatch):
    when = timezone.now()
    monkeypatch.setitem(milestones.READERS, "activation", lambda incident: when)
    monkeypatch.setitem(milestones.READERS, "first_report", lambda incident: when - timedelta(minutes=40))
    assert _interval(measure(closed), "first_report") | {"minutes": 40.0} == _interval(measure(closed), "first_report")
    assert _interval(measure(closed), "first_report")["late"] is False  # Ⅲ–Ⅳ: 60 min
    IntervalRule.objects.filter(start="first_report", end="activation").update(minutes=30)
    assert _interval(measure(closed), "first_report")["late"] is True
    Incident.objects.filter(pk=closed.pk).update(grade=2)
    assert _interval(measure(Incident.objects.get(pk=closed.pk)), "first_report")["limit"] == 30  # Ⅰ–Ⅱ column


def test_the_commander_writes_the_evaluation_and_the_case_is_filed(closed, client_as):
    page = client_as("zhihui").post(f"/command/incident/{closed.pk}/evaluation/", {"lessons": "接报后初报偏慢。\n应加强值守。"})
    assert page.status_code == 302
    evaluation = Evaluation.objects.get(incident=closed)
    assert Incident.objects.get(pk=closed.pk).status == "evaluated"
    assert _interval(evaluation.measures, "receipt")["late"] is True
    case = Case.objects.get(pk=evaluation.case_id)
    assert (case.incident_ref, case.lessons, case.event_type) == (closed.number, evaluation.lessons, closed.type_code)
    assert case.source_url == f"/command/incident/{closed.pk}/evaluation/"
    assert f'href="{case.source_url}"' in client_as("yingjiban").get(f"/cases/{case.pk}/").content.decode()
    audit = AuditEvent.objects.filter(action="evaluation.create", object_id=str(evaluation.pk)).get()
    assert audit.actor_name == "zhihui" and audit.after["incident"] == closed.number
    shown = client_as("zhihui").get(f"/command/incident/{closed.pk}/evaluation/").content.decode()
    assert "应加强值守" in shown and "evaluation.docx" in shown


def test_the_report_opens_back_as_word_and_excel(closed, client_as, user):
    from countydesk.command.services.evaluation import do_write_evaluation

    do_write_evaluation(user("yingjiban"), closed, "初报超时。")
    office = client_as("yingjiban")
    word = office.get(f"/command/incident/{closed.pk}/evaluation.docx")
    assert word.status_code == 200
    document = Document(BytesIO(word.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert closed.number in text and "初报超时。" in text
    assert any("超过时限" in c for c in cells) and "接报" in "".join(cells)
    book = load_workbook(BytesIO(office.get(f"/command/incident/{closed.pk}/evaluation.xlsx").content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    first = next(r for r in rows[1:] if r[0] == "receipt")
    assert first[1] == "first_report" and first[3] >= 149 and first[4] == 60 and first[5] == "是"
    assert office.get(f"/command/incident/{closed.pk}/evaluation.exe").status_code == 404


def test_bad_input_changes_nothing(closed, client_as, api_as, user):
    open_one = _incident(received_minutes_ago=5, description="仓库起火", category_hint="火灾")
    counts = lambda: (Evaluation.objects.count(), Case.objects.count(),  # noqa: E731
                      AuditEvent.objects.exclude(action__startswith="user.").exclude(action__startswith="token.").count())
    before = counts()
    page = client_as("zhihui").post(f"/command/incident/{closed.pk}/evaluation/", {"lessons": "   "})
    assert page.status_code == 422 and "经验教训" in page.content.decode()
    api = api_as("zhihui")
    assert api.post(f"/api/command/evaluations/{closed.pk}", {"lessons": ""},
                    content_type="application/json").status_code == 422
    assert api.post(f"/api/command/evaluations/{closed.pk}", {"lessons": "x" * 5001},
                    content_type="application/json").status_code == 422
    refused = api.post(f"/api/command/evaluations/{open_one.pk}", {"lessons": "教训"}, content_type="application/json")
    assert refused.status_code == 409 and "closed" in refused.json()["fields"]["allowed"]
    assert counts() == before
    assert Incident.objects.get(pk=closed.pk).status == "closed"


def test_evaluated_once_and_only_through_the_evaluation(closed, api_as):
    api = api_as("yingjiban")
    assert api.post(f"/api/incidents/{closed.pk}/evaluate", {}, content_type="application/json").status_code == 404
    made = api.post(f"/api/command/evaluations/{closed.pk}", {"lessons": "教训"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["evaluated"] and made.json()["case_id"]
    again = api.post(f"/api/command/evaluations/{closed.pk}", {"lessons": "再来"}, content_type="application/json")
    assert again.status_code == 409
    shown = api.get(f"/api/command/evaluations/{closed.pk}").json()
    assert shown["lessons"] == "教训" and shown["measures"]["intervals"][0]["late"] is True


def test_roles_and_scoping(closed, api_as, client_as):
    assert api_as("zhiban").post(f"/api/command/evaluations/{closed.pk}", {"lessons": "教训"},
                                 content_type="application/json").status_code == 403
    desk_page = client_as("zhiban").get(f"/command/incident/{closed.pk}/evaluation/").content.decode()
    assert 'name="lessons"' not in desk_page and "接报" in desk_page
    assert client_as("zhiban").post(f"/command/incident/{closed.pk}/evaluation/", {"lessons": "x"}).status_code == 403
    assert not Evaluation.objects.exists()
    elsewhere = Unit.objects.get(name="青山镇")
    Incident.objects.filter(pk=closed.pk).update(township=elsewhere)
    assert api_as("chengguan_xxy").get(f"/api/command/evaluations/{closed.pk}").status_code == 404
    assert client_as("chengguan_xxy").get(f"/command/incident/{closed.pk}/evaluation/").status_code == 404
    assert api_as("xinxike").get(f"/api/command/evaluations/{closed.pk}").status_code == 403


def test_the_county_page_charts_intervals_by_month_and_type(closed, client_as, user):
    from countydesk.command.services.evaluation import do_write_evaluation

    waiting = client_as("yingjiban").get("/command/evaluations/").content.decode()
    assert closed.title in waiting
    do_write_evaluation(user("zhihui"), closed, "教训")
    office = client_as("yingjiban")
    page = office.get("/command/evaluations/", {"interval": "receipt:first_report"})
    html = page.content.decode()
    month = f"{timezone.localtime(closed.received_at):%Y-%m}"
    assert page.status_code == 200 and "<svg" in html and month in html and closed.get_type_code_display() in html
    book = load_workbook(BytesIO(office.get("/command/evaluations/", {"format": "xlsx"}).content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and str(closed) in rows[1]
    other = next(code for code in EVENT_TYPES if code != closed.type_code)
    other_type = office.get("/command/evaluations/", {"type_code": other}).content.decode()
    assert str(closed) not in other_type.split("<table")[1]


def test_dispatch_orders_are_measured_and_listed(user):
    from countydesk.command.models import OPEN_ORDER_STATUSES
    from countydesk.command.services import orders
    from countydesk.registry.teams.models import Team

    incident = _incident()
    team = Team.objects.filter(readiness="ready").exclude(dispatch_orders__status__in=OPEN_ORDER_STATUSES).first()
    issued = timezone.now() - timedelta(minutes=100)
    order = orders.do_issue_order(user("zhihui"), incident, team, "灭火救援", at=issued)
    orders.do_acknowledge_order(user("zhihui"), order, at=issued + timedelta(minutes=5))
    orders.do_depart_order(user("zhihui"), order, at=issued + timedelta(minutes=10))
    orders.do_arrive_order(user("zhihui"), order, at=issued + timedelta(minutes=75))
    measures = measure(incident)
    reached = {m["code"]: m["at"] for m in measures["milestones"]}
    assert reached["first_order"] == issued.isoformat() and reached["first_arrival"]
    arrival = _interval(measures, "first_order")
    assert arrival["minutes"] == 75.0 and arrival["limit"] == 60 and arrival["late"] is True
    section = next(s for s in measures["sections"] if s["code"] == "orders")
    assert section["rows"][0][0] == team.name and "到达现场" in "".join(section["header"])


def test_the_command_line_writes_the_report(closed, tmp_path):
    from django.core.management import CommandError, call_command

    target = tmp_path / "评估.docx"
    call_command("command", "evaluate", "--incident", str(closed.pk), "-o", str(target), "--lessons", "值守要加强。")
    assert Incident.objects.get(pk=closed.pk).status == "evaluated"
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert closed.number in text and "值守要加强。" in text
    with pytest.raises(CommandError):
        call_command("command", "evaluate", "--incident", str(closed.pk), "-o", str(tmp_path / "x.txt"))
    with pytest.raises(CommandError):
        call_command("command", "evaluate", "--incident", "999999", "-o", str(target))


def test_the_response_is_measured_and_the_case_names_its_plan(user):
    from countydesk.command.services import responses
    from countydesk.command.services.evaluation import do_write_evaluation
    from countydesk.registry.plans.applicability import suggest

    incident = _incident()
    _send_initial_report(incident, user)
    suggestion = suggest(incident)[0]
    response = responses.do_activate_response(user("zhihui"), incident, suggestion.plan, suggestion.level)
    assert measure(incident)["milestones"][5]["at"] is None  # still active: not under control yet
    responses.do_terminate_response(user("zhihui"), response, "险情已控制")
    measures = measure(incident)
    reached = {m["code"]: m["at"] for m in measures["milestones"]}
    assert reached["activation"] and reached["control"]
    assert _interval(measures, "first_report")["minutes"] is not None
    section = next(s for s in measures["sections"] if s["code"] == "responses")
    assert section["rows"][0][0] == suggestion.plan.title
    incident = services.do_close_incident(user("zhiban"), Incident.objects.get(pk=incident.pk))
    evaluation = do_write_evaluation(user("zhihui"), incident, "教训")
    assert list(evaluation.case.plans.all()) == [suggestion.plan]
