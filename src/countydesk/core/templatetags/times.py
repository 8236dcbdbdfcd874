"""`{% load times %}`: `{{ t|moment }}`, `{{ t|stamp }}`, `{{ d.due_at|countdown }}` (core.ui.times)."""

from django import template

from countydesk.core.ui import times

register = template.Library()

register.filter("moment", times.moment)
register.filter("stamp", times.stamp)


@register.filter
def countdown(due):
    return times.countdown(due)[0] if due else ""
