from django.urls import path

from .views import responses

app_name = "command"

urlpatterns = []
urlpatterns += [
    path("responses/activate/<int:incident_id>/", responses.activate, name="response_activate"),
    path("responses/<int:pk>/", responses.response_detail, name="response_detail"),
]
