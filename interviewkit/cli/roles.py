"""`interviewkit roles`: see, check and start the interview loops of roles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interviewkit.cli.common import (
    BankDirs,
    Command,
    Format,
    Group,
    NoDefaultBank,
    TableOrJson,
    bank_dirs,
    complete_role,
    console,
    load,
    print_json,
    say,
)

if TYPE_CHECKING:
    from interviewkit.models import Bank, Role

roles_app = typer.Typer(cls=Group, help="See, check and start roles' interview loops.",
                        no_args_is_help=True)


def _role(bank: Bank, role_id: str) -> Role:
    from interviewkit.errors import InterviewkitError
    from interviewkit.plan.selection import unknown_values

    role = bank.role(role_id)
    if role is None:
        raise InterviewkitError(unknown_values("role", [role_id], [r.id for r in bank.roles]))
    return role


@roles_app.command("list", cls=Command, epilog="Examples:  interviewkit roles list  ·  "
                   "interviewkit roles list --format json")
def list_roles(
    output: TableOrJson = Format.table,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """List the roles and their loops' length."""
    from rich.markup import escape
    from rich.table import Table

    bank = load(bank_dir, no_default_bank)
    records = [{"id": r.id, "title": r.title, "level": r.level, "stages": len(r.stages),
                "minutes": sum(s.minutes for s in r.stages)} for r in bank.roles]
    if output is Format.json:
        print_json(records)
        return
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    for name in ("id", "title", "level", "stages", "minutes"):
        table.add_column(name, justify="right" if name in ("stages", "minutes") else "left")
    for record in records:
        table.add_row(*(escape(str(record[k])) for k in record))
    console().print(table)


@roles_app.command("show", cls=Command,
                   epilog="Example:  interviewkit roles show senior-python-engineer")
