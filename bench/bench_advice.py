"""Decision-support figures (issue 13 item 3): p50 and p99 of `countydesk.command.advice.advise` for an incident
whose plan names two team needs, an expert, three catalogue items and a free-text row, over 10,000 teams,
2,000 depots, 50,000 stock rows, 1,000 shelters, 1,000 protected targets and 5,000 hazards, against a naive
scan that reads every row and computes every distance and balance in Python, in the same run; both must
name the same first team and the same shortfalls. SQLite, and PostgreSQL when DATABASE_URL names one (in a
scratch database `bench_advice`). `python bench/bench_advice.py`; each database runs in a child process."""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.harness import django_in_process, emit, progress, scratch_database  # noqa: E402

TEAMS, DEPOTS, ITEMS_PER_DEPOT, SHELTERS, TARGETS, HAZARDS, EXPERTS = 10_000, 2_000, 25, 1_000, 1_000, 5_000, 500
QUERIES, NAIVE_QUERIES = 300, 15
CENTRE, SPREAD = (29.05, 114.60), 0.5  # the demo county seat; a region of about 110 × 97 km
TYPES = ["101", "102", "104", "105", "201", "202", "205", "206", "207", "301"]
SCRATCH_DB = "bench_advice"


def _point(rng):
    return CENTRE[0] + rng.uniform(-SPREAD, SPREAD), CENTRE[1] + rng.uniform(-SPREAD, SPREAD)


def _build(rng):
    """The data set, in bulk; returns (plan, incidents)."""
    from django.db import transaction
    from django.utils import timezone

    from countydesk.accounts.system import SYSTEM
    from countydesk.incidents.models import Incident
    from countydesk.orgs import services as orgs
    from countydesk.orgs.choices import UnitKind
    from countydesk.registry.hazards.models import Hazard
    from countydesk.registry.places.models import ProtectedTarget, Shelter
    from countydesk.registry.plans.models import Plan, PlanEventType, ResourceRequirement
    from countydesk.registry.supplies.models import Depot, Item, StockLevel
    from countydesk.registry.teams.choices import Readiness, TeamKind
    from countydesk.registry.teams.models import Expert, Team

    county = orgs.do_create_unit(SYSTEM, name="云溪县人民政府", kind=UnitKind.GOVERNMENT, code="369999",
                                 lat=CENTRE[0], lon=CENTRE[1])
    towns = [orgs.do_create_unit(SYSTEM, name=f"第{i + 1}镇", kind=UnitKind.TOWNSHIP, parent=county,
                                 lat=_point(rng)[0], lon=_point(rng)[1]) for i in range(12)]
    items = list(Item.objects.order_by("code"))
    progress(f"advice: {TEAMS:,} teams, {DEPOTS:,} depots, {DEPOTS * ITEMS_PER_DEPOT:,} stock rows, "
             f"{SHELTERS:,} shelters, {TARGETS:,} targets, {HAZARDS:,} hazards …")
    with transaction.atomic():
        Team.objects.bulk_create([Team(
            name=f"救援队{n:05d}", kind=rng.choice(TeamKind.values), unit=rng.choice(towns),
            readiness=rng.choices(Readiness.values, weights=[7, 2, 1])[0], capabilities=rng.sample(TYPES, 2),
            lat=(p := _point(rng))[0], lon=p[1]) for n in range(TEAMS)], batch_size=2000)
        Expert.objects.bulk_create([Expert(name=f"专家{n:04d}", unit=rng.choice(towns), specialties=rng.sample(TYPES, 2),
                                           availability=rng.choice(["available", "on_call", "weekends", "unavailable"]))
                                    for n in range(EXPERTS)])
        depots = Depot.objects.bulk_create([Depot(name=f"储备库{n:04d}", unit=rng.choice(towns), address="云溪县",
                                                  manager="张伟", phone="13800000000", lat=(p := _point(rng))[0],
                                                  lon=p[1]) for n in range(DEPOTS)])
        StockLevel.objects.bulk_create([StockLevel(depot=d, item=item, quantity=Decimal(rng.randint(0, 50)))
                                        for d in depots for item in rng.sample(items, ITEMS_PER_DEPOT)],
                                       batch_size=5000)
        Shelter.objects.bulk_create([Shelter(name=f"避难场所{n:04d}", unit=rng.choice(towns),
                                             capacity=rng.randint(50, 3000), status=rng.choice(["open"] * 8 + ["full"]),
                                             lat=(p := _point(rng))[0], lon=p[1]) for n in range(SHELTERS)])
        ProtectedTarget.objects.bulk_create([ProtectedTarget(
            name=f"防护目标{n:04d}", kind=rng.choice(["school", "hospital", "care_home"]), unit=rng.choice(towns),
            population=rng.randint(10, 3000), lat=(p := _point(rng))[0], lon=p[1]) for n in range(TARGETS)])
        Hazard.objects.bulk_create([Hazard(name=f"危险源{n:04d}", kind=rng.choice(["chemical", "reservoir", "landslide"]),
                                           level=rng.choice(["major", "general"]), unit=rng.choice(towns),
                                           lat=(p := _point(rng))[0], lon=p[1]) for n in range(HAZARDS)])
        plan = Plan.objects.create(title="火灾事故专项应急预案", kind="special", level="county", status="issued",
                                   owner=county)
        PlanEventType.objects.create(plan=plan, code="206")
        needs = [("team", "消防救援队", 3, "支", {"team_kind": "comprehensive", "capability": "206"}),
                 ("team", "危化救援队", 2, "支", {"capability": "206"}),
                 ("expert", "危化专家", 2, "名", {"capability": "206"}),
                 *[("supply", i.name, 400, i.unit_of_measure, {"item": i}) for i in items[:3]],
                 ("supply", "挖掘机", 1, "台", {})]
        for kind, name, qty, uom, extra in needs:
            ResourceRequirement.objects.create(plan=plan, level="III", kind=kind, name=name, quantity=qty,
                                               unit_of_measure=uom, **extra)
        incidents = [Incident.objects.create(title=f"火灾{n}", type_code="206", grade=3, township=rng.choice(towns),
                                             received_at=timezone.now(), lat=(p := _point(rng))[0], lon=p[1])
                     for n in range(50)]
    return plan, incidents


