app_name = "command"

urlpatterns = []

from django.urls import path  # noqa: E402

from .views import stock  # noqa: E402

urlpatterns += [
    path("allocations/", stock.allocations, name="allocations"),
    path("allocations/<int:pk>/", stock.allocation_detail, name="allocation"),
    path("requisitions/", stock.requisitions, name="requisitions"),
    path("requisitions/<int:pk>/", stock.requisition_detail, name="requisition"),
    path("requisitions/<int:pk>/<str:document>.docx", stock.requisition_document, name="requisition_document"),
]
