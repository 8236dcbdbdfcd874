"""Navigation for both chapters, shown to each role only what it may open."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from countydesk.accounts.scoping import has_perm, is_county_wide

# (chapter title, [(label, url name, test)]); apps append their pages here as they arrive.
NAVIGATION = [
    (_("Government information"), [
        (_("Information officers"), "staffing", lambda u: True),
    ]),
    (_("Emergency management"), [
        (_("Duty phone directory"), "duty_phones", lambda u: True),
    ]),
    (_("Directory"), [
        (_("Units"), "unit_list", lambda u: True),
        (_("People"), "person_list", lambda u: True),
    ]),
    (_("System"), [
        (_("Audit trail"), "audit_list", lambda u: has_perm(u, "audit.view")),
        (_("Administration"), "admin:index", lambda u: u.is_staff),
    ]),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    nav = []
    for chapter, entries in NAVIGATION:
        links = [(label, reverse(name)) for label, name, test in entries if test(user)]
        if links:
            nav.append((chapter, links))
    return {"nav": nav, "county_wide": is_county_wide(user)}
