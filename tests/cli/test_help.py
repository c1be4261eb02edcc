"""`--help` is what runs: every command's help reads clean (each value named by its metavar,
no Python type, no doubled bracket), a short option means one thing in every command, and
every example a help shows runs as written, after the obvious step before it."""

from __future__ import annotations

import glob
import json
import re
import shlex
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.core import TyperGroup, TyperOption
from typer.testing import CliRunner

from interviewkit.cli import app

from ..conftest import SHIPPED, fill_with_pypdf, question, write_bank

WIDTH = {"COLUMNS": "100"}  # help wraps at the terminal's width; the checks must not depend on it


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command of the app, groups and the app itself included, by the words that call it."""
    yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(typer.main.get_command(app)))
LEAVES = {path: command for path, command in COMMANDS.items()
          if not isinstance(command, TyperGroup)}


def examples(command: Any) -> list[str]:
    """The examples of a command's epilog: after 'Example:' or 'Examples:', split on ' · '."""
    epilog = " ".join((command.epilog or "").split())
    found = re.match(r"Examples?: (.*)", epilog)
    return [example.strip() for example in found[1].split(" · ")] if found else []


def _help(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env=WIDTH)
    assert result.exit_code == 0, result.output
    return result.stdout


# A Python type where a person expects a name for the value: <bool> beside a flag that takes
# none, <str>, <int>, <path>, <list[Path]> (choices such as <table|json> say what to type).
PYTHON_TYPE = re.compile(r"<(bool|str|int|float|path|file|dir|directory|text|uuid|datetime|"
                         r"(list|tuple|dict|set)\[[^>]*\])>", re.IGNORECASE)
# A bracket, brace or ellipsis said twice: [[ROLE]], {FILE...}..., [[FILES]...]...
DOUBLED = re.compile(r"\[\[|\]\]|\{\{|\}\}|\.\.\.[\]}]\.\.\.|\.{6}")


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "interviewkit")
def test_help_names_values_without_python_types_or_doubled_brackets(
        path: tuple[str, ...]) -> None:
    shown = _help(path)
    assert not PYTHON_TYPE.findall(shown), shown
    assert not DOUBLED.findall(shown), shown


def test_the_commands_are_listed_in_the_order_a_team_comes_to_them() -> None:
    shown = _help(())
    listed = [line.split()[1] for line in shown.split("─ Commands ─", 1)[1].splitlines()[1:]
              if line.startswith("│ ") and line[2] != " "]
    assert listed == ["init", "bank", "questions", "roles", "kit", "scores", "debrief",
                      "calibrate"]


def test_a_short_option_means_one_thing_in_every_command() -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    for command in COMMANDS.values():
        for param in command.params:
            if isinstance(param, TyperOption):
                longs = [o for o in param.opts if o.startswith("--")]
                for short in (o for o in param.opts if not o.startswith("--")):
                    meanings[short].update(longs)
    assert {short: sorted(longs) for short, longs in meanings.items() if len(longs) > 1} == {}


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_every_command_shows_an_example_of_itself(path: tuple[str, ...]) -> None:
    found = examples(LEAVES[path])
    assert found, f"interviewkit {' '.join(path)} --help shows no example"
    for example in found:
        assert example.startswith(" ".join(("interviewkit", *path)) + " ") or \
            example == " ".join(("interviewkit", *path)), example


