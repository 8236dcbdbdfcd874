"""A file the reader downloads (a document the platform writes)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def download(content: bytes, mimetype: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
