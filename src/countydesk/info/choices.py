from django.db import models
from django.utils.translation import pgettext_lazy

# Labels carry the context "info": other apps translate the same English words in their own sense.


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("info", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("info", "Accepted")
    REJECTED = "rejected", pgettext_lazy("info", "Rejected")
    SCHEDULED = "scheduled", pgettext_lazy("info", "On the timetable")
    COMMISSIONED = "commissioned", pgettext_lazy("info", "Commissioned")


class CommissionStatus(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("info", "Issued")
    FULFILLED = "fulfilled", pgettext_lazy("info", "Fulfilled")
    CANCELLED = "cancelled", pgettext_lazy("info", "Cancelled")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("info", "Draft")
    PENDING_UNIT = "pending_unit", pgettext_lazy("info", "Awaiting unit sign-off")
    SUBMITTED = "submitted", pgettext_lazy("info", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("info", "Accepted")
    REJECTED = "rejected", pgettext_lazy("info", "Rejected")
    SIGNED = "signed", pgettext_lazy("info", "Signed off")
    PUBLISHED = "published", pgettext_lazy("info", "Published")


# States that only the writing unit sees (the information section sees an item once it is submitted).
UNIT_STATES = (SubmissionStatus.DRAFT, SubmissionStatus.PENDING_UNIT)


class Kind(models.TextChoices):
    NEWS = "news", pgettext_lazy("info", "Update (动态)")
    PRACTICE = "practice", pgettext_lazy("info", "Good practice (经验做法)")
    PROBLEM = "problem", pgettext_lazy("info", "Problems and suggestions (问题与建议)")
    RESEARCH = "research", pgettext_lazy("info", "Research report (调研报告)")
    URGENT = "urgent", pgettext_lazy("info", "Key situation (要情)")


class Tone(models.TextChoices):
    GOOD = "good", pgettext_lazy("info", "Good news (喜)")
    PROBLEM = "problem", pgettext_lazy("info", "Problem (忧)")
    NEUTRAL = "neutral", pgettext_lazy("info", "Neutral")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("info", "Open")
    ANSWERED = "answered", pgettext_lazy("info", "Answered")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", pgettext_lazy("info", "Present")
    LEAVE = "leave", pgettext_lazy("info", "On leave")
    ABSENT = "absent", pgettext_lazy("info", "Absent")
