from django.urls import path

from . import views

urlpatterns = [
    path("", views.issue_list, name="issue_list"),
    path("<int:pk>/", views.issue_detail, name="issue_detail"),
    path("<int:pk>/docx/", views.issue_download, {"fmt": "docx"}, name="issue_docx"),
    path("<int:pk>/pdf/", views.issue_download, {"fmt": "pdf"}, name="issue_pdf"),
    path("<int:pk>/print/", views.issue_print, name="issue_print"),
]
