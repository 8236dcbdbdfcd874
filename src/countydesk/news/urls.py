from django.urls import path

from . import views

urlpatterns = [
    path("", views.news_list, name="news_list"),
    path("missed/", views.missed_view, name="news_missed"),
    path("import/", views.import_view, name="news_import"),
]
