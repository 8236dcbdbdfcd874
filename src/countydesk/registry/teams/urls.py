from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("new/", views.team_new, name="new"),
    path("import/", views.team_import, name="import"),
    path("experts/import/", views.expert_import, name="expert_import"),
    path("<int:pk>/", views.team_detail, name="detail"),
    path("<int:pk>/edit/", views.team_edit, name="edit"),
    path("<int:pk>/add/<slug:what>/", views.team_add, name="add"),
    path("certificates/", views.certificates_expiring, name="certificates"),
    path("volunteers/", views.volunteer_list, name="volunteers"),
    path("volunteers/new/", views.volunteer_new, name="volunteer_new"),
    path("volunteers/<int:pk>/edit/", views.volunteer_edit, name="volunteer_edit"),
    path("experts/", views.expert_list, name="experts"),
    path("experts/new/", views.expert_new, name="expert_new"),
    path("experts/<int:pk>/", views.expert_detail, name="expert"),
    path("experts/<int:pk>/edit/", views.expert_edit, name="expert_edit"),
]
