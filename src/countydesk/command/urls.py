from django.urls import path

from .views import evaluation, my_orders, page, responses, stock

app_name = "command"

urlpatterns = [
    path("", page.active_incidents, name="incidents"),
    path("incident/<int:pk>/", page.command_page, name="page"),
    path("incident/<int:pk>/state", page.command_state, name="state"),
    path("incident/<int:pk>/map", page.command_map, name="map"),
    path("orders/<int:pk>/action", page.order_action, name="order_action"),
    path("my-orders/", my_orders.my_orders, name="my_orders"),
    path("evaluations/", evaluation.evaluation_list, name="evaluations"),
    path("incident/<int:pk>/evaluation/", evaluation.evaluation_page, name="evaluation"),
    path("incident/<int:pk>/evaluation.<str:fmt>", evaluation.evaluation_download, name="evaluation_file"),
    path("responses/activate/<int:incident_id>/", responses.activate, name="response_activate"),
    path("responses/<int:pk>/", responses.response_detail, name="response_detail"),
    path("allocations/", stock.allocations, name="allocations"),
    path("allocations/<int:pk>/", stock.allocation_detail, name="allocation"),
    path("requisitions/", stock.requisitions, name="requisitions"),
    path("requisitions/<int:pk>/", stock.requisition_detail, name="requisition"),
    path("requisitions/<int:pk>/<str:document>.docx", stock.requisition_document, name="requisition_document"),
]
