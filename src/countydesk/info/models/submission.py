"""Submissions (信息稿件), their versions, attachments and follow-up requests (A3, A6, A7, A10)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.audit.display import actor_name_text

from ..choices import FollowUpStatus, Kind, SubmissionStatus, Tone

S = SubmissionStatus


def returned_for_changes() -> models.Q:
    """Drafts the information section or the unit leader sent back with comments (退回修改)."""
    return models.Q(status=S.DRAFT) & ~models.Q(review_comment="")


class Submission(models.Model):
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="info_submissions",
                             verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    tone = models.CharField(_("tone"), max_length=10, choices=Tone.choices, default=Tone.NEUTRAL)
    theme = models.ForeignKey("info.Theme", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="submissions", verbose_name=_("theme"))
    early_signal = models.BooleanField(_("early signal (fast lane)"), default=False,
                                       help_text=_("苗头性、倾向性问题: shorter deadline"))
    status = models.CharField(_("status"), max_length=20, choices=S.choices, default=S.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="info_submissions", verbose_name=_("author"))
    writer_name = models.CharField(_("writer"), max_length=50)
    event_at = models.DateTimeField(_("time of the event"))
    # Two of the six elements the completeness check asks for (A8), when the text itself does not name them.
    place = models.CharField(_("place of the event"), max_length=100, blank=True)
    source = models.CharField(_("source of the information"), max_length=100, blank=True)
    collected_at = models.DateTimeField(_("collected at"))
    written_at = models.DateTimeField(_("written at"))
    deadline = models.DateTimeField(_("submission deadline"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    unit_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name=_("unit sign-off by"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comments"), blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("signed off by"))
    signed_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    follow_up_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="follow_ups", verbose_name=_("follow-up of"))
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        indexes = [models.Index(fields=["status", "unit"]), models.Index(fields=["unit", "event_at"])]

    def __str__(self):
        return self.title

    @property
    def late(self) -> bool:
        return self.submitted_at is not None and self.submitted_at > self.deadline


class SubmissionVersion(models.Model):
    """Every saved text of a submission, kept for ever (版本)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions",
                                   verbose_name=_("submission"))
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("edited by"))
    editor_name = models.CharField(_("edited by"), max_length=50)
    note = models.CharField(_("note"), max_length=200, blank=True)
    at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["submission", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="info_version_unique")]
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    @property
    def editor_text(self) -> str:
        """Who saved it, as people read it (the platform as 系统)."""
        return actor_name_text(self.editor_name)


class Attachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments",
                                   verbose_name=_("submission"))
    file = models.FileField(_("file"), upload_to="info/attachments/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class FollowUpRequest(models.Model):
    """The information section asks for a follow-up report (续报) by a deadline (A10)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="follow_up_requests",
                                   verbose_name=_("submission"))
    note = models.TextField(_("what to report"))
    due = models.DateTimeField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.OPEN)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"))
    answer = models.OneToOneField(Submission, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="answers_request", verbose_name=_("answered by"))

    class Meta:
        ordering = ["due"]
        verbose_name = _("follow-up request")
        verbose_name_plural = _("follow-up requests")
