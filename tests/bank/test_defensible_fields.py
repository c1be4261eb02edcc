"""What a defensible question may carry (issue 13): anchors per level, unscored notes-only
questions, families, handouts and exercises. Each mistake in a team's bank is one located
message from `bank validate`, exit 2; `bank lint` asks for what a careful reviewer would."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ..conftest import question, write_bank

RUBRIC = {1: "Names no option and cannot say why the service slows down under load.",
          2: "Names the usual parts, such as a cache and an index, without saying why here.",
          3: "Picks one and defends it when a probe changes the load; if only one probe is "
             "reasoned through, rate 2.",
          4: "Finds what breaks first and changes the plan when a probe moves a constraint; "
             "with only part of that, stay at 3."}
STAFF = {3: "Says what other teams will build on it and what is hard to undo later; an answer "
            "about one service only stays at 2.",
         4: "Weighs the cost to other teams over years and sets a rule they can follow; "
            "without the rule, rate 3."}


def team(tmp_path: Path, *questions: dict[str, Any], roles: list[dict[str, Any]] = (),  # type: ignore[assignment]
         handouts: dict[str, bytes] | None = None) -> Path:
    directory = write_bank(tmp_path / "team", list(questions), roles)
    for name, data in (handouts or {}).items():
        (directory / "handouts").mkdir(exist_ok=True)
        (directory / "handouts" / name).write_bytes(data)
    return directory


def validate(invoke: Any, directory: Path) -> Any:
    return invoke("bank", "validate", "--bank", str(directory))


def role(*stages: dict[str, Any], level: str = "senior") -> dict[str, Any]:
    return {"id": "team-role", "title": "Team role", "level": level, "summary": "A role.",
            "stages": list(stages)}


def stage(sid: str = "s", **fields: Any) -> dict[str, Any]:
    return {"id": sid, "name": sid.title(), "minutes": 60, "description": "A stage.", **fields}


def test_a_question_carries_anchors_per_level_and_a_kit_shows_its_roles(invoke: Any,
                                                                        tmp_path: Path) -> None:
    bank = team(tmp_path, question("design-scaled", levels=["senior", "staff"], rubric=RUBRIC,
                                   level_rubrics={"staff": STAFF}, family="scaling"),
                roles=[role(stage(families=["scaling"])),
                       {**role(stage(families=["scaling"]), level="staff"), "id": "staff-role"}])
    assert validate(invoke, bank).exit_code == 0
    shown = {}
    for role_id in ("team-role", "staff-role"):
        out = tmp_path / role_id
        built = invoke("kit", "build", "-r", role_id, "--candidate", "Ada", "--out", str(out),
                       "--format", "html", "--bank", str(bank))
        assert built.exit_code == 0, built.output
        shown[role_id] = " ".join((out / "guide-s.html").read_text().split())
    assert "Finds what breaks first" in shown["team-role"]
    assert "hard to undo" not in shown["team-role"]
    assert "what other teams will build on it and what is hard to undo" in shown["staff-role"]
    assert "Rubric at the Staff level" in shown["staff-role"]
    assert "Rubric at the Senior level" in shown["team-role"]
    assert RUBRIC[2] in shown["staff-role"]  # the levels share the anchors they do not restate
    assert "Finds what breaks first" not in shown["staff-role"]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"level_rubrics": {"principal": STAFF}}, "level_rubrics.principal",
     "level 'principal' is not one of the question's levels (senior, staff)"),
    ({"level_rubrics": {"senior": STAFF}}, "level_rubrics.senior",
     "'senior' is the question's lowest level, whose anchors are the rubric's"),
    ({"level_rubrics": {"staff": {7: STAFF[3]}}}, "level_rubrics.staff.7",
     "7 is not on the rating scale (1, 2, 3, 4)"),
    ({"scored": False}, "rubric", "an unscored question (scored: false) is not rated"),
    ({"kind": "exercise", "timing": [{"minutes": 10, "step": "Read and talk"}]}, "kind",
     "an exercise needs a handout"),
    ({"timing": [{"minutes": 10, "step": "Read"}]}, "timing",
     "only an exercise (kind: exercise) has timing"),
    ({"handout": "missing.txt"}, "handout", "handouts/missing.txt file not found"),
    ({"handout": "../bank.yaml"}, "handout", "is not a file name: name a file in handouts/"),
    ({"handout": "latin1.txt"}, "handout", "handouts/latin1.txt is not UTF-8 text"),
    ({"kind": "exercise", "handout": "code.py", "minutes": 30,
      "timing": [{"minutes": 10, "step": "Read"}, {"minutes": 15, "step": "Fix"}]},
     "timing", "the steps add up to 25 minutes; the question takes 30"),
])
def test_each_mistake_is_one_located_message(invoke: Any, tmp_path: Path,
                                             changes: dict[str, Any], field: str,
                                             message: str) -> None:
    bank = team(tmp_path, question("design-q", levels=["senior", "staff"], **changes),
                handouts={"latin1.txt": "caf\xe9".encode("latin-1"), "code.py": b"x = 1\n"})
    result = validate(invoke, bank)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "questions/q.yaml:" in lines[0]
    assert f"questions[0].{field}: " in lines[0] and message in lines[0], lines[0]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_handout_that_links_out_of_the_folder_is_refused(invoke: Any, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for candidates")
    bank = team(tmp_path, question("design-q", handout="leak.txt"), handouts={})
    (bank / "handouts").mkdir()
    (bank / "handouts" / "leak.txt").symlink_to(secret)
    result = validate(invoke, bank)
    assert result.exit_code == 2
    assert "handouts/leak.txt is a link to a file outside the bank directory" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_handouts_folder_that_links_out_of_the_bank_is_refused(invoke: Any, tmp_path: Path
                                                                ) -> None:
    """The folder itself a link to another directory (a home directory's .ssh, say): a
    question could then name any file there and print it in a kit."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "id_ed25519").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    bank = team(tmp_path, question("design-q", handout="id_ed25519"), handouts={})
    (bank / "handouts").symlink_to(elsewhere, target_is_directory=True)
    result = validate(invoke, bank)
    assert result.exit_code == 2
    assert "handouts/id_ed25519 is a link to a file outside the bank directory" in \
        result.stderr, result.stderr
    kit = invoke("kit", "build", "-r", "senior-python-engineer", "--candidate", "Ada",
                 "--format", "html", "--out", str(tmp_path / "kit"), "--bank", str(bank))
    assert kit.exit_code == 2 and not (tmp_path / "kit").exists()
    # a link that stays inside the bank directory is the team's own layout: fine
    (bank / "handouts").unlink()
    (bank / "shared").mkdir()
    (bank / "shared" / "id_ed25519").write_text("a handout kept in another folder\n")
    (bank / "handouts").symlink_to(bank / "shared", target_is_directory=True)
    assert validate(invoke, bank).exit_code == 0


def test_a_handout_over_the_limit_is_refused_before_it_is_read(invoke: Any, tmp_path: Path
                                                              ) -> None:
    bank = team(tmp_path, question("design-q", handout="big.txt"),
                handouts={"big.txt": b"x" * (64 * 1024 + 1)})
    result = validate(invoke, bank)
    assert result.exit_code == 2
    assert "handouts/big.txt is larger than the limit of 65536 bytes" in result.stderr


@pytest.mark.parametrize(("families", "message"), [
    (["scalling"], "unknown family 'scalling' (did you mean 'scaling'?)"),
    (["junior-only"], "family 'junior-only' has no question this interview stage may ask at "
                      "level 'senior'"),
    (["scaling", "scaling-twice"], None),
])
def test_a_stage_asks_families_that_exist_at_its_level(invoke: Any, tmp_path: Path,
                                                       families: list[str],
                                                       message: str | None) -> None:
    bank = team(tmp_path, question("design-a", family="scaling"),
                question("design-b", family="scaling"),
                question("design-c", family="scaling-twice"),
                question("design-j", family="junior-only", levels=["junior"]),
                roles=[role(stage(families=families))])
    result = validate(invoke, bank)
    if message is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2
        assert "roles/team-role.yaml:" in result.stderr
        assert f"stages[0].families[0]: {message}" in result.stderr


def test_a_family_asked_by_more_stages_than_it_has_questions_is_refused(invoke: Any,
                                                                        tmp_path: Path) -> None:
    bank = team(tmp_path, question("design-a", family="scaling"),
                question("design-b", family="scaling"),
                roles=[role(*(stage(sid, families=["scaling"]) for sid in ("a", "b", "c")))])
    result = validate(invoke, bank)
    assert result.exit_code == 2
    assert ("stages[2].families[0]: the stages up to here ask family 'scaling' 3 times, but it "
            "has 2 questions at level 'senior'") in result.stderr


def test_a_family_that_cannot_fit_the_stage_is_refused(invoke: Any, tmp_path: Path) -> None:
    bank = team(tmp_path, question("design-a", family="long", minutes=40),
                question("design-b", family="long", minutes=45),
                roles=[role(stage(families=["long"], minutes=40, candidate_minutes=5))])
    result = validate(invoke, bank)
    assert result.exit_code == 2
    assert "40 minutes cannot hold the shortest question set (45 minutes" in result.stderr


def lint(invoke: Any, bank: Path) -> list[str]:
    result = invoke("bank", "lint", "--bank", str(bank))
    return [line.split(": ", 1)[1] for line in result.stdout.splitlines() if ": " in line]


def test_lint_asks_for_level_anchors_unscored_motivation_and_interchangeable_families(
        invoke: Any, tmp_path: Path) -> None:
    bank = team(tmp_path,
                question("design-one-rubric", levels=["mid", "senior", "staff"], rubric=RUBRIC),
                question("design-motive", kind="motivational", rubric=RUBRIC),
                question("design-short", family="mixed", rubric=RUBRIC, minutes=10),
                question("design-long", family="mixed", rubric=RUBRIC, minutes=20),
                question("ops-other", "ops", family="mixed", rubric=RUBRIC, minutes=12))
    warnings = lint(invoke, bank)
    assert ("design-one-rubric.level_rubrics: asked at mid and senior with one rubric: say in "
            "level_rubrics.senior.3 what is enough at senior") in warnings
    assert any(w.startswith("design-one-rubric.level_rubrics: asked at mid and staff")
               for w in warnings)
    assert any(w.startswith("design-motive.scored: rates motivation on the hiring scale")
               for w in warnings)
    assert ("ops-other.family: family 'mixed' mixes competency ops here with design in "
            "design-short") in warnings
    assert ("design-long.family: family 'mixed' runs from 10 to 20 minutes: its questions are "
            "not interchangeable in one slot") in warnings
