from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    POLICE = "110", _("110 police")
    FIRE = "119", _("119 fire")
    AMBULANCE = "120", _("120 ambulance")
    FLOOD = "flood", _("Flood and drought control")
    FOREST_FIRE = "forest_fire", _("Forest fire prevention")
    EGOV = "egov", _("E-government")
    SENSOR = "sensor", _("Sensor")
    OTHER = "other", _("Other system")
    CITIZEN = "citizen", _("Citizen report")
    PHONE = "phone", _("Duty phone")
    IMPORT = "import", _("Batch import")


# Channels an external system may post to through the signed intake.
SIGNED_CHANNELS = ["110", "119", "120", "flood", "forest_fire", "egov", "sensor", "other"]


class TypeBasis(models.TextChoices):
    """What decided an intake's or incident's type, strongest first (services.intake.decide_type)."""

    OFFICER = "officer", _("classified by the duty officer")
    HINT = "hint", _("category sent by the calling system")
    WORDS = "words", _("words of the description")
    CHANNEL = "channel", _("default of the channel")
    NONE = "", _("not classified yet")


TYPE_BASIS_RANK = [TypeBasis.OFFICER, TypeBasis.HINT, TypeBasis.WORDS, TypeBasis.CHANNEL, TypeBasis.NONE]


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    VERIFIED = "verified", _("Verified")
    RESPONDING = "responding", _("Responding")
    CLOSED = "closed", _("Closed")
    EVALUATED = "evaluated", _("Evaluated")


OPEN_STATUSES = (Status.RECEIVED, Status.VERIFIED, Status.RESPONDING)


class Grade(models.IntegerChoices):
    I = 1, _("Grade I (extraordinarily serious)")
    II = 2, _("Grade II (serious)")
    III = 3, _("Grade III (relatively serious)")
    IV = 4, _("Grade IV (general)")


GRADE_NUMERALS = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}


class ReportKind(models.TextChoices):
    INITIAL = "initial", _("Initial report")
    FOLLOWUP = "followup", _("Follow-up report")
    FINAL = "final", _("Final report")
    DAILY = "daily", _("Daily report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting sign-off")
    SIGNED = "signed", _("Signed off")
    SENT = "sent", _("Sent")


class DeadlineKind(models.TextChoices):
    PHONE = "phone", _("Phone report")
    WRITTEN = "written", _("Written report")


CHINESE_NUMERALS = "一二三四五六七八九十"


def report_label(kind: str, seq: int) -> str:
    """初报, 续报一, 续报二 …, 终报, 日报."""
    if kind == ReportKind.FOLLOWUP:
        numeral = _numeral(seq) if get_language().startswith("zh") else str(seq)
        return gettext("Follow-up report %s") % numeral
    return str(ReportKind(kind).label)


def _numeral(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (CHINESE_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")
