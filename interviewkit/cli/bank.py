"""`interviewkit bank`: check the bank, see what it covers, get its JSON Schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from interviewkit.cli.common import (
    BankDirs,
    Command,
    Format,
    Group,
    NoDefaultBank,
    TableOrJson,
    console,
    load,
    note,
    print_json,
    say,
)

bank_app = typer.Typer(cls=Group, help="Check the question bank and see what it covers.",
                       no_args_is_help=True)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


@bank_app.command(
    "validate", cls=Command,
    epilog="Examples:  interviewkit bank validate  ·  "
    "interviewkit bank validate --bank ./our-bank  ·  "
    "interviewkit bank validate --no-default-bank --bank ./our-full-bank",
)
def validate(bank_dir: BankDirs = None, no_default_bank: NoDefaultBank = False) -> None:
    """Check every bank file and cross-reference; print every problem (exit 2) or 'ok'."""
    bank = load(bank_dir, no_default_bank, use_cache=False)
    say(f"ok: {_plural(len(bank.questions), 'question')}, "
        f"{_plural(len(bank.roles), 'role')}, "
        f"{len(bank.competencies)} "
        f"{'competency' if len(bank.competencies) == 1 else 'competencies'}")
    if bank.placeholders:
        note(f"{_plural(len(bank.placeholders), 'placeholder text')} from `roles new` still "
             "to write (interviewkit bank lint lists them); a candidate's kit is refused "
             "until they are")


@bank_app.command(
    "stats", cls=Command,
    epilog="Examples:  interviewkit bank stats  ·  interviewkit bank stats --format json",
)
def stats(
    output: TableOrJson = Format.table,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """What the bank covers: questions and minutes per competency and level, and kinds."""
    from rich.table import Table

    from interviewkit.bank.stats import bank_stats

    bank = load(bank_dir, no_default_bank)
    figures = bank_stats(bank)
    if output is Format.json:
        print_json({
            "questions": figures.questions,
            "roles": figures.roles,
            "coverage": {c: {cell.level: {"questions": cell.questions, "minutes": cell.minutes}
                             for cell in figures.coverage if cell.competency == c}
                         for c in bank.competency_ids},
            "kinds": figures.kinds,
        })
        return
    out = console()
    matrix = Table(title="Questions (minutes) per competency and level", title_justify="left",
                   header_style="bold")
    matrix.add_column("competency")
    for level in bank.level_ids:
        matrix.add_column(level, justify="right")
    for competency in bank.competency_ids:
        cells = [c for c in figures.coverage if c.competency == competency]
        matrix.add_row(competency, *(f"{c.questions} ({c.minutes})" if c.questions else "-"
                                     for c in cells))
    out.print(matrix)
    kinds = Table(title="Questions per kind", title_justify="left", header_style="bold")
    kinds.add_column("kind")
    kinds.add_column("questions", justify="right")
    for kind, count in figures.kinds.items():
        kinds.add_row(kind, str(count))
    out.print(kinds)
    out.print(f"{_plural(figures.questions, 'question')}, {_plural(figures.roles, 'role')}; "
              "a question counts once for each level it suits")


@bank_app.command(
    "lint", cls=Command,
    epilog="Examples:  interviewkit bank lint  ·  interviewkit bank lint --bank ./our-bank",
)
def lint(bank_dir: BankDirs = None, no_default_bank: NoDefaultBank = False) -> None:
    """Flag weak content: short, vague or repeated rubric anchors, questions with few
    signals, probes or red flags, near-duplicate prompts, and role text `roles new` left
    to write. Exit 1 when anything is
    flagged (2 is kept for a bank that does not load)."""
    from interviewkit.bank.lint import lint_bank

    bank = load(bank_dir, no_default_bank, use_cache=False)
    warnings = lint_bank(bank)
    for warning in warnings:
        say(str(warning))
    if warnings:
        note(_plural(len(warnings), "warning"))
        raise typer.Exit(1)
    say(f"clean: {_plural(len(bank.questions), 'question')} checked")


class SchemaFile(StrEnum):
    questions = "questions"
    role = "role"
    bank = "bank"


@bank_app.command(
    "schema", cls=Command,
    epilog="Examples:  interviewkit bank schema questions > questions.schema.json  ·  "
    "interviewkit bank schema --out .schemas",
)
def schema(
    which: Annotated[SchemaFile, typer.Argument(
        metavar="SCHEMA", help="questions (questions/*.yaml), role (roles/*.yaml) or bank "
        "(bank.yaml).")] = SchemaFile.questions,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="DIR", help="Write all three schemas as DIR/<name>.schema.json.",
        file_okay=False, show_default=False)] = None,
) -> None:
    """Print the JSON Schema of a bank file, for an editor's YAML language server."""
    from interviewkit.bank.schema import bank_file_schema, write_schemas

    if out is None:
        print_json(bank_file_schema(which.value))
        return
    for path in write_schemas(out):
        say(str(path))


