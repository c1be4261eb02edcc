"""`interviewkit scores` and `interviewkit debrief`: filled scorecards back in."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from interviewkit.cli.common import (
    BankDirs,
    Command,
    DocumentFormat,
    DocumentFormatOption,
    Format,
    Group,
    NoDefaultBank,
    TableOrJson,
    console,
    load,
    note,
    print_json,
    say,
    team,
    typed_text,
)
from interviewkit.escape import spreadsheet_cell

if TYPE_CHECKING:
    from collections.abc import Callable

    from interviewkit.kit.manifest import KitManifest
    from interviewkit.models import Bank
    from interviewkit.scores.cards import Scorecard
    from interviewkit.scores.reports import CalibrationPart, ReportStyle

scores_app = typer.Typer(cls=Group, help="Read filled scorecards and export their ratings.",
                         no_args_is_help=True)

PartialOption = Annotated[bool, typer.Option(
    "--partial", help="List incomplete cards on stderr and go on with the rest.")]


def _report_incomplete(incomplete: list[str], problems: list[Any], partial: bool,
                       unfilled: bool) -> None:
    """Without --partial, a card's problems stop the command, and when a card has a value
    still to fill in, the report ends with how to go on (said once, not per card); with it,
    the problems are listed and the cards set aside."""
    from interviewkit.errors import InterviewkitError

    if problems and not partial:
        raise InterviewkitError(problems, advice=[
            "to go on: fill in what the cards above are missing, or give --partial to set "
            "such cards aside and go on with the rest"] if unfilled else [])
    for problem in problems:
        note(f"incomplete: {problem}")
    if incomplete:
        note(f"{len(incomplete)} incomplete card{'s' * (len(incomplete) != 1)} set aside")


@scores_app.command("read", cls=Command,
                    epilog="Examples:  interviewkit scores read out/ada-lovelace/scores/*.pdf  ·  "
                    "interviewkit scores read card.yaml --format json")
def read(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Filled scorecards, one "
                                                "or more: PDF forms or YAML cards.")],
    output: TableOrJson = Format.table,
    partial: PartialOption = False,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Read filled scorecards: kit, candidate, stage, interviewer, ratings, evidence."""
    from rich.markup import escape
    from rich.table import Table

    from interviewkit.scores.cards import read_scorecards

    bank = load(bank_dir, no_default_bank)
    result = read_scorecards(files, bank, partial=True)
    _report_incomplete(result.incomplete, result.problems, partial, result.unfilled)
    if output is Format.json:
        print_json([card.as_record() for card in result.cards])
        return
    out = console()
    for card in result.cards:
        out.print(f"[bold]{escape(card.candidate or '(no candidate)')}[/] · {card.stage} · "
                  f"{escape(card.interviewer)} · {escape(card.date)} · kit {card.kit_id} · "
                  f"overall {card.overall}  [dim]{escape(card.source)}[/]")
        table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold")
        table.add_column("competency", no_wrap=True)
        table.add_column("rating", justify="right")
        table.add_column("evidence")
        for competency, value in card.ratings.items():
            table.add_row(competency, str(value), escape(card.evidence.get(competency, "")))
        out.print(table)
        if card.notes:
            out.print(f"[bold]notes (not rated)[/]  {escape(card.notes)}")


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    greenhouse = "greenhouse"
    lever = "lever"
    ashby = "ashby"


EXPORT_COLUMNS = ("kit_id", "role", "candidate", "stage", "interviewer", "date", "competency",
                  "rating", "evidence", "overall")


@scores_app.command("export", cls=Command,
                    epilog="Examples:  interviewkit scores export out/ --format csv > "
                    "ratings.csv  ·  interviewkit scores export out/ --format greenhouse > "
                    "cards.json")
def export(
    directories: Annotated[list[Path], typer.Argument(metavar="DIR", help="Kit directories, "
                                                      "or folders holding them; one or more.")],
    output: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="csv or json (a row per rating); greenhouse, lever or ashby (a "
        "record per card in the JSON shape that ATS's API takes; nothing is sent).")
                      ] = ExportFormat.csv,
    partial: PartialOption = False,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """One row per candidate, stage, interviewer and competency, for a spreadsheet or an
    applicant-tracking system's import."""
    import csv

    from interviewkit.kit.manifest import find_kits
    from interviewkit.scores.ats import ATS_SHAPES, ats_records

    bank = load(bank_dir, no_default_bank)
    rows: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    kits, _ = _filled_cards(bank, _interviews(find_kits(list(directories)), directories),
                            partial)
    for manifest, cards in kits:
        if output.value in ATS_SHAPES:
            records += ats_records(output.value, bank, manifest, cards)
        for card in cards:
            for competency, value in card.ratings.items():
                rows.append({"kit_id": card.kit_id, "role": card.role,
                             "candidate": card.candidate, "stage": card.stage,
                             "interviewer": card.interviewer, "date": card.date,
                             "competency": competency, "rating": value,
                             "evidence": card.evidence.get(competency, ""),
                             "overall": card.overall})
    if output is ExportFormat.json:
        print_json(rows)
        return
    if output.value in ATS_SHAPES:
        print_json(records)
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)


