"""`interviewkit questions`: find and read questions."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interviewkit.cli.common import (
    BankDirs,
    Command,
    Group,
    NoDefaultBank,
    bank_dirs,
    complete_competency,
    complete_level,
    complete_question,
    complete_role,
    complete_tag,
    console,
    load,
    note,
    print_json,
    say,
    team,
)

if TYPE_CHECKING:
    from interviewkit.kit.views import QuestionView
    from interviewkit.models import Question
    from interviewkit.plan.selection import QuestionFilter

questions_app = typer.Typer(cls=Group, help="Find questions in the bank, read them, and take "
                            "them to and from a spreadsheet.",
                            no_args_is_help=True)


class ShowFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    ids = "ids"


def question_record(question: Question) -> dict[str, Any]:
    """A question as JSON: every field as written in the bank."""
    return question.model_dump(mode="json", exclude={"replaces"})


# The filters of `questions list`, which `questions export` takes too.
CompetencyFilter = Annotated[list[str] | None, typer.Option(
    "--competency", "-c", metavar="COMPETENCY",
    help="Only this competency (repeatable: any of them).",
    autocompletion=complete_competency, show_default=False)]
LevelFilter = Annotated[list[str] | None, typer.Option(
    "--level", "-l", metavar="LEVEL",
    help="Only questions for this level (repeatable: any of them).",
    autocompletion=complete_level, show_default=False)]
KindFilter = Annotated[list[str] | None, typer.Option(
    "--kind", "-k", metavar="KIND", help="technical, behavioral, situational, motivational "
    "or exercise (repeatable: any of them).", show_default=False)]
TagFilter = Annotated[list[str] | None, typer.Option(
    "--tag", "-t", metavar="TAG",
    help="Only questions with this tag (repeatable: all of them).",
    autocompletion=complete_tag, show_default=False)]
SearchFilter = Annotated[str, typer.Option(
    "--search", "-s", metavar="TEXT",
    help="Text to find in the id, prompt or tags (any case).")]
RoleFilter = Annotated[str | None, typer.Option(
    "--role", metavar="ROLE",
    help="Only questions this role's interview loop may draw from.",
    autocompletion=complete_role, show_default=False)]


def _wanted(competency: list[str] | None, level: list[str] | None, kind: list[str] | None,
            tag: list[str] | None, search: str, role: str | None) -> QuestionFilter:
    from interviewkit.plan.selection import QuestionFilter

    return QuestionFilter(competencies=tuple(competency or ()), levels=tuple(level or ()),
                          kinds=tuple(kind or ()), tags=tuple(tag or ()), search=search,
                          role=role)


@questions_app.command(
    "list", cls=Command,
    epilog="Examples:  interviewkit questions list -c design -l senior  ·  "
    "interviewkit questions list -t caching --format json | jq '.[].id'  ·  "
    "interviewkit questions list --role senior-python-engineer --format ids",
)
def list_questions(
    competency: CompetencyFilter = None,
    level: LevelFilter = None,
    kind: KindFilter = None,
    tag: TagFilter = None,
    search: SearchFilter = "",
    role: RoleFilter = None,
    output: Annotated[ListFormat, typer.Option(
        "--format", "-f", help="table for people, json for scripts, ids one per line.")
    ] = ListFormat.table,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """List the questions that match every filter given."""
    from interviewkit.plan.selection import filter_questions

    bank = load(bank_dir, no_default_bank)
    found = filter_questions(bank, _wanted(competency, level, kind, tag, search, role))
    if not found:
        note("no questions match these filters")
    if output is ListFormat.json:
        print_json([question_record(q) for q in found])
    elif output is ListFormat.ids:
        for question in found:
            say(question.id)
    elif found:
        _print_table(found)


def _print_table(found: tuple[Question, ...]) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = console()
    columns: dict[str, list[str]] = {
        "id": [q.id for q in found],
        "competency": [q.competency for q in found],
        "kind": [q.kind for q in found],
        "levels": [",".join(q.levels) for q in found],
        "min": [str(q.minutes) for q in found],
    }
    widths = {name: max(len(name), *map(len, values)) for name, values in columns.items()}
    # Short columns keep their full width and the prompt gets the rest of the line; in a
    # narrow terminal the least useful columns go first rather than being cut to "…".
    dropped = []
    for name in ("levels", "kind", "competency"):
        if sum(widths.values()) + 2 * len(widths) + 25 <= out.width:
            break
        del columns[name], widths[name]
        dropped.append(name)
    if dropped:
        note(f"{' and '.join(dropped)} left out to fit {out.width} columns: widen the "
             "terminal (or set COLUMNS), or use --format json")
    prompt_width = max(20, out.width - sum(widths.values()) - 2 * len(widths))
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0),
                  caption=f"{len(found)} question{'s' * (len(found) != 1)}",
                  caption_justify="left")
    for name, width in widths.items():
        table.add_column(name, no_wrap=True, width=width,
                         justify="right" if name == "min" else "left",
                         style="cyan" if name == "id" else None)
    table.add_column("prompt", no_wrap=True, width=prompt_width)
    for index, q in enumerate(found):
        prompt = " ".join(q.prompt.split())
        if len(prompt) > prompt_width:
            prompt = prompt[: prompt_width - 1].rstrip() + "…"
        # Bank text is data, never Rich markup: "[red]" in a prompt stays "[red]".
        table.add_row(*(values[index] for values in columns.values()), escape(prompt))
    out.print(table)


@questions_app.command(
    "show", cls=Command,
    epilog="Examples:  interviewkit questions show design-caching-python-services  ·  "
    "interviewkit questions show design-caching-python-services --format json  ·  "
    "interviewkit questions show design-caching-python-services --format md > caching.md",
)
def show_question(
    question_id: Annotated[str, typer.Argument(
        metavar="ID", help="The question's id.", autocompletion=complete_question)],
    output: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="table (laid out for reading), json, or md (Markdown, for a "
        "wiki or a review).")] = ShowFormat.table,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Show every field of one question, rubric included."""
    from interviewkit.errors import InterviewkitError
    from interviewkit.plan.selection import closest_question_ids

    bank = load(bank_dir, no_default_bank)
    question = bank.question(question_id)
    if question is None:
        close = closest_question_ids(bank, question_id)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise InterviewkitError([f"no question with id '{question_id}'{hint}"])
    if output is ShowFormat.json:
        print_json(question_record(question))
        return
    from interviewkit.kit.views import question_view

    view = question_view(bank, question)
    if output is ShowFormat.md:
        from interviewkit.kit.render import Renderer

        say(Renderer(team().templates).render("question.md.j2", view=view).rstrip("\n"))
    else:
        _print_question(view)


