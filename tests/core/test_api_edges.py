"""Edges a fuzzer found: each answers 4xx in the API's one error shape and changes nothing."""

import pytest

from countydesk.audit.models import AuditEvent
from countydesk.registry.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/cases?page=99999999999999999999", "/api/units?page=99999999999999999999",
                                  "/api/cases?page=9223372036854775807&per_page=10000"])
def test_a_huge_page_number_is_answered_without_a_server_error(api_as, path):
    response = api_as("yingjiban").get(path)
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["items"] == []
    else:
        assert set(response.json()) == {"error", "message", "fields"}


def test_null_for_a_text_field_is_422_naming_it(api_as):
    client, case = api_as("yingjiban"), Case.objects.first()
    before = AuditEvent.objects.count(), case.place
    response = client.patch(f"/api/cases/{case.pk}", {"place": None}, content_type="application/json")
    assert response.status_code == 422 and "place" in response.json()["fields"]
    case.refresh_from_db()
    assert (AuditEvent.objects.count(), case.place) == before


def test_a_twenty_digit_id_is_a_clear_error(api_as):
    response = api_as("zhiban").post("/api/incidents/99999999999999999999/split", {"intake_ids": [1]},
                                     content_type="application/json")
    assert 400 <= response.status_code < 500
    assert set(response.json()) == {"error", "message", "fields"}