def init_repo(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Where the repository goes "
                                              "(made if missing; refused if not empty).")],
    role: Annotated[str, typer.Option("--role", metavar="ID", help="The id of the team's first "
                                      "role.")] = "our-engineer",
    level: Annotated[str, typer.Option("--level", metavar="LEVEL", help="Its level.")
                     ] = "senior",
    company: Annotated[str, typer.Option("--company", metavar="NAME", help="The company name "
                                         "on every page (interviewkit.toml).")] = "Hiring team",
    force: Annotated[bool, typer.Option("--force", help="Write into a directory that is not "
                                        "empty (never over a file that is there).")] = False,
) -> None:
    """Start a team's bank repository, ready to commit: bank.yaml, a first role, an example
    question, interviewkit.toml, editor schemas, a pre-commit config and a CI workflow."""
    import re
    import tempfile

    from interviewkit.bank.load import load_bank
    from interviewkit.bank.newrepo import BANK_YAML, COMPETENCY, QUESTION_YAML, repo_files
    from interviewkit.bank.starter import starter_role
    from interviewkit.errors import InterviewkitError, display_path
    from interviewkit.models import SLUG_PATTERN
    from interviewkit.output import write_files

    if not re.fullmatch(SLUG_PATTERN, role):
        raise InterviewkitError([f"--role '{role}' is not a valid id: use lowercase letters, "
                                 "digits and hyphens"])
    if directory.exists() and not directory.is_dir():
        raise InterviewkitError([f"{display_path(directory)}: not a directory"])
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise InterviewkitError([f"{display_path(directory)}: not empty; give an empty or new "
                                 "directory, or --force to add the files beside what is there"])
    # the starter role is written for the bank these files make: the shipped one and ours
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "questions").mkdir()
        (Path(scratch) / "bank.yaml").write_text(BANK_YAML, encoding="utf-8")
        (Path(scratch) / "questions" / f"{COMPETENCY}.yaml").write_text(QUESTION_YAML,
                                                                       encoding="utf-8")
        bank = load_bank(Path(scratch), use_cache=False)
    if bank.role(role):
        raise InterviewkitError([f"--role: the shipped bank already has a role '{role}'; "
                                 "choose another id"])
    files = repo_files(starter_role(bank, role, None, level), role, company)
    there = [name for name in files if (directory / name).exists()
             or (directory / name).is_symlink()]
    if there:
        raise InterviewkitError([f"{display_path(directory / name)}: already exists; nothing "
                                 "was written" for name in there])
    write_files(directory, {name: text.encode("utf-8") for name, text in files.items()})
    say(f"a team bank in {display_path(directory)}/: {len(files)} files")
    for name in files:
        say(f"  {display_path(directory / name)}")
    say(f"next: write the text marked REPLACE ME in roles/{role}.yaml, then cd "
        f"{display_path(directory)} && interviewkit bank lint")