def _print_question(view: QuestionView) -> None:
    from rich.markup import escape
    from rich.padding import Padding
    from rich.table import Table

    out = console()
    out.print(f"[bold cyan]{escape(view.id)}[/]  [dim]{escape(view.origin)}[/]")
    out.print(escape(view.facts))

    def section(title: str, body: str | tuple[str, ...]) -> None:
        out.print(f"\n[bold]{title}[/]")
        if isinstance(body, str):
            out.print(Padding(escape(" ".join(body.split())), (0, 0, 0, 2)))
            return
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(no_wrap=True)
        bullets.add_column()
        for item in body:
            bullets.add_row("  •", escape(" ".join(item.split())))
        out.print(bullets)

    section("Prompt (read aloud)", view.prompt)
    if view.handout:
        section("Handout (shared during the interview)", view.handout)
    if view.timing:
        section("Timing", view.timing)
    section("Why we ask", view.why)
    section("Look for", view.look_for)
    section("Follow-up probes", view.follow_ups)
    section("Red flags", view.red_flags)
    for rubric in view.rubrics:
        out.print(f"\n[bold]{escape(rubric.title)}[/]")
        table = Table(show_lines=True, header_style="bold")
        table.add_column("rating", justify="right", no_wrap=True)
        table.add_column("label", no_wrap=True)
        table.add_column("what the candidate does")
        for row in rubric.rows:
            table.add_row(str(row.value), escape(row.label), escape(" ".join(row.anchor.split())))
        out.print(table)
    if not view.scored:
        out.print(f"\n[bold]{escape(view.unscored)}[/]")
    section("Sample answer", view.sample_answer)


