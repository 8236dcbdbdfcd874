"""Readable names for audit actions ("unit.update" → 修改单位), registered by each app."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, object] = {
    "user.login": _("signed in"),
    "user.logout": _("signed out"),
    "user.create": _("created a user"),
    "user.set_roles": _("changed roles"),
    "user.set_password": _("changed a password"),
    "token.issue": _("issued an API token"),
    "token.revoke": _("revoked an API token"),
    "unit.create": _("created a unit"),
    "unit.update": _("changed a unit"),
    "person.create": _("added a person"),
    "person.update": _("changed a person"),
    "post.assign": _("appointed to a post"),
    "post.end": _("ended a post"),
}


def register_action_labels(labels: dict):
    ACTION_LABELS.update(labels)


def action_label(action: str):
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    if action.startswith("admin."):
        return _("changed in administration: %s") % action[len("admin."):]
    return action
