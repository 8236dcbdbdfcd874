"""Decision support (辅助决策): ranking, reasons, readiness, shortfalls, radius, ETA rules, API roles and
scoping, the command line's JSON, bad input."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from countydesk.command.advice import advise, register_busy_teams, _BUSY_SOURCES
from countydesk.command.models import AdviceRule, TravelSpeed
from countydesk.command.rules.advice import clear_cache
from countydesk.incidents.models import Incident
from countydesk.orgs.models import Unit
from countydesk.registry.hazards.models import Hazard
from countydesk.registry.places.models import ProtectedTarget, Shelter
from countydesk.registry.plans.models import Plan, PlanEventType, ResourceRequirement
from countydesk.registry.supplies.models import Category, Depot, Item, StockLevel
from countydesk.registry.teams.models import Expert, Team

SCENE = (40.0, 100.0)
KM_LAT = 1 / 111.19508  # degrees of latitude per km on the mean sphere


@pytest.fixture(autouse=True)
def _fresh_rules():
    clear_cache()
    yield
    clear_cache()


def set_rule(key, value):
    rule = AdviceRule.objects.get(key=key)
    rule.value = value
    rule.save()  # a saved row drops the cached rules


def set_speed(mode, kmh):
    speed = TravelSpeed.objects.get(mode=mode)
    speed.speed_kmh = kmh
    speed.save()


def north(km):
    return SCENE[0] + km * KM_LAT, SCENE[1]


def _item(name, uom):
    category = Category.objects.filter(code__regex=r"^\d{5}$").order_by("code").first()
    taken = set(Item.objects.values_list("code", flat=True))
    code = next(f"{category.code}{n:02d}" for n in range(98, 1, -1) if f"{category.code}{n:02d}" not in taken)
    return Item.objects.create(code=code, name=name, category=category, unit_of_measure=uom)


def _team(name, km, kind="professional", readiness="ready", caps=("206",)):
    lat, lon = north(km)
    return Team.objects.create(name=name, kind=kind, unit=Unit.objects.get(name="县消防救援大队"), readiness=readiness,
                               capabilities=list(caps), lat=lat, lon=lon)


def _depot(name, km, stock, active=True):
    lat, lon = north(km)
    depot = Depot.objects.create(name=name, unit=Unit.objects.get(name="县应急管理局"), address="测试", lat=lat, lon=lon,
                                 manager="张伟", phone="13800000000", active=active)
    for item, quantity in stock:
        StockLevel.objects.create(depot=depot, item=item, quantity=Decimal(quantity))
    return depot


def _incident(town="城关镇", at=SCENE, type_code="206", grade=4):
    return Incident.objects.create(title=f"{town}化工厂火灾", type_code=type_code, grade=grade,
                                   township=Unit.objects.get(name=town), received_at=timezone.now(),
                                   lat=at[0], lon=at[1])


@pytest.fixture
def world(db):
    Team.objects.update(capabilities=[])
    Expert.objects.update(specialties=[])
    fire = Unit.objects.get(name="县消防救援大队")
    w = {"incident": _incident()}
    w["near"] = _team("近处就绪消防队", 2)
    w["far"] = _team("远处就绪消防队", 10)
    w["partly"] = _team("最近但部分就绪消防队", 1, readiness="partly")
    w["not_ready"] = _team("未就绪消防队", 0.5, readiness="not_ready")
    w["other_cap"] = _team("防汛抢险队", 0.5, caps=("101",))
    w["volunteer"] = _team("志愿消防队", 1.5, kind="volunteer")
    w["on_call"] = Expert.objects.create(name="值守专家", unit=fire, specialties=["206"], availability="on_call")
    w["available"] = Expert.objects.create(name="在岗专家", unit=fire, specialties=["206", "101"])
    Expert.objects.create(name="外出专家", unit=fire, specialties=["206"], availability="unavailable")
    w["foam"], w["boat"] = _item("泡沫灭火剂", "吨"), _item("冲锋舟", "艘")
    w["d_near"] = _depot("近处储备库", 3, [(w["foam"], 6), (w["boat"], 1)])
    w["d_far"] = _depot("远处储备库", 8, [(w["foam"], 10)])
    _depot("停用储备库", 0.5, [(w["foam"], 100)], active=False)
    plan = Plan.objects.create(title="化工火灾专项预案", kind="special", level="county", status="issued",
                               owner=Unit.objects.get(name="县应急管理局"))
    PlanEventType.objects.create(plan=plan, code="206")
    for kind, name, qty, uom, extra in [
        ("team", "专业消防队", 2, "支", {"team_kind": "professional", "capability": "206"}),
        ("expert", "危化专家", 1, "名", {"capability": "206"}),
        ("supply", "泡沫灭火剂", 20, "吨", {"item": w["foam"]}),
        ("supply", "冲锋舟", 2, "艘", {"item": w["boat"]}),
        ("supply", "挖掘机", 1, "台", {}),
    ]:
        ResourceRequirement.objects.create(plan=plan, level="IV", kind=kind, name=name, quantity=qty,
                                           unit_of_measure=uom, **extra)
    w["plan"] = plan
    for name, km, capacity, status in [("大礼堂", 2, 500, "open"), ("小学操场", 1, 200, "open"),
                                       ("已满体育馆", 0.5, 900, "full"), ("关闭广场", 0.7, 900, "closed")]:
        lat, lon = north(km)
        Shelter.objects.create(name=name, unit=fire, capacity=capacity, status=status, lat=lat, lon=lon)
    for name, kind, km in [("城关小学", "school", 1), ("县人民医院", "hospital", 5)]:
        lat, lon = north(km)
        ProtectedTarget.objects.create(name=name, kind=kind, unit=fire, population=800, lat=lat, lon=lon)
    for name, kind, km in [("化工厂", "chemical", 2.5), ("小水库", "reservoir", 4)]:
        lat, lon = north(km)
        Hazard.objects.create(name=name, kind=kind, level="major", unit=fire, lat=lat, lon=lon)
    return w


def names(rows):
    return [r["name"] for r in rows]


def test_teams_ranked_by_readiness_then_eta_with_capability_and_kind(world):
    advice = advise(world["incident"], plan=world["plan"], level="IV")
    assert names(advice.teams) == ["近处就绪消防队", "远处就绪消防队", "最近但部分就绪消防队"]
    first = advice.teams[0]
    assert first["id"] == world["near"].pk and first["requirement"] == "专业消防队"
    assert abs(first["distance_m"] - 2000) <= 2
    assert first["why"] == ["具备处置能力：火灾事故", "距事发地 2.0 公里", "预计约 4 分钟到达", "战备状态：战备就绪"]
    assert advice.teams[2]["why"][-1] == "战备状态：部分就绪"


def test_busy_teams_are_not_available(world):
    advice = advise(world["incident"], plan=world["plan"], level="IV", busy=[{world["near"].pk}])
    assert "近处就绪消防队" not in names(advice.teams)
    register_busy_teams(lambda: Team.objects.filter(pk=world["far"].pk).values("pk"))
    try:
        assert names(advise(world["incident"], plan=world["plan"], level="IV").teams) == [
            "近处就绪消防队", "最近但部分就绪消防队"]
    finally:
        _BUSY_SOURCES.pop()


def test_eta_follows_the_rule_tables(world):
    eta = advise(world["incident"], plan=world["plan"], level="IV").teams[0]["eta_min"]
    assert eta == pytest.approx(2 * 1.4 / 40 * 60, abs=0.05)
    set_speed("professional", 60)
    set_rule("detour_percent", 100)
    assert advise(world["incident"], plan=world["plan"], level="IV").teams[0]["eta_min"] == pytest.approx(2.0,
                                                                                                         abs=0.05)


def test_slower_kind_ranks_after_a_faster_one_further_away(world):
    ResourceRequirement.objects.filter(plan=world["plan"], kind="team").update(team_kind="")
    set_speed("volunteer", 5)
    ranked = names(advise(world["incident"], plan=world["plan"], level="IV").teams)
    assert ranked.index("近处就绪消防队") < ranked.index("志愿消防队") < ranked.index("最近但部分就绪消防队")
    assert ranked.index("远处就绪消防队") < ranked.index("志愿消防队")  # 10 km at 40 km/h beats 1.5 km at 5 km/h


def test_experts_by_specialty_and_availability(world):
    experts = advise(world["incident"], plan=world["plan"], level="IV").experts
    assert names(experts) == ["在岗专家", "值守专家"]
    assert experts[0]["why"][0] == "专业对口：火灾事故" and "可调用状态：可随时响应" in experts[0]["why"]


def test_depots_with_free_balances_nearest_first(world):
    depots = advise(world["incident"], plan=world["plan"], level="IV").depots
    foam = [d for d in depots if d["item_id"] == world["foam"].pk]
    assert names(foam) == ["近处储备库", "远处储备库"]  # the inactive depot is not offered
    assert foam[0]["balance"] == "6" and foam[0]["why"][0] == "可用库存：泡沫灭火剂 6 吨"


def test_shortfalls_say_what_the_county_lacks(world):
    ResourceRequirement.objects.filter(plan=world["plan"], kind="team").update(quantity=4)
    texts = [s["text"] for s in advise(world["incident"], plan=world["plan"], level="IV").shortfalls]
    assert "需要冲锋舟2艘，全县仅有1艘可用——请求市级支援" in texts
    assert "需要泡沫灭火剂20吨，全县仅有16吨可用——请求市级支援" in texts
    assert "需要专业消防队4支，全县仅有3支可用——请求市级支援" in texts
    assert "未匹配的需求（自由文本）：挖掘机 1 台——请人工核实" in texts
    assert not any("危化专家" in t for t in texts)


def test_shelters_by_free_capacity_within_radius(world):
    shelters = advise(world["incident"], plan=world["plan"], level="IV").shelters
    assert names(shelters)[:2] == ["大礼堂", "小学操场"]  # both within 3 km, larger first; full and closed left out
    assert "已满体育馆" not in names(shelters) and "关闭广场" not in names(shelters)
    assert shelters[0]["why"][0] == "可容纳 500 人"


def test_targets_and_hazards_within_the_radius(world):
    advice = advise(world["incident"], plan=world["plan"], level="IV")
    assert names(advice.targets) == ["城关小学"] and names(advice.hazards) == ["化工厂"]
    assert advice.hazards[0]["why"][0] == "危险化学品，重大危险源"
    wide = advise(world["incident"], plan=world["plan"], level="IV", radius_m=6000)
    assert names(wide.targets) == ["城关小学", "县人民医院"] and names(wide.hazards) == ["化工厂", "小水库"]
    set_rule("radius_m", 4500)
    assert names(advise(world["incident"], plan=world["plan"]).hazards) == ["化工厂", "小水库"]


def test_plan_and_level_default_from_type_and_grade(world):
    Plan.objects.filter(event_types__code="206").exclude(pk=world["plan"].pk).update(status="abolished")
    advice = advise(world["incident"])
    assert advice.plan == world["plan"] and advice.level == "IV" and advice.teams
    world["incident"].grade = 3
    assert advise(world["incident"]).level == "III"
    assert advise(world["incident"]).shortfalls == [] and "该预案在此响应级别未列出所需资源。" in advise(
        world["incident"]).notes


def test_without_a_plan_the_event_type_is_matched(world):
    Plan.objects.update(status="abolished")  # the overall plan too: it is suggested when no special plan applies
    advice = advise(world["incident"])
    assert advice.plan is None and names(advice.teams)[0] == "近处就绪消防队" and advice.experts
    assert advice.notes[0].startswith("没有现行预案")


def test_few_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):  # rules 2, needs 1, teams ≤ 3, experts 1, depots 2, shelters ≤ 3, radius 2
        advise(world["incident"], plan=world["plan"], level="IV")


@pytest.mark.parametrize("name", ["zhihui", "yingjiban", "zhiban", "admin", "chengguan_xxy", "chengguan_ld"])
def test_api_answers_roles_that_see_the_incident(world, api_as, name):
    response = api_as(name).get(f"/api/command/advice?incident={world['incident'].pk}&plan={world['plan'].pk}"
                                "&level=IV")
    assert response.status_code == 200, response.content
    body = response.json()
    assert names(body["teams"])[0] == "近处就绪消防队" and body["shortfalls"]
    assert set(body["teams"][0]) >= {"id", "name", "distance_m", "eta_min", "why"}


def test_api_scoping_and_roles(world, api_as):
    other = _incident("青山镇")
    assert api_as("chengguan_xxy").get(f"/api/command/advice?incident={other.pk}").status_code == 404
    assert api_as("zhihui").get(f"/api/command/advice?incident={other.pk}").status_code == 200
    assert api_as("xinxike").get(f"/api/command/advice?incident={other.pk}").status_code == 403
    assert api_as("duizhang").get(f"/api/command/advice?incident={other.pk}").status_code == 404


@pytest.mark.parametrize("query, status, field", [
    ("incident=999999", 404, None), ("incident=abc", 422, "incident"), ("", 422, "incident"),
    ("level=V", 422, "level"), ("plan=999999", 422, "plan"), ("radius_m=0", 422, "radius_m"),
])
def test_api_bad_input(world, api_as, query, status, field):
    if not query.startswith("incident") and query:
        query = f"incident={world['incident'].pk}&{query}"
    response = api_as("zhihui").get(f"/api/command/advice?{query}")
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "message", "fields"}
    if field:
        assert field in body["fields"]


def test_cli_prints_the_json(world):
    out = StringIO()
    call_command("command", "advise", "--incident", str(world["incident"].pk), "--plan", str(world["plan"].pk),
                 "--level", "IV", stdout=out)
    body = json.loads(out.getvalue())
    assert set(body) >= {"teams", "experts", "depots", "shelters", "targets", "hazards", "shortfalls"}
    for key in ("teams", "experts", "depots", "shelters", "targets", "hazards"):
        for row in body[key]:
            assert set(row) >= {"id", "name", "distance_m", "eta_min", "why"}
    assert body["teams"][0]["name"] == "近处就绪消防队"


def test_cli_unknown_incident_is_a_clear_error(world):
    with pytest.raises(CommandError, match="没有该事件"):
        call_command("command", "advise", "--incident", "999999", stdout=StringIO())


def test_a_faster_team_outside_the_first_search_box_still_ranks_first(world):
    """The search grows its box while a team outside could arrive sooner than those found inside."""
    Team.objects.filter(capabilities=["206"]).update(readiness="not_ready")
    set_rule("candidates", 2)
    set_speed("volunteer", 2)
    ResourceRequirement.objects.filter(plan=world["plan"], kind="team").update(team_kind="", quantity=1)
    _team("志愿队甲", 1, kind="volunteer")
    _team("志愿队乙", 1.2, kind="volunteer")
    fast = _team("远处专业队", 14)  # outside the first box (4 × the 3 km radius)
    ranked = advise(world["incident"], plan=world["plan"], level="IV").teams
    assert [t["id"] for t in ranked][:1] == [fast.pk] and names(ranked) == ["远处专业队", "志愿队甲"]


def test_an_active_response_decides_the_plan_and_level(world, user):
    from countydesk.command.services.responses import do_activate_response

    incident = Incident.objects.get(pk=world["incident"].pk)
    ResourceRequirement.objects.create(plan=world["plan"], level="III", kind="team", name="专业消防队", quantity=4,
                                       unit_of_measure="支", team_kind="professional", capability="206")
    do_activate_response(user("zhihui"), incident, world["plan"], "III", "火势蔓延，提级响应")
    advice = advise(Incident.objects.get(pk=incident.pk))
    assert (advice.plan, advice.level) == (world["plan"], "III")
    assert any("4" in s["text"] and "专业消防队" in s["text"] for s in advice.shortfalls)  # Ⅲ级 needs four
