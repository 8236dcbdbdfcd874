from django.urls import path

from . import views

app_name = "sheets"

urlpatterns = [
    path("<slug:name>/import/", views.import_view, name="import"),
    path("<slug:name>/export/", views.export_view, name="export"),
]
