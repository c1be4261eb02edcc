"""`interviewkit bank validate|stats|schema`, `--version` and `--help`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interviewkit.version import __version__

from ..conftest import SHIPPED, shipped_questions


def test_validate_the_shipped_bank(invoke: Any) -> None:
    result = invoke("bank", "validate")
    roles = len(list((SHIPPED / "roles").glob("*.yaml")))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"ok: {len(shipped_questions())} questions, {roles} "
                             f"role{'s' * (roles != 1)}, 6 competencies\n")


def test_stats_json_counts_questions_and_minutes(invoke: Any) -> None:
    result = invoke("bank", "stats", "--format", "json")
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    qs = shipped_questions()
    assert stats["questions"] == len(qs)
    for competency in ("design", "ops", "leadership", "culture"):
        for level in ("junior", "mid", "senior", "staff"):
            cell = [q for q in qs if q["competency"] == competency and level in q["levels"]]
            assert stats["coverage"][competency][level] == {
                "questions": len(cell), "minutes": sum(q["minutes"] for q in cell)}
    assert sum(stats["kinds"].values()) == len(qs)
    assert stats["kinds"]["behavioral"] == sum(q["kind"] == "behavioral" for q in qs)


def test_stats_table(invoke: Any) -> None:
    result = invoke("bank", "stats", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    senior_design = [q for q in shipped_questions()
                     if q["competency"] == "design" and "senior" in q["levels"]]
    row = next(line for line in result.stdout.splitlines() if "design" in line)
    assert f"{len(senior_design)} ({sum(q['minutes'] for q in senior_design)})" in row
    assert "Questions per kind" in result.stdout


def test_schema_describes_question_files(invoke: Any) -> None:
    result = invoke("bank", "schema", "questions")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    question = schema["$defs"]["Question"]
    assert question["additionalProperties"] is False
    assert set(question["required"]) == {
        "id", "competency", "kind", "levels", "minutes", "prompt", "why", "look_for",
        "follow_ups", "red_flags", "sample_answer"}
    assert question["properties"]["kind"]["enum"] == [
        "technical", "behavioral", "situational", "motivational", "exercise"]
    # every shipped question uses only fields the schema knows
    for record in shipped_questions():
        assert set(record) <= set(question["properties"])


def test_schema_out_writes_all_three(invoke: Any, tmp_path: Path) -> None:
    result = invoke("bank", "schema", "--out", str(tmp_path / "schemas"))
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert names == ["bank.schema.json", "questions.schema.json", "role.schema.json"]
    role = json.loads((tmp_path / "schemas" / "role.schema.json").read_text())
    assert "stages" in role["required"]


def test_version(invoke: Any) -> None:
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"interviewkit {__version__}\n")


@pytest.mark.parametrize("command", [
    ["questions", "list"], ["questions", "show"], ["bank", "validate"], ["bank", "stats"],
    ["bank", "schema"], ["kit", "build"], ["kit", "blank"],
])
def test_every_command_help_shows_an_example(invoke: Any, command: list[str]) -> None:
    result = invoke(*command, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"interviewkit {' '.join(command)}" in result.stdout


def test_shell_completion_is_offered(invoke: Any) -> None:
    result = invoke("--help")
    assert "--install-completion" in result.stdout


def test_help_keeps_bracketed_defaults(invoke: Any) -> None:
    # Rich markup would swallow "[default: ...]" written in a help text; ours use parentheses.
    result = invoke("kit", "build", "--help", env={"COLUMNS": "200"})
    assert "(default: out/ and the candidate's name in lowercase with hyphens, e.g. " \
        "out/ada-lovelace)" in result.stdout
    assert "(default: from role and candidate" in result.stdout