def _naive(incident, plan, level, radius_m):
    """Every row read, every distance and balance computed in Python: the baseline."""
    from countydesk.command.advice.eta import eta_min
    from countydesk.command.rules.advice import advice_rules
    from countydesk.geo import haversine_km
    from countydesk.registry.hazards.models import Hazard
    from countydesk.registry.places.models import ProtectedTarget, Shelter
    from countydesk.registry.supplies.models import Depot, StockLevel
    from countydesk.registry.teams.models import Expert, Team

    rules, scene = advice_rules(), (incident.lat, incident.lon)
    metres = lambda lat, lon: haversine_km(scene[0], scene[1], lat, lon) * 1000  # noqa: E731
    teams = [(t.pk, t.kind, t.readiness, t.capabilities, metres(t.lat, t.lon)) for t in Team.objects.all()]
    experts = [(e.pk, e.specialties, e.availability, metres(e.unit.lat, e.unit.lon))
               for e in Expert.objects.select_related("unit")]
    depots = {d.pk: (d.active, metres(d.lat, d.lon)) for d in Depot.objects.all()}
    balances = {}
    for s in StockLevel.objects.all():
        balances.setdefault(s.item_id, []).append((depots[s.depot_id][1], s.depot_id, s.quantity))
    shelters = sorted((metres(s.lat, s.lon), s.pk) for s in Shelter.objects.filter(status="open"))
    targets = sorted(m for m in (metres(t.lat, t.lon) for t in ProtectedTarget.objects.all()) if m <= radius_m)
    hazards = sorted(m for m in (metres(h.lat, h.lon) for h in Hazard.objects.all()) if m <= radius_m)
    answer, gaps = {}, []
    for need in plan.resources.filter(level=level).order_by("kind", "pk"):
        if need.kind == "team" and need.capability:
            ranked = sorted((t[2] != "ready", eta_min(t[4], t[1], rules), t[0]) for t in teams
                            if need.capability in t[3] and t[2] != "not_ready"
                            and (not need.team_kind or t[1] == need.team_kind))
            answer.setdefault("team", ranked[0][2])
        elif need.kind == "expert" and need.capability:
            ranked = sorted(e for e in experts if need.capability in e[1] and e[2] != "unavailable")
            gaps += [] if len(ranked) >= need.quantity else [need.name]
        elif need.item_id:
            held = sorted(b for b in balances.get(need.item_id, []) if b[2] > 0 and depots[b[1]][0])
            gaps += [] if sum(b[2] for b in held) >= need.quantity else [need.name]
        else:
            gaps.append(need.name)
    return answer.get("team"), sorted(gaps), len(shelters), len(targets), len(hazards)


