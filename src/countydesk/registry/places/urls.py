from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("shelters/", views.shelter_list, name="shelters"),
    path("shelters/nearest/", views.nearest_public, name="nearest"),
    path("shelters/new/", views.shelter_new, name="shelter_new"),
    path("shelters/import/", views.shelter_import, name="shelter_import"),
    path("shelters/<int:pk>/", views.shelter_detail, name="shelter"),
    path("shelters/<int:pk>/edit/", views.shelter_edit, name="shelter_edit"),
    path("targets/", views.target_list, name="targets"),
    path("targets/new/", views.target_new, name="target_new"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("map/", views.emergency_map, name="map"),
    path("leaflet/<path:path>", views.leaflet_asset, name="leaflet"),
]
