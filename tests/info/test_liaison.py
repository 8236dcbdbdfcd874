"""Key liaison units: their own rule documents and training with attendance (A13)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from countydesk.info.models import LiaisonRuleDocument, TrainingAttendance
from countydesk.orgs.models import Person

from .conftest import call

pytestmark = pytest.mark.django_db


def _upload(api, name="发改局政务信息工作制度.pdf"):
    return api.post("/api/info/liaison-rules", {"title": "政务信息工作制度", "adopted_on": "2026-03-01",
                                                "file": SimpleUploadedFile(name, b"%PDF-1.4 test")})


def test_a_key_liaison_unit_files_its_rules(api_as, user):
    response = _upload(api_as("fgj_xxy"))
    assert response.status_code == 201, response.content
    assert response.json()["unit_id"] == user("fgj_xxy").unit_id


def test_townships_are_not_key_liaison_units_and_bad_files_are_refused(api_as):
    assert _upload(api_as("chengguan_xxy")).status_code == 422
    assert _upload(api_as("fgj_xxy"), "rules.exe").status_code == 422
    assert _upload(api_as("shenji")).status_code == 403
    assert LiaisonRuleDocument.objects.count() == 0


def test_training_with_attendance(api_as):
    editor = api_as("xinxike")
    assert call(api_as("fgj_xxy"), "post", "/api/info/trainings",
                {"title": "跟班培训", "start": "2026-12-01", "end": "2026-12-05"}).status_code == 403
    bad = call(editor, "post", "/api/info/trainings", {"title": "跟班培训", "start": "2026-12-05", "end": "2026-12-01"})
    assert bad.status_code == 422
    session = call(editor, "post", "/api/info/trainings",
                   {"title": "第一期政务信息跟班培训", "start": "2026-12-01", "end": "2026-12-05", "place": "信息科"}).json()
    person = Person.objects.filter(unit__key_liaison=True).first()
    url = f"/api/info/trainings/{session['id']}/attendance"
    assert call(editor, "post", url, {"person_id": person.pk, "status": "present"}).status_code == 200
    assert call(editor, "post", url, {"person_id": person.pk, "status": "leave"}).json()["status"] == "leave"
    assert TrainingAttendance.objects.get(session_id=session["id"]).status == "leave"
    assert call(editor, "post", url, {"person_id": 999999, "status": "present"}).status_code == 422
    assert call(editor, "post", "/api/info/trainings/999999/attendance",
                {"person_id": person.pk, "status": "present"}).status_code == 404


def test_liaison_pages(client_as):
    client = client_as("xinxike")
    page = client.get("/info/liaison/").content.decode()
    assert "县发展和改革局" in page
    response = client.post("/info/trainings/new/", {"title": "跟班培训", "start": "2026-12-01", "end": "2026-12-02"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
