"""Every change in the information chapter goes through these functions (one per change, audited)."""

from .adoption import do_record_adoption, ranking
from .liaison import do_record_attendance, do_create_training, do_upload_rule_document
from .submissions import (do_accept_submission, do_add_attachment, do_create_submission, do_edit_submission,
                          do_publish, do_reject_submission, do_request_follow_up, do_return_submission,
                          do_send_for_unit_signoff, do_sign_off_submission, do_unit_return, do_unit_signoff,
                          visible_submissions)
from .topics import (do_accept_topic, do_cancel_commission, do_commission_topic, do_create_guidance,
                     do_link_commission, do_propose_topic, do_reject_topic, do_schedule_topic, send_reminders)

__all__ = ["do_accept_submission", "do_record_adoption", "ranking", "do_accept_topic", "do_add_attachment", "do_cancel_commission",
           "do_commission_topic", "do_create_guidance", "do_create_submission", "do_create_training",
           "do_edit_submission", "do_link_commission", "do_propose_topic", "do_publish",
           "do_record_attendance", "do_reject_submission", "do_reject_topic", "do_request_follow_up",
           "do_return_submission", "do_schedule_topic", "do_send_for_unit_signoff", "do_sign_off_submission",
           "do_unit_return", "do_unit_signoff", "do_upload_rule_document", "send_reminders", "visible_submissions"]