def debrief(
    kit_dir: Annotated[Path, typer.Argument(metavar="KIT_DIR", help="The candidate's kit "
                                            "directory (with kit.json).")],
    files: Annotated[list[Path] | None, typer.Argument(
        metavar="FILE", help="Filled cards, any number (default: every PDF and YAML file in "
        "KIT_DIR/scores/).", show_default=False)] = None,
    output: DocumentFormatOption = DocumentFormat.both,
    partial: PartialOption = False,
    company: Annotated[str | None, typer.Option("--company", metavar="NAME", help="Company name "
                                                "on the page (default: the kit's, from "
                                                "kit.json; else interviewkit.toml).",
                                                show_default=False,
                                                callback=typed_text)] = None,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Write debrief.html/.pdf/.json beside the kit: every rating side by side, figures per
    competency, and flags for the panel. It summarises and flags; it never decides."""
    from interviewkit.errors import InterviewkitError
    from interviewkit.kit.manifest import read_manifest
    from interviewkit.kit.scorecard import find_score_files
    from interviewkit.scores.cards import read_scorecards
    from interviewkit.scores.debrief import expected_competencies
    from interviewkit.scores.reports import DEBRIEF_FILES, kept_beside, write_debrief

    manifest = read_manifest(_kit_file(kit_dir))
    paths = list(files or find_score_files(kit_dir))
    if not paths:
        raise InterviewkitError([f"{kit_dir}: no filled scorecards; put them in "
                                 f"{kit_dir / 'scores'}/ or name them after KIT_DIR"])
    bank = load(bank_dir, no_default_bank)
    result = read_scorecards(paths, bank, kit_id=manifest.kit_id, kit_dir=kit_dir,
                             stages=expected_competencies(bank, manifest), partial=True)
    _report_incomplete(result.incomplete, result.problems, partial, result.unfilled)
    figures, written = write_debrief(bank, kit_dir, manifest, result.cards, output.value,
                                     report_style(company, manifest), result.set_aside)
    for path in written:
        say(str(path))
    _point_out_kept(kept_beside(kit_dir, written, DEBRIEF_FILES), "debrief")
    say(f"{len(result.cards)} scorecard{'s' * (len(result.cards) != 1)}, "
        f"{len(figures.flags)} flag{'s' * (len(figures.flags) != 1)}")


def _point_out_kept(kept: list[Path], report: str) -> None:
    """Files by a report's names that it did not write: they stay, and may be taken for it."""
    for path in kept:
        note(f"{path}: kept, though it is not part of this {report} (yours, changed since a "
             f"{report} wrote it, or from an older interviewkit): it does not show these "
             "figures")


def _kit_file(kit_dir: Path) -> Path:
    """The kit.json of a kit folder; for a folder that holds kits instead, which they are."""
    import os

    from interviewkit.errors import InterviewkitError, display_path
    from interviewkit.kit.manifest import find_kits

    path = kit_dir / "kit.json"
    if not os.path.lexists(kit_dir):
        raise InterviewkitError([f"{display_path(kit_dir)}: no such folder; give the "
                                 "candidate's kit folder, the one that holds kit.json"])
    if kit_dir.is_file():  # kit.json itself, most often
        raise InterviewkitError([f"{display_path(kit_dir)}: a file, not a kit folder; give "
                                 "the folder that holds it: interviewkit debrief "
                                 f"{display_path(kit_dir.parent)}"])
    if not os.path.lexists(path) and kit_dir.is_dir():
        below = [display_path(p.parent) for p in find_kits([kit_dir])]
        if below:
            shown = ", ".join(below[:5]) + (f" and {len(below) - 5} more" if len(below) > 5
                                            else "")
            raise InterviewkitError([f"{display_path(kit_dir)}: not a kit folder (no "
                                     f"kit.json); the kits below it: {shown}. Give one of "
                                     "them, or use calibrate for all"])
    return path


def _filled_cards(bank: Bank, interviews: list[tuple[Path, KitManifest]], partial: bool,
                  advance: Callable[[], None] = lambda: None
                  ) -> tuple[list[tuple[KitManifest, list[Scorecard]]], int]:
    """Each kit's filled cards, and how many incomplete ones --partial set aside. Every kit
    is read before a problem stops the command, so that every kit's are named at once."""
    from interviewkit.kit.scorecard import find_score_files
    from interviewkit.scores.cards import read_scorecards
    from interviewkit.scores.debrief import expected_competencies

    kits = []
    incomplete: list[str] = []
    problems: list[Any] = []
    unfilled = False
    for path, manifest in interviews:
        result = read_scorecards(find_score_files(path.parent), bank, kit_id=manifest.kit_id,
                                 kit_dir=path.parent,
                                 stages=expected_competencies(bank, manifest), partial=True)
        incomplete += result.incomplete
        problems += result.problems
        unfilled = unfilled or result.unfilled
        kits.append((manifest, list(result.cards)))
        advance()
    _report_incomplete(incomplete, problems, partial, unfilled)
    return kits, len(incomplete)


def _interviews(manifests: list[Path], directories: list[Path]
                ) -> list[tuple[Path, KitManifest]]:
    """The interviews among the kits found (blank kits are not), or why there are none."""
    from interviewkit.errors import InterviewkitError
    from interviewkit.kit.manifest import read_interviews

    below = ", ".join(map(str, directories))
    if not manifests:
        raise InterviewkitError([f"no kit.json below {below}"])
    interviews, blank = read_interviews(manifests)
    if not interviews:
        raise InterviewkitError([f"only blank kits below {below} ({blank}): a kit made with "
                                 "`kit blank` has no candidate and is not an interview"])
    if blank:
        note(f"{blank} blank kit{'s' * (blank != 1)} left out: not interviews")
    return interviews


def report_style(company: str | None, kit: KitManifest | None = None) -> ReportStyle:
    """How the team's reports look: as the kit was built (--company then the kit's own for
    the name, its page size), then interviewkit.toml (logo, accent, templates)."""
    from interviewkit.scores.reports import ReportStyle

    config = team()
    return ReportStyle(company=company or (kit and kit.company) or config.company
                       or "Hiring team",
                       accent=config.accent or ReportStyle.accent,
                       page_size=(kit and kit.page_size) or config.page_size
                       or ReportStyle.page_size,
                       templates=config.templates, logo=config.logo)


class CalibrateFormat(StrEnum):
    all = "all"
    html = "html"
    json = "json"
    csv = "csv"


def calibrate(
    directories: Annotated[list[Path], typer.Argument(metavar="DIR", help="Folders holding "
                                                      "kits (every kit.json below); one or "
                                                      "more.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Where to write "
                                      "the report.")] = Path("calibration"),
    output: Annotated[CalibrateFormat, typer.Option(
        "--format", "-f", help="all, html, json or csv (interviewers.csv, questions.csv, "
        "roles.csv); calibration.json is written with each, as the record of the report's "
        "files.")] = CalibrateFormat.all,
    company: Annotated[str | None, typer.Option("--company", metavar="NAME", help="Company name "
                                                "on the page (default: the kit's, from "
                                                "kit.json; else interviewkit.toml).",
                                                show_default=False,
                                                callback=typed_text)] = None,
    partial: PartialOption = False,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Compare interviewers and question use across many kits: cards, mean rating,
    distribution and leniency per interviewer; how often each question was asked and how
    it was rated; each role's overall recommendations. An incomplete card stops it, named
    with every problem of every kit, unless --partial sets such cards aside."""
    from interviewkit.errors import InterviewkitError
    from interviewkit.kit.manifest import find_kits
    from interviewkit.scores.reports import CALIBRATION_FILES, kept_beside, write_calibration

    bank = load(bank_dir, no_default_bank)
    try:
        report_dir = out.resolve()
    except (RuntimeError, OSError):  # a link that leads to itself
        raise InterviewkitError([f"{out}: a link that never ends (it leads to itself): give "
                                 "a folder for the report"]) from None
    interviews = _interviews([p for p in find_kits(list(directories))
                              if report_dir not in p.resolve().parents], directories)
    with _progress(len(interviews)) as advance:
        kits, incomplete = _filled_cards(bank, interviews, partial, advance)
    parts: tuple[CalibrationPart, ...] = (
        ("json", "html", "csv") if output is CalibrateFormat.all
        else (cast("CalibrationPart", output.value),))
    figures, written = write_calibration(bank, kits, out, parts, report_style(company))
    for path in written:
        say(str(path))
    _point_out_kept(kept_beside(out, written, CALIBRATION_FILES), "calibration")
    flagged = [i.interviewer for i in figures.interviewers if i.flagged]
    say(f"{figures.kits} kits, {figures.cards} scorecards"
        + (f", {incomplete} incomplete set aside" if incomplete else "")
        + (f"; leniency flagged for {', '.join(flagged)}" if flagged else ""))


class _progress:
    """A progress bar on a terminal; nothing in a pipe."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> Any:
        if sys.stderr.isatty() and self.total > 1:
            from rich.progress import Progress

            self.bar = Progress(console=console_err(), transient=True)
            self.bar.start()
            task = self.bar.add_task("reading kits", total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def console_err() -> Any:
    from rich.console import Console

    return Console(stderr=True)
