"""The demo county's live responses (应急响应): two of the morning's open incidents have the suggested plan
activated by the commander at the suggested level, so the command pages have something to command."""

from countydesk.demo.registry import demo_builder
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.incidents.choices import Status as IncidentStatus
from countydesk.incidents.models import Incident
from countydesk.registry.plans.applicability import suggest
from countydesk.registry.plans.choices import PlanKind

from ..services.responses import do_activate_response

RESPONSES = 2


@demo_builder(order=960)  # after the plans (400, 940) and the incidents (60)
def build_responses(county):
    county.progress.step("emergency responses")
    commander = county.users["zhihui"]
    done = 0
    candidates = Incident.objects.filter(status__in=OPEN_STATUSES, merged_into__isnull=True).exclude(type_code="")
    # those whose response is already under way (初报 sent, 响应中) first, then the earliest received
    for incident in sorted(candidates, key=lambda i: (i.status != IncidentStatus.RESPONDING, i.received_at, i.pk)):
        specific = [s for s in suggest(incident) if s.plan.kind != PlanKind.OVERALL]
        if not specific:
            continue
        do_activate_response(commander, incident, specific[0].plan, specific[0].level)
        done += 1
        if done == RESPONSES:
            break
