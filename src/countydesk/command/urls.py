from django.urls import path

from .views import evaluation

app_name = "command"

urlpatterns = [
    path("evaluations/", evaluation.evaluation_list, name="evaluations"),
    path("incident/<int:pk>/evaluation/", evaluation.evaluation_page, name="evaluation"),
    path("incident/<int:pk>/evaluation.<str:fmt>", evaluation.evaluation_download, name="evaluation_file"),
]
