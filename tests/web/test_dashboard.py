"""The dashboard's queries per role, pinned: a card that starts querying per row shows up here."""

import pytest
from django.core.cache import cache
from django.db import reset_queries

from countydesk.incidents import rules as incident_rules

pytestmark = pytest.mark.django_db

# The first request after signing in, nothing cached: session read and save, user, own unit, roles, the data version
# (newest audit row), own unit's staffing (posts, rules), the county's figures (units, posts, rules, unit counts),
# audit rows; the rest are the cards', one aggregate each (the incident rule cache starts empty).
COLD = {"admin": 43, "xinxike": 19, "zhiban": 17, "chengguan_xxy": 18, "lingdao": 26}  # +1: requisition decisions due
# Any later request while nothing changed: session, user, own unit, roles and the data version; every section and card
# is drawn from the cache (core.ui.cards: the same HTML for everyone in its scope until the next audited change).
WARM = {"admin": 5, "xinxike": 5, "zhiban": 5, "chengguan_xxy": 5, "lingdao": 5}


@pytest.mark.parametrize("username, queries", COLD.items())
def test_dashboard_queries_are_pinned_per_role(client_as, django_assert_num_queries, username, queries):
    client = client_as(username)
    incident_rules.clear_cache()
    cache.clear()
    reset_queries()
    with django_assert_num_queries(queries):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("username, queries", WARM.items())
def test_dashboard_queries_once_the_figures_are_cached(client_as, django_assert_num_queries, username, queries):
    client = client_as(username)
    assert client.get("/").status_code == 200
    with django_assert_num_queries(queries):
        assert client.get("/").status_code == 200


def _big_number(html: str, href: str) -> str:
    start = html.index(f'href="{href}"', html.index("<main>"))
    return html[html.index(">", start) + 1:html.index("</a>", start)]


def test_cached_figures_follow_a_change_at_once(client_as, user):
    """A change made through a service shows on the next dashboard, though the figures were cached just before."""
    from countydesk.info import services as info
    from countydesk.info.models import Submission
    from countydesk.orgs import services as orgs
    from countydesk.orgs.models import Unit

    editor = client_as("xinxike")
    editor.get("/")
    before = editor.get("/").content.decode()  # the figures now come from the cache
    missing = int(_big_number(before, "/duty-phones/"))
    town = Unit.objects.filter(kind="township", active=True, duty_phone="").first() or \
        Unit.objects.filter(kind__in=["township", "department"], active=True, duty_phone="").first()
    orgs.do_update_unit(user("admin"), town, duty_phone="0797-1234567")
    after = editor.get("/").content.decode()
    assert int(_big_number(after, "/duty-phones/")) == missing - 1
    screened = int(_big_number(after, "/info/?status=submitted").split(": ")[-1])
    item = Submission.objects.filter(status="submitted").first()
    info.do_accept_submission(user("xinxike"), item)
    later = editor.get("/").content.decode()
    assert int(_big_number(later, "/info/?status=submitted").split(": ")[-1]) == screened - 1


def test_figures_are_computed_in_the_current_language(client_as):
    client = client_as("xinxike")
    assert "信息员配备情况" in client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Information officer staffing" in english and "信息员配备情况" not in english


def test_a_new_incident_shows_on_the_cached_desk_card_at_once(client_as, user):
    """The duty desk card is drawn from the cache; an intake joined by the worker is audited, so the next visit
    counts the new incident."""
    from django.utils import timezone

    from countydesk.accounts.system import SYSTEM
    from countydesk.incidents import services as incidents

    from tests.incidents.conftest import data

    client = client_as("zhiban")
    client.get("/")
    before = int(_big_number(client.get("/").content.decode(), "/incidents/desk/"))
    incidents.do_import_intakes(SYSTEM, [data(received_at=timezone.now(), external_id="dash-1", category_hint="网络与信息安全事件",
                                              description="县政务网站被篡改")])
    assert int(_big_number(client.get("/").content.decode(), "/incidents/desk/")) == before + 1


def test_cached_cards_are_per_scope(client_as, user):
    """Two township information officers each see their own unit on the dashboard, never the other's cached card."""
    pages = {name: client_as(name).get("/").content.decode() for name in ("chengguan_xxy", "qingshan_xxy")}
    mine, theirs = (f'href="/units/{user(name).unit_id}/"' for name in ("chengguan_xxy", "qingshan_xxy"))
    assert mine in pages["chengguan_xxy"] and theirs not in pages["chengguan_xxy"]
    assert theirs in pages["qingshan_xxy"] and mine not in pages["qingshan_xxy"]
