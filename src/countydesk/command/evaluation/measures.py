"""An incident's handling measured from its record: each milestone's time and each interval between
consecutive milestones against its limit (rules.evaluation)."""

from django.utils.translation import gettext as _

from countydesk.core.ui.times import duration, stamp

from ..milestones import milestones
from ..rules.evaluation import interval_limits
from .sections import sections


def measure(incident) -> dict:
    """The evaluation's figures as plain JSON: milestones, intervals (minutes, limit, late) and sections."""
    reached = milestones(incident)
    limits = interval_limits(incident.grade, incident.received_at)
    intervals = [_interval(first, first_at, then, then_at, limits.get((first.code, then.code)))
                 for (first, first_at), (then, then_at) in zip(reached, reached[1:])]
    return {
        "incident": {"id": incident.pk, "number": incident.number, "title": incident.title,
                     "grade": incident.grade, "type_code": incident.type_code},
        "milestones": [{"code": m.code, "label": str(m.label), "at": at.isoformat() if at else None,
                        "shown": stamp(at) if at else "—"} for m, at in reached],
        "intervals": intervals,
        "sections": sections(incident),
    }


def _interval(first, first_at, then, then_at, limit) -> dict:
    minutes = round((then_at - first_at).total_seconds() / 60, 1) if first_at and then_at else None
    limit_minutes = round(limit.total_seconds() / 60) if limit is not None else None
    late = None if minutes is None or limit_minutes is None else minutes > limit_minutes
    return {"start": first.code, "end": then.code, "label": f"{first.label} → {then.label}",
            "minutes": minutes, "limit": limit_minutes, "late": late, "verdict": _verdict(minutes, limit_minutes, late)}


def _verdict(minutes, limit, late) -> str:
    if minutes is None:
        return _("not recorded")
    taken = duration(minutes * 60)
    if limit is None:
        return _("%(taken)s (no limit)") % {"taken": taken}
    words = {"taken": taken, "limit": duration(limit * 60)}
    return (_("%(taken)s, over the limit of %(limit)s") if late else _("%(taken)s, within %(limit)s")) % words
