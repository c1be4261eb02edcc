"""Options and output helpers shared by the command groups."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ..models import Bank


def _complete(kind: str, incomplete: str) -> list[str]:
    """Shell completion from the default bank and $INTERVIEWKIT_BANK; silent on a bad bank."""
    from ..errors import InterviewkitError

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
        help="A team's bank directory, added after the shipped bank and $INTERVIEWKIT_BANK "
        "(os.pathsep-separated). Repeatable; later directories win where they say "
        "'replaces: true'.",
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


def load(extra: list[Path] | None, no_default_bank: bool, *, use_cache: bool = True) -> Bank:
    """The bank the options name. Commands that check the bank pass use_cache=False: a check
    reads every file itself and never trusts what an earlier run left behind."""
    from ..bank import load_bank, overlay_dirs

    return load_bank(*overlay_dirs(extra or ()), include_default=not no_default_bank,
                     use_cache=use_cache)


def print_json(value: Any) -> None:
    """JSON on stdout and nothing else, for `jq` and scripts."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def note(message: str) -> None:
    """A remark for a person, on stderr so it never mixes with data on stdout."""
    typer.echo(message, err=True)
