"""The incident chapter's rule rows change what they govern: urgent grade, daily-report grade, channel type."""

import pytest
from django.utils import timezone

from countydesk.accounts.system import SYSTEM
from countydesk.incidents import desk, rules, services
from countydesk.incidents.models import ChannelTypeRule, IncidentRule, Notification

from .conftest import data

pytestmark = pytest.mark.django_db


def _set(key: str, value: int):
    row = IncidentRule.objects.get(key=key)
    row.value = value
    row.save()


def _incident(**figures):
    intake = services.do_import_intakes(SYSTEM, [data(received_at=timezone.now(), lat=29.1, lon=114.7, **figures)])[0]
    return intake.incident


def test_seeded_defaults_are_todays_values():
    assert (rules.urgent_grade(), rules.daily_report_grade()) == (2, 3)
    assert {r.channel: r.type_code for r in ChannelTypeRule.objects.all()} == {"119": "206", "forest_fire": "105",
                                                                               "flood": "101"}


def test_urgent_grade_row_decides_what_the_desk_calls_urgent(user):
    incident = _incident(deaths=10)  # grade Ⅱ
    assert incident.grade == 2

    def urgent():
        return next(i["urgent"] for i in desk.desk_state(user("zhiban"))["incidents"] if i["id"] == incident.pk)

    assert urgent()
    _set("urgent_grade", 1)
    assert not urgent()


def test_daily_report_grade_row_decides_who_owes_a_daily_report():
    incident = _incident()  # grade Ⅳ: no daily report by default
    assert incident.grade == 4
    services.run_daily_reminders()
    assert not Notification.objects.filter(incident=incident, kind="daily").exists()
    _set("daily_report_grade", 4)
    services.run_daily_reminders()
    assert Notification.objects.filter(incident=incident, kind="daily").exists()


def test_channel_type_row_decides_the_type_an_intake_implies():
    assert rules.channel_type("119") == "206" and rules.channel_type("110") == ""
    ChannelTypeRule.objects.create(channel="110", type_code="401")
    assert rules.channel_type("110") == "401"
