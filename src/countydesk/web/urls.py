from django.contrib.auth.views import LogoutView
from django.urls import path

from countydesk.accounts.views import LoginView

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("people/", views.person_list, name="person_list"),
    path("staffing/", views.staffing_view, name="staffing"),
    path("duty-phones/", views.duty_phones, name="duty_phones"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/sign-ins/", views.sign_in_failures, name="sign_in_failures"),
]
