"""`countydesk command <subcommand>`: each subcommand is a small module here with `help`,
`add_arguments(parser)` and `run(command, options) -> None`; list it in SUBCOMMANDS to add it."""

SUBCOMMANDS = {
    "advise": "countydesk.command.cli.advise",
    "evaluate": "countydesk.command.cli.evaluate",
}