def show_role(
    role_id: Annotated[str, typer.Argument(metavar="ROLE", autocompletion=complete_role,
                                           help="The role's id.")],
    output: TableOrJson = Format.table,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Show a role's loop: each stage's minutes, what it asks (families, competencies) and
    the pool each draws from."""
    from rich.markup import escape
    from rich.table import Table

    from interviewkit.plan.capacity import draw_pool
    from interviewkit.plan.selection import kind_profile

    bank = load(bank_dir, no_default_bank)
    role = _role(bank, role_id)
    profile = kind_profile(bank, role)
    stages: list[dict[str, Any]] = [{
        "id": stage.id, "name": stage.name, "minutes": stage.minutes,
        "candidate_minutes": stage.candidate_minutes,
        "competencies": [{"competency": c, "questions": n,
                          "pool": len(draw_pool(bank, role, stage.id, c)),
                          "kinds": profile[(stage.id, c)],
                          "budget_minutes": stage.budgets.get(c)}
                         for c, n in stage.competencies.items()],
        "families": [{"family": f, "pool": len(stage.family_pool(bank.questions, f,
                                                                 role.level))}
                     for f in stage.families],
        "kind": stage.kind,
        "pinned": list(stage.pinned), "exclude": list(stage.exclude), "kinds": list(stage.kinds),
    } for stage in role.stages]
    if output is Format.json:
        print_json({"id": role.id, "title": role.title, "level": role.level,
                    "stages": stages, "decision_rule": role.decision_rule})
        return
    out = console()
    out.print(f"[bold]{escape(role.title)}[/] ({role.id}) · level {role.level} · "
              f"{sum(s.minutes for s in role.stages)} minutes in {len(role.stages)} stages")
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0),
                  caption="competency n/p: n questions drawn from a pool of p; family 1/p: "
                  "one of its p questions; +id pinned, -id excluded", caption_justify="left")
    table.add_column("stage", no_wrap=True)
    table.add_column("minutes", justify="right", no_wrap=True)
    table.add_column("asks")
    table.add_column("pinned / excluded")
    for stage in stages:
        comps = ", ".join(f"{c['competency']} {c['questions']}/{c['pool']}"
                          + (f" ({c['budget_minutes']} min)" if c["budget_minutes"] else "")
                          for c in stage["competencies"])
        comps = ", ".join(filter(None, [comps, *(f"{f['family']} 1/{f['pool']}"
                                                  for f in stage["families"])]))
        if stage["kind"] == "exercise":
            comps = f"exercise: {comps}"
        extra = " ".join(f"+{q}" for q in stage["pinned"]) + " " + \
            " ".join(f"-{q}" for q in stage["exclude"])
        table.add_row(stage["id"], f"{stage['minutes']} ({stage['candidate_minutes']} kept)",
                      comps, extra.strip() or "-")
    out.print(table)
    out.print("[bold]How the panel decides:[/] "
              + (escape(" ".join(role.decision_rule.split())) if role.decision_rule else
                 "none written (add decision_rule to the role's file: its guides end with it)"))


@roles_app.command("check", cls=Command, epilog="Examples:  interviewkit roles check  ·  "
                   "interviewkit roles check senior-python-engineer --format json")
def check_roles(
    role_id: Annotated[str | None, typer.Argument(metavar="ROLE", autocompletion=complete_role,
                                                  help="One role (default: every role).")
                       ] = None,
    output: TableOrJson = Format.table,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Check that every stage can be filled, how far each loop can rotate, and that no text
    `roles new` left to write is still there."""
    from interviewkit.bank.lint import placeholders
    from interviewkit.errors import InterviewkitError
    from interviewkit.plan.capacity import comparability, role_capacity
    from interviewkit.plan.selection import plan_kit

    bank = load(bank_dir, no_default_bank)
    roles = [_role(bank, role_id)] if role_id else list(bank.roles)
    reports: list[dict[str, Any]] = []
    failures = []
    for role in roles:
        figures = role_capacity(bank, role)
        alike = comparability(bank, role)
        try:
            plan_kit(bank, role.id, None, seed=0)
            fillable, reason = True, ""
        except InterviewkitError as error:
            fillable, reason = False, "; ".join(error.lines)
            failures.append(f"{role.id}: {reason}")
        reports.append({
            "role": role.id, "level": role.level, "fillable": fillable, "reason": reason,
            "disjoint_kits": figures.disjoint_kits,
            "distinct_kits": figures.distinct_kits, "distinct_kits_exact": figures.distinct_exact,
            "competencies": [{"competency": c.competency, "per_kit": c.per_kit, "pool": c.pool,
                              "disjoint_kits": c.disjoint_kits} for c in figures.competencies],
            "thin": list(figures.thin),
            "comparable": all(stage.comparable for stage in alike),
            "stages": [{"stage": stage.stage, "comparable": stage.comparable,
                        "families": list(stage.families), "pinned": stage.pinned,
                        "free": stage.free} for stage in alike],
            "placeholders": [str(p) for p in placeholders(bank, role.id)],
        })
    if output is Format.json:
        print_json(reports)
    else:
        for report in reports:
            status = "ok" if report["fillable"] else "CANNOT BE FILLED"
            bound = "" if report["distinct_kits_exact"] else "at most "
            kits = report["disjoint_kits"]
            distinct = report["distinct_kits"]
            say(f"{report['role']}: {status}; {kits} candidate{'s' * (kits != 1)} can "
                f"get fully different questions; {bound}{distinct:,} "
                f"different kit{'s' * (distinct != 1)} (minutes aside)")
            for competency in report["competencies"]:
                pool, disjoint = competency["pool"], competency["disjoint_kits"]
                say(f"  {competency['competency']}: {competency['per_kit']} a kit from "
                    f"{pool} question{'s' * (pool != 1)}, {disjoint} disjoint "
                    f"kit{'s' * (disjoint != 1)}")
            for warning in report["thin"]:
                say(f"  thin: {warning}")
            say(f"  comparable: every candidate answers the same families at level "
                f"{report['level']}" if report["comparable"] else
                "  NOT comparable: candidates may get questions of different difficulty in "
                "one slot")
            for stage in report["stages"]:
                free = ", ".join(f"{n} {c}" for c, n in stage["free"].items() if n)
                alike_text = ", ".join(stage["families"]) or "no family"
                say(f"    {stage['stage']}: {alike_text}"
                    + (f", {stage['pinned']} pinned" if stage["pinned"] else "")
                    + (f"; drawn freely: {free}" if free else ""))
            for where in report["placeholders"]:
                say(f"  to write before a candidate's kit: {where}")
    if failures:
        raise InterviewkitError(failures)


@roles_app.command("new", cls=Command,
                   epilog="Examples:  interviewkit roles new platform-engineer --into "
                   "./our-bank  ·  interviewkit roles new senior-data-engineer --from "
                   "senior-python-engineer --into ./our-bank")
def new_role(
    role_id: Annotated[str, typer.Argument(metavar="ID", help="The new role's id "
                                           "(lowercase letters, digits, hyphens).")],
    into: Annotated[Path | None, typer.Option(
        "--into", metavar="DIR", help="The team's bank directory (default: the first bank "
        "of interviewkit.toml, else of $INTERVIEWKIT_BANK). A folder that does not exist, or "
        "holds no bank (no bank.yaml, questions/ or roles/) and is named by none of them "
        "nor --bank, is refused.", show_default=False)] = None,
    from_role: Annotated[str | None, typer.Option(
        "--from", metavar="ROLE", autocompletion=complete_role,
        help="Start from this role: the new file extends it.", show_default=False)] = None,
    level: Annotated[str | None, typer.Option(
        "--level", metavar="LEVEL", help="The role's level (default: the --from role's, "
        "else senior).", show_default=False)] = None,
    bank_dir: BankDirs = None,
    no_default_bank: NoDefaultBank = False,
) -> None:
    """Write a commented starter role file into a team's bank directory (never over one)."""
    import re

    from interviewkit.bank.files import bank_files, check_team_dir, same_directory
    from interviewkit.bank.starter import starter_role
    from interviewkit.errors import InterviewkitError, display_path
    from interviewkit.models import SLUG_PATTERN
    from interviewkit.output import write_files

    if not re.fullmatch(SLUG_PATTERN, role_id):
        raise InterviewkitError([f"'{role_id}' is not a valid id: use lowercase letters, "
                                 "digits and hyphens"])
    configured = bank_dirs()  # what every command loads without --bank
    target_dir = into or next(iter(configured), None)
    if target_dir is None:
        raise InterviewkitError(["say where the team's bank is: --into DIR (or banks in "
                                 "interviewkit.toml, or INTERVIEWKIT_BANK)"])
    check_team_dir(target_dir, [*configured, *(bank_dir or [])], "roles")
    # the team's directory joins the bank once it holds bank files; new or empty, it is
    # left out, even where interviewkit.toml or $INTERVIEWKIT_BANK names it (the loader
    # takes each directory once, however often it is named)
    has_files = target_dir.is_dir() and bool(bank_files(target_dir).all)
    bank = load([*(bank_dir or []), *([target_dir] if has_files else [])], no_default_bank,
                leaving_out=None if has_files else target_dir)
    if bank.role(role_id):
        raise InterviewkitError([f"a role '{role_id}' already exists "
                                 f"({bank.origins.get('role:' + role_id, '')})"])
    parent = _role(bank, from_role) if from_role else None
    text = starter_role(bank, role_id, parent, level)
    path = target_dir / "roles" / f"{role_id}.yaml"
    if path.exists():
        raise InterviewkitError([f"{path}: already exists; edit it, or choose another id"])
    write_files(target_dir, {f"roles/{role_id}.yaml": text.encode("utf-8")})
    say(f"wrote {display_path(path)}")
    # the hint names the directory only when the commands would not load it anyway
    loaded = {same_directory(d) for d in [*configured, *(bank_dir or [])]}
    option = "" if same_directory(target_dir) in loaded else f" --bank {target_dir}"
    say(f"next: edit it, then  interviewkit roles check {role_id}{option}")
