"""The most rows of one intake file is the incidents rule row import_max_rows."""

import pytest

from countydesk.base.errors import ValidationFailed
from countydesk.incidents import rules
from countydesk.incidents.importing import read_intakes
from countydesk.incidents.models import IncidentRule

pytestmark = pytest.mark.django_db

CSV = "external_id,received_at,address,description\n" + "".join(f"x{n},2026-11-28T09:30:00+08:00,城关镇,城关镇民房起火\n" for n in range(3))


def test_seeded_default_is_todays_value():
    assert rules.import_max_rows() == 5000


def test_the_row_decides_how_many_rows_an_intake_file_may_hold():
    row = IncidentRule.objects.get(key="import_max_rows")
    row.value = 2
    row.save()
    with pytest.raises(ValidationFailed) as refused:
        read_intakes("intakes.csv", CSV.encode())
    assert "2" in str(refused.value.message) and "file" in refused.value.fields
    row.value = 3
    row.save()
    assert len(read_intakes("intakes.csv", CSV.encode())) == 3
