"""`interviewkit roles list|show|check`, and the capacity figures behind them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interviewkit.bank.load import load_bank
from interviewkit.plan.capacity import role_capacity

from ..conftest import question, shipped_questions, shipped_role, write_bank

ROLE = "senior-python-engineer"
SETTINGS = {
    "competencies": [{"id": "design", "name": "Design", "description": "Shaping systems."}],
    "levels": [{"id": "senior", "name": "Senior"}],
    "rating_scale": [{"value": v, "label": f"L{v}", "meaning": f"M{v}"} for v in (1, 2, 3, 4)],
}


def test_list_roles(invoke: Any) -> None:
    result = invoke("roles", "list", "--format", "json")
    assert result.exit_code == 0
    records = {r["id"]: r for r in json.loads(result.stdout)}
    role = shipped_role(ROLE)
    assert records[ROLE] == {"id": ROLE, "title": role["title"], "level": role["level"],
                             "stages": len(role["stages"]),
                             "minutes": sum(s["minutes"] for s in role["stages"])}
    table = invoke("roles", "list", env={"COLUMNS": "120"})
    assert ROLE in table.stdout and role["title"] in table.stdout


def _pool(competency: str, level: str) -> list[str]:
    return [q["id"] for q in shipped_questions()
            if q["competency"] == competency and level in q["levels"]]


def test_show_role_pool_sizes(invoke: Any) -> None:
    result = invoke("roles", "show", ROLE, "--format", "json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    role = shipped_role(ROLE)
    for stage, expected in zip(shown["stages"], role["stages"], strict=True):
        assert stage["id"] == expected["id"]
        for slot in stage["competencies"]:
            assert slot["questions"] == expected["competencies"][slot["competency"]]
            # the pool once every candidate gets the same kinds: counted from the YAML
            kinds = set(slot["kinds"])
            assert slot["pool"] == sum(1 for q in shipped_questions()
                                       if q["id"] in _pool(slot["competency"], role["level"])
                                       and q["kind"] in kinds)
    table = invoke("roles", "show", ROLE, env={"COLUMNS": "120"})
    assert "production-engineering" in table.stdout
    # the panel's decision rule, as the role's file says it
    rule = " ".join(role["decision_rule"].split())
    assert shown["decision_rule"] == role["decision_rule"]
    assert f"How the panel decides: {rule}" in " ".join(table.stdout.split())


def test_capacity_matches_a_direct_count(invoke: Any) -> None:
    """Count the role's families straight from the YAML: each stage asks one question of
    each of its families, from the members at the role's level; a family asked twice in a
    loop gives no question twice."""
    shown = json.loads(invoke("roles", "show", ROLE, "--format", "json").stdout)
    role = shipped_role(ROLE)
    level = role["level"]
    asked: dict[str, int] = {}
    for stage in role["stages"]:
        assert "competencies" not in stage  # the shipped loops ask families only
        for family in stage["families"]:
            asked[family] = asked.get(family, 0) + 1
    members = {family: len([q for q in shipped_questions() if q.get("family") == family
                            and level in q["levels"]]) for family in asked}
    assert {f["family"]: f["pool"] for stage in shown["stages"] for f in stage["families"]
            } == members
    expected_distinct = 1
    for family, times in asked.items():
        left = members[family]
        for _ in range(times):
            expected_distinct *= left
            left -= 1
    bank = load_bank()
    figures = role_capacity(bank, bank.role(ROLE))  # type: ignore[arg-type]
    assert figures.disjoint_kits == min(members[f] // times for f, times in asked.items())
    assert figures.distinct_kits == expected_distinct
    assert figures.distinct_exact


def test_every_candidate_of_a_role_gets_the_same_kind_mix() -> None:
    from interviewkit.plan.selection import plan_kit

    bank = load_bank()
    kinds = {q.id: q.kind for q in bank.questions}
    for role in bank.roles:
        mixes = set()
        for candidate in ("Ada", "Grace", "Alan", "Barbara", "Edsger"):
            plan = plan_kit(bank, role.id, candidate)
            mixes.add(tuple((s.stage, tuple(sorted(kinds[q.id] for q in s.questions)))
                            for s in plan.stages))
        assert len(mixes) == 1, role.id


def test_disjoint_kits_respect_stage_pools(tmp_path: Path) -> None:
    """Two stages share three questions, one stage may only use two of them: a matching,
    not a division, tells how many disjoint kits exist."""
    questions = [question(f"design-q{n}") for n in range(1, 5)]
    stage = {"name": "S", "minutes": 60, "competencies": {"design": 1}, "description": "d"}
    role = {"id": "r", "title": "R", "level": "senior", "summary": "s", "stages": [
        {**stage, "id": "a", "exclude": ["design-q3", "design-q4"]},
        {**stage, "id": "b"}]}
    bank = load_bank(write_bank(tmp_path / "b", questions, [role], SETTINGS),
                     include_default=False)
    figures = role_capacity(bank, bank.role("r"))  # type: ignore[arg-type]
    # stage a may use q1, q2; stage b any: kits {q1,q3}, {q2,q4} -> 2
    assert figures.disjoint_kits == 2
    assert not figures.distinct_exact
    assert figures.distinct_kits == 2 * 4


def test_check_reports_capacity(invoke: Any) -> None:
    result = invoke("roles", "check", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = {r["role"]: r for r in json.loads(result.stdout)}[ROLE]
    assert report["fillable"]
    assert report["disjoint_kits"] == min(c["disjoint_kits"] for c in report["competencies"])
    text = invoke("roles", "check", ROLE)
    assert text.stdout.startswith(f"{ROLE}: ok; ")


def test_check_fails_when_minutes_cannot_hold_a_draw(invoke: Any, tmp_path: Path) -> None:
    # Each stage alone fits, but after stage one takes the short question the second
    # stage's only choices are too long.
    questions = [question("design-short", minutes=10), question("design-long", minutes=40),
                 question("design-longer", minutes=45)]
    stage = {"minutes": 30, "candidate_minutes": 5, "competencies": {"design": 1},
             "description": "d"}
    role = {"id": "tight", "title": "Tight", "level": "senior", "summary": "s", "stages": [
        {**stage, "id": "one", "name": "One"}, {**stage, "id": "two", "name": "Two"}]}
    team = write_bank(tmp_path / "team", questions, [role], SETTINGS)
    result = invoke("roles", "check", "tight", "--no-default-bank", "--bank", str(team))
    assert result.exit_code == 2
    assert "tight: ok" not in result.stdout
    assert "CANNOT BE FILLED" in result.stdout
    assert "error: tight: " in result.stderr


def test_unknown_role(invoke: Any) -> None:
    result = invoke("roles", "show", "senior-python")
    assert result.exit_code == 2
    assert "did you mean 'senior-python-engineer'?" in result.stderr


@pytest.mark.parametrize("role", ["senior-python-engineer", "backend-engineer",
                                  "staff-engineer", "engineering-manager"])
def test_roles_show_and_roles_check_count_the_same_pool(role: str, invoke: Any) -> None:
    """A competency's pool in `roles check` is every question its slots may draw: the
    members of its families that `roles show` lists, and what its counts may draw."""
    from interviewkit.bank.load import load_bank

    shown = json.loads(invoke("roles", "show", role, "--format", "json").stdout)
    checked = json.loads(invoke("roles", "check", role, "--format", "json").stdout)[0]
    bank = load_bank()
    competency_of = {q.family: q.competency for q in bank.questions if q.family}
    for competency in checked["competencies"]:
        families = {f["family"]: f["pool"] for stage in shown["stages"]
                    for f in stage["families"]
                    if competency_of[f["family"]] == competency["competency"]}
        rows = [c for stage in shown["stages"] for c in stage["competencies"]
                if c["competency"] == competency["competency"]]
        if not rows:
            assert competency["pool"] == sum(families.values()), competency
        else:
            kinds = {kind for row in rows for kind in row["kinds"]}
            at_most = sum(1 for q in bank.questions_of(competency["competency"])
                          if q.kind in kinds and shown["level"] in q.levels)
            assert max(row["pool"] for row in rows) <= competency["pool"]
            assert competency["pool"] <= at_most + sum(families.values())
