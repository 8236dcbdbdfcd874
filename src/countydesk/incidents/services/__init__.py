"""Every change to intakes, incidents and reports goes through these functions."""

from .clients import do_add_client, do_revoke_client, do_rotate_client  # noqa: F401
from .incidents import (FIGURES, do_classify_incident, do_close_incident, do_evaluate_incident,  # noqa: F401
                        do_merge_incidents, do_respond_incident, do_split_intakes, do_update_figures,
                        do_update_incident, do_verify_incident, figures_text, type_note)
from .intake import (IntakeData, Throttled, do_import_intakes, do_log_phone_call,  # noqa: F401
                     do_accept_intake, do_process_inbox, do_receive_citizen_report)
from .reports import (do_draft_report, do_record_phone_report, do_return_report,  # noqa: F401
                      do_send_back_report, do_send_report, do_sign_report, do_submit_report, do_update_report,
                      reports_awaiting_signature, run_daily_reminders, run_escalation)
