"""`interviewkit kit`: build a candidate's interview kit, or blank ones for printing."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from interviewkit.cli.common import (
    BankDirs,
    Command,
    DocumentFormat,
    DocumentFormatOption,
    Group,
    NoDefaultBank,
    complete_role,
    load,
    note,
    say,
    team,
    typed_text,
)

if TYPE_CHECKING:
    from interviewkit.config import TeamConfig
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
    "scores/ and files you added are kept.")]
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
    output: DocumentFormat = DocumentFormat.both
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
    if not candidate or options.format == "html":
        return
    from interviewkit.kit.fonts import missing_glyphs

    missing = missing_glyphs(candidate)
    if missing:
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
        note(f"warning: no installed font has {shown} from the candidate's name; the "
             "PDFs would show empty boxes there. Install fonts that cover it (on Debian: "
             "fonts-noto-core, fonts-noto-cjk).")


def _report_progress(name: str) -> None:
    """On a terminal, one line a document; in a pipe, nothing."""
    note(f"rendering {name} …")


@kit_app.command(
    "build", cls=Command,
    epilog="Examples:  interviewkit kit build --role senior-python-engineer --candidate "
    "\"Ada Lovelace\"  ·  interviewkit kit build -r senior-python-engineer --candidate "
    "\"Ada Lovelace\" --format html --company Acme --force",
)
def build(
    candidate: Annotated[str, typer.Option("--candidate", metavar="NAME", help="The "
                                           "candidate's name, as it should be printed.",
                                           show_default=False, callback=typed_text)],
    role: RoleOption = None,
    out: OutOption = None,
    output: DocumentFormatOption = DocumentFormat.both,
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
    output: DocumentFormatOption = DocumentFormat.both,
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