def _timed(fn, args_list, clock=time.perf_counter):
    samples = []
    for args in args_list:
        started = clock()
        fn(*args)
        samples.append(clock() - started)
    return samples


def _p99(samples):
    return statistics.quantiles(samples, n=100)[98] * 1000 if len(samples) >= 2 else samples[0] * 1000


def child(label: str, database_url: str | None):
    with tempfile.TemporaryDirectory(prefix="countydesk-bench-advice-") as var:
        django_in_process(var, database_url, "advice: ")
        from django.db import connection

        from countydesk.command.advice import advise
        from countydesk.command.rules.advice import advice_rules

        rng = random.Random(11)
        plan, incidents = _build(rng)
        radius = advice_rules().radius_m
        runs = [(incidents[n % len(incidents)],) for n in range(QUERIES)]
        ask = lambda incident: advise(incident, plan=plan, level="III")  # noqa: E731
        _timed(ask, runs[:20])  # warm up
        progress(f"advice {label}: {QUERIES} advise() calls …")
        samples = _timed(ask, runs)
        cpu = _timed(ask, runs, time.process_time)  # this process's CPU alone: the machine may be shared
        progress(f"advice {label}: {NAIVE_QUERIES} naive scans …")
        naive = _timed(lambda i: _naive(i, plan, "III", radius), runs[:NAIVE_QUERIES])
        for (incident,) in runs[:NAIVE_QUERIES]:
            advice, expected = ask(incident), _naive(incident, plan, "III", radius)
            gaps = sorted(g["requirement"] for g in advice.shortfalls)
            assert advice.teams[0]["id"] == expected[0], "advise and the naive scan disagree on the first team"
            assert gaps == expected[1], f"shortfalls disagree: {gaps} != {expected[1]}"
            assert (len(advice.targets), len(advice.hazards)) == expected[3:], "radius counts disagree"
        p50, p99 = statistics.median(samples) * 1000, _p99(samples)
        n50, n99 = statistics.median(naive) * 1000, _p99(naive)
        bench = f"advice-{label}"
        sizes = {"teams": TEAMS, "depots": DEPOTS, "stock_rows": DEPOTS * ITEMS_PER_DEPOT, "shelters": SHELTERS,
                 "hazards": HAZARDS, "database": connection.vendor, "load_average": round(os.getloadavg()[0], 1)}
        emit(bench, "advise_p50_ms", p50, "ms", n50, p50 / n50, baseline_is="naive Python scan p50",
             cpu_ms=round(statistics.median(cpu) * 1000, 3), **sizes)
        emit(bench, "advise_p99_ms", p99, "ms", n99, p99 / n99, baseline_is="naive Python scan p99",
             target_ms=20, met=p99 < 20, cpu_ms=round(_p99(cpu), 3), **sizes)


def main():
    subprocess.run([sys.executable, __file__, "--child", "sqlite"], check=True,
                   env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        subprocess.run([sys.executable, __file__, "--child", "postgres"], check=True,
                       env=os.environ | {"BENCH_DATABASE_URL": scratch_database(url, SCRATCH_DB)})


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], os.environ.get("BENCH_DATABASE_URL") if sys.argv[2] == "postgres" else None)
    else:
        main()
