"""What a refusal points at must be where to go: the bank a misspelt --into meant, the banks
of the interviewkit.toml beside a schedule (and only when they are not in use), and every
place a repeated problem is on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interviewkit.errors import InterviewkitError, Problem


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _repo(invoke: Any, where: Path) -> Path:
    result = invoke("init", str(where))
    assert result.exit_code == 0, result.stderr
    return where


@pytest.mark.parametrize("command", [("questions", "import", "q.csv"), ("roles", "new", "x")])
def test_into_a_folder_inside_a_bank_names_the_bank(command: tuple[str, ...], folder: Path,
                                                    invoke: Any) -> None:
    """--into repo/questions (the folder the questions go in) was told to start a bank
    there: `mkdir -p repo/questions/questions`, a bank nothing loads."""
    _repo(invoke, folder / "repo")
    (folder / "q.csv").write_text("id,competency\n")
    inner = "questions" if command[0] == "questions" else "roles"
    result = invoke(*command, "--into", f"repo/{inner}")
    assert result.exit_code == 2
    assert "did you mean 'repo'" in result.stderr, result.stderr
    assert "mkdir" not in result.stderr, result.stderr


def _team(folder: Path, invoke: Any, banks: str = "our-bank") -> Path:
    """A team folder whose interviewkit.toml names its bank in a folder below, and a
    schedule beside it for the bank's role."""
    team = folder / "team"
    team.mkdir()
    _repo(invoke, team / banks)
    (team / banks / "interviewkit.toml").unlink()
    (team / "interviewkit.toml").write_text(f'banks = ["{banks}"]\n')
    result = invoke("kit", "batch", "--example", "our-engineer", "--bank", str(team / banks))
    assert result.exit_code == 0, result.stderr
    (team / "day.csv").write_text(result.stdout)
    return team


def test_the_hint_names_the_banks_of_the_toml_beside_the_schedule(folder: Path,
                                                                   invoke: Any) -> None:
    """It said `--bank team`: the toml's folder, which is no bank."""
    _team(folder, invoke)
    result = invoke("kit", "batch", "team/day.csv", "--out", "day")
    assert result.exit_code == 2
    hint = [line for line in result.stderr.splitlines() if line.startswith("hint:")]
    assert len(hint) == 1, result.stderr
    assert "--bank team/our-bank" in hint[0] and "--bank team " not in hint[0] + " "


def test_no_hint_when_the_banks_of_that_toml_are_in_use(folder: Path, invoke: Any) -> None:
    """A misspelt role with the toml's own bank given: the toml is not the cause."""
    team = _team(folder, invoke)
    (team / "typo.csv").write_text((team / "day.csv").read_text().replace(
        ",our-engineer,", ",our-enginer,"))
    result = invoke("kit", "batch", "team/typo.csv", "--out", "day", "--bank",
                    "team/our-bank")
    assert result.exit_code == 2
    assert "our-enginer" in result.stderr
    assert "hint:" not in result.stderr, result.stderr


def test_the_hint_for_a_toml_above_the_working_directory(folder: Path, invoke: Any,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """Run from a folder below the team's: its interviewkit.toml is not read there."""
    team = _team(folder, invoke)
    (team / "days").mkdir()
    (team / "day.csv").rename(team / "days" / "day.csv")
    monkeypatch.chdir(team / "days")
    result = invoke("kit", "batch", "day.csv", "--out", "day")
    assert result.exit_code == 2
    hint = [line for line in result.stderr.splitlines() if line.startswith("hint:")]
    assert len(hint) == 1 and hint[0].endswith(f"--bank {team / 'our-bank'}"), result.stderr


def test_a_problem_in_two_columns_of_one_line_is_said_for_each() -> None:
    """Grouping the same message over lines kept only the first column of a line."""
    error = InterviewkitError([Problem("s.csv", 1, 2, "rol", "unknown column"),
                               Problem("s.csv", 1, 3, "rol", "unknown column"),
                               Problem("s.csv", 2, 2, "role", "unknown role"),
                               Problem("s.csv", 3, 2, "role", "unknown role")])
    assert error.report == ["s.csv:1:2: rol: unknown column",
                            "s.csv:1:3: rol: unknown column",
                            "s.csv:2:2: role: unknown role (rows 2-3)"]
