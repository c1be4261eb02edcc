"""`interviewkit questions list|show`, through the CLI, on the shipped bank and overlays."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from ..conftest import (
    SHIPPED,
    as_json,
    question,
    shipped_questions,
    shipped_role,
    write_bank,
    write_notes_bank,
)


def _ids(result: Any) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return list(result.stdout.split())


def test_list_by_competency_matches_the_yaml(invoke: Any) -> None:
    expected = [q["id"] for q in shipped_questions() if q["competency"] == "design"]
    assert len(expected) >= 8
    assert _ids(invoke("questions", "list", "-c", "design", "--format", "ids")) == expected


def test_competency_level_and_kind_are_any_of(invoke: Any) -> None:
    qs = shipped_questions()
    assert _ids(invoke("questions", "list", "-c", "design", "-c", "culture", "-f", "ids")) == [
        q["id"] for q in qs if q["competency"] in ("design", "culture")]
    assert _ids(invoke("questions", "list", "-l", "junior", "-l", "staff", "-f", "ids")) == [
        q["id"] for q in qs if {"junior", "staff"} & set(q["levels"])]
    assert _ids(invoke("questions", "list", "-k", "behavioral", "-f", "ids")) == [
        q["id"] for q in qs if q["kind"] == "behavioral"]


def test_tags_are_all_of(invoke: Any) -> None:
    qs = shipped_questions()
    first = qs[0]["tags"][:2]
    expected = [q["id"] for q in qs if set(first) <= set(q["tags"])]
    args = [a for tag in first for a in ("-t", tag)]
    assert _ids(invoke("questions", "list", *args, "-f", "ids")) == expected
    assert qs[0]["id"] in expected


def test_search_is_case_insensitive_over_id_prompt_and_tags(invoke: Any) -> None:
    qs = shipped_questions()
    word = qs[0]["tags"][0]
    expected = [q["id"] for q in qs if word in q["id"] or word in " ".join(q["tags"])
                or word in q["prompt"].lower()]
    assert _ids(invoke("questions", "list", "-s", word.upper(), "-f", "ids")) == expected


def test_role_limits_to_the_loop_pool(invoke: Any) -> None:
    role = shipped_role("senior-python-engineer")
    families = {family for stage in role["stages"] for family in stage["families"]}
    expected = [q["id"] for q in shipped_questions()
                if q.get("family") in families and role["level"] in q["levels"]]
    got = _ids(invoke("questions", "list", "--role", role["id"], "-f", "ids"))
    assert got == expected
    assert len(got) < len(shipped_questions())


def test_json_is_the_full_records_and_nothing_else(invoke: Any) -> None:
    result = invoke("questions", "list", "-c", "ops", "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records == [as_json(q) for q in shipped_questions() if q["competency"] == "ops"]


def test_no_match_is_exit_0_with_a_note(invoke: Any) -> None:
    result = invoke("questions", "list", "-s", "no-such-words-anywhere", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "no questions match" in result.stderr
    table = invoke("questions", "list", "-s", "no-such-words-anywhere")
    assert (table.exit_code, table.stdout) == (0, "")


@pytest.mark.parametrize(("option", "value", "valid"), [
    ("-c", "desing", "did you mean 'design'?); valid: design, ops, leadership, people, "
     "culture, coding"),
    ("-l", "principal", "valid: junior, mid, senior, staff"),
    ("-k", "tecnical", "did you mean 'technical'?); valid: technical, behavioral, "
     "situational, motivational, exercise"),
    ("--role", "senior-python", "(did you mean 'senior-python-engineer'?); valid: " + ", ".join(
        sorted(p.stem for p in (SHIPPED / "roles").glob("*.yaml")))),
])
def test_unknown_filter_value_lists_the_valid_ones(invoke: Any, option: str, value: str,
                                                   valid: str) -> None:
    result = invoke("questions", "list", option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: unknown ")
    assert valid in result.stderr


def test_table_fits_the_terminal_and_shortens_prompts(invoke: Any) -> None:
    result = invoke("questions", "list", "-c", "design", env={"COLUMNS": "140"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "competency", "kind", "levels", "min", "prompt"]
    assert all(len(line) <= 140 for line in lines)
    assert "…" in result.stdout  # long prompts are cut, not wrapped
    design = [q for q in shipped_questions() if q["competency"] == "design"]
    rows = lines[1:1 + len(design)]
    assert [row.split()[:3] for row in rows] == [[q["id"], "design", q["kind"]] for q in design]
    assert lines[-1].strip() == f"{len(design)} questions"


def test_table_never_wraps_in_a_narrow_terminal(invoke: Any) -> None:
    result = invoke("questions", "list", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(shipped_questions()) + 2  # header, one line each, count
    assert all(len(line) <= 80 for line in lines)


def test_show_lays_out_every_field(invoke: Any) -> None:
    record = shipped_questions()[0]
    result = invoke("questions", "show", record["id"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    for field in ("prompt", "why", "sample_answer"):
        assert " ".join(record[field].split()) in text
    for field in ("look_for", "follow_ups", "red_flags"):
        for item in record[field]:
            assert " ".join(item.split()) in text
    for value in (1, 2, 3, 4):
        assert " ".join(record["rubric"][value].split())[:60] in text
    for label in ("Strong no", "No", "Yes", "Strong yes"):
        assert label in result.stdout


def test_show_json_is_the_record(invoke: Any) -> None:
    record = shipped_questions()[-1]
    result = invoke("questions", "show", record["id"], "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == as_json(record)


def test_show_an_unscored_question_says_it_is_not_rated(invoke: Any, tmp_path: Path) -> None:
    team = write_notes_bank(tmp_path / "team")
    result = invoke("questions", "show", "drive-why", "--bank", str(team),
                    env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Not rated: take notes on what the candidate says; it does not enter the " \
        "decision" in text
    assert "Rubric" not in text and "Strong yes" not in text
    assert "Sample answer What a strong answer to drive-why covers." in text
    scored = invoke("questions", "show", "craft-build", "--bank", str(team))
    assert scored.exit_code == 0 and "Not rated" not in scored.stdout
    assert "Rubric" in scored.stdout


def test_show_unknown_id_names_the_closest(invoke: Any) -> None:
    real = shipped_questions()[0]["id"]
    result = invoke("questions", "show", real[:-2])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: no question with id '{real[:-2]}'; closest: ")
    assert real in result.stderr


def test_overlay_bank_adds_questions(invoke: Any, tmp_path: Path) -> None:
    team = write_bank(tmp_path / "team", [question("design-our-own")])
    got = _ids(invoke("questions", "list", "--bank", str(team), "-c", "design", "-f", "ids"))
    assert got[-1] == "design-our-own"
    assert got[:-1] == [q["id"] for q in shipped_questions() if q["competency"] == "design"]


def test_overlay_from_the_environment(invoke: Any, tmp_path: Path) -> None:
    one = write_bank(tmp_path / "one", [question("design-one")])
    two = write_bank(tmp_path / "two", [question("design-two")])
    env = {"INTERVIEWKIT_BANK": os.pathsep.join([str(one), str(two)])}
    got = _ids(invoke("questions", "list", "-s", "design-t", "-f", "ids", env=env))
    assert got == ["design-two"]
    got = _ids(invoke("questions", "list", "-c", "design", "-f", "ids", env=env))
    assert got[-2:] == ["design-one", "design-two"]


def test_overlay_duplicate_needs_replaces(invoke: Any, tmp_path: Path) -> None:
    existing = shipped_questions()[0]["id"]
    clash = write_bank(tmp_path / "clash", [question(existing)])
    result = invoke("questions", "list", "--bank", str(clash))
    assert result.exit_code == 2
    assert f"duplicate question id '{existing}' (also at " in result.stderr
    fixed = write_bank(tmp_path / "fixed", [question(existing, replaces=True,
                                                     prompt="Our own wording.")])
    result = invoke("questions", "show", existing, "--bank", str(fixed), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["prompt"] == "Our own wording."


def test_no_default_bank_uses_only_the_team_bank(invoke: Any, tmp_path: Path) -> None:
    settings = {
        "competencies": [{"id": "design", "name": "Design", "description": "Shaping systems."}],
        "levels": [{"id": "senior", "name": "Senior"}],
        "rating_scale": [{"value": v, "label": f"L{v}", "meaning": f"M{v}"} for v in (1, 2, 3, 4)],
    }
    team = write_bank(tmp_path / "team", [question("design-only")], settings=settings)
    assert _ids(invoke("questions", "list", "--no-default-bank", "--bank", str(team),
                       "-f", "ids")) == ["design-only"]


def test_missing_bank_directory_is_a_clear_error(invoke: Any, tmp_path: Path) -> None:
    result = invoke("questions", "list", "--bank", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope'}: bank directory not found\n"


def test_no_bank_at_all(invoke: Any) -> None:
    result = invoke("bank", "validate", "--no-default-bank")
    assert result.exit_code == 2
    assert "no bank directories" in result.stderr


def test_a_team_adds_its_own_competency(invoke: Any, tmp_path: Path) -> None:
    settings = {"competencies": [{"id": "security", "name": "Security",
                                  "description": "How you keep systems and data safe."}]}
    team = write_bank(tmp_path / "team", [question("security-threat-model", "security")],
                      settings=settings)
    assert _ids(invoke("questions", "list", "--bank", str(team), "-c", "security",
                       "-f", "ids")) == ["security-threat-model"]
    result = invoke("bank", "stats", "--bank", str(team), "-f", "json")
    assert json.loads(result.stdout)["coverage"]["security"]["senior"] == {
        "questions": 1, "minutes": 10}


def test_a_file_over_5_mib_is_refused(invoke: Any, tmp_path: Path) -> None:
    team = write_bank(tmp_path / "team", [question("design-big")])
    big = team / "questions" / "big.yaml"
    big.write_text("questions:\n" + "# padding\n" * (600 * 1024))
    result = invoke("bank", "validate", "--bank", str(team))
    assert result.exit_code == 2
    assert result.stderr == (f"{big}: file is 5.9 MiB; the limit is 5 MiB, split it into "
                             "several files\n")


def test_bank_text_is_not_rich_markup(invoke: Any, tmp_path: Path) -> None:
    team = write_bank(tmp_path / "team", [question(
        "design-markup", prompt="Explain [bold]this[/bold] and [[]] * 3 in [red]Python[/red].")])
    listed = invoke("questions", "list", "--bank", str(team), "-s", "markup",
                    env={"COLUMNS": "200"})
    assert "Explain [bold]this[/bold] and [[]] * 3 in [red]Python[/red]." in listed.stdout
    shown = invoke("questions", "show", "design-markup", "--bank", str(team),
                   env={"COLUMNS": "200"})
    assert "Explain [bold]this[/bold] and [[]] * 3 in [red]Python[/red]." in shown.stdout
