"""The supplies chapter's domain numbers, read from the admin-editable SupplyRule table."""

from .choices import RuleKey
from .models import SupplyRule


def expiry_warning_days() -> int:
    """Batches expiring within this many days are warned about (default 90, seeded by migration)."""
    return SupplyRule.objects.get(key=RuleKey.EXPIRY_WARNING_DAYS).value


def census_max_rows() -> int:
    """The most rows one census workbook (物资普查表) may hold, and the rows its template offers the code list on
    (5,000 by default)."""
    return SupplyRule.objects.get(key=RuleKey.CENSUS_MAX_ROWS).value


def census_max_upload_bytes() -> int:
    """The largest census workbook accepted (5 MB by default)."""
    return SupplyRule.objects.get(key=RuleKey.CENSUS_MAX_UPLOAD_MB).value * 2**20
