"""Small hand-made plan systems for the tests."""

from datetime import date

from countydesk.accounts.system import SYSTEM
from countydesk.orgs.models import Unit
from countydesk.registry.plans import analysis, services


def unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


def root() -> Unit:
    return Unit.objects.get(parent__isnull=True)


def make_plan(title, kind, level, owner, types=(), upper=(), lead=None, issued=date(2026, 3, 2), supporting=()):
    plan = services.do_create_plan(SYSTEM, title=title, kind=kind, level=level, owner=owner, lead_unit=lead,
                                   event_types=list(types), upper_plans=list(upper), supporting_units=list(supporting))
    return services.do_issue_plan(SYSTEM, plan, issued) if issued else plan


def effective(*plans):
    return list(analysis.effective_plans(links=True).filter(pk__in=[p.pk for p in plans]))
