from django.db import models
from django.utils.translation import gettext_lazy as _


class DepotKind(models.TextChoices):
    GOVERNMENT = "government", _("Government reserve")
    ENTERPRISE = "enterprise", _("Enterprise reserve")
    AGREEMENT = "agreement", _("Agreement reserve")


class MovementKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    ISSUE = "issue", _("Stock issue")
    TRANSFER_OUT = "transfer_out", _("Transfer out")
    TRANSFER_IN = "transfer_in", _("Transfer in")
    ADJUSTMENT = "adjustment", _("Stock-take adjustment")
    WRITE_OFF = "write_off", _("Write-off")
    ALLOCATION_OUT = "allocation_out", _("Shipped to a scene")
    ALLOCATION_RETURN = "allocation_return", _("Returned from a scene")


class EntryKind(models.TextChoices):
    """What a user records by hand; transfers move stock only through transfer orders."""

    RECEIPT = "receipt", _("Receipt")
    ISSUE = "issue", _("Stock issue")
    STOCK_TAKE = "stock_take", _("Stock-take (counted quantity)")
    WRITE_OFF = "write_off", _("Write-off")


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    DISPATCHED = "dispatched", _("Dispatched")
    RECEIVED = "received", _("Received at destination")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class WarningKind(models.TextChoices):
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")


class RuleKey(models.TextChoices):
    EXPIRY_WARNING_DAYS = "expiry_warning_days", _("Days before expiry to warn")
    CENSUS_MAX_ROWS = "census_max_rows", _("Most rows of one census workbook")
    CENSUS_MAX_UPLOAD_MB = "census_max_upload_mb", _("Largest census workbook (MB)")
