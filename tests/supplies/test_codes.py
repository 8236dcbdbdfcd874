"""GB/T 38565-2020 codes: level 1 is 1–3, levels 2–4 are 01–99; anything else is refused in Chinese."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.base.errors import ValidationFailed
from countydesk.registry.supplies import services
from countydesk.registry.supplies.models import Category, Item

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["4", "0", "9", "100", "400", "10100", "101", "10101"])
def test_category_codes_follow_the_standard(code):
    category = Category(code=code, name="测试类别")
    if code in {"101", "10101"}:
        category.full_clean(validate_unique=False)
        return
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        category.full_clean(validate_unique=False)
    message = " ".join(refused.value.message_dict["code"])
    assert "GB/T 38565" in message and ("01–99" in message or "大类" in message)


@pytest.mark.parametrize("code", ["1010100", "4010101", "1000101", "1010001"])
def test_item_with_a_zero_or_unknown_level_is_refused_and_nothing_changes(code):
    category = Category.objects.get(code=code[:5]) if Category.objects.filter(code=code[:5]).exists() \
        else Category.objects.get(code="10101")
    items, audit = Item.objects.count(), AuditEvent.objects.count()
    with translation.override("zh-hans"), pytest.raises(ValidationFailed) as refused:
        services.do_create_item(SYSTEM, code=code, name="测试物资", category=category, unit_of_measure="件")
    message = " ".join(refused.value.fields["code"])
    assert "GB/T 38565" in message and ("01–99" in message or "大类" in message)
    assert (Item.objects.count(), AuditEvent.objects.count()) == (items, audit)


def test_a_valid_code_with_99_other_is_accepted():
    category = Category.objects.get(code="10101")
    item = services.do_create_item(SYSTEM, code="1010199", name="其他测试物资", category=category, unit_of_measure="件")
    assert item.pk
