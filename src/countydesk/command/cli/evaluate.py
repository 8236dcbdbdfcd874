"""`countydesk command evaluate --incident ID -o FILE.docx|.pdf|.xlsx [--lessons TEXT]`: the evaluation report
(总结评估报告) of an incident. With --lessons a closed incident is evaluated first (as the platform); an incident
not evaluated yet is written as the record measures it now."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from countydesk.accounts.system import SYSTEM
from countydesk.incidents.models import Incident

from ..evaluation.document import evaluation_file
from ..evaluation.measures import measure
from ..models.evaluation import Evaluation
from ..services.evaluation import do_write_evaluation

help = "write an incident's evaluation report (.docx, .pdf or .xlsx)"
FORMATS = ("docx", "pdf", "xlsx")


def add_arguments(parser):
    parser.add_argument("--incident", type=int, required=True)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--lessons", help="evaluate the closed incident with these lessons first")


def run(command, options):
    output = Path(options["output"])
    fmt = output.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise CommandError(_("Write the report as one of: %s.") % ", ".join(FORMATS))
    incident = Incident.objects.filter(pk=options["incident"]).first()
    if incident is None:
        raise CommandError(_("No such incident."))
    if options.get("lessons"):
        do_write_evaluation(SYSTEM, incident, options["lessons"])
    evaluation = Evaluation.objects.filter(incident=incident).first()
    if evaluation is None:
        evaluation = Evaluation(incident=incident, lessons=_("(not evaluated yet)"), measures=measure(incident))
    content, _mimetype, _name = evaluation_file(evaluation, fmt)
    output.write_bytes(content)
    command.stdout.write(str(output))