@questions_app.command(
    "export", cls=Command,
    epilog="Examples:  interviewkit questions export --out questions.xlsx  ·  "
    "interviewkit questions export -c design -l senior --out design.csv  ·  "
    "interviewkit questions export --role senior-python-engineer > loop.csv",
)
def export_questions(
    competency: CompetencyFilter = None,
    level: LevelFilter = None,
    kind: KindFilter = None,
    tag: TagFilter = None,
    search: SearchFilter = "",
    role: RoleFilter = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE", help="Write FILE: .csv (UTF-8, for Excel) or .xlsx "
        "(default: CSV on stdout).", dir_okay=False, show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Write over FILE if it exists.")
                     ] = False,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Write questions as a spreadsheet (CSV or XLSX) that `questions import` reads back.

    A row a question, in the columns of README's "Questions in a spreadsheet"; the filters
    are those of `questions list`. Text that a spreadsheet would run as a formula is kept
    text (a CSV cell gets a leading apostrophe, which import takes away)."""
    import sys

    from interviewkit.bank.spreadsheet import SUFFIXES, export_file, sheet_csv
    from interviewkit.errors import InterviewkitError, display_path
    from interviewkit.escape import terminal_text
    from interviewkit.plan.selection import filter_questions

    if out is not None and out.suffix.lower() not in SUFFIXES:
        raise InterviewkitError([f"--out {display_path(out)}: name a .csv or .xlsx file"])
    if out is not None and (out.exists() or out.is_symlink()) and not force:
        raise InterviewkitError([f"{display_path(out)} already exists; --force writes over "
                                 "it"])
    bank = load(bank_dir, no_default_bank)
    found = filter_questions(bank, _wanted(competency, level, kind, tag, search, role))
    if not found:
        note("no questions match these filters: the file has its header row only")
    notes: list[str] = []
    if out is None:
        text = sheet_csv(bank, found, notes, line_end="\n")
        sys.stdout.write(terminal_text(text) if sys.stdout.isatty() else text)
    else:
        export_file(out, bank, found, notes)
        note(f"wrote {len(found)} question{'s' * (len(found) != 1)} to {display_path(out)}")
    for line in notes:
        note(line)


@questions_app.command(
    "import", cls=Command,
    epilog="Examples:  interviewkit questions import platform.csv --into our-bank --dry-run  ·  "
    "interviewkit questions import platform.xlsx --into our-bank",
)
def import_questions(
    file: Annotated[Path, typer.Argument(
        metavar="FILE", help="A .csv (UTF-8) or .xlsx file: a header row, then a question a "
        "row, in the columns of README's \"Questions in a spreadsheet\".")],
    into: Annotated[Path | None, typer.Option(
        "--into", metavar="DIR", help="The team's bank directory; the questions go to "
        "DIR/questions/<FILE's name>.yaml (default: the last bank of interviewkit.toml, "
        "$INTERVIEWKIT_BANK and --bank). A folder that does not exist, or holds no bank "
        "(no bank.yaml, questions/ or roles/) and is not one of those, is refused.",
        show_default=False)] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="A row whose id the bank already has replaces that question "
        "(written with replaces: true); without it, such a row is an error.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Write over the questions file if an earlier import wrote it (never "
        "over one written by hand).")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Check everything and say what would be written; write nothing.")
    ] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="bank lint's warnings on the imported questions fail the import "
        "(exit 1, nothing written).")] = False,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Import questions from a spreadsheet (CSV or XLSX) into a team's bank directory.

    Every cell is checked and every problem said as FILE:ROW:COLUMN (the column by its
    header), all at once, with nothing written; then the questions are loaded with the
    rest of the bank as `bank validate` loads it, linted, and written as YAML."""
    from interviewkit.bank.files import check_team_dir, same_directory
    from interviewkit.bank.spreadsheet import plan_import, write_import
    from interviewkit.errors import InterviewkitError, display_path

    configured = bank_dirs(bank_dir)
    target = into or (configured[-1] if configured else None)
    if target is None:
        raise InterviewkitError(["say which bank directory the questions go to: --into DIR "
                                 "(or banks in interviewkit.toml, INTERVIEWKIT_BANK or --bank)"])
    check_team_dir(target, configured, "questions")
    plan = plan_import(file, target, configured, include_default=not no_default_bank,
                       replace=replace, force=force)
    for warning in plan.sheet_warnings:
        say(warning)
    count = len(plan.questions)
    questions = f"{count} question{'s' * (count != 1)}"
    output = display_path(plan.output)
    if plan.warnings:
        note(f"{len(plan.warnings)} lint warning{'s' * (len(plan.warnings) != 1)} on the "
             f"imported questions, in the sheet's rows and columns (bank lint says the same "
             f"at their lines in {output})")
    for row, made in plan.made_ids:
        say(f"row {row}: id {made} (made from the prompt; put it in the sheet to keep it)")
    if strict and plan.warnings:
        note("nothing written (--strict)")
        raise typer.Exit(1)
    if dry_run:
        say(f"ok: {questions} checked; {output} would be "
            f"{'replaced' if plan.replacing else 'written'} (--dry-run: nothing written)")
        return
    write_import(plan)
    say(f"wrote {questions} to {output}"
        + (" (replacing what an earlier import wrote)" if plan.replacing else ""))
    if same_directory(target) not in {same_directory(d) for d in configured}:
        # as `roles new` says: no setting points here, so the next command would not see them
        note(f"no command loads {display_path(target)} by itself: load it with --bank "
             f"{display_path(target)}, or name it in interviewkit.toml's banks")
