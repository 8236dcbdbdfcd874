"""`countydesk command advise --incident ID [--plan ID --level L --radius M]`: the decision-support answer
(辅助决策) as JSON, computed as the platform (no role or township limit)."""

import json

from countydesk.accounts.system import SYSTEM

from ..advice.lookup import advice_for

help = "print the decision-support answer for an incident as JSON"


def add_arguments(parser):
    parser.add_argument("--incident", type=int, required=True)
    parser.add_argument("--plan", type=int)
    parser.add_argument("--level")
    parser.add_argument("--radius", type=int, dest="radius_m")


def run(command, options):
    advice = advice_for(SYSTEM, options["incident"], options.get("plan"), options.get("level"),
                        options.get("radius_m"))
    command.stdout.write(json.dumps(advice.as_json(), ensure_ascii=False, indent=2))
