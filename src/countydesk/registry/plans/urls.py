from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_edit, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/<str:action>/", views.plan_action, name="action"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("due/", views.due_view, name="due"),
    path("coverage/", views.coverage_view, name="coverage"),
    path("linkage/", views.linkage_view, name="linkage"),
    path("drills/", views.drill_list, name="drills"),
    path("drills/new/", views.drill_edit, name="drill_create"),
    path("drills/<int:pk>/edit/", views.drill_edit, name="drill_edit"),
    path("drills/<int:pk>/", views.drill_detail, name="drill"),
    path("drills/actions/<int:pk>/close/", views.action_close, name="action_close"),
    path("actions/", views.actions_view, name="actions"),
]
