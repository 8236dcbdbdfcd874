"""The dashboard's queries per role, pinned: a card that starts querying per row shows up here."""

import pytest
from django.db import reset_queries

from countydesk.incidents import rules as incident_rules

pytestmark = pytest.mark.django_db

# The first request after signing in: session read and save, user, own unit, roles, staffing (units, posts, rules),
# unit counts, audit rows; the rest are the cards', one aggregate each (the incident rule cache starts empty).
QUERIES = {"admin": 36, "xinxike": 16, "zhiban": 14, "chengguan_xxy": 15, "lingdao": 20}


@pytest.mark.parametrize("username, queries", QUERIES.items())
def test_dashboard_queries_are_pinned_per_role(client_as, django_assert_num_queries, username, queries):
    client = client_as(username)
    incident_rules.clear_cache()
    reset_queries()
    with django_assert_num_queries(queries):
        assert client.get("/").status_code == 200
