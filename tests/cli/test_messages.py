"""Messages that say what happened and what to do, for the slips a new team makes first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROLE = "senior-python-engineer"


def build(invoke: Any, out: Path, *more: str) -> Any:
    return invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out", str(out),
                  "--format", "html", *more)


def test_an_empty_folder_is_a_fine_place_for_a_kit(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = build(invoke, tmp_path / "empty")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "empty" / "kit.json").is_file()


def test_a_kit_below_a_file_says_so_even_with_force(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    result = build(invoke, tmp_path / "afile" / "child", "--force")
    assert result.exit_code == 2
    assert "Not a directory" in result.stderr and "already" not in result.stderr


def test_a_folder_named_like_a_card_is_not_a_missing_file(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "x.pdf").mkdir()
    result = invoke("scores", "read", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "is a directory, not a file" in result.stderr and "not found" not in result.stderr


def test_a_bare_list_of_questions_is_told_where_it_goes(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "bank" / "questions").mkdir(parents=True)
    (tmp_path / "bank" / "questions" / "q.yaml").write_text("- id: design-x\n"
                                                            "  competency: design\n")
    result = invoke("bank", "validate", "--bank", str(tmp_path / "bank"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'bank' / 'questions' / 'q.yaml'}:1:1: "
                                    "expected the questions under a `questions:` key")


def test_debrief_of_a_folder_of_kits_names_them(invoke: Any, tmp_path: Path) -> None:
    for name in ("ada", "bo"):
        assert invoke("kit", "build", "-r", ROLE, "--candidate", name, "--out",
                      str(tmp_path / "out" / name), "--format", "html").exit_code == 0
    result = invoke("debrief", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert (f"not a kit folder (no kit.json); the kits below it: {tmp_path / 'out' / 'ada'}, "
            f"{tmp_path / 'out' / 'bo'}") in result.stderr


def test_debrief_of_a_kits_file_or_a_missing_folder_says_which_folder_to_give(
        invoke: Any, tmp_path: Path) -> None:
    """A new user gives kit.json (or a folder that is not there, a slip of the name): the
    debrief said 'out/ada/kit.json/kit.json: cannot be read (Not a directory)'."""
    kit = tmp_path / "out" / "ada"
    assert build(invoke, kit).exit_code == 0
    given = invoke("debrief", str(kit / "kit.json"))
    assert given.exit_code == 2
    assert given.stderr == (f"error: {kit / 'kit.json'}: a file, not a kit folder; give the "
                            f"folder that holds it: interviewkit debrief {kit}\n")
    missing = invoke("debrief", str(tmp_path / "out" / "adaa"))
    assert missing.exit_code == 2
    assert missing.stderr == (f"error: {tmp_path / 'out' / 'adaa'}: no such folder; give the "
                              "candidate's kit folder, the one that holds kit.json\n")


@pytest.mark.parametrize("command", ["build", "blank"])
def test_a_kit_without_a_role_lists_the_roles(command: str, invoke: Any,
                                              tmp_path: Path) -> None:
    extra = ["--candidate", "Ada"] if command == "build" else []
    result = invoke("kit", command, *extra, "--out", str(tmp_path / "k"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: which role? add --role ROLE, one of: ")
    assert ROLE in result.stderr and "engineering-manager" in result.stderr
    assert not (tmp_path / "k").exists()


def test_page_size_in_any_case(invoke: Any, tmp_path: Path) -> None:
    for given, stored in (("a4", "A4"), ("LETTER", "letter")):
        result = build(invoke, tmp_path / given, "--page-size", given)
        assert result.exit_code == 0, result.stderr
        assert json.loads((tmp_path / given / "kit.json").read_text())["page_size"] == stored


@pytest.mark.parametrize("group", [[], ["kit"], ["scores"], ["bank"]])
def test_a_bare_command_shows_its_help_and_succeeds(group: list[str], invoke: Any) -> None:
    result = invoke(*group)
    assert result.exit_code == 0
    assert "Usage: interviewkit" in result.stdout


def test_a_narrow_question_list_says_what_it_left_out(invoke: Any) -> None:
    narrow = invoke("questions", "list", "-c", "ops", "-k", "behavioral", env={"COLUMNS": "80"})
    assert narrow.exit_code == 0
    assert "levels and kind left out to fit 80 columns" in narrow.stderr
    assert "levels" not in narrow.stdout.splitlines()[0]
    wide = invoke("questions", "list", "-c", "ops", "-k", "behavioral", env={"COLUMNS": "110"})
    assert wide.stderr == "" and "levels" in wide.stdout.splitlines()[0]


def test_a_report_folder_that_links_to_itself_is_refused_in_words(invoke: Any,
                                                                  tmp_path: Path) -> None:
    assert build(invoke, tmp_path / "kits" / "ada").exit_code == 0
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    result = invoke("calibrate", str(tmp_path / "kits"), "--out", str(tmp_path / "loop"))
    assert result.exit_code == 2
    assert "a link that never ends" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [
    ("kit", "build", "-r", ROLE, "--candidate", "Ada", "--format", "pfd"),
    ("questions", "list", "--format", "jsno"),
    ("scores", "export", ".", "--format", "greenhous"),
    ("kit", "build", "-r", ROLE, "--candidate", "Ada", "--page-size", "A5"),
])
def test_a_mistyped_choice_is_said_without_the_validators_prefix(
        invoke: Any, args: tuple[str, ...]) -> None:
    """Typer 0.29 checks a choice with pydantic and shows its message as pydantic words it,
    'Value error, 'pfd' is not one of ...': the person typed a value, not a Python error."""
    result = invoke(*args, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert f"{args[-1]!r} is not one of" in result.stderr, result.stderr
    assert "Value error" not in result.stderr, result.stderr
