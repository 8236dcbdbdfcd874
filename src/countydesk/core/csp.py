"""Content-Security-Policy (内容安全策略): scripts only from this site or carrying the page's nonce.

Every response gets the header; a template's own inline script says `nonce="{{ request.csp_nonce }}"`.
Page behaviours are data attributes wired by web/behaviours.js, never inline handlers (onclick=…).
Styles may be inline (the print layouts and a few attributes use them); nothing loads from elsewhere.
"""

import secrets
from urllib.parse import urlsplit

from django.conf import settings

POLICY = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:{tiles}; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def tile_origin() -> str:
    """The map tile server's origin (COUNTYDESK_MAP_TILES, e.g. https://{s}.tiles.example/{z}/{x}/{y}.png)."""
    parts = urlsplit(getattr(settings, "COUNTYDESK_MAP_TILES", "").replace("{s}", "*"))
    return f" {parts.scheme}://{parts.netloc}" if parts.scheme in {"http", "https"} and parts.netloc else ""


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.tiles = tile_origin()

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY.format(nonce=request.csp_nonce, tiles=self.tiles))
        return response
