"""How the plan system hangs together (横向到边、纵向到底、相互衔接): linkage, coverage, due dates.

Read-only: one query for the plans in force with what they cover and link to, then pure Python.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit

from . import rules
from .choices import EFFECTIVE, PlanKind, PlanLevel
from .models import Filing, Plan

COUNTY_PLAN_KINDS = (PlanKind.SPECIAL, PlanKind.JOINT)
ISSUE_LABELS = {
    "orphan": _("Not linked to any upper plan"),
    "missing_link": _("Not linked to the upper plan for this type"),
    "parent_not_covering": _("No upper plan covers this type"),
    "lead_conflict": _("Same-level plans name different lead units"),
}


def effective_plans(links: bool = False):
    """The plans in force with what they cover; with their linked upper plans when `links`."""
    plans = (Plan.objects.filter(status__in=EFFECTIVE).select_related("owner", "lead_unit")
             .prefetch_related("event_types",
                               Prefetch("filings", queryset=Filing.objects.order_by("filed_on"))))
    if links:
        uppers = Plan.objects.filter(status__in=EFFECTIVE).prefetch_related("event_types")
        plans = plans.prefetch_related(Prefetch("upper_plans", queryset=uppers))
    return plans


def covers(plan: Plan, code: str) -> bool:
    """The county overall plan is the umbrella of every type; other plans cover the types they list."""
    return (plan.kind == PlanKind.OVERALL and plan.level == PlanLevel.COUNTY) or code in plan.type_codes


def _is_root(plan: Plan) -> bool:
    return plan.kind == PlanKind.OVERALL and plan.level == PlanLevel.COUNTY


@dataclass
class Issue:
    kind: str
    plan: Plan
    event_type: str = ""
    suggestions: list = field(default_factory=list)

    @property
    def label(self):
        return ISSUE_LABELS[self.kind]

    @property
    def type_name(self):
        return EVENT_TYPES[self.event_type].name if self.event_type else ""


@dataclass
class Group:
    """Same-level plans for one type in one area (横向)."""

    level: str
    area: Unit
    event_type: str
    plans: list

    @property
    def leads(self) -> list[Unit]:
        return list({p.lead_unit_id: p.lead_unit for p in self.plans if p.lead_unit_id}.values())

    @property
    def conflict(self) -> bool:
        return len(self.leads) > 1


def _county_plans(code: str, plans: list[Plan], exclude: Plan) -> list[Plan]:
    return [p for p in plans if p.level == PlanLevel.COUNTY and p.kind in COUNTY_PLAN_KINDS
            and code in p.type_codes and p.pk != exclude.pk]


def _candidates(plan: Plan, code: str, plans: list[Plan]) -> list[Plan]:
    """The specific plans one level up a plan should link to for `code`: its township's plans for a village
    plan, none for the county's own special, joint and event plans (the overall plan is their umbrella),
    else the county's special and joint plans."""
    if plan.level == PlanLevel.VILLAGE:
        return [p for p in plans if p.owner_id == plan.owner.parent_id and p.level == PlanLevel.TOWNSHIP
                and code in p.type_codes]
    if plan.level == PlanLevel.COUNTY and plan.kind in (*COUNTY_PLAN_KINDS, PlanKind.EVENT):
        return []
    return _county_plans(code, plans, plan)


def _type_issue(plan: Plan, code: str, uppers: list[Plan], plans: list[Plan]) -> Issue | None:
    if any(code in u.type_codes for u in uppers):
        return None
    candidates = _candidates(plan, code, plans)
    if candidates:
        return Issue("missing_link", plan, code, candidates)
    if any(covers(u, code) for u in uppers):
        return None
    return Issue("parent_not_covering", plan, code, _county_plans(code, plans, plan))


def vertical_issues(plans: list[Plan]) -> list[Issue]:
    """Orphans (no upper link at all), missing links to the specific upper plan of a type, and types no
    linked upper plan covers."""
    issues = []
    for plan in plans:
        if _is_root(plan):
            continue
        uppers = list(plan.upper_plans.all())
        if not uppers:
            roots = [p for p in plans if _is_root(p)]
            found = {p.pk: p for code in plan.type_codes for p in _candidates(plan, code, plans)}
            issues.append(Issue("orphan", plan, suggestions=list(found.values()) or roots))
            continue
        issues.extend(i for code in plan.type_codes if (i := _type_issue(plan, code, uppers, plans)))
    return issues


def _area(plan: Plan, root: Unit) -> Unit:
    return root if plan.level == PlanLevel.COUNTY else plan.owner


def horizontal_groups(plans: list[Plan], root: Unit) -> list[Group]:
    groups: dict[tuple, Group] = {}
    for plan in plans:
        if plan.kind == PlanKind.OVERALL:
            continue
        for code in plan.type_codes:
            area = _area(plan, root)
            key = (plan.level, area.pk, code)
            groups.setdefault(key, Group(plan.level, area, code, [])).plans.append(plan)
    return [g for g in groups.values() if len(g.plans) > 1]


@dataclass
class Linkage:
    issues: list[Issue]
    groups: list[Group]

    @property
    def conflicts(self) -> list[Group]:
        return [g for g in self.groups if g.conflict]


