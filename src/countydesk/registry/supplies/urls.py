from django.urls import path

from . import views

app_name = "supplies"

urlpatterns = [
    path("", views.depots, name="depots"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("depots/new/", views.depot_new, name="depot_new"),
    path("depots/<int:pk>/", views.depot_detail, name="depot"),
    path("depots/<int:pk>/entry/", views.depot_entry, name="depot_entry"),
    path("depots/<int:pk>/quota/", views.depot_quota, name="depot_quota"),
    path("depots/<int:pk>/ledger/", views.ledger, name="ledger"),
    path("shortfalls/", views.shortfalls, name="shortfalls"),
    path("expiry/", views.expiry, name="expiry"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer"),
    path("census/", views.census, name="census"),
    path("census/template/", views.census_template, name="census_template"),
    path("census/upload/", views.census_upload, name="census_upload"),
    path("census/uploads/<int:pk>/", views.census_report, name="census_report"),
]
