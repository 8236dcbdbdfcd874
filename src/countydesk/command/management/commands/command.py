"""`countydesk command <subcommand> …`: command and dispatch from scripts (调度指挥命令行); the subcommands
are the modules listed in countydesk.command.cli.SUBCOMMANDS."""

from importlib import import_module

from django.core.management.base import BaseCommand, CommandError

from countydesk.base.errors import ServiceError
from countydesk.command.cli import SUBCOMMANDS


class Command(BaseCommand):
    help = "Command and dispatch: " + ", ".join(SUBCOMMANDS)

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", required=True, parser_class=type(parser))
        for name, path in SUBCOMMANDS.items():
            module = import_module(path)
            module.add_arguments(subparsers.add_parser(name, help=module.help, called_from_command_line=getattr(
                parser, "called_from_command_line", None)))

    def handle(self, *args, subcommand, **options):
        try:
            import_module(SUBCOMMANDS[subcommand]).run(self, options)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
