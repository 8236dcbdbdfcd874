"""Navigation entries and dashboard cards of the information chapter, per role."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countydesk.accounts.choices import Role
from countydesk.accounts.scoping import has_perm, is_county_wide, scope

from .choices import CommissionStatus, SubmissionStatus

S = SubmissionStatus


def _unit_role(user):
    return user.has_role(Role.UNIT_INFO_OFFICER, Role.UNIT_LEADER)


def register():
    from countydesk.core.ui.nav import register_nav
    from countydesk.core.ui.cards import register_card

    register_nav("info", _("Submissions"), "info_queue", order=10)
    register_nav("info", _("New submission"), "info_submission_new", lambda u: has_perm(u, "info.draft"), order=15)
    register_nav("info", _("Research topics"), "info_topics", order=20)
    register_nav("info", _("Commissions"), "info_commissions", order=30)
    register_nav("info", _("Timeliness"), "info_timeliness", order=40)
    register_nav("info", _("Good and bad news"), "info_balance", order=50)
    register_nav("info", _("Rankings"), "info_rankings", order=55)
    register_nav("info", _("Batch sign-off"), "info_batch_sign", lambda u: has_perm(u, "info.sign_off"), order=16)
    register_nav("info", _("Key liaison units"), "info_liaison", order=60)
    register_card("info/card_unit.html", unit_card, _unit_role, order=50,
                  shared=lambda u: f"{u.unit_id}:{is_county_wide(u)}")
    register_card("info/card_office.html", office_card, is_county_wide, order=50, shared=lambda u: f"leader:{_leader(u)}")


def _unit_figures(user) -> dict:
    from .models import Commission
    from .models.submission import returned_for_changes
    from .services import visible_submissions

    mine = visible_submissions(user).values("status").annotate(n=Count("pk")).order_by()
    counts = {row["status"]: row["n"] for row in mine}
    due = scope(user, Commission.objects.filter(status=CommissionStatus.ISSUED)).select_related("topic")
    returned = visible_submissions(user).filter(returned_for_changes()).count()
    return {"counts": counts, "returned": returned, "commissions": list(due.order_by("deadline")[:5])}


def unit_card(request):
    from countydesk.core.ui.cards import cached_figure

    user = request.user
    figures = cached_figure(request, f"info_unit:{user.unit_id}:{is_county_wide(user)}", lambda: _unit_figures(user))
    return figures | {"today": timezone.localdate(), "S": S}


def _office_figures() -> dict:
    from .models import Commission, Submission

    counts = dict(Submission.objects.exclude(status__in=(S.DRAFT, S.PENDING_UNIT)).values_list("status")
                  .annotate(n=Count("pk")).order_by())
    overdue = Commission.objects.filter(status=CommissionStatus.ISSUED, deadline__lt=timezone.localdate()).count()
    return {"counts": counts, "overdue": overdue}


def office_card(request):
    from countydesk.core.ui.cards import cached_figure

    return cached_figure(request, "info_office", _office_figures) | {
        "S": S, "is_leader": _leader(request.user)}


def _leader(user) -> bool:
    return has_perm(user, "info.sign_off") and not user.is_superuser
