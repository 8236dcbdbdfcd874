"""Intakes about the same event join one incident; merge and split (B7)."""

from datetime import timedelta

import pytest

from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import Conflict
from countydesk.incidents import services
from countydesk.incidents.models import Incident, Intake

from .conftest import data

pytestmark = pytest.mark.django_db
LAT, LON = 29.06, 114.61


def _direct(d):
    return services.do_import_intakes(SYSTEM, [d])[0]


def test_same_place_same_type_within_window_joins():
    a = _direct(data(lat=LAT, lon=LON))
    b = _direct(data(20, lat=LAT + 0.002, lon=LON, description="路口车祸，两人受伤"))
    assert a.incident_id == b.incident_id
    assert b.incident.intakes.count() == 2
    assert b.incident.timeline.filter(kind="intake").exists()


def test_outside_time_window_opens_a_new_incident():
    a = _direct(data(lat=LAT, lon=LON))
    b = _direct(data(121, lat=LAT, lon=LON))
    assert a.incident_id != b.incident_id


def test_too_far_opens_a_new_incident():
    a = _direct(data(lat=LAT, lon=LON))
    b = _direct(data(5, lat=LAT + 0.02, lon=LON))  # about 2.2 km
    assert a.incident_id != b.incident_id


def test_different_types_stay_apart():
    a = _direct(data(lat=LAT, lon=LON))
    b = _direct(data(5, lat=LAT, lon=LON, category_hint="火灾", description="路边民房着火"))
    assert a.incident_id != b.incident_id


def test_without_coordinates_same_township_and_similar_text_joins():
    a = _direct(data(address="城关镇人民路", category_hint="", description="人民路口有人打架斗殴"))
    b = _direct(data(10, address="城关镇人民路口", category_hint="", description="人民路口有人打架"))
    c = _direct(data(12, address="城关镇", category_hint="", description="城关镇菜市场停水了"))
    assert a.incident_id == b.incident_id != c.incident_id


def test_closed_incidents_take_no_new_intakes(user):
    a = _direct(data(lat=LAT, lon=LON))
    services.do_close_incident(user("zhiban"), a.incident)
    b = _direct(data(5, lat=LAT, lon=LON))
    assert a.incident_id != b.incident_id


def test_higher_figures_from_a_later_intake_regrade_the_incident():
    a = _direct(data(lat=LAT, lon=LON))
    assert a.incident.grade == 4
    _direct(data(5, lat=LAT, lon=LON, deaths=3))
    incident = Incident.objects.get(pk=a.incident_id)
    assert incident.grade == 3 and incident.deaths == 3
    assert list(incident.grade_changes.values_list("grade_to", flat=True)) == [4, 3]
    phone = incident.deadlines.get(kind="phone")
    assert phone.due_at == incident.received_at + timedelta(minutes=30)


def test_regrade_to_one_moves_deadlines(user):
    a = _direct(data(lat=LAT, lon=LON))
    services.do_update_figures(user("zhiban"), a.incident, deaths=30, seriously_injured=0, direct_loss=0)
    incident = Incident.objects.get(pk=a.incident_id)
    assert incident.grade == 1
    assert incident.deadlines.get(kind="written").due_at == incident.received_at + timedelta(minutes=30)


def test_merge_and_split(user):
    zhiban = user("zhiban")
    a = _direct(data(lat=LAT, lon=LON))
    b = _direct(data(5, lat=LAT + 0.05, lon=LON, deaths=3, raw={"deaths": 3}))
    merged = services.do_merge_incidents(zhiban, a.incident, [b.incident])
    assert Intake.objects.filter(incident=merged).count() == 2
    assert merged.grade == 3
    assert Incident.objects.get(pk=b.incident_id).merged_into_id == merged.pk
    with pytest.raises(Conflict):
        services.do_merge_incidents(zhiban, merged, [Incident.objects.get(pk=b.incident_id)])
    new = services.do_split_intakes(zhiban, merged, [b.pk])
    assert list(new.intakes.values_list("pk", flat=True)) == [b.pk]
    assert new.grade == 3
    with pytest.raises(Conflict):
        services.do_split_intakes(zhiban, new, [b.pk])


def test_raw_payload_is_kept():
    a = _direct(data(lat=LAT, lon=LON, raw={"vendor": {"id": 7}}))
    assert Intake.objects.get(pk=a.pk).raw == {"vendor": {"id": 7}}
