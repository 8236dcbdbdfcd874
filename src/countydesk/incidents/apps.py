from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "countydesk.incidents"
    label = "incidents"
    verbose_name = _("Incidents and reports")

    def ready(self):
        from countydesk.search.services import index_model

        from . import search
        from .models import Incident

        index_model(Incident, "incident", _("Incident"), search.document)
        from countydesk.accounts.scoping import has_perm, register_permissions
        from countydesk.core.ui.nav import register_nav
        from countydesk.core.ui.cards import register_card

        from . import demo, rules  # noqa: F401 - demo builder and rule-cache signals
        from .access import PERMISSIONS
        from countydesk.core.events import register_topic

        from .desk import TOPIC, desk_state
        from .views import can_sign_reports, desk_card, reports_card

        register_permissions(PERMISSIONS)
        register_nav("emergency", _("Duty desk"), "incidents:desk", lambda u: has_perm(u, "incidents.desk"), order=10)
        register_nav("emergency", _("Incidents"), "incidents:list", lambda u: has_perm(u, "incidents.view"), order=20)
        register_nav("emergency", _("Duty phone log"), "incidents:phone_log",
                     lambda u: has_perm(u, "incidents.phone_log"), order=30)
        register_nav("emergency", _("Import intakes"), "incidents:import", lambda u: has_perm(u, "incidents.import"),
                     order=40)
        register_nav("emergency", _("Incident statistics"), "incidents:stats", lambda u: has_perm(u, "incidents.view"),
                     order=50)
        # Everyone who may open the desk sees every township's incidents on it (access._visible).
        register_topic(TOPIC, "incidents.desk", sees_all=lambda u: has_perm(u, "incidents.desk"), snapshot=desk_state,
                       event="state")
        # Per user (their reminders, their reports); every change to incidents, intakes, reports and reminders
        # writes an audit row, which draws the cards anew.
        register_card("incidents/card.html", desk_card, lambda u: has_perm(u, "incidents.desk"), order=10,
                      shared=lambda u: f"user:{u.pk}")
        register_card("incidents/card_reports.html", reports_card,
                      lambda u: has_perm(u, "incidents.report") or can_sign_reports(u), order=11,
                      shared=lambda u: f"user:{u.pk}")
