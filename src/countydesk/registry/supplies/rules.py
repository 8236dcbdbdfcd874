"""The supplies chapter's domain numbers, read from the admin-editable SupplyRule table."""

from .choices import RuleKey
from .models import SupplyRule


def expiry_warning_days() -> int:
    """Batches expiring within this many days are warned about (default 90, seeded by migration)."""
    return SupplyRule.objects.get(key=RuleKey.EXPIRY_WARNING_DAYS).value
