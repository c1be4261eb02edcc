"""`interviewkit kit`: build a candidate's interview kit, or blank ones for printing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interviewkit.cli.common import (
    BankDirs,
    Command,
    Group,
    KitFormat,
    KitFormatOption,
    NoDefaultBank,
    bank_dirs,
    complete_role,
    load,
    note,
    say,
    team,
    typed_text,
)

if TYPE_CHECKING:
    from interviewkit.config import TeamConfig
    from interviewkit.errors import InterviewkitError
    from interviewkit.kit.build import KitOptions
    from interviewkit.plan.selection import DrawRules

kit_app = typer.Typer(cls=Group,
                      help="Build interview kits: guides, scorecards and a candidate packet.",
                      no_args_is_help=True)


class PageSize(StrEnum):
    a4 = "A4"
    letter = "letter"


RoleOption = Annotated[str | None, typer.Option(
    "--role", "-r", metavar="ROLE", help="The role whose loop to use (required; without it, "
    "the roles are listed).", autocompletion=complete_role, show_default=False)]
# The defaults said here are those of kit_directory (kit/build.py) and default_seed
# (plan/selection.py); a blank kit has no candidate, so its own words.
OutOption = Annotated[Path | None, typer.Option(
    "--out", "-o", metavar="DIR", help="Where to write the kit (default: out/ and the "
    "candidate's name in lowercase with hyphens, e.g. out/ada-lovelace).", show_default=False)]
BlankOutOption = Annotated[Path | None, typer.Option(
    "--out", "-o", metavar="DIR", help="Where to write the kit (default: out/blank-ROLE, e.g. "
    "out/blank-senior-python-engineer).", show_default=False)]
SeedOption = Annotated[int | None, typer.Option(
    "--seed", metavar="N", help="Seed of the question draw (default: from role and "
    "candidate, so a rebuild gives the same kit).", show_default=False)]
BlankSeedOption = Annotated[int | None, typer.Option(
    "--seed", metavar="N", help="Seed of the question draw (default: from the role alone, "
    "as there is no candidate, so a rebuild gives the same kit).", show_default=False)]
DateOption = Annotated[str | None, typer.Option(
    "--date", metavar="DATE", help="Date printed on the documents (default: today).",
    show_default=False, callback=typed_text)]
CompanyOption = Annotated[str | None, typer.Option(
    "--company", metavar="NAME", help="Company name on every page (default: "
    "interviewkit.toml, or 'Hiring team').", show_default=False, callback=typed_text)]
PageSizeOption = Annotated[PageSize | None, typer.Option(
    "--page-size", help="A4 or letter, in any case (default: interviewkit.toml, or A4).",
    case_sensitive=False, show_default=False)]
TemplatesOption = Annotated[list[Path] | None, typer.Option(
    "--templates", metavar="DIR", help="A team's template directory, searched before ours "
    "by file name (rendered in Jinja's sandbox). Repeatable.", show_default=False)]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Rebuild an existing kit: its own files are replaced; filled cards in "
    "scores/ and files you added are kept (and a kit with filled cards is never drawn "
    "anew).")]
YamlCardsOption = Annotated[bool, typer.Option(
    "--yaml-scorecards", help="Also write scorecard-<stage>.yaml, for interviewers who would "
    "rather type than fill a PDF form.")]
PinOption = Annotated[list[str] | None, typer.Option(
    "--pin", metavar="ID", help="Always ask this question, in the first stage covering its "
    "competency. Repeatable; recorded in kit.json.", show_default=False)]
ExcludeOption = Annotated[list[str] | None, typer.Option(
    "--exclude", metavar="ID", help="Never ask this question. Repeatable; recorded in "
    "kit.json.", show_default=False)]
AvoidOption = Annotated[list[Path] | None, typer.Option(
    "--avoid", metavar="KIT_JSON", help="An earlier kit.json of this candidate: none of its "
    "questions is asked again. Repeatable.", show_default=False)]
HistoryOption = Annotated[Path | None, typer.Option(
    "--history", metavar="DIR", help="Every kit.json of this role below DIR: draw the least "
    "used questions first, to spread use across the pool.", show_default=False)]
JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", metavar="N", min=1, help="Processes rendering the PDFs (default: one per "
    "core).", show_default=False)]
StageOption = Annotated[list[str] | None, typer.Option(
    "--stage", metavar="STAGE", help="Only this stage; repeatable (default: every stage).",
    show_default=False)]


@dataclass(frozen=True)
class KitRequest:
    """What `kit build` and `kit blank` were asked for, as typed (None: not given)."""

    role: str
    candidate: str | None  # None for a blank kit
    out: Path | None = None
    output: KitFormat = KitFormat.both
    seed: int | None = None
    date: str | None = None  # None: today
    company: str | None = None
    page_size: PageSize | None = None
    templates: list[Path] | None = None
    force: bool = False
    stages: list[str] | None = None
    bank_dirs: list[Path] | None = None
    no_default_bank: bool = False
    yaml_scorecards: bool = False
    jobs: int | None = None


def _options(request: KitRequest, config: TeamConfig) -> KitOptions:
    """The request, with the team's interviewkit.toml filling what was not given."""
    from datetime import date as Date

    from interviewkit.kit.build import KitOptions

    return KitOptions(
        company=request.company or config.company or "Hiring team",
        accent=config.accent or KitOptions.accent,
        logo=config.logo,
        page_size=(request.page_size.value if request.page_size else config.page_size)
        or "A4",
        date=Date.today().isoformat() if request.date is None else request.date,
        format=request.output.value,
        templates=tuple(request.templates or config.templates),
        force=request.force,
        yaml_scorecards=request.yaml_scorecards,
        jobs=request.jobs,
    )


