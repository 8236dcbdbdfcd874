from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .services import KINDS, search


@login_required
def search_page(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind") or None
    hits = search(request.user, query, kinds=[kind] if kind in KINDS else None, limit=50) if query else []
    return render(request, "search/search.html", {"query": query, "hits": hits, "kinds": KINDS, "kind": kind})
