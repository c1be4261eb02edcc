"""The `interviewkit` command line: parse, call the package, print. No logic lives here."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from interviewkit.cli.bank import bank_app, init_repo
from interviewkit.cli.common import Command, Group
from interviewkit.cli.kit import kit_app
from interviewkit.cli.questions import questions_app
from interviewkit.cli.roles import roles_app
from interviewkit.cli.scores import calibrate, debrief, scores_app
from interviewkit.errors import INTERRUPTED, interrupted_exit_code
from interviewkit.version import __version__

# The commands in the order a team comes to them: start a bank repository, check it, find
# questions, see the roles' loops, build kits, read the filled cards, debrief, calibrate.
FLOW = ("init", "bank", "questions", "roles", "kit", "scores", "debrief", "calibrate")


class _App(Group):
    """Turns every user error raised below into its message on stderr and exit code 2."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(super().list_commands(ctx),
                      key=lambda name: FLOW.index(name) if name in FLOW else len(FLOW))

    def invoke(self, ctx: Any) -> Any:
        from interviewkit.cli.common import note
        from interviewkit.errors import InterviewkitError

        try:
            return super().invoke(ctx)
        except InterviewkitError as error:
            report = error.report  # one line for a problem repeated on many lines
            for line in report:
                note(line)  # messages quote values from files: no control characters
            if len(report) > 1:
                note(f"{len(report)} problems found")
            for line in error.advice:
                note(line)
            raise typer.Exit(2) from None
        except KeyboardInterrupt as stop:
            # Every file is written beside its place and renamed in whole, so stopping here
            # leaves each output as it was or complete.
            typer.echo(INTERRUPTED, err=True)
            raise typer.Exit(interrupted_exit_code(stop)) from None


app = typer.Typer(
    cls=_App,
    name="interviewkit",
    help="Structured interviewing as code: check a question bank, plan and print interview "
    "kits, and bring filled scorecards back into a debrief.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(questions_app, name="questions")
app.add_typer(bank_app, name="bank")
app.add_typer(kit_app, name="kit")
app.add_typer(roles_app, name="roles")
app.add_typer(scores_app, name="scores")
app.command("debrief", cls=Command, epilog="Examples:  interviewkit debrief out/ada-lovelace  ·  "
            "interviewkit debrief out/ada-lovelace cards/*.pdf --partial")(debrief)
app.command("init", cls=Command, epilog="Examples:  interviewkit init our-bank-repo  ·  "
            "interviewkit init our-bank-repo --role platform-engineer --company Acme"
            )(init_repo)
app.command("calibrate", cls=Command, epilog="Examples:  interviewkit calibrate out/  ·  "
            "interviewkit calibrate out/ archive/ --format csv --out reports")(calibrate)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"interviewkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Structured interviewing as code: check a question bank, plan and print interview kits,
    and bring filled scorecards back into a debrief."""


def main() -> None:
    """Kept for `interviewkit.cli:main` callers; the console script is interviewkit.entry."""
    app()
