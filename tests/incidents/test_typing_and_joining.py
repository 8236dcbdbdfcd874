"""Issue 11 item 4: the calling system's category and the description's words outrank a channel's default; calls
close in place and time of near types join one incident; titles name the place and the type, never coordinates."""

import re

import pytest

from countydesk.incidents import rules
from countydesk.incidents.models import Intake
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit

from .conftest import payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def qingshan():
    return Unit.objects.get(name="青山镇")


def _call(post_intake, channel, external_id, town, minutes=0, **fields):
    body = payload(**({"external_id": external_id, "received_at": f"2026-11-28T09:{minutes:02d}:00+08:00",
                       "address": "", "lat": round(town.lat + 0.001, 4), "lon": round(town.lon + 0.001, 4),
                       "category_hint": ""} | fields))
    answer = post_intake(body, channel=channel).json()
    return Intake.objects.select_related("incident").get(pk=answer["intake_id"])


def test_two_calls_about_one_forest_fire_join_one_incident(post_intake, qingshan):
    police = _call(post_intake, "110", "110-fire", qingshan, category_hint="森林火灾",
                   description="后山树林着火，火势沿山坡向上蔓延")
    fire = _call(post_intake, "119", "119-fire", qingshan, minutes=6, description="后山林地起火，火很大")
    assert (police.type_code, police.type_basis, police.type_evidence) == ("105", "hint", "森林火")
    assert fire.type_code == "105" and fire.type_basis == "words"
    assert police.incident_id == fire.incident_id
    incident = police.incident
    assert incident.type_code == "105" and incident.title == "青山镇 森林(草原)火灾"
    assert not re.search(r"\d+\.\d+", incident.title)


def test_a_channel_default_joins_a_related_type_and_the_stronger_basis_gives_the_type(post_intake, qingshan):
    fire = _call(post_intake, "119", "119-first", qingshan, description="青山镇那边烧起来了，快来")
    assert (fire.type_code, fire.type_basis) == ("206", "channel")
    assert fire.incident.title == "青山镇 火灾事故"
    police = _call(post_intake, "110", "110-later", qingshan, minutes=4, category_hint="森林火灾",
                   description="山上有火")
    assert police.incident_id == fire.incident_id
    incident = police.incident
    incident.refresh_from_db()
    assert (incident.type_code, incident.type_basis, incident.category) == ("105", "hint", "1")
    assert incident.title == "青山镇 森林(草原)火灾"
    assert incident.timeline.filter(kind="type", text__contains="来电系统报送的类别").exists()


def test_unrelated_types_at_one_place_stay_two_incidents(post_intake, qingshan):
    crash = _call(post_intake, "110", "110-crash", qingshan, category_hint="交通事故", description="两车相撞")
    fire = _call(post_intake, "119", "119-house", qingshan, minutes=3, description="民房失火")
    assert crash.incident_id != fire.incident_id


@pytest.mark.parametrize("hint, description, channel, expected", [
    ("森林火灾", "民房着火", "119", ("105", "hint")),             # the calling system's category first
    ("森林(草原)火灾", "", "110", ("105", "hint")),                # a type's own name
    ("105", "", "110", ("105", "hint")),                         # or its code
    ("", "后山树林着火，火势蔓延", "119", ("105", "words")),      # then the description's words
    ("", "有人落水", "110", ("207", "words")),
    ("", "烧起来了", "119", ("206", "channel")),                  # then the channel's default
    ("", "这里情况不对", "110", ("", "")),                        # else the duty officer classifies it
])
def test_one_ordered_function_decides_the_type(hint, description, channel, expected):
    decision = rules.decide_type(hint, description, channel)
    assert (decision.code, decision.basis) == expected


def test_a_longer_keyword_takes_its_words_from_a_shorter_one():
    # 森林火灾 is 森林火 (105, weight 5) and must not also count 火灾 (206, weight 4) with 着火 (206, 3)
    assert rules.decide_type("", "森林火灾，山上着火", "").code == "105"
    assert rules.decide_type("", "居民楼着火，冒浓烟", "").code == "206"


def test_titles_name_township_and_village_never_coordinates(post_intake, qingshan):
    village = Unit.objects.filter(kind=UnitKind.VILLAGE, parent=qingshan).first()
    spoken = village.name[len("青山"):]
    named = _call(post_intake, "110", "110-village", qingshan, category_hint="交通事故",
                  description="两车相撞", address=f"{spoken}路口")
    assert named.incident.title == f"青山镇{spoken} 交通运输事故"
    bare = _call(post_intake, "110", "110-coords", qingshan, minutes=30, category_hint="群体性事件",
                 description="镇政府门口聚集")
    assert bare.incident_id != named.incident_id and bare.incident.title == "青山镇 群体性事件"


def test_a_village_named_without_coordinates_finds_its_township(qingshan):
    village = Unit.objects.filter(kind=UnitKind.VILLAGE, parent=qingshan).first()
    assert rules.township_for(None, None, f"{village.name[len('青山'):]}后山") == qingshan.pk
