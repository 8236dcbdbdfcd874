from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from countydesk.base.errors import ServiceError

from .middleware import PASSWORD_DUE
from .services import do_change_password, password_change_due


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def locked_out(request, credentials=None, *args, **kwargs):
    """Shown by django-axes after too many failed sign-ins for one user name from this address, or from it in all."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _("Too many failed sign-ins from this address. Try again in %(minutes)d minutes.") % {"minutes": minutes}
    return render(request, "accounts/login.html", {"locked_message": message, "form": None}, status=429)


@login_required
def change_password(request):
    """修改密码: the signed-in user's own password, checked against the password policy; required before
    anything else on first sign-in of an account someone else set up and after the password expired."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_change_password(request.user, request.user, form.cleaned_data["new_password1"],
                               old_password=form.cleaned_data["old_password"])
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            update_session_auth_hash(request, request.user)
            request.session[PASSWORD_DUE] = False
            messages.success(request, _("Your password was changed."))
            target = request.POST.get("next", "")
            safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
            return redirect(target if safe and target else "dashboard")
    return render(request, "accounts/password.html", {
        "form": form, "title": _("Change password"), "due": password_change_due(request.user),
        "next": request.GET.get("next") or request.POST.get("next", ""),
    })
