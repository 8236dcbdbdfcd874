"""Chapter A models, one module per concept."""

from .adoption import Adoption, ScoreRule
from .guidance import Guidance, Theme
from .liaison import LiaisonRuleDocument, TrainingAttendance, TrainingSession
from .rules import AllowedFileType, InfoRule, QuotaRule, SignOffRule
from .submission import Attachment, FollowUpRequest, Submission, SubmissionVersion
from .topic import Commission, CommissionCounter, Reminder, Topic

__all__ = ["Adoption", "AllowedFileType", "Attachment", "Commission", "CommissionCounter", "FollowUpRequest", "Guidance", "InfoRule", "QuotaRule",
           "LiaisonRuleDocument", "Reminder", "ScoreRule", "SignOffRule", "Submission", "SubmissionVersion", "Theme", "Topic",
           "TrainingAttendance", "TrainingSession"]
