"""A deterministic synthetic county (演示县) built through the services, so every row is audited."""

import random
import sys
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from countydesk.accounts.choices import Role
from countydesk.accounts.services import do_create_user
from countydesk.accounts.system import SYSTEM
from countydesk.orgs import services as orgs
from countydesk.orgs.choices import PostKind, UnitKind
from countydesk.audit.services import record
from countydesk.orgs.models import Person, Unit

from . import data
from .registry import BUILDERS

# Demo accounts keep this published password (no forced change); it meets the password policy.
DEMO_PASSWORD = "CountyDesk-demo-2026"

# (user name, role, unit name or None for the office, display name); printed by `make run`.
DEMO_ACCOUNTS = [
    ("admin", Role.ADMIN, "信息科", "系统管理员"),
    ("xinxike", Role.INFO_EDITOR, "信息科", "信息科编辑"),
    ("lingdao", Role.OFFICE_LEADER, None, "县政府办领导"),
    ("chengguan_xxy", Role.UNIT_INFO_OFFICER, "城关镇", "城关镇信息员"),
    ("chengguan_ld", Role.UNIT_LEADER, "城关镇", "城关镇领导"),
    ("qingshan_xxy", Role.UNIT_INFO_OFFICER, "青山镇", "青山镇信息员"),
    ("fgj_xxy", Role.UNIT_INFO_OFFICER, "县发展和改革局", "发改局信息员"),
    ("zhiban", Role.DUTY_OFFICER, "应急管理办公室", "值班员"),
    ("yingjiban", Role.EMERGENCY_STAFF, "应急管理办公室", "应急办工作人员"),
    ("zhihui", Role.COMMANDER, None, "指挥长"),
    ("duizhang", Role.TEAM_LEADER, "县消防救援大队", "救援队长"),
    ("shenji", Role.AUDITOR, None, "审计员"),
]


class Progress:
    def __init__(self, out=sys.stderr, quiet=False):
        self.out, self.quiet = out, quiet

    def step(self, message):
        if not self.quiet:
            print(f"  · {message}", file=self.out, flush=True)