def _rules(role: str, pin: list[str] | None, exclude: list[str] | None,
           avoid: list[Path] | None, history: Path | None) -> DrawRules:
    from interviewkit.kit.build import usage_history
    from interviewkit.kit.manifest import read_manifest
    from interviewkit.plan.selection import DrawRules

    avoided = frozenset(qid for path in avoid or () for qid in read_manifest(path).asked)
    usage = usage_history(history, role)[0] if history is not None else None
    return DrawRules(pins=tuple(pin or ()), excludes=tuple(exclude or ()), avoid=avoided,
                     usage=usage)


def _which_role(role: str | None, bank_dir: list[Path] | None, no_default_bank: bool) -> str:
    """The role asked for; without one, the roles there are to choose from."""
    from interviewkit.errors import InterviewkitError

    if role is not None:
        return role
    bank = load(bank_dir, no_default_bank)
    raise InterviewkitError(["which role? add --role ROLE, one of: "
                             + ", ".join(r.id for r in bank.roles)])


def _build(request: KitRequest, rules: DrawRules) -> None:
    from interviewkit.kit.build import kit_directory, render_kit
    from interviewkit.plan.selection import plan_kit

    options = _options(request, team())
    bank = load(request.bank_dirs, request.no_default_bank)
    plan = plan_kit(bank, request.role, request.candidate, request.seed, request.stages or (),
                    rules)
    target = kit_directory(request.out, plan.candidate, request.role)
    _warn_missing_glyphs(plan.candidate, options)
    progress = _report_progress if sys.stderr.isatty() else None
    result = render_kit(bank, plan, target, options, progress=progress)
    for line in result.notes:
        note(f"note: {line}")
    who = f"for {plan.candidate}" if plan.candidate else "(blank)"
    say(f"kit {plan.kit_id} {who}: {result.directory}/")
    for name in result.files:
        say(f"  {result.directory / name}")


def _warn_missing_glyphs(candidate: str | None, options: KitOptions) -> None:
    _warn_of_glyphs({"the candidate's name": candidate or ""}, options)


