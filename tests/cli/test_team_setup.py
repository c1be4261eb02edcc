"""One team setup, seen the same by every command: the banks of interviewkit.toml are loaded
by every command that loads the bank, a bad interviewkit.toml is reported by each of them in
the same located words, and a directory named twice is loaded once."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest

from ..conftest import (
    fill_with_pypdf,
    question,
    shipped_questions,
    write_bank,
    write_role_words,
)

PLATFORM = {"id": "platform", "name": "Platform operations",
            "description": "How you run the shared platform other teams build on."}
ROLE = {
    "id": "platform-engineer", "title": "Platform Engineer", "level": "senior",
    "summary": "You will run the platform our product teams build on.",
    "stages": [{"id": "platform", "name": "Platform", "minutes": 45, "candidate_minutes": 5,
                "competencies": {"platform": 1, "ops": 1},
                "description": "How you run a shared platform."}],
}


CARD = {"interviewer": "Ann Lee", "rating_platform": "3", "rating_ops": "2",
        "evidence_platform": "Ran the upgrade.", "overall": "3"}


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A team's folder: interviewkit.toml naming its own bank, with a competency, three
    questions and a role of its own; the working directory."""
    write_bank(tmp_path / "our-bank",
               [question(f"platform-q{n}", "platform") for n in range(3)],
               roles=[ROLE], settings={"competencies": [PLATFORM]})
    (tmp_path / "interviewkit.toml").write_text('company = "Example Startup"\n'
                                                'banks = ["our-bank"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_command_loads_the_banks_of_interviewkit_toml(team: Path, invoke: Any) -> None:
    validated = invoke("bank", "validate")
    assert validated.exit_code == 0, validated.stderr
    assert f"{len(shipped_questions()) + 3} questions, 5 roles, 7 competencies" in validated.stdout
    assert invoke("bank", "lint").exit_code in (0, 1)
    assert "platform-engineer" in invoke("roles", "list").stdout
    assert invoke("roles", "check", "platform-engineer").exit_code == 0
    assert "Platform Engineer" in invoke("roles", "show", "platform-engineer").stdout
    assert invoke("questions", "list", "-c", "platform", "-f", "ids").stdout.split() == [
        "platform-q0", "platform-q1", "platform-q2"]
    assert invoke("questions", "show", "platform-q1").exit_code == 0
    built = invoke("kit", "build", "-r", "platform-engineer", "--candidate", "Dana Scully",
                   "--out", "kit", "--format", "pdf")
    assert built.exit_code == 0, built.stderr
    fill_with_pypdf(team / "kit" / "scorecard-platform.pdf", team / "kit" / "scores" / "a.pdf",
                    CARD)
    read = invoke("scores", "read", "kit/scores/a.pdf")
    assert read.exit_code == 0, read.stderr
    debrief = invoke("debrief", "kit", "--format", "html")
    assert debrief.exit_code == 0, debrief.stderr
    assert "Platform operations" in (team / "kit" / "debrief.html").read_text()
    calibrated = invoke("calibrate", "kit", "--out", "cal", "--format", "csv")
    assert calibrated.exit_code == 0, calibrated.stderr
    with (team / "cal" / "questions.csv").open(newline="") as rows:
        asked = {row["question"] for row in csv.DictReader(rows)}
    assert asked & {"platform-q0", "platform-q1", "platform-q2"}


BAD_TOML = {
    'banks = "our-bank\n': "interviewkit.toml:1:9: unterminated string: close the quotes on "
                           "the same line",
    'banks = "our-bank"\n': "interviewkit.toml:1:9: banks: expected a list of directory "
                            'names, such as banks = ["our-bank"]',
    'company = "X"\nbank = ["our-bank"]\n': "interviewkit.toml:2:1: bank: unknown setting "
                                            "(did you mean 'banks'?)",
    'company = Example\n': "interviewkit.toml:1:11: not a value: text needs quotes, a list "
                           "square brackets",
}
COMMANDS = [("bank", "validate"), ("bank", "lint"), ("bank", "stats"), ("roles", "list"),
            ("roles", "check", "platform-engineer"), ("roles", "show", "platform-engineer"),
            ("questions", "list"), ("questions", "show", "platform-q1"),
            ("kit", "build", "-r", "platform-engineer", "--candidate", "Ann", "--out", "k"),
            ("kit", "blank", "-r", "platform-engineer", "--out", "k"),
            ("debrief", "kit"), ("calibrate", "kit"), ("scores", "read", "kit/scores/a.pdf"),
            ("scores", "export", "kit")]


@pytest.mark.parametrize("text", sorted(BAD_TOML))
def test_a_bad_interviewkit_toml_is_reported_alike_by_every_command(
        text: str, team: Path, invoke: Any) -> None:
    assert invoke("kit", "build", "-r", "platform-engineer", "--candidate", "Dana Scully",
                  "--out", "kit", "--format", "pdf").exit_code == 0
    fill_with_pypdf(team / "kit" / "scorecard-platform.pdf", team / "kit" / "scores" / "a.pdf",
                    CARD)
    (team / "interviewkit.toml").write_text(text)
    for command in COMMANDS:
        result = invoke(*command)
        assert (result.exit_code, result.stderr.splitlines()[:1]) == (2, [BAD_TOML[text]]), \
            command


def test_a_directory_named_in_every_way_is_loaded_once(team: Path, invoke: Any) -> None:
    (team / "link").symlink_to(team / "our-bank")
    env = {"INTERVIEWKIT_BANK": os.pathsep.join(["our-bank", str(team / "our-bank")])}
    result = invoke("bank", "validate", "--bank", "./our-bank/", "--bank", "link", env=env)
    assert result.exit_code == 0, result.stderr
    assert "5 roles, 7 competencies" in result.stdout


def test_roles_new_writes_into_the_toml_bank_and_its_hint_works(team: Path,
                                                                   invoke: Any) -> None:
    made = invoke("roles", "new", "data-engineer", "--from", "senior-python-engineer")
    assert made.exit_code == 0, made.stderr
    assert (team / "our-bank" / "roles" / "data-engineer.yaml").is_file()
    hint = made.stdout.splitlines()[-1]
    assert hint == "next: edit it, then  interviewkit roles check data-engineer"
    assert invoke(*hint.split("interviewkit ", 1)[1].split()).exit_code == 0


def test_blank_kits_are_never_counted_as_interviews(tmp_path: Path, invoke: Any) -> None:
    from interviewkit.kit.build import usage_history

    role = "senior-python-engineer"
    assert invoke("kit", "blank", "-r", role, "--out", str(tmp_path / "out" / "blank"),
                  "--format", "html").exit_code == 0
    only_blank = invoke("calibrate", str(tmp_path / "out"), "--out", str(tmp_path / "cal"))
    assert only_blank.exit_code == 2
    assert "only blank kits below" in only_blank.stderr
    assert invoke("kit", "build", "-r", role, "--candidate", "Ada", "--out",
                  str(tmp_path / "out" / "ada"), "--format", "html").exit_code == 0
    calibrated = invoke("calibrate", str(tmp_path / "out"), "--out", str(tmp_path / "cal"),
                        "--format", "json")
    assert calibrated.exit_code == 0, calibrated.stderr
    assert "1 blank kit left out" in calibrated.stderr
    assert json.loads((tmp_path / "cal" / "calibration.json").read_text())["kits"] == 1
    exported = invoke("scores", "export", str(tmp_path / "out"), "--format", "json")
    assert exported.exit_code == 0 and json.loads(exported.stdout) == []
    usage, kits = usage_history(tmp_path / "out", role)
    ada = json.loads((tmp_path / "out" / "ada" / "kit.json").read_text())
    assert kits == 1
    assert usage == {q: 1 for stage in ada["stages"] for q in stage["questions"]}


def test_the_debrief_and_calibration_look_like_the_kit(team: Path, invoke: Any) -> None:
    (team / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" '
                                   'height="10"><rect width="40" height="10" fill="#123456"/>'
                                   "</svg>")
    (team / "interviewkit.toml").write_text('banks = ["our-bank"]\nlogo = "logo.svg"\n')
    built = invoke("kit", "build", "-r", "platform-engineer", "--candidate", "Dana Scully",
                   "--out", "kit", "--company", "Example Startup", "--page-size", "letter")
    assert built.exit_code == 0, built.stderr
    kit = json.loads((team / "kit" / "kit.json").read_text())
    assert (kit["company"], kit["page_size"]) == ("Example Startup", "letter")
    fill_with_pypdf(team / "kit" / "scorecard-platform.pdf", team / "kit" / "scores" / "a.pdf",
                    CARD)
    assert invoke("debrief", "kit").exit_code == 0
    assert invoke("calibrate", "kit", "--out", "cal", "--company", "Example Startup",
                  "--format", "html").exit_code == 0
    guide = (team / "kit" / "guide-platform.html").read_text()
    logo = guide.split('<img class="logo" src="', 1)[1].split('"', 1)[0]
    assert logo.startswith("data:image/svg+xml;base64,")
    for report in (team / "kit" / "debrief.html", team / "cal" / "calibration.html"):
        page = report.read_text()
        assert "Example Startup" in page and "Hiring team" not in page, report.name
        assert logo in page, report.name
    from pypdf import PdfReader

    box = PdfReader(team / "kit" / "debrief.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US letter


def test_placeholder_text_from_roles_new_never_reaches_a_candidate(tmp_path: Path,
                                                                   invoke: Any) -> None:
    bank = tmp_path / "our-bank"
    (bank / "roles").mkdir(parents=True)  # a folder made for the bank: --into writes there
    assert invoke("roles", "new", "platform-engineer", "--into", str(bank)).exit_code == 0
    role_file = bank / "roles" / "platform-engineer.yaml"
    # the line of each field (summary: >-, description: >-) whose text is marked
    marked = [n - 1 for n, line in enumerate(role_file.read_text().splitlines(), start=1)
              if "REPLACE ME:" in line and not line.lstrip().startswith("#")]
    assert len(marked) == 7  # the summary and each of six stage descriptions
    validated = invoke("bank", "validate", "--bank", str(bank))
    assert validated.exit_code == 0 and "7 placeholder texts" in validated.stderr
    linted = invoke("bank", "lint", "--bank", str(bank))
    assert linted.exit_code == 1
    assert sorted(int(line.split(":")[1]) for line in linted.stdout.splitlines()
                  if "placeholder text" in line) == marked
    checked = invoke("roles", "check", "platform-engineer", "--bank", str(bank))
    assert checked.stdout.count("to write before a candidate's kit") == 7
    blank = invoke("kit", "blank", "-r", "platform-engineer", "--bank", str(bank), "--out",
                   str(tmp_path / "blank"), "--format", "html")
    assert blank.exit_code == 0, blank.stderr  # no candidate reads a blank kit
    refused = invoke("kit", "build", "-r", "platform-engineer", "--candidate", "Ada", "--bank",
                     str(bank), "--out", str(tmp_path / "ada"), "--format", "html")
    assert refused.exit_code == 2
    assert {int(line.split(":")[1]) for line in refused.stderr.splitlines()
            if line.startswith(str(role_file))} == set(marked)
    assert not (tmp_path / "ada").exists()
    # the marker alone deleted: its instructions are still not words for a candidate
    role_file.write_text(role_file.read_text().replace("REPLACE ME: ", ""))
    linted = invoke("bank", "lint", "--bank", str(bank))
    assert sorted(int(line.split(":")[1]) for line in linted.stdout.splitlines()
                  if "placeholder text" in line) == marked
    refused = invoke("kit", "build", "-r", "platform-engineer", "--candidate", "Ada", "--bank",
                     str(bank), "--out", str(tmp_path / "ada"), "--format", "html")
    assert refused.exit_code == 2 and not (tmp_path / "ada").exists()
    write_role_words(role_file)
    built = invoke("kit", "build", "-r", "platform-engineer", "--candidate", "Ada", "--bank",
                   str(bank), "--out", str(tmp_path / "ada"), "--format", "html")
    assert built.exit_code == 0, built.stderr
    assert invoke("bank", "lint", "--bank", str(bank)).stdout.count("placeholder") == 0
