from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm, scope
from countydesk.base.errors import ServiceError
from countydesk.orgs.models import Unit
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column

from . import services
from .forms import FeedForm, PasteForm, PeriodForm, UploadForm
from .models import NewsFeed, NewsItem
from .rules import match_rule

NEWS_LIST = ListPage(
    gettext_lazy("News items"),
    [
        Column(gettext_lazy("Published"), lambda n: n.published),
        LinkColumn(gettext_lazy("Title"), lambda n: n.title, link=lambda n: n.link or None),
        Column(gettext_lazy("Source"), lambda n: n.get_source_display()),
        Column(gettext_lazy("Outlet"), lambda n: n.outlet),
        Column(gettext_lazy("Units mentioned"), lambda n: "、".join(u.name for u in n.units.all())),
        Column(gettext_lazy("Reported by"), lambda n: "、".join(m.unit.name for m in n.matches.all())),
    ],
    "news-items",
)

MISSED_LIST = ListPage(
    gettext_lazy("Missed reports"),
    [
        LinkColumn(gettext_lazy("Unit"), lambda p: p.unit.name, link=lambda p: f"/units/{p.unit_id}/"),
        Column(gettext_lazy("Published"), lambda p: p.newsitem.published),
        LinkColumn(gettext_lazy("News item"), lambda p: p.newsitem.title, link=lambda p: p.newsitem.link or None),
        Column(gettext_lazy("Source"), lambda p: p.newsitem.get_source_display()),
        Column(gettext_lazy("Outlet"), lambda p: p.newsitem.outlet),
    ],
    "missed-reports",
)


def _period(request) -> PeriodForm:
    form = PeriodForm(request.GET or None)
    form.is_valid()
    return form


@login_required
def news_list(request):
    form = _period(request)
    data = getattr(form, "cleaned_data", {})
    items = NewsItem.objects.prefetch_related("units", "matches__unit")
    if not has_perm(request.user, "news.manage"):
        items = items.filter(units__in=scope(request.user, Unit.objects.all(), "self")).distinct()
    if data.get("start"):
        items = items.filter(published__gte=data["start"])
    if data.get("end"):
        items = items.filter(published__lte=data["end"])
    if data.get("q"):
        items = items.filter(title__icontains=data["q"])
    return NEWS_LIST.respond(request, items, form, extra={"can_manage": has_perm(request.user, "news.manage")},
                             template="news/news_list.html")


@login_required
def missed_view(request):
    """Per unit, what the news covered and the unit never reported (已见报未报送)."""
    form = _period(request)
    data = getattr(form, "cleaned_data", {})
    pairs = services.missed(request.user, data.get("start"), data.get("end"))
    if data.get("q"):
        pairs = pairs.filter(unit__name__icontains=data["q"])
    per_unit = Counter(name for name in pairs.values_list("unit__name", flat=True))
    top = per_unit.most_common(12)
    chart = {"rows": top, "max": max((n for _, n in top), default=1)}
    return MISSED_LIST.respond(request, pairs, form, extra={"chart": chart}, template="news/missed.html")


@login_required
def import_view(request):
    if not has_perm(request.user, "news.manage"):
        from countydesk.core.ui.errors import forbidden

        return forbidden(request)
    upload, paste, feed_form = UploadForm(), PasteForm(), FeedForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "upload":
                upload = UploadForm(request.POST, request.FILES)
                if upload.is_valid():
                    f = upload.cleaned_data["file"]
                    result = services.do_import_items(request.user, services.read_upload(f))
                    return _done(request, result)
            elif action == "paste":
                paste = PasteForm(request.POST)
                if paste.is_valid():
                    return _done(request, services.do_import_items(request.user, [paste.cleaned_data], origin="paste"))
            elif action == "feed":
                feed_form = FeedForm(request.POST)
                if feed_form.is_valid():
                    feed = services.do_add_feed(request.user, **feed_form.cleaned_data)
                    return _done(request, services.fetch_feed(feed, request.user))
        except ServiceError as exc:
            messages.error(request, exc.message)
            for field, errors in exc.fields.items():
                for error in errors:
                    messages.error(request, f"{field}: {error}")
    feeds = NewsFeed.objects.all()
    return render(request, "news/import.html", {"upload": upload, "paste": paste, "feed_form": feed_form,
                                                "feeds": feeds, "title": _("Import news")})


def _done(request, result):
    messages.success(request, _("%(created)d new items, %(duplicates)d already known.")
                     % {"created": len(result.created), "duplicates": result.duplicates})
    return redirect("news_import")


def missed_card(request) -> dict:
    """Dashboard: missed reports of the last N days (the matching rule's window, 90 by default) in the user's scope."""
    from datetime import timedelta

    from django.utils import timezone

    from countydesk.accounts.scoping import is_county_wide
    from countydesk.core.ui.cards import cached_figure

    since = timezone.localdate() - timedelta(days=match_rule().missed_window_days)
    scope_name = "county" if is_county_wide(request.user) else request.user.unit_id
    missed = cached_figure(request, f"news_missed:{scope_name}:{since}",
                           lambda: services.missed(request.user, since).count())
    return {"missed": missed, "since": since}