@pytest.mark.parametrize(("args", "default"), [
    (["kit", "build", "--role", "senior-python-engineer", "--candidate", "Ada Lovelace"],
     "out/ada-lovelace"),
    (["kit", "blank", "--role", "senior-python-engineer"], "out/blank-senior-python-engineer"),
])
def test_the_folder_a_kit_help_gives_as_default_is_where_the_kit_goes(
        args: list[str], default: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (out,) = (p for p in LEAVES[tuple(args[:2])].params if "--out" in p.opts)
    assert f"e.g. {default})" in out.help
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(app, [*args, "--format", "html"])
    assert built.exit_code == 0, built.output
    assert (tmp_path / default / "kit.json").is_file()


# -- every example runs -------------------------------------------------------------------

ROLE = "senior-python-engineer"
PLATFORM = {"id": "platform", "name": "Platform operations",
            "description": "How you run the shared platform other teams build on."}


def _platform_question(topic: str, prompt: str) -> dict[str, Any]:
    """A team's question that `bank lint` passes: anchors that describe what is done."""
    slug = topic.replace(" ", "-")
    return question(
        f"platform-{slug}", "platform", tags=["kubernetes", slug], prompt=prompt,
        rubric={1: f"Names no concrete step for {topic} and cannot say who would notice a "
                   "failure.",
                2: f"Describes {topic} for one cluster by hand, with no plan for the teams "
                   "that depend on it.",
                3: f"Lays out {topic} with automation, a rollback path and a way to tell the "
                   "affected teams; without the rollback path, rate 2.",
                4: f"Designs {topic} so teams serve themselves, measures it, and explains the "
                   "trade-offs they chose; with no measure of it, rate 3."})


TEAM_QUESTIONS = [
    _platform_question("upgrades", "Forty product teams deploy to a cluster every day. How "
                       "would you move it to the next Kubernetes version?"),
    _platform_question("capacity planning", "Tell me how you decided last time how many "
                       "nodes a shared environment needed, and what you measured."),
    _platform_question("incident review", "An outage of the shared ingress took down every "
                       "team for an hour. What happens in the week after?"),
]


# Questions a team keeps in a spreadsheet, for `questions import`.
SHEET_QUESTIONS = [
    _platform_question("cluster quotas", "A team's batch jobs keep starving the others of CPU "
                       "on a shared cluster. What limits would you set, and how?"),
    _platform_question("base images", "Every service builds on our own container base image. "
                       "How would you keep it patched without breaking the teams?"),
]


def _fill(kit: Path, interviewers: list[str]) -> None:
    """Every stage's scorecard of a kit filled and put in scores/, as an interviewer would:
    the PDF form where the kit has PDFs, else the YAML card."""
    manifest = json.loads((kit / "kit.json").read_text())
    for stage, who in zip(manifest["stages"], interviewers, strict=True):
        ratings = {c: 3 for c in stage["competencies"]}
        pdf = kit / f"scorecard-{stage['stage']}.pdf"
        if pdf.exists():
            fill_with_pypdf(pdf, kit / "scores" / f"{stage['stage']}.pdf", {
                "interviewer": who, "overall": "3",
                **{f"rating_{c}": str(v) for c, v in ratings.items()},
                **{f"evidence_{c}": "Explained the trade-off and what they measured."
                   for c in ratings}})
        else:
            (kit / "scores").mkdir(exist_ok=True)
            (kit / "scores" / f"{stage['stage']}.yaml").write_text(yaml.safe_dump(
                _yaml_card(kit / f"scorecard-{stage['stage']}.yaml", who, ratings)))


def _yaml_card(blank: Path, who: str, ratings: dict[str, int]) -> dict[str, Any]:
    card: dict[str, Any] = yaml.safe_load(blank.read_text())
    card.update(interviewer=who, ratings=ratings, overall=3,
                evidence={c: "Explained the trade-off and what they measured." for c in ratings})
    return card


PANEL = ["Ann Lee", "Bo Chen", "Cy Diaz", "Di Okafor", "Ed Park", "Fay Moss"]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a person has made before an example can work, made once: a candidate's kit with
    filled cards, those cards in a folder, a filled YAML card, an older kit in archive/, a
    team's bank that adds to the shipped one, and a full bank of the team's own."""
    root = tmp_path_factory.mktemp("prepared")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("INTERVIEWKIT_BANK", raising=False)
        patch.chdir(root)
        for args in (["--candidate", "Ada Lovelace", "--yaml-scorecards"],
                     ["--candidate", "Grace Hopper", "--out", "archive/grace-hopper",
                      "--format", "html", "--yaml-scorecards"]):
            built = runner.invoke(app, ["kit", "build", "--role", ROLE, *args])
            assert built.exit_code == 0, built.output
    kit = root / "out" / "ada-lovelace"
    _fill(kit, PANEL)
    _fill(root / "archive" / "grace-hopper", PANEL)
    shutil.copytree(kit / "scores", root / "cards")
    stage = json.loads((kit / "kit.json").read_text())["stages"][-1]
    (root / "card.yaml").write_text(yaml.safe_dump(_yaml_card(
        kit / f"scorecard-{stage['stage']}.yaml", "Eve Ng",
        {c: 3 for c in stage["competencies"]})))
    write_bank(root / "our-bank", TEAM_QUESTIONS, settings={"competencies": [PLATFORM]})
    sheet = write_bank(root / "sheet", SHEET_QUESTIONS, settings={"competencies": [PLATFORM]})
    for name in ("platform.csv", "platform.xlsx"):
        exported = runner.invoke(app, ["questions", "export", "--bank", str(sheet), "-c",
                                       "platform", "--out", str(root / name)])
        assert exported.exit_code == 0, exported.output
    example = runner.invoke(app, ["kit", "batch", "--example", ROLE])
    assert example.exit_code == 0, example.output
    (root / "day.csv").write_text(example.stdout)
    shutil.copytree(SHIPPED, root / "our-full-bank")
    return root


# What each command's examples need from `prepared`: the step a person takes first. Anything
# else an example names, it makes itself.
BEFORE: dict[tuple[str, ...], tuple[str, ...]] = {
    ("debrief",): ("out", "cards"),
    ("calibrate",): ("out", "archive"),
    ("scores", "read"): ("out", "card.yaml"),
    ("scores", "export"): ("out",),
    ("bank", "validate"): ("our-bank", "our-full-bank"),
    ("bank", "lint"): ("our-bank",),
    ("roles", "new"): ("our-bank",),
    ("questions", "import"): ("our-bank", "platform.csv", "platform.xlsx"),
    ("kit", "batch"): ("out", "day.csv"),
}


def _shell_words(example: str) -> tuple[list[str], str | None, str | None]:
    """An example split as a POSIX shell would: the words of the interviewkit command, with
    globs expanded in the working directory; the file its output is redirected to; the
    program it is piped into."""
    lexer = shlex.shlex(example, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words = list(lexer)
    command, redirect, pipe = words, None, None
    if "|" in words:
        command, pipe = words[:words.index("|")], words[words.index("|") + 1]
    if ">" in command:
        command, redirect = command[:command.index(">")], command[command.index(">") + 1]
    expanded: list[str] = []
    for word in command:
        matches = sorted(glob.glob(word)) if glob.has_magic(word) else []
        expanded += matches or [word]
    return expanded, redirect, pipe


EXAMPLES = [(path, example) for path, command in LEAVES.items() for example in examples(command)]


@pytest.mark.parametrize(("path", "example"), EXAMPLES, ids=[e for _, e in EXAMPLES])
def test_every_example_runs_as_written(path: tuple[str, ...], example: str, prepared: Path,
                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in BEFORE.get(path, ()):
        source = prepared / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INTERVIEWKIT_BANK", raising=False)
    words, redirect, pipe = _shell_words(example)
    assert words[0] == "interviewkit" and "$" not in example, example
    result = CliRunner().invoke(app, words[1:])
    assert result.exit_code == 0, f"{example}\n{result.output}"
    if redirect:
        (tmp_path / redirect).write_text(result.stdout)
        assert result.stdout
    if pipe == "jq":
        json.loads(result.stdout)
    else:
        assert pipe is None, f"{example}: piped into {pipe}, which this test does not know"


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "interviewkit")
def test_help_paragraphs_wrap_at_the_terminal_not_where_the_docstring_broke(
        path: tuple[str, ...]) -> None:
    """A docstring's paragraph, and each command's line in its group's list, reads as one
    paragraph wrapped at the terminal's width: Typer's rich help kept the source's line
    breaks, so a wide terminal showed 'figures per' and 'competency' on two short lines."""
    import inspect

    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "1000"})
    assert result.exit_code == 0, result.output
    shown = result.stdout
    command = COMMANDS[path]
    paragraphs = inspect.cleandoc(command.help or "").split("\n\n")
    listed = [inspect.cleandoc(sub.help or "").split("\n\n")[0]
              for sub in getattr(command, "commands", {}).values()]
    for paragraph in [*paragraphs, *listed]:
        assert " ".join(paragraph.split()) in shown, paragraph
