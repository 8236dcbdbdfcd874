from django.urls import path

from . import views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list, name="list"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("desk/", views.desk_page, name="desk"),
    path("desk/state", views.desk_state, name="desk_state"),
    path("report/", views.citizen_report, name="citizen"),
    path("phone-log/", views.phone_log, name="phone_log"),
    path("import/", views.import_intakes, name="import"),
    path("statistics/", views.statistics, name="stats"),
]
