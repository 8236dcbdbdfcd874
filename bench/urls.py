from django.http import HttpResponse
from django.urls import path

from countydesk.urls import handler403, handler404, urlpatterns as product_urls  # noqa: F401


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare)] + product_urls
