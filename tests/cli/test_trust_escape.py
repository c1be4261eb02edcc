"""Text from banks and cards is data: no control sequence reaches a terminal, no formula
reaches a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import question, shipped_role, write_bank

ROLE = "engineering-manager"
# A clipboard write (OSC 52, ended by BEL), a screen clear (CSI), the one-byte C1 CSI, a
# carriage return that would let text overwrite its line, and a right-to-left override.
HOSTILE = ("before \x1b]52;c;aGVsbG8=\x07 middle \x1b[2J \x9b31m \x00\x08\x7f"
           "over\rwritten \u202eafter")
FORMULA = '=HYPERLINK("http://example.invalid","click")'
# What must never be printed: C0 controls but newline and tab, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _kit(invoke: Any, root: Path, cards: dict[str, tuple[str, dict[str, int], str]]) -> Path:
    """A kit with filled YAML cards: stage -> (interviewer, ratings, evidence)."""
    out = root / "kit"
    built = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out", str(out),
                   "--format", "html", "--yaml-scorecards")
    assert built.exit_code == 0, built.stderr
    (out / "scores").mkdir(exist_ok=True)
    for stage, (who, ratings, evidence) in cards.items():
        card = yaml.safe_load((out / f"scorecard-{stage}.yaml").read_text())
        card.update(interviewer=who, ratings=ratings, overall=3,
                    evidence={c: evidence for c in ratings})
        (out / "scores" / f"{stage}.yaml").write_text(yaml.safe_dump(card))
    return out


def test_terminal_text() -> None:
    from interviewkit.escape import terminal_text

    assert terminal_text(HOSTILE) == ("before ]52;c;aGVsbG8= middle [2J 31m over\nwritten "
                                      "after")
    assert terminal_text("a\tb\nc\r\nd") == "a\tb\nc\nd"
    assert terminal_text("Zoë 山田 — fine") == "Zoë 山田 — fine"


def test_spreadsheet_cell() -> None:
    from interviewkit.escape import spreadsheet_cell, terminal_text

    for text in (FORMULA, "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=1+1"):
        assert spreadsheet_cell(text) == "'" + terminal_text(text)
    for text in ("Ann", "a = b", "", "2026-02-01", "x-1"):
        assert spreadsheet_cell(text) == text
    for number in (-0.75, -2, 3, 0, None, True):
        assert spreadsheet_cell(number) is number  # numbers stay numbers
    assert spreadsheet_cell("\x1b=cmd") == "'=cmd"


def test_scores_read_prints_no_control_characters(invoke: Any, tmp_path: Path) -> None:
    kit = _kit(invoke, tmp_path, {"values": ("Mal\x1b]0;owned\x07lory", {"culture": 3},
                                             HOSTILE)})
    result = invoke("scores", "read", str(kit / "scores" / "values.yaml"))
    assert result.exit_code == 0, result.stderr
    assert not UNSAFE.search(result.stdout), repr(result.stdout)
    assert not UNSAFE.search(result.stderr)
    for visible in ("before", "middle", "after", "Mal]0;ownedlory"):
        assert visible in result.stdout
    # JSON keeps the text whole, escaped, so a script gets exactly what the card says
    as_json = invoke("scores", "read", str(kit / "scores" / "values.yaml"), "--format", "json")
    assert as_json.exit_code == 0, as_json.stderr
    assert not UNSAFE.search(as_json.stdout)
    (card,) = json.loads(as_json.stdout)
    # (a lone CR is a line break, as every reading normalises line breaks: issue 10)
    assert card["evidence"]["culture"] == HOSTILE.replace("\r", "\n")


def test_scores_read_on_a_real_terminal(invoke: Any, tmp_path: Path) -> None:
    # Click strips some escape sequences itself when output is not a terminal; on a terminal
    # it strips nothing, so this runs the command with its output on a pseudo-terminal.
    import pty

    kit = _kit(invoke, tmp_path, {"values": ("Mallory", {"culture": 3}, HOSTILE)})
    controller, terminal = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "200"}
    env.pop("INTERVIEWKIT_BANK", None)
    with subprocess.Popen([sys.executable, "-m", "interviewkit", "scores", "read",
                           str(kit / "scores" / "values.yaml")],
                          stdout=terminal, stderr=terminal, env=env) as process:
        os.close(terminal)
        output = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the command is done
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=120) == 0, output
    os.close(controller)
    assert b"middle" in output and b"after" in output
    for sequence in (b"\x1b]", b"\x1b[2J", b"\x07", "\x9b".encode(), "\u202e".encode(),
                     b"\x00", b"\x08", b"\x7f"):
        assert sequence not in output, sequence


def _team_bank(tmp_path: Path) -> Path:
    role = {**shipped_role(ROLE), "id": "hostile-role", "title": f"Manager {HOSTILE}"}
    return write_bank(tmp_path / "team", [
        question("design-hostile", prompt=f"Design it. {HOSTILE}",
                 look_for=[f"A signal {HOSTILE}", "Another", "A third"])], roles=[role])


@pytest.mark.parametrize("command", [
    ("questions", "show", "design-hostile"),
    ("questions", "list", "--search", "hostile"),
    ("roles", "show", "hostile-role"),
    ("roles", "list"),
])
def test_bank_text_prints_no_control_characters(invoke: Any, tmp_path: Path,
                                                command: tuple[str, ...]) -> None:
    team = _team_bank(tmp_path)
    result = invoke(*command, "--bank", str(team))
    assert result.exit_code == 0, result.stderr
    assert "before" in result.stdout or "Design it" in result.stdout
    assert not UNSAFE.search(result.stdout), repr(result.stdout)
    as_json = invoke(*command, "--bank", str(team), "--format", "json")
    assert not UNSAFE.search(as_json.stdout), repr(as_json.stdout)
    assert any(HOSTILE in text for text in _strings(json.loads(as_json.stdout)))  # whole


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(
        value, list) else []
    return [text for item in items for text in _strings(item)]


def test_error_messages_quote_file_text_safely(invoke: Any, tmp_path: Path) -> None:
    team = write_bank(tmp_path / "team", [question("design-x", **{
        "\x1b]0;owned\x07note": "x"})])
    result = invoke("bank", "validate", "--bank", str(team))
    assert result.exit_code == 2
    assert "unknown field" in result.stderr and "]0;ownednote" in result.stderr
    assert not UNSAFE.search(result.stderr), repr(result.stderr)


def test_scores_export_neutralises_formulas(invoke: Any, tmp_path: Path) -> None:
    kit = _kit(invoke, tmp_path, {"values": (FORMULA, {"culture": 3}, FORMULA),
                                  "delivery": ("-Dash", {"leadership": 2, "ops": 4},
                                               "@SUM(1+1) " + HOSTILE)})
    result = invoke("scores", "export", str(kit))
    assert result.exit_code == 0, result.stderr
    assert not UNSAFE.search(result.stdout.replace("\r", "")), repr(result.stdout)
    rows = {(r["interviewer"], r["competency"]): r for r in
            csv.DictReader(io.StringIO(result.stdout))}
    values = rows[("'" + FORMULA, "culture")]
    assert values["evidence"] == "'" + FORMULA
    assert values["rating"] == "3" and values["overall"] == "3"  # numbers stay numbers
    ops = rows[("'-Dash", "ops")]
    assert ops["evidence"].startswith("'@SUM(1+1) before ]52;c;aGVsbG8= middle")
    for row in rows.values():
        for cell in row.values():
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
    # JSON is data for scripts, not for a spreadsheet: it keeps the text as written
    as_json = json.loads(invoke("scores", "export", str(kit), "--format", "json").stdout)
    assert {r["interviewer"] for r in as_json} == {FORMULA, "-Dash"}


def test_calibrate_csvs_neutralise_formulas(invoke: Any, tmp_path: Path) -> None:
    kit = _kit(invoke, tmp_path, {"hiring-and-team": (FORMULA, {"people": 4}, "x"),
                                  "delivery": ("-Dash", {"leadership": 2, "ops": 2}, "y")})
    report = tmp_path / "report"
    result = invoke("calibrate", str(kit.parent), "--out", str(report), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    for name in ("interviewers.csv", "questions.csv", "roles.csv"):
        for row in csv.DictReader(io.StringIO((report / name).read_text())):
            for cell in row.values():
                assert cell[:1] not in ("=", "+", "@", "\t", "\r") and not (
                    cell.startswith("-") and not _is_number(cell)), (name, row)
    people = {r["interviewer"]: r for r in
              csv.DictReader(io.StringIO((report / "interviewers.csv").read_text()))}
    assert set(people) == {"'" + FORMULA, "'-Dash"}
    assert float(people["'-Dash"]["leniency"]) == -2  # a negative number stays a number
    assert float(people["'" + FORMULA]["leniency"]) == 2


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
