"""Roles that extend other roles, and stages that exclude questions by tag."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..conftest import shipped_questions, shipped_role

PARENT = "senior-python-engineer"


def _team(tmp_path: Path, role: dict[str, Any]) -> Path:
    roles = tmp_path / "team" / "roles"
    roles.mkdir(parents=True)
    (roles / f"{role['id']}.yaml").write_text(yaml.safe_dump(role, sort_keys=False))
    return tmp_path / "team"


def test_a_role_extends_another(invoke: Any, tmp_path: Path) -> None:
    team = _team(tmp_path, {
        "id": "senior-data-engineer", "extends": PARENT, "title": "Senior Data Engineer",
        "stages": [
            {"id": "values", "families": [], "competencies": {"culture": 1}},
            {"id": "leadership", "families": ["leadership-technical-decisions"],
             "competencies": {"design": 1}, "exclude_tags": ["api"]},
            {"id": "pipelines", "name": "Pipelines", "minutes": 45,
             "competencies": {"design": 1}, "description": "Data pipelines."},
        ]})
    result = invoke("roles", "show", "senior-data-engineer", "--bank", str(team), "-f", "json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    parent = shipped_role(PARENT)
    assert shown["title"] == "Senior Data Engineer"
    assert shown["level"] == parent["level"]
    assert [s["id"] for s in shown["stages"]] == [s["id"] for s in parent["stages"]] + [
        "pipelines"]
    stages = {s["id"]: s for s in shown["stages"]}
    assert [c["competency"] for c in stages["leadership"]["competencies"]] == ["design"]
    assert stages["values"]["competencies"][0]["questions"] == 1
    assert stages["leadership"]["families"] == [
        {"family": "leadership-technical-decisions", "pool": 2}]
    assert stages["system-design"]["minutes"] == next(
        s["minutes"] for s in parent["stages"] if s["id"] == "system-design")
    built = invoke("kit", "build", "-r", "senior-data-engineer", "--candidate", "Ada",
                   "--bank", str(team), "--out", str(tmp_path / "kit"), "--format", "html")
    assert built.exit_code == 0, built.stderr
    manifest = json.loads((tmp_path / "kit" / "kit.json").read_text())
    tags = {q["id"]: q["tags"] for q in shipped_questions()}
    leadership = next(s for s in manifest["stages"] if s["stage"] == "leadership")
    assert all("api" not in tags[qid] for qid in leadership["questions"])


def test_extends_errors_point_into_the_child_file(invoke: Any, tmp_path: Path) -> None:
    team = _team(tmp_path, {"id": "child", "extends": PARENT,
                            "stages": [{"id": "values", "minutes": "long"}]})
    result = invoke("bank", "validate", "--bank", str(team))
    assert result.exit_code == 2
    assert result.stderr == (f"{tmp_path}/team/roles/child.yaml:5:3: stages[0].minutes: "
                             "expected a whole number, got text 'long'\n")


def test_extending_an_unknown_role(invoke: Any, tmp_path: Path) -> None:
    team = _team(tmp_path, {"id": "child", "extends": "senior-python-enginer"})
    result = invoke("bank", "validate", "--bank", str(team))
    assert result.exit_code == 2
    assert result.stderr == (f"{tmp_path}/team/roles/child.yaml:2:1: extends: unknown role "
                             "'senior-python-enginer' (did you mean 'senior-python-engineer'?)\n")


def test_roles_new_writes_starters_that_load(invoke: Any, tmp_path: Path) -> None:
    team = tmp_path / "our-bank"
    refused = invoke("roles", "new", "platform-engineer", "--into", str(team))
    assert refused.exit_code == 2  # no such folder: a typo, or not made yet
    assert f"mkdir -p {team}/roles" in refused.stderr and not team.exists()
    team.mkdir()  # an empty folder, made for the bank
    fresh = invoke("roles", "new", "platform-engineer", "--into", str(team), "--level", "staff")
    assert fresh.exit_code == 0, fresh.stderr
    derived = invoke("roles", "new", "senior-data-engineer", "--from", PARENT,
                     "--into", str(team))
    assert derived.exit_code == 0, derived.stderr
    assert (team / "roles" / "platform-engineer.yaml").read_text().startswith("# ")
    checked = invoke("roles", "check", "--bank", str(team), "--format", "json")
    assert checked.exit_code == 0, checked.stderr
    reports = {r["role"]: r for r in json.loads(checked.stdout)}
    assert reports["platform-engineer"]["fillable"]
    shown = json.loads(invoke("roles", "show", "platform-engineer", "--bank", str(team),
                              "-f", "json").stdout)
    assert shown["level"] == "staff"
    inherited = json.loads(invoke("roles", "show", "senior-data-engineer", "--bank",
                                  str(team), "-f", "json").stdout)
    assert [s["id"] for s in inherited["stages"]] == [
        s["id"] for s in shipped_role(PARENT)["stages"]]
    before = (team / "roles" / "platform-engineer.yaml").read_text()
    again = invoke("roles", "new", "platform-engineer", "--into", str(team))
    assert again.exit_code == 2
    assert "a role 'platform-engineer' already exists" in again.stderr
    assert (team / "roles" / "platform-engineer.yaml").read_text() == before
    for bad, message in ((["Bad Id"], "not a valid id"),
                         (["x-role", "--from", "nope"], "unknown role 'nope'"),
                         (["y-role", "--level", "principal"], "unknown level 'principal'")):
        result = invoke("roles", "new", *bad, "--into", str(team))
        assert result.exit_code == 2
        assert message in result.stderr
    nowhere = invoke("roles", "new", "z-role")
    assert nowhere.exit_code == 2
    assert "--into DIR" in nowhere.stderr


def test_a_minutes_budget_becomes_a_count(invoke: Any, tmp_path: Path) -> None:
    import statistics

    team = _team(tmp_path, {
        "id": "budgeted", "title": "Budgeted", "level": "senior", "summary": "s",
        "stages": [{"id": "ops", "name": "Ops", "minutes": 90, "budgets": {"ops": 50},
                    "description": "d"}]})
    result = invoke("roles", "show", "budgeted", "--bank", str(team), "-f", "json")
    assert result.exit_code == 0, result.stderr
    (slot,) = json.loads(result.stdout)["stages"][0]["competencies"]
    minutes = [q["minutes"] for q in shipped_questions()
               if q["competency"] == "ops" and "senior" in q["levels"]]
    assert slot["budget_minutes"] == 50
    assert slot["questions"] == 50 // statistics.median(minutes)
    built = invoke("kit", "build", "-r", "budgeted", "--candidate", "Ada", "--bank", str(team),
                   "--out", str(tmp_path / "k"), "--format", "html")
    assert built.exit_code == 0, built.stderr
    assert len(json.loads((tmp_path / "k" / "kit.json").read_text())["stages"][0][
        "questions"]) == slot["questions"]
    both = _team(tmp_path / "b", {
        "id": "both", "title": "Both", "level": "senior", "summary": "s",
        "stages": [{"id": "s", "name": "S", "minutes": 60, "competencies": {"ops": 1},
                    "budgets": {"ops": 30}, "description": "d"}]})
    bad = invoke("bank", "validate", "--bank", str(both))
    assert bad.exit_code == 2
    assert "stages[0]: ops has both a count and a budget; give one" in bad.stderr