def _warn_of_glyphs(texts: dict[str, str], options: KitOptions) -> None:
    """A warning for each text (what it is -> the text) with characters no font draws; each
    character asked about once."""
    if options.format not in ("pdf", "both"):
        return
    from interviewkit.kit.fonts import missing_glyphs

    missing = missing_glyphs("".join(texts.values()))
    for what, text in texts.items():
        if found := [c for c in missing if c in text]:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in found)
            note(f"warning: no installed font has {shown} from {what}; the PDFs would show "
                 "empty boxes there. Install fonts that cover it (on Debian: "
                 "fonts-noto-core, fonts-noto-cjk).")


def _report_progress(name: str) -> None:
    """On a terminal, one line a document; in a pipe, nothing."""
    note(f"rendering {name} …")


@kit_app.command(
    "build", cls=Command,
    epilog="Examples:  interviewkit kit build --role senior-python-engineer --candidate "
    "\"Ada Lovelace\"  ·  interviewkit kit build -r senior-python-engineer --candidate "
    "\"Ada Lovelace\" --format html --company Acme --force  ·  interviewkit kit build "
    "-r senior-python-engineer --candidate \"Ada Lovelace\" --format md --out wiki/ada",
)
def build(
    candidate: Annotated[str, typer.Option("--candidate", metavar="NAME", help="The "
                                           "candidate's name, as it should be printed.",
                                           show_default=False, callback=typed_text)],
    role: RoleOption = None,
    out: OutOption = None,
    output: KitFormatOption = KitFormat.both,
    seed: SeedOption = None,
    date: DateOption = None,
    company: CompanyOption = None,
    page_size: PageSizeOption = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
    yaml_scorecards: YamlCardsOption = False,
    stage: StageOption = None,
    pin: PinOption = None,
    exclude: ExcludeOption = None,
    avoid: AvoidOption = None,
    history: HistoryOption = None,
    jobs: JobsOption = None,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Build a candidate's kit: a guide and a scorecard per stage, a candidate packet, and
    kit.json."""
    role = _which_role(role, bank_dir, no_default_bank)
    _build(KitRequest(role, candidate, out, output, seed, date, company, page_size, templates,
                      force, stage, bank_dir, no_default_bank, yaml_scorecards, jobs),
           _rules(role, pin, exclude, avoid, history))


@kit_app.command(
    "blank", cls=Command,
    epilog="Example:  interviewkit kit blank --role senior-python-engineer --format pdf",
)
def blank(
    role: RoleOption = None,
    out: BlankOutOption = None,
    output: KitFormatOption = KitFormat.both,
    seed: BlankSeedOption = None,
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="Date printed on the "
                                      "documents (default: a line to fill in).",
                                      show_default=False, callback=typed_text)] = "",
    company: CompanyOption = None,
    page_size: PageSizeOption = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
    stage: StageOption = None,
    pin: PinOption = None,
    exclude: ExcludeOption = None,
    jobs: JobsOption = None,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Blank guides and scorecards with no candidate, for printing a stack."""
    role = _which_role(role, bank_dir, no_default_bank)
    _build(KitRequest(role, None, out, output, seed, date, company, page_size, templates,
                      force, stage, bank_dir, no_default_bank, jobs=jobs),
           _rules(role, pin, exclude, None, None))


@kit_app.command(
    "batch", cls=Command,
    epilog="Examples:  interviewkit kit batch --example senior-python-engineer > day.csv  ·  "
    "interviewkit kit batch day.csv  ·  interviewkit kit batch day.csv --history out/ --force",
)
def batch(
    schedule: Annotated[Path | None, typer.Argument(
        metavar="SCHEDULE", help="The day's schedule: a CSV file (or the same as YAML) with "
        "one row per candidate and stage, in the columns candidate, role, date "
        "(YYYY-MM-DD), start (HH:MM), stage, interviewers (separated by ;), and optionally "
        "location (a room or a link), email and time_zone (default UTC).",
        show_default=False)] = None,
    example: Annotated[str | None, typer.Option(
        "--example", metavar="ROLE", help="Print a schedule that works as written: three "
        "candidates through ROLE's stages on the next working day; save it, edit it, build "
        "it.", autocompletion=complete_role, show_default=False)] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="DIR", help="Where to write the day (default: out/day- and "
        "the date of its first interview, e.g. out/day-2026-12-01).",
        show_default=False)] = None,
    output: KitFormatOption = KitFormat.both,
    stage: Annotated[list[str] | None, typer.Option(
        "--stage", metavar="STAGE", help="Only this stage; repeatable (default: every stage, "
        "and each candidate needs a row for each).", show_default=False)] = None,
    seed: Annotated[int | None, typer.Option(
        "--seed", metavar="N", help="Seed of every kit's draw (default: from role and "
        "candidate, so a rebuild gives the same day).", show_default=False)] = None,
    history: Annotated[Path | None, typer.Option(
        "--history", metavar="DIR", help="Also spread the day's questions away from those "
        "of every earlier kit of the same role below DIR.", show_default=False)] = None,
    company: CompanyOption = None,
    page_size: PageSizeOption = None,
    templates: TemplatesOption = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Rebuild an existing day: the files it and its kits wrote are "
        "replaced; filled cards in scores/ and files you added are kept (and a kit with "
        "filled cards is never drawn anew).")] = False,
    yaml_scorecards: YamlCardsOption = False,
    jobs: JobsOption = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar, only the summary.")] = False,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Build a hiring day from its schedule: every candidate's kit with the times, places
    and interviewers; each interviewer's stack (one PDF, in time order) and calendar; each
    candidate's calendar; index.html and day.json. With --format md, the kits and the index
    as Markdown and the scorecards as YAML cards, for a wiki (no stacks: they are PDF)."""
    from interviewkit.errors import InterviewkitError

    if example is not None:
        if schedule is not None:
            raise InterviewkitError(["give a SCHEDULE to build or --example ROLE to print "
                                     "one, not both"])
        _print_example(example, bank_dir, no_default_bank)
        return
    if schedule is None:
        raise InterviewkitError(["which schedule? give its file (CSV or YAML), or start from "
                                 "`interviewkit kit batch --example ROLE > day.csv`"])
    request = KitRequest("", None, out, KitFormat(output), None, None, company, page_size,
                         templates, force, stage, bank_dir, no_default_bank, yaml_scorecards,
                         jobs)
    _batch(schedule, request, seed, history, quiet)


def _print_example(role: str, bank_dir: list[Path] | None, no_default_bank: bool) -> None:
    from datetime import date, timedelta

    from interviewkit.plan.schedule import example_schedule

    bank = load(bank_dir, no_default_bank)
    day = date.today() + timedelta(days=1)
    while day.weekday() >= 5:  # the next working day
        day += timedelta(days=1)
    sys.stdout.write(example_schedule(bank, role, day))


def _other_team(schedule: Path, error: InterviewkitError, loaded: list[Path]) -> list[str]:
    """When a schedule's roles or stages are not in the bank and the interviewkit.toml beside
    the schedule (or above it) names banks that were not loaded (`loaded`), the likely cause:
    the command was run from the wrong folder."""
    from interviewkit.bank.files import same_directory
    from interviewkit.config import config_beside, load_config
    from interviewkit.errors import InterviewkitError, display_path

    if not any(p.field in ("role", "stage") for p in error.located):
        return []
    other = config_beside(schedule)
    if other is None:
        return []
    try:
        banks = load_config(other.parent).banks
    except InterviewkitError:
        return []  # a settings file that cannot be read explains nothing here
    in_use = {same_directory(d) for d in loaded}
    if all(same_directory(b) in in_use for b in banks):
        return []  # its banks were read (or it names none): it is not the cause
    import shlex

    folder = shlex.quote(display_path(other.parent))
    options = " ".join(f"--bank {shlex.quote(display_path(b))}" for b in banks)
    return [f"hint: {display_path(other)} is beside the schedule (or above it) but not in use "
            f"(it is read from the working directory): run from that folder (cd {folder}), "
            f"or give its banks with {options}"]


def _batch(path: Path, request: KitRequest, seed: int | None, history: Path | None,
           quiet: bool) -> None:
    import time

    from interviewkit.errors import InterviewkitError
    from interviewkit.kit.build import usage_history
    from interviewkit.kit.day import day_directory, index_name, render_day
    from interviewkit.plan.schedule import plan_day, read_schedule

    started = time.perf_counter()
    options = _options(request, team())
    bank = load(request.bank_dirs, request.no_default_bank)
    try:
        schedule = read_schedule(path, bank, request.stages or ())
    except InterviewkitError as error:
        loaded = bank_dirs(request.bank_dirs)
        raise InterviewkitError(error.problems, advice=[
            *error.advice, *_other_team(path, error, loaded)]) from None
    target = day_directory(request.out, schedule)
    roles = sorted({interview.role for interview in schedule.interviews})
    earlier = {role: usage_history(history, role, leaving_out=target)[0] for role in roles
               } if history is not None else None
    day = plan_day(bank, schedule, seed, earlier, request.stages or ())
    printed = {f"the name of {person}": person for interview in schedule.interviews
               for person in (interview.candidate, *interview.interviewers)}
    printed.update((f"the place {i.location}", i.location) for i in schedule.interviews)
    _warn_of_glyphs(printed, options)  # every name and place the documents print
    with _progress_bar(quiet or not sys.stderr.isatty()) as progress:
        result = render_day(bank, schedule, day, target, options,
                            str(history) if history is not None else None, progress)
    manifest = result.manifest
    say(f"day {', '.join(manifest.dates)}: {result.directory}/ (open "
        f"{result.directory / index_name(options.format)})")
    for kit in manifest.kits:
        say(f"  {result.directory / kit.directory}/  kit {kit.kit_id} for {kit.candidate}")
    stacks = sum(1 for person in manifest.interviewers if person.stack)
    kits = len(manifest.kits)
    made = f"{kits} kit{'s' * (kits != 1)}, {result.documents} documents"
    if stacks:  # with PDFs: their pages, and the stacks made of them
        made += (f" ({result.pages} pages), {stacks} interviewer stack{'s' * (stacks != 1)} "
                 f"({result.stack_pages} pages)")
    say(f"{made}, {len(manifest.interviewers)} interviewer and {kits} candidate "
        f"calendars, in {time.perf_counter() - started:.1f} s")
    shared = "once" if day.shared == 1 else f"{day.shared} times"
    say(f"questions asked more than once across the day: {len(day.repeats)} of the "
        f"{day.questions} asked; two candidates asked the same question: {shared} "
        f"({day.independent_shared} had each kit been drawn on its own)")
    if schedule.left_out:
        kept = {interview.candidate for interview in schedule.interviews}
        none = list(dict.fromkeys(i.candidate for i in schedule.left_out
                                  if i.candidate not in kept))
        rows = len(schedule.left_out)
        say(f"{schedule.source}: {rows} row{'s' * (rows != 1)} of other stages left aside "
            f"(--stage {' --stage '.join(request.stages or ())})"
            + (f"; no kit for {', '.join(none)}" if none else ""))


class _progress_bar:
    """A bar on the terminal, one step per document rendered; nothing when `off`."""

    def __init__(self, off: bool) -> None:
        self.off = off
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Callable[[str, int], None] | None:
        if self.off:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        # refreshed by each step, not by a thread: the render pool forks this process. The
        # names it shows are the files' own (slugs), safe for a terminal.
        self.bar = Progress(TextColumn("rendering"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.description}"),
                            console=Console(stderr=True, highlight=False), auto_refresh=False,
                            transient=True)
        self.bar.start()
        return self.step

    def step(self, name: str, total: int) -> None:
        if self.task is None:
            self.task = self.bar.add_task("", total=total)
        self.bar.update(self.task, advance=1, total=total, description=name)
        self.bar.refresh()

    def __exit__(self, *_: object) -> None:
        if self.bar is not None:
            self.bar.stop()
