"""`interviewkit kit`: build a candidate's interview kit, or blank ones for printing."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from interviewkit.cli.common import (
    BankDirs,
    DocumentFormat,
    DocumentFormatOption,
    NoDefaultBank,
    complete_role,
    load,
    note,
    say,
)

if TYPE_CHECKING:
    from interviewkit.kit.build import KitOptions
    from interviewkit.plan.selection import DrawRules

kit_app = typer.Typer(help="Build interview kits: guides, scorecards and a candidate packet.",
                      no_args_is_help=True)


class PageSize(StrEnum):
    a4 = "A4"
    letter = "letter"


RoleOption = Annotated[str, typer.Option("--role", "-r", help="The role whose loop to use.",
                                         autocompletion=complete_role, show_default=False)]
OutOption = Annotated[Path | None, typer.Option(
    "--out", "-o", metavar="DIR", help="Where to write the kit (default: out/<candidate>).",
    show_default=False)]
SeedOption = Annotated[int | None, typer.Option(
    "--seed", help="Seed of the question draw (default: from role and candidate, so a rebuild "
    "gives the same kit).", show_default=False)]
DateOption = Annotated[str | None, typer.Option(
    "--date", help="Date printed on the documents (default: today).", show_default=False)]
CompanyOption = Annotated[str | None, typer.Option(
    "--company", help="Company name on every page (default: interviewkit.toml, or 'Hiring "
    "team').", show_default=False)]
PageSizeOption = Annotated[PageSize | None, typer.Option(
    "--page-size", help="A4 or letter (default: interviewkit.toml, or A4).",
    show_default=False)]
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
StageOption = Annotated[list[str] | None, typer.Option(
    "--stage", help="Only this stage; repeatable (default: every stage).", show_default=False)]


def _options(output: DocumentFormat, date: str | None, company: str | None,
             page_size: PageSize | None, templates: list[Path] | None, force: bool,
             yaml_scorecards: bool) -> tuple[KitOptions, list[Path]]:
    from datetime import date as Date

    from interviewkit.config import load_config
    from interviewkit.kit.build import KitOptions

    config = load_config()
    options = KitOptions(
        company=company or config.company or "Hiring team",
        accent=config.accent or KitOptions.accent,
        logo=config.logo,
        page_size=(page_size.value if page_size else config.page_size) or "A4",
        date=Date.today().isoformat() if date is None else date,
        format=output.value,
        templates=tuple(templates or config.templates),
        force=force,
        yaml_scorecards=yaml_scorecards,
    )
    return options, list(config.banks)


def _rules(role: str, pin: list[str] | None, exclude: list[str] | None,
           avoid: list[Path] | None, history: Path | None) -> DrawRules:
    from interviewkit.kit.build import usage_history
    from interviewkit.kit.manifest import read_manifest
    from interviewkit.plan.selection import DrawRules

    avoided = frozenset(qid for path in avoid or () for qid in read_manifest(path).asked)
    usage = usage_history(history, role)[0] if history is not None else None
    return DrawRules(pins=tuple(pin or ()), excludes=tuple(exclude or ()), avoid=avoided,
                     usage=usage)


def _build(role: str, candidate: str | None, out: Path | None, output: DocumentFormat,
           seed: int | None, date: str | None, company: str | None, page_size: PageSize | None,
           templates: list[Path] | None, force: bool, stage: list[str] | None,
           bank_dir: list[Path] | None, no_default_bank: bool, rules: DrawRules,
           yaml_scorecards: bool = False) -> None:
    from interviewkit.kit.build import kit_directory, render_kit
    from interviewkit.plan.selection import plan_kit

    options, config_banks = _options(output, date, company, page_size, templates, force,
                                     yaml_scorecards)
    bank = load([*config_banks, *(bank_dir or [])], no_default_bank)
    plan = plan_kit(bank, role, candidate, seed, stage or (), rules)
    target = kit_directory(out, candidate, role)
    _warn_missing_glyphs(candidate, options)
    progress = _report_progress if sys.stderr.isatty() else None
    result = render_kit(bank, plan, target, options, progress=progress)
    for line in result.notes:
        note(f"note: {line}")
    who = f"for {candidate}" if candidate else "(blank)"
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
    "build",
    epilog="Examples:  interviewkit kit build --role senior-python-engineer --candidate "
    "\"Ada Lovelace\"  ·  interviewkit kit build -r senior-python-engineer --candidate "
    "\"Ada Lovelace\" --format html --company Acme --force",
)
def build(
    role: RoleOption,
    candidate: Annotated[str, typer.Option("--candidate", "-c", help="The candidate's name, "
                                           "as it should be printed.", show_default=False)],
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
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Build a candidate's kit: a guide and a scorecard per stage, a candidate packet, and
    kit.json."""
    if not candidate.strip():
        from interviewkit.errors import InterviewkitError

        raise InterviewkitError(["--candidate must not be empty"])
    _build(role, candidate.strip(), out, output, seed, date, company, page_size, templates,
           force, stage, bank_dir, no_default_bank, _rules(role, pin, exclude, avoid, history),
           yaml_scorecards)


@kit_app.command(
    "blank",
    epilog="Example:  interviewkit kit blank --role senior-python-engineer --format pdf",
)
def blank(
    role: RoleOption,
    out: OutOption = None,
    output: DocumentFormatOption = DocumentFormat.both,
    seed: SeedOption = None,
    date: Annotated[str, typer.Option("--date", help="Date printed on the documents "
                                      "(default: a line to fill in).")] = "",
    company: CompanyOption = None,
    page_size: PageSizeOption = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
    stage: StageOption = None,
    pin: PinOption = None,
    exclude: ExcludeOption = None,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Blank guides and scorecards with no candidate, for printing a stack."""
    _build(role, None, out, output, seed, date, company, page_size, templates, force, stage,
           bank_dir, no_default_bank, _rules(role, pin, exclude, None, None))
