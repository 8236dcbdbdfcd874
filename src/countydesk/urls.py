from django.contrib import admin
from django.urls import include, path

from countydesk.accounts.api import router as accounts_router
from countydesk.audit.api import router as audit_router
from countydesk.core.api import api
from countydesk.orgs.api import router as orgs_router

api.add_router("/", accounts_router)
api.add_router("/", orgs_router)
api.add_router("/", audit_router)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("countydesk.web.urls")),
]

handler404 = "countydesk.web.views.not_found"
handler403 = "countydesk.web.views.forbidden"