class DemoCounty:
    def __init__(self, seed: int = 1, villages_per_township: tuple[int, int] = (3, 6), extra_people: int = 0,
                 progress: Progress | None = None, now: datetime | None = None):
        self.rng = random.Random(seed)
        self.villages = villages_per_township
        self.extra_people = extra_people
        self.progress = progress or Progress(quiet=True)
        self.start = date(2026, 1, 1)
        self.today = date(2026, 11, 28)
        # The moment the demo is built: live data (open incidents, their report countdowns) is dated from it,
        # so a fresh demo shows a morning in progress, not one days overdue. The records stay the same.
        self.now = now or timezone.now()
        self.units: dict[str, Unit] = {}
        self.users: dict = {}

    def _point(self, lat, lon, spread):
        return round(lat + self.rng.uniform(-spread, spread), 5), round(lon + self.rng.uniform(-spread, spread), 5)

    def _phone(self, area=True):
        if area:
            return f"0797-{self.rng.randint(6000000, 6999999)}"
        return f"1{self.rng.choice('3589')}{self.rng.randint(100000000, 999999999)}"

    def _name(self):
        return self.rng.choice(data.SURNAMES) + "".join(self.rng.choice(data.GIVEN) for _ in range(self.rng.choice((1, 2))))

    def _unit(self, **fields):
        return orgs.do_create_unit(SYSTEM, **fields)

    def _staff(self, unit, kind, position, phone_missing=False):
        person = orgs.do_create_person(SYSTEM, name=self._name(), unit=unit, position=position,
                                       phone="" if phone_missing else self._phone(area=False))
        orgs.do_assign_post(SYSTEM, person, kind, start=self.start - timedelta(days=self.rng.randint(30, 900)))
        return person

    @transaction.atomic
    def build(self) -> dict:
        self.progress.step("county and office")
        c = data.COUNTY
        county = self._unit(name=c["name"], short_name=c["short_name"], kind=UnitKind.GOVERNMENT, code=c["code"],
                            lat=c["lat"], lon=c["lon"], address=c["address"], duty_phone="0797-6000110")
        office = self._unit(name=data.OFFICE, kind=UnitKind.OFFICE, parent=county, duty_phone="0797-6000000",
                            lat=c["lat"], lon=c["lon"], address=c["address"])
        units = self.units
        units["office"] = office
        for i, name in enumerate(data.SECTIONS):
            units[name] = self._unit(name=name, kind=UnitKind.SECTION, parent=office, sort=i,
                                     duty_phone=f"0797-600001{i}")
        self.progress.step(f"{len(data.TOWNSHIPS)} townships and their villages")
        for i, name in enumerate(data.TOWNSHIPS):
            lat, lon = self._point(c["lat"], c["lon"], 0.25)
            town = self._unit(name=name, kind=UnitKind.TOWNSHIP, parent=county, code=f"{c['code']}{100 + i:03d}",
                              lat=lat, lon=lon, address=f"云溪县{name}政府大院", sort=i,
                              duty_phone="" if i % 7 == 5 else self._phone())
            units[name] = town
            self._township_staff(town, i)
            stems = self.rng.sample(data.VILLAGE_STEMS, self.rng.randint(*self.villages))
            for j, stem in enumerate(stems):
                vlat, vlon = self._point(lat, lon, 0.04)
                self._unit(name=name[:-1] + stem if not stem.startswith("社区") else name + stem, kind=UnitKind.VILLAGE,
                           parent=town, code=f"{c['code']}{100 + i:03d}{201 + j:03d}", lat=vlat, lon=vlon, sort=j)
        self.progress.step(f"{len(data.DEPARTMENTS)} county departments")
        for i, (name, key) in enumerate(data.DEPARTMENTS):
            lat, lon = self._point(c["lat"], c["lon"], 0.02)
            dept = self._unit(name=name, kind=UnitKind.DEPARTMENT, parent=county, key_liaison=key, lat=lat, lon=lon,
                              sort=i, duty_phone="" if i % 11 == 9 else self._phone(),
                              address=f"云溪县城关镇{self.rng.choice(['人民路', '建设路', '解放路', '新华路'])}{i + 2}号")
            units[name] = dept
            self._department_staff(dept, i)
        self.progress.step("enterprises and social organisations")
        for name in data.ENTERPRISES:
            lat, lon = self._point(c["lat"], c["lon"], 0.2)
            units[name] = self._unit(name=name, kind=UnitKind.ENTERPRISE, parent=county, lat=lat, lon=lon,
                                     duty_phone=self._phone())
        for name in data.SOCIAL_ORGS:
            units[name] = self._unit(name=name, kind=UnitKind.SOCIAL_ORG, parent=county, duty_phone=self._phone())
        self.progress.step("office staff and demo accounts")
        for name, kind, position in [("信息科", PostKind.INFO_OFFICER_FULL, "信息科科长"),
                                     ("应急管理办公室", PostKind.DUTY_OFFICER, "值班员")]:
            self._staff(units[name], kind, position)
        self._accounts(units)
        if self.extra_people:
            self._bulk_people(self.extra_people)
        for builder in sorted(BUILDERS, key=lambda b: b.order):
            builder.build(self)
        return {"units": Unit.objects.count(), "accounts": len(self.users)}

    def _township_staff(self, town, i):
        self._staff(town, PostKind.UNIT_LEADER, "党委副书记、镇长" if town.name.endswith("镇") else "党委副书记、乡长")
        if i % 5 != 3:  # some townships still lack a full-time officer (A12)
            self._staff(town, PostKind.INFO_OFFICER_FULL, "党政办信息员")
        for _ in range(self.rng.randint(0 if i % 4 == 2 else 1, 2)):
            self._staff(town, PostKind.INFO_OFFICER_PART, "兼职信息员")
        self._staff(town, PostKind.DUTY_OFFICER, "值班员", phone_missing=i % 6 == 4)

    def _department_staff(self, dept, i):
        self._staff(dept, PostKind.UNIT_LEADER, "局长" if dept.name.endswith("局") else "负责人")
        for _ in range(0 if i % 9 == 7 else self.rng.randint(1, 2)):
            self._staff(dept, self.rng.choice([PostKind.INFO_OFFICER_FULL, PostKind.INFO_OFFICER_PART]), "办公室信息员")

    def _bulk_people(self, count: int):
        """Village cadres in bulk for a large test county: one audit row for the whole batch, as an import."""
        villages = list(Unit.objects.filter(kind=UnitKind.VILLAGE))
        for done in range(0, count, 2000):
            batch = [Person(name=self._name(), unit=self.rng.choice(villages), position="村干部", phone=self._phone(False))
                     for _ in range(min(2000, count - done))]
            Person.objects.bulk_create(batch)
            self.progress.step(f"extra people {done + len(batch)}/{count}")
        record(SYSTEM, "demo.people_bulk", object_type="orgs.person", after={"count": count})

    def _accounts(self, units):
        password_hash = make_password(DEMO_PASSWORD)
        for username, role, unit_name, display in DEMO_ACCOUNTS:
            unit = units[unit_name] if unit_name else units["office"]
            self.users[username] = do_create_user(SYSTEM, username, DEMO_PASSWORD, unit=unit, roles=[role],
                                                  display_name=display, password_hash=password_hash,
                                                  is_superuser=role == Role.ADMIN, must_change=False)


def build_demo(seed: int = 1, progress: Progress | None = None, **options) -> dict:
    return DemoCounty(seed, progress=progress, **options).build()
