from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def action_label(action: str):
    from countydesk.audit.labels import action_label as label

    return label(action)
