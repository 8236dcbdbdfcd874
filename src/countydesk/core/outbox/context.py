"""The banner office users see while mail cannot leave the platform (no mail server configured)."""

from countydesk.accounts.scoping import has_perm

from .channels import channel


def mail_status(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not has_perm(user, "outbox.view"):
        return {}
    return {"mail_unconfigured": not channel("email").ready()}
