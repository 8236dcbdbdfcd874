"""Every audit action code (审计操作代码) and its readable label, in one table here, grouped by app.

Why one table in audit rather than each app registering its own: audit sits below every app, so it
can hold the table without importing any of them, a reviewer sees every code the platform writes on
one page, and the table exists before any app's `ready()` runs (a record written while apps load, or
from a migration, is still checked). `record()` refuses a code that is not here, and
tests/audit/test_action_codes.py reads the source (every `record(...)` call, f-strings followed to
their callers) and fails on a code missing from the table, so a new code cannot ship without a label.

Changes made in the Django admin are written as `admin.<model_name>.<create|update|delete>`; those
are known for any model of an installed app (the admin's own label says which model).
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ActionGroup:
    label: object
    actions: dict


GROUPS: dict[str, ActionGroup] = {
    "accounts": ActionGroup(_("Accounts and roles"), {
        "user.login": _("signed in"),
        "user.logout": _("signed out"),
        "user.create": _("created a user"),
        "user.set_roles": _("changed roles"),
        "user.change_password": _("changed a password"),
        "token.issue": _("issued an API token"),
        "token.revoke": _("revoked an API token"),
    }),
    "orgs": ActionGroup(_("Units and people"), {
        "unit.create": _("created a unit"),
        "unit.update": _("changed a unit"),
        "person.create": _("added a person"),
        "person.update": _("changed a person"),
        "post.assign": _("appointed to a post"),
        "post.end": _("ended a post"),
    }),
    "info": ActionGroup(_("Government information"), {
        "guidance.create": _("published reporting guidance"),
        "topic.propose": _("proposed a topic"),
        "topic.accept": _("accepted a topic"),
        "topic.reject": _("rejected a topic"),
        "topic.schedule": _("scheduled a topic"),
        "topic.commission": _("commissioned a topic"),
        "commission.issue": _("issued a commission"),
        "commission.link": _("linked a submission to a commission"),
        "commission.unlink": _("unlinked a submission from a commission"),
        "commission.fulfil": _("fulfilled a commission"),
        "commission.reopen": _("reopened a commission"),
        "commission.cancel": _("cancelled a commission"),
        "commission.remind": _("reminded a unit of a commission"),
        "submission.create": _("drafted a submission"),
        "submission.edit": _("edited a submission"),
        "submission.attach": _("attached a file to a submission"),
        "submission.send": _("sent a submission for unit sign-off"),
        "submission.unit_signoff": _("signed off a submission for the unit"),
        "submission.unit_return": _("returned a submission within the unit"),
        "submission.accept": _("accepted a submission"),
        "submission.reject": _("rejected a submission"),
        "submission.return": _("returned a submission for changes"),
        "submission.sign_off": _("signed off a submission"),
        "submission.publish": _("published a submission"),
        "submission.sign_with_issue": _("signed a submission with its issue"),
        "followup.request": _("asked for a follow-up report"),
        "followup.answer": _("answered a follow-up request"),
        "adoption.record": _("recorded an adoption"),
        "liaison_rules.upload": _("uploaded liaison rules"),
        "training.attendance": _("recorded training attendance"),
    }),
    "periodicals": ActionGroup(_("Periodicals"), {
        "issue.create": _("started an issue"),
        "issue.add_item": _("added an article"),
        "issue.edit_item": _("edited an article"),
        "issue.remove_item": _("removed an article"),
        "issue.submit": _("sent an issue for sign-off"),
        "issue.return": _("returned an issue"),
        "issue.sign": _("signed off an issue"),
        "issue.publish": _("sent out an issue"),
    }),
    "news": ActionGroup(_("News and missed reports"), {
        "news.import": _("imported news"),
        "news.feed.add": _("added a news feed"),
    }),
    "incidents": ActionGroup(_("Incidents and reports"), {
        "intake.receive": _("received a report from a caller system"),
        "intake.fail": _("failed to join a received report"),
        "intake_client.add": _("added an intake client"),
        "intake_client.rotate": _("renewed an intake client's key"),
        "intake_client.revoke": _("revoked an intake client"),
        "phone_log.create": _("logged a phone call"),
        "incident.open": _("opened an incident"),
        "incident.update": _("changed an incident"),
        "incident.figures": _("updated casualty figures"),
        "incident.classify": _("classified an incident (event type)"),
        "incident.phone_report": _("added a phone report to an incident"),
        "incident.merge": _("merged incidents"),
        "incident.split": _("split an incident"),
        "incident.verified": _("verified an incident"),
        "incident.responding": _("started the response to an incident"),
        "incident.closed": _("closed an incident"),
        "incident.evaluated": _("evaluated an incident"),
        "incident.overdue": _("warned of an overdue report"),
        "incident.due_soon": _("warned of a report due soon"),
        "incident.daily": _("reminded of the daily report"),
        "report.draft": _("drafted a report"),
        "report.update": _("edited a report"),
        "report.submit": _("sent a report to the signer"),
        "report.sign": _("signed a report"),
        "report.send_back": _("returned a report to its writer"),
        "report.return": _("returned a report"),
        "report.send": _("sent a report"),
    }),
    "outbox": ActionGroup(_("Outbox"), {
        "outbox.delivered": _("delivered a message"),
        "outbox.attempt_failed": _("failed to deliver a message"),
        "outbox.dead": _("gave up delivering a message"),
        "outbox.unconfigured": _("kept a message: no mail server"),
        "outbox.retry": _("retried a message"),
        "outbox.recorded": _("recorded a delivery made by hand"),
    }),
    "plans": ActionGroup(_("Emergency plans"), {
        "plan.create": _("created a plan"),
        "plan.update": _("changed a plan"),
        "plan.document": _("attached a plan document"),
        "plan.issued": _("issued a plan"),
        "plan.superseded": _("superseded a plan"),
        "plan.filing": _("filed a plan"),
        "plan.filing.update": _("changed a plan filing"),
        "plan.filed": _("marked a plan filed"),
        "plan.revising": _("started revising a plan"),
        "plan.revision": _("started a plan revision"),
        "plan.abolished": _("abolished a plan"),
        "plan.evaluate": _("evaluated a plan"),
        "drill.create": _("recorded a drill"),
        "drill.update": _("changed a drill"),
        "drill.action.close": _("closed a drill follow-up action"),
    }),
    "teams": ActionGroup(_("Teams, volunteers and experts"), {
        "team.create": _("created a team"),
        "team.update": _("changed a team"),
        "team_member.create": _("added a team member"),
        "team_member.update": _("changed a team member"),
        "certificate.create": _("added a certificate"),
        "certificate.update": _("changed a certificate"),
        "team_equipment.create": _("added team equipment"),
        "team_equipment.update": _("changed team equipment"),
        "training.create": _("recorded a training"),
        "training.update": _("changed a training"),
        "volunteer.create": _("added a volunteer"),
        "volunteer.update": _("changed a volunteer"),
        "expert.create": _("added an expert"),
        "expert.update": _("changed an expert"),
    }),
    "supplies": ActionGroup(_("Supplies and equipment"), {
        "supply_item.create": _("added a catalogue item"),
        "supply_item.update": _("changed a catalogue item"),
        "depot.create": _("created a depot"),
        "depot.update": _("changed a depot"),
        "quota.set": _("set a stock quota"),
        "stock.receipt": _("received stock"),
        "stock.issue": _("issued stock"),
        "stock.transfer_in": _("received a stock transfer"),
        "stock.transfer_out": _("sent a stock transfer"),
        "stock.adjustment": _("adjusted stock"),
        "stock.write_off": _("wrote off stock"),
        "stock.expiry_check": _("checked stock expiry"),
        "transfer.request": _("requested a transfer"),
        "transfer.approve": _("approved a transfer"),
        "transfer.reject": _("rejected a transfer"),
        "transfer.cancel": _("cancelled a transfer"),
        "transfer.dispatch": _("dispatched a transfer"),
        "transfer.receive": _("received a transfer"),
        "census.open": _("opened a stock census"),
        "census.upload": _("uploaded census counts"),
        "census.import": _("imported census counts"),
        "census.close": _("closed a stock census"),
        "stock.allocation_out": _("shipped stock to a scene"),
        "stock.allocation_return": _("booked stock back from a scene"),
    }),
    "hazards": ActionGroup(_("Risks and hidden dangers"), {
        "hazard.create": _("added a hazard source"),
        "hazard.update": _("changed a hazard source"),
        "inspection.create": _("recorded an inspection"),
        "inspection.update": _("changed an inspection"),
        "hidden_danger.create": _("reported a hidden danger"),
        "hidden_danger.update": _("changed a hidden danger"),
        "hidden_danger.rectifying": _("started rectifying a hidden danger"),
        "hidden_danger.closed": _("closed a hidden danger"),
        "hidden_danger.verified": _("verified a rectified hidden danger"),
    }),
    "places": ActionGroup(_("Shelters and protected targets"), {
        "shelter.create": _("added a shelter"),
        "shelter.update": _("changed a shelter"),
        "protected_target.create": _("added a protected target"),
        "protected_target.update": _("changed a protected target"),
        "boundary.create": _("drew a unit's boundary"),
        "boundary.update": _("changed a unit's boundary"),
    }),
    "cases": ActionGroup(_("Case library"), {
        "case.create": _("added a case"),
        "case.update": _("changed a case"),
        "case.import": _("imported cases"),
    }),
    "command": ActionGroup(_("Command and dispatch"), {
        "evaluation.create": _("wrote an incident's after-action evaluation"),
        "order.issue": _("issued a dispatch order"),
        "order.acknowledge": _("acknowledged a dispatch order"),
        "order.depart": _("reported a team's departure"),
        "order.arrive": _("reported a team's arrival on scene"),
        "order.complete": _("completed a dispatch order"),
        "order.decline": _("declined a dispatch order"),
        "order.cancel": _("cancelled a dispatch order"),
        "order.escalate": _("escalated an unacknowledged dispatch order"),
        "response.activate": _("activated an emergency response"),
        "response.activate_refused": _("was refused activating an emergency response"),
        "response.change_level": _("changed an emergency response's level"),
        "response.terminate": _("terminated an emergency response"),
        "allocation.create": _("allocated supplies to a scene"),
        "allocation.ship": _("shipped an allocation"),
        "allocation.deliver_part": _("recorded a partial delivery"),
        "allocation.deliver": _("recorded an allocation delivered"),
        "allocation.return": _("closed an allocation, unused stock returned"),
        "allocation.cancel": _("cancelled an allocation"),
        "requisition.create": _("requisitioned property"),
        "requisition.decide": _("issued a requisition decision"),
        "requisition.return": _("returned requisitioned property"),
        "requisition.approve_payment": _("approved a compensation"),
        "requisition.pay": _("recorded a compensation paid"),
    }),
    "demo": ActionGroup(_("Demo county"), {
        "demo.people_bulk": _("added village cadres in bulk"),
        "demo.stock_bulk": _("added stock history in bulk"),
    }),
}

ADMIN_VERBS = {
    "create": _("added in administration: %s"),
    "update": _("changed in administration: %s"),
    "delete": _("deleted in administration: %s"),
}

ACTIONS: dict[str, object] = {code: label for group in GROUPS.values() for code, label in group.actions.items()}


class UnknownAction(ValueError):
    """An audit code missing from the table above: add it there with its label."""


def _admin_parts(code: str) -> tuple[str, str] | None:
    prefix, _sep, rest = code.partition(".")
    model_name, _sep, verb = rest.rpartition(".")
    if prefix != "admin" or verb not in ADMIN_VERBS or not model_name:
        return None
    return model_name, verb


def _admin_model(model_name: str):
    for model in apps.get_models():
        if model._meta.model_name == model_name:
            return model
    return None


def is_known(code: str) -> bool:
    if code in ACTIONS:
        return True
    parts = _admin_parts(code)
    return parts is not None and _admin_model(parts[0]) is not None


def check(code: str) -> str:
    if not is_known(code):
        raise UnknownAction(f"audit action {code!r} is not in countydesk/audit/actions.py; add it with its label")
    return code


def action_label(code: str):
    """The readable label of a code ("unit.update" → 修改单位); an unknown old code shows as itself."""
    if code in ACTIONS:
        return ACTIONS[code]
    parts = _admin_parts(code)
    model = _admin_model(parts[0]) if parts else None
    if model is None:
        return code
    return ADMIN_VERBS[parts[1]] % model._meta.verbose_name


def action_choices() -> list:
    """Grouped choices for a filter: [(group label, [(code, label), ...]), ...]."""
    return [(group.label, list(group.actions.items())) for group in GROUPS.values()]
