from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import gettext as _


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def locked_out(request, credentials=None, *args, **kwargs):
    """Shown by django-axes after too many failed sign-ins for one user name."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _("Too many failed sign-ins for this user name. Try again in %(minutes)d minutes.") % {"minutes": minutes}
    return render(request, "accounts/login.html", {"locked_message": message, "form": None}, status=429)
