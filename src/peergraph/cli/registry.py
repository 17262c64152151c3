"""Declaring subcommands: ``@command(...)`` with ``arg(...)`` specifications, one module each.

::

    @command("table", help="reprint a table of the source", example="peergraph table sites",
             args=[arg("table", choices=("continuum", "sites")), arg("--format", default="csv")])
    def run(args: argparse.Namespace) -> int:
        ...

The handler imports what it needs inside itself, so building the parser (``peergraph --help``)
loads no RDF library. Defaults are shown by argparse's ``ArgumentDefaultsHelpFormatter``.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Command", "arg", "command", "commands"]

Handler = Callable[[argparse.Namespace], int | None]


@dataclass(frozen=True)
class Arg:
    """The arguments of one ``ArgumentParser.add_argument`` call."""

    flags: tuple[str, ...]
    options: dict[str, Any]

    def resolved(self) -> dict[str, Any]:
        """The options, with ``choices`` given as a function (read from a registry when the
        parser is built, not when the module is imported) called."""
        choices = self.options.get("choices")
        return {**self.options, "choices": choices()} if callable(choices) else self.options


def arg(*flags: str, **options: Any) -> Arg:
    """One argument of a subcommand, as ``add_argument`` takes it."""
    return Arg(flags, options)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    example: str
    details: str
    args: Sequence[Arg]
    handler: Handler = field(compare=False)


_COMMANDS: list[Command] = []


def command(
    name: str, *, help: str, example: str, details: str = "", args: Sequence[Arg] = ()
) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of subcommand ``name``."""

    def register(handler: Handler) -> Handler:
        _COMMANDS.append(Command(name, help, example, details, tuple(args), handler))
        return handler

    return register


def commands() -> list[Command]:
    """The registered subcommands, in registration order."""
    return list(_COMMANDS)


class HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Keeps the description's and example's line breaks, and appends "(default: X)" to every
    option that has a default worth saying (not None, False or an empty list)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default in (None, False, [], ()) or action.default is argparse.SUPPRESS:
            return action.help
        return super()._get_help_string(action)


def add_to(subparsers: Any, cmd: Command) -> argparse.ArgumentParser:
    """Create ``cmd``'s subparser: description, example epilog, arguments, handler."""
    description = textwrap.fill(cmd.help[:1].upper() + cmd.help[1:] + ".", width=79)
    if cmd.details:
        description += "\n\n" + textwrap.fill(cmd.details, width=79)
    label = "examples" if "\n" in cmd.example else "example"
    parser: argparse.ArgumentParser = subparsers.add_parser(
        cmd.name,
        help=cmd.help,
        description=description,
        epilog=f"{label}:\n" + textwrap.indent(cmd.example, "  "),
        formatter_class=HelpFormatter,
    )
    for spec in cmd.args:
        parser.add_argument(*spec.flags, **spec.resolved())
    parser.set_defaults(handler=cmd.handler)
    return parser
