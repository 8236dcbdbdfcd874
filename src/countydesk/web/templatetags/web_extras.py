from django import template

from countydesk.audit import display as audit_display
from countydesk.audit.actions import action_label as label

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def action_label(action: str):
    return label(action)


@register.filter
def audit_actor(event):
    return audit_display.actor_text(event)


@register.filter
def audit_object(event):
    return audit_display.object_text(event)
