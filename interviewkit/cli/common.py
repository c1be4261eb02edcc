"""Options and output helpers shared by the command groups."""

from __future__ import annotations

import inspect
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from interviewkit.escape import UNSAFE, terminal_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from interviewkit.config import TeamConfig
    from interviewkit.models import Bank


class _NamedArgument(TyperArgument):
    """An argument its metavar names (ID, ROLE, FILE): the help says no type beside it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return super().display_type_rich(ctx) if self.type_descriptor.is_choice else None


class _Flag(TyperOption):
    """A flag takes no value, so the help shows none beside it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _plain_help(params: list[Any]) -> None:
    """Give flags and arguments the classes above, which differ from Typer's only in the
    help's type column. Typer 0.29 fills that column with <bool> beside every flag (its own
    --help and --install-completion too) and with an argument's Python type (<str>,
    <list[Path]>) beside its metavar, and no declaration changes it: typer.core's
    TyperOption.display_type_rich falls back to the type when there is no metavar, and an
    argument's never reads its metavar. Options that take a value are named by their
    metavar, declared with each option."""
    for param in params:
        if isinstance(param, TyperArgument):
            param.__class__ = _NamedArgument
        elif isinstance(param, TyperOption) and param.is_flag:
            param.__class__ = _Flag


def _reflowed(help_text: str | None) -> str | None:
    """Each paragraph of a help text on one line, so that the terminal wraps it: Typer 0.29's
    rich help keeps a docstring's own line breaks (in a command's text and in its group's
    list of commands), which leaves short lines on any terminal wider than the source."""
    if not help_text:
        return help_text
    return "\n\n".join(" ".join(paragraph.split())
                       for paragraph in inspect.cleandoc(help_text).split("\n\n"))


def _as_typed(error: typer.BadParameter) -> typer.BadParameter:
    """A bad value said as the person typed it: Typer 0.29 checks a choice with pydantic and
    shows pydantic's wording of the ValueError it raised ("Value error, 'pfd' is not one of
    'html', ..."); the ValueError's own message is the one to show."""
    from pydantic import ValidationError  # only on a bad value: start-up stays light

    cause = error.__cause__
    if isinstance(cause, ValidationError):
        first = cause.errors()[0] if cause.errors() else None
        if first is not None and first["type"] == "value_error":
            error.message = terminal_text(str(first["ctx"]["error"]))
    return error


class Command(TyperCommand):
    """Every command of the app: its help names each value and shows no Python type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _reflowed(self.help)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            rest: list[str] = super().parse_args(ctx, args)
        except typer.BadParameter as error:
            raise _as_typed(error) from error.__cause__
        return rest

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _plain_help(self.get_params(ctx))
        super().format_help(ctx, formatter)


class Group(TyperGroup):
    """Every command group of the app, the app itself included: help as `Command`'s, and
    run with nothing after it, it shows its help and exits 0 (help asked for is not an
    error)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _reflowed(self.help)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _plain_help(self.get_params(ctx))
        super().format_help(ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            shown = ctx.get_help()  # Typer's rich help prints itself and returns ""
            if shown:
                typer.echo(shown)
            ctx.exit(0)
        rest: list[str] = super().parse_args(ctx, args)
        return rest


def _complete(kind: str, incomplete: str) -> list[str]:
    """Shell completion from the default bank and $INTERVIEWKIT_BANK; silent on a bad bank."""
    from interviewkit.errors import InterviewkitError

    try:
        bank = load(None, False)
    except InterviewkitError:
        return []
    values = {
        "competency": bank.competency_ids,
        "level": bank.level_ids,
        "role": tuple(r.id for r in bank.roles),
        "question": tuple(q.id for q in bank.questions),
        "tag": tuple(sorted({t for q in bank.questions for t in q.tags})),
    }[kind]
    return [v for v in values if v.startswith(incomplete)]


def complete_competency(incomplete: str) -> list[str]:
    return _complete("competency", incomplete)


def complete_level(incomplete: str) -> list[str]:
    return _complete("level", incomplete)


def complete_role(incomplete: str) -> list[str]:
    return _complete("role", incomplete)


def complete_question(incomplete: str) -> list[str]:
    return _complete("question", incomplete)


def complete_tag(incomplete: str) -> list[str]:
    return _complete("tag", incomplete)


BankDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--bank", "-b", metavar="DIR",
        help="A team's bank directory, added after the shipped bank, the banks of "
        "interviewkit.toml and $INTERVIEWKIT_BANK (os.pathsep-separated), each directory "
        "once. Repeatable; later directories win where they say 'replaces: true'.",
        show_default=False,
    ),
]
NoDefaultBank = Annotated[
    bool,
    typer.Option("--no-default-bank", help="Use only the team's banks, not the shipped one."),
]


