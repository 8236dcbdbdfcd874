"""Audit action codes: every code the source writes has a Chinese label, and record() refuses others."""

import re

import pytest
from django.contrib import admin
from django.utils import translation

from countydesk.accounts.system import SYSTEM
from countydesk.audit.actions import ACTIONS, UnknownAction, action_label, is_known
from countydesk.audit.admin import AuditedAdminMixin
from countydesk.audit.models import AuditEvent
from countydesk.audit.services import record

from .source_codes import Scanner

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _not_admin(module, call):
    return module.name == "countydesk.audit.admin"  # admin.<model>.<verb>: checked below from the admin site


@pytest.fixture(scope="module")
def source_codes():
    return Scanner().codes(skip=_not_admin)


def test_every_code_in_the_source_is_registered(source_codes):
    missing = {code: where for code, where in source_codes.items() if not is_known(code)}
    assert missing == {}, "add these to countydesk/audit/actions.py with a label"


def test_the_scan_follows_dynamic_codes_to_their_callers(source_codes):
    """Codes built from a parameter, an f-string or a records.Kind are found, not only literals."""
    assert len(source_codes) > 100
    for code in ["submission.sign_off", "incident.closed", "issue.sign", "stock.receipt", "plan.issued",
                 "transfer.approve", "hidden_danger.verified", "shelter.create", "incident.overdue"]:
        assert code in source_codes, code


def test_the_table_holds_no_code_nothing_writes(source_codes):
    assert sorted(set(ACTIONS) - set(source_codes)) == []


def test_every_audited_admin_model_has_its_admin_codes():
    audited = [model for model, model_admin in admin.site._registry.items()
               if isinstance(model_admin, AuditedAdminMixin)]
    assert len(audited) > 20
    with translation.override("zh-hans"):
        for model in audited:
            for verb in ("create", "update", "delete"):
                code = f"admin.{model._meta.model_name}.{verb}"
                assert is_known(code), code
                assert str(model._meta.verbose_name) in str(action_label(code)) and CHINESE.search(str(action_label(code)))


def test_every_label_is_chinese():
    with translation.override("zh-hans"):
        english = [code for code, label in ACTIONS.items() if not CHINESE.search(str(label))]
    assert english == []


@pytest.mark.django_db
def test_record_refuses_an_unknown_code_and_writes_nothing():
    count = AuditEvent.objects.count()
    with pytest.raises(UnknownAction, match="no.such_code"):
        record(SYSTEM, "no.such_code", object_type="thing", object_id="1")
    with pytest.raises(UnknownAction):
        record(SYSTEM, "admin.nosuchmodel.update", object_type="thing", object_id="1")
    assert AuditEvent.objects.count() == count


@pytest.mark.django_db
def test_every_code_the_demo_wrote_is_registered():
    written = set(AuditEvent.objects.values_list("action", flat=True).distinct())
    assert len(written) > 30
    assert sorted(code for code in written if not is_known(code)) == []
