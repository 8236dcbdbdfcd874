"""The API under a fuzzer (issue 12, item 7): schemathesis generates requests from /api/openapi.json for
every operation, as an office role and as a township role, each with a bearer token, and fails on any 5xx
and on any response that does not match its documented schema. Derandomised (the same cases every run) and
bounded: FUZZ_EXAMPLES cases per operation and role (130 operations), about a minute on an idle machine."""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from countydesk.accounts.models import User
from countydesk.accounts.services import do_issue_token

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 2))
ROLES = ["xinxike", "chengguan_xxy"]  # the information section (county office), a township information officer

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
schema.config.seed = 12
schema.config.phases.coverage.enabled = False  # its exhaustive boundary cases would take many minutes


@pytest.fixture
def tokens(db):
    """Bearer tokens of the roles; requests go straight to the WSGI application, so Django must not close the
    test transaction's connection at the end of each (django.test.Client disconnects the same handlers)."""
    issued = {}
    for name in ROLES:
        user = User.objects.get(username=name)
        issued[name] = do_issue_token(user, user, "fuzzer")[1]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield issued
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_request_within_its_schema(case, role, tokens):
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens[role]}"},
                           checks=[not_a_server_error, response_schema_conformance])