class Format(StrEnum):
    table = "table"
    json = "json"


TableOrJson = Annotated[Format, typer.Option("--format", "-f", help="table or json.")]


class DocumentFormat(StrEnum):
    """What a kit or a debrief is written as."""

    html = "html"
    pdf = "pdf"
    both = "both"


DocumentFormatOption = Annotated[DocumentFormat, typer.Option("--format", "-f",
                                                              help="html, pdf or both.")]


class KitFormat(StrEnum):
    """What a kit is written as: a document format, or Markdown for wikis."""

    html = "html"
    pdf = "pdf"
    both = "both"
    md = "md"


KitFormatOption = Annotated[KitFormat, typer.Option(
    "--format", "-f", help="html, pdf, both (HTML and PDF), or md: guides, handouts and the "
    "candidate packet as Markdown for a wiki, scorecards as YAML cards to fill in.")]


def typed_text(value: str | None) -> str | None:
    """A text option printed on documents, as typed. Python keeps each byte of the command
    line that is not UTF-8 as a lone surrogate, which no document can hold: said at once."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            byte = os.fsencode(value[error.start])[0]
            raise typer.BadParameter(f"not UTF-8 text (the byte 0x{byte:02X}): set the "
                                     "terminal to UTF-8 and type it again") from None
    return value


def team() -> TeamConfig:
    """The team's interviewkit.toml in the working directory: every command that loads the
    bank or writes a document reads it here, so all see the same setup and report a bad file
    the same way."""
    from interviewkit.config import load_config

    return load_config()


def bank_dirs(extra: list[Path] | None = None) -> list[Path]:
    """The team's bank directories in the order they load: the banks of interviewkit.toml,
    $INTERVIEWKIT_BANK, then `extra` (--bank)."""
    from interviewkit.bank.files import overlay_dirs

    return [*team().banks, *overlay_dirs(extra or ())]


def load(extra: list[Path] | None, no_default_bank: bool, *, use_cache: bool = True,
         leaving_out: Path | None = None) -> Bank:
    """The bank the options name: the shipped bank, the banks of interviewkit.toml,
    $INTERVIEWKIT_BANK, then --bank, each directory once. Commands that check the bank pass
    use_cache=False: a check reads every file itself and never trusts what an earlier run
    left behind. `leaving_out` is a directory to load without, however it is named (one
    that is not a bank yet)."""
    from interviewkit.bank.files import same_directory
    from interviewkit.bank.load import load_bank

    dirs = bank_dirs(extra)
    if leaving_out is not None:
        dirs = [d for d in dirs if same_directory(d) != same_directory(leaving_out)]
    return load_bank(*dirs, include_default=not no_default_bank, use_cache=use_cache)


def print_json(value: Any) -> None:
    """JSON on stdout and nothing else, for `jq` and scripts. json.dumps escapes C0 controls;
    the other characters a terminal must not get are escaped too, so the text stays whole."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    # outside strings JSON is ASCII, so every match is inside a string and \uXXXX is exact
    sys.stdout.write(UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", text) + "\n")


def console() -> Console:
    """A Rich console for people. Every string it renders (cells, titles, lines) passes
    through terminal_text first, so text from files never reaches the terminal raw while
    Rich's own styling still does."""
    from rich.console import Console

    class TerminalConsole(Console):
        def render_str(self, text: str, **options: Any) -> Text:
            return super().render_str(terminal_text(text), **options)

    return TerminalConsole(highlight=False)


def say(message: str) -> None:
    """A line for a person on stdout; text from files in it is made safe for a terminal."""
    typer.echo(terminal_text(message))


def note(message: str) -> None:
    """A remark for a person, on stderr so it never mixes with data on stdout."""
    typer.echo(terminal_text(message), err=True)
