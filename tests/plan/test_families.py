"""Comparable rotation (issue 13, point 4): a stage asks families, and every candidate of a
role answers one question of each, drawn within the family; `roles check` says whether a
role's candidates are comparable, stage by stage."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from interviewkit.bank.load import load_bank
from interviewkit.plan.selection import plan_kit

from ..conftest import question, write_bank

SETTINGS = {"competencies": [{"id": "design", "name": "Design", "description": "Design."}],
            "levels": [{"id": "senior", "name": "Senior"}],
            "rating_scale": [{"value": v, "label": f"L{v}", "meaning": f"M{v}"}
                             for v in (1, 2, 3, 4)]}
ROLES = ("senior-python-engineer", "staff-engineer", "backend-engineer", "engineering-manager")


@pytest.mark.parametrize("role_id", ROLES)
def test_every_candidate_answers_one_question_of_each_family_of_each_stage(role_id: str
                                                                          ) -> None:
    bank = load_bank()
    role = bank.role(role_id)
    assert role is not None
    drawn: Counter[str] = Counter()
    for number in range(24):
        plan = plan_kit(bank, role_id, f"Candidate {number}")
        for stage, planned in zip(role.stages, plan.stages, strict=True):
            asked = [bank.question(p.id) for p in planned.questions]
            assert [q.family for q in asked if q] == list(stage.families), stage.id
            assert [p.reason for p in planned.questions] == [
                f"drawn for family {family}" for family in stage.families]
            drawn.update(p.id for p in planned.questions)
    members = {q.id for stage in role.stages for family in stage.families
               for q in stage.family_pool(bank.questions, family, role.level)}
    assert set(drawn) == members  # the rotation reaches every member of every family


def test_kit_json_says_which_family_a_question_stands_for(invoke: Any, tmp_path: Path) -> None:
    result = invoke("kit", "build", "-r", "staff-engineer", "--candidate", "Ada", "--out",
                    str(tmp_path / "kit"), "--format", "html")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "kit" / "kit.json").read_text())
    architecture = next(s for s in manifest["stages"] if s["stage"] == "architecture")
    assert sorted(architecture["reasons"].values()) == [
        "drawn for family staff-platform-boundaries", "drawn for family staff-system-evolution"]


def test_a_draw_by_competency_leaves_a_family_the_role_asks_to_its_family(tmp_path: Path
                                                                         ) -> None:
    family = [question(f"design-fam-{n}", family="fam") for n in range(3)]
    free = [question(f"design-free-{n}") for n in range(3)]
    bank_dir = write_bank(tmp_path / "team", [*family, *free], [{
        "id": "team-role", "title": "Team role", "level": "senior", "summary": "A role.",
        "stages": [{"id": "a", "name": "A", "minutes": 60, "description": "A stage.",
                    "families": ["fam"], "competencies": {"design": 2}}]}], settings=SETTINGS)
    bank = load_bank(bank_dir, include_default=False)
    for number in range(12):
        asked = [p for s in plan_kit(bank, "team-role", f"C{number}").stages
                 for p in s.questions]
        assert sorted(p.id.split("-")[1] for p in asked) == ["fam", "free", "free"]


def test_roles_check_reports_comparability_stage_by_stage(invoke: Any, tmp_path: Path) -> None:
    shipped = json.loads(invoke("roles", "check", "--format", "json").stdout)
    assert [r["role"] for r in shipped if not r["comparable"]] == []
    bank_dir = write_bank(tmp_path / "team", [question(f"design-free-{n}") for n in range(4)], [{
        "id": "team-role", "title": "Team role", "level": "senior", "summary": "A role.",
        "stages": [{"id": "talk", "name": "Talk", "minutes": 60, "description": "A stage.",
                    "competencies": {"design": 2}},
                   {"id": "screen", "name": "Screen", "minutes": 30, "description": "A stage.",
                    "families": ["screen-recent-work"]}]}])
    report = json.loads(invoke("roles", "check", "team-role", "--bank", str(bank_dir),
                               "--format", "json").stdout)[0]
    assert report["comparable"] is False
    assert report["stages"] == [
        {"stage": "talk", "comparable": False, "families": [], "pinned": 0,
         "free": {"design": 2}},
        {"stage": "screen", "comparable": True, "families": ["screen-recent-work"],
         "pinned": 0, "free": {}}]
    text = invoke("roles", "check", "team-role", "--bank", str(bank_dir)).stdout
    assert ("  NOT comparable: candidates may get questions of different difficulty in one "
            "slot\n    talk: no family; drawn freely: 2 design\n    screen: "
            "screen-recent-work\n") in text
