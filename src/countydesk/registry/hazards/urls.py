from django.urls import path

from . import views

app_name = "hazards"

urlpatterns = [
    path("", views.hazard_list, name="list"),
    path("new/", views.hazard_new, name="new"),
    path("<int:pk>/", views.hazard_detail, name="detail"),
    path("<int:pk>/edit/", views.hazard_edit, name="edit"),
    path("<int:pk>/add/<slug:what>/", views.hazard_add, name="add"),
    path("dangers/", views.danger_list, name="dangers"),
    path("dangers/<int:pk>/", views.danger_detail, name="danger"),
    path("dangers/<int:pk>/move/", views.danger_move, name="danger_move"),
]