def linkage(plans: list[Plan] | None = None) -> Linkage:
    plans = list(effective_plans(links=True)) if plans is None else plans
    root = Unit.objects.filter(parent__isnull=True).first()
    return Linkage(vertical_issues(plans), horizontal_groups(plans, root))


@dataclass
class DueRow:
    plan: Plan
    filing_deadline: date | None
    filed_on: date | None
    evaluation_due: date | None
    drill_due: date | None
    today: date
    provisional: bool = False  # the deadline crosses a year whose holiday schedule is not entered (暂定)

    @property
    def filing_state(self) -> str:
        if self.filing_deadline is None:
            return ""
        if self.filed_on:
            return "late" if self.filed_on > self.filing_deadline else "ok"
        return "overdue" if self.today > self.filing_deadline else "pending"

    @property
    def evaluation_overdue(self) -> bool:
        return bool(self.evaluation_due and self.evaluation_due < self.today)

    @property
    def drill_overdue(self) -> bool:
        return bool(self.drill_due and self.drill_due < self.today)

    @property
    def overdue(self) -> bool:
        return self.filing_state in ("late", "overdue") or self.evaluation_overdue or self.drill_overdue

    def due_within(self, days: int) -> bool:
        dates = [d for d in (self.evaluation_due, self.drill_due) if d]
        pending = self.filing_state == "pending"
        return pending or any((d - self.today).days <= days for d in dates)


def first_filing(plan: Plan) -> Filing | None:
    """The first filing (首次备案), the one the 20-working-day rule judges, however the filings were fetched."""
    return min(plan.filings.all(), key=lambda f: (f.filed_on, f.pk), default=None)


def due_rows(plans: list[Plan] | None = None, today: date | None = None) -> list[DueRow]:
    """Filing, evaluation and drill dates of every plan in force."""
    plans = list(effective_plans()) if plans is None else plans
    today, calendar, table = today or timezone.localdate(), rules.WorkCalendar(), rules.plan_rules()
    rows = []
    for plan in plans:
        deadline = rules.filing_deadline(plan.kind, plan.issued_on, calendar, table) if plan.issued_on else None
        first = first_filing(plan)
        dues = rules.cycle_dues(plan, table)
        provisional = bool(deadline and calendar.unknown_years(plan.issued_on, deadline))
        rows.append(DueRow(plan, deadline, first.filed_on if first else None, dues.evaluation, dues.drill, today,
                           provisional))
    return rows


@dataclass
class Cell:
    state: str  # "covered", "overdue", "gap" or ""
    plans: list


@dataclass
class Matrix:
    units: list[Unit]
    rows: list[tuple[str, list[Cell]]]

    @property
    def gaps(self) -> int:
        return sum(c.state == "gap" for _, cells in self.rows for c in cells)


def _expected(unit: Unit, code: str, relevant: list[Plan], lower_cover: set[str]) -> bool:
    """Whether `unit` should have a plan for `code`, given the county plans covering it (`relevant`)."""
    if unit.kind == UnitKind.GOVERNMENT:
        return code in lower_cover
    if unit.kind == UnitKind.TOWNSHIP:
        return bool(relevant)
    return any(p.lead_unit_id == unit.pk for p in relevant)


def _matrix_units() -> list[Unit]:
    """The county, then its townships, then its departments, in one query."""
    kinds = [UnitKind.GOVERNMENT, UnitKind.TOWNSHIP, UnitKind.DEPARTMENT]
    units = Unit.objects.filter(Q(parent__isnull=True) | Q(kind__in=kinds[1:], active=True)).order_by("sort", "path")
    return sorted(units, key=lambda u: kinds.index(u.kind) if u.parent_id else -1)


def coverage(plans: list[Plan] | None = None, today: date | None = None, dues: list[DueRow] | None = None) -> Matrix:
    """Event types × county, townships and departments: which unit has a plan in force for which type,
    and where one is expected but missing (a township for every county special plan's type, a department
    for every type of a county plan it leads, the county for every type a lower plan covers)."""
    plans = list(effective_plans()) if plans is None else plans
    overdue = {r.plan.pk for r in (dues if dues is not None else due_rows(plans, today)) if r.overdue}
    units = _matrix_units()
    root = units[0]
    county_plans = [p for p in plans if p.level == PlanLevel.COUNTY and p.kind in COUNTY_PLAN_KINDS]
    owned = {u.pk: [p for p in plans if p.owner_id == u.pk and p.kind != PlanKind.OVERALL] for u in units}
    owned[root.pk] = county_plans
    codes = {p.pk: set(p.type_codes) for p in plans}
    lower_cover = {c for p in plans if p.level != PlanLevel.COUNTY for c in codes[p.pk]}
    rows = []
    for code in EVENT_TYPES:
        relevant = [p for p in county_plans if code in codes[p.pk]]
        cells = []
        for unit in units:
            covering = [p for p in owned[unit.pk] if code in codes[p.pk]]
            if covering:
                state = "overdue" if any(p.pk in overdue for p in covering) else "covered"
            else:
                state = "gap" if _expected(unit, code, relevant, lower_cover) else ""
            cells.append(Cell(state, covering))
        rows.append((code, cells))
    return Matrix(units, rows)
