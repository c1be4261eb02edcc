"""Trust in what we read and write as YAML, and in filled cards: aliases bounded in characters,
every text field of a card bounded, YAML cards that keep ids as written, and a debrief that
refuses cards of stages or competencies the kit does not have."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from interviewkit.bank.yamlsource import MAX_ALIAS_CHARS, MAX_ALIAS_VALUES, read_yaml
from interviewkit.errors import BankError, InterviewkitError, Problem

from ..conftest import (
    NOTES_ROLE,
    SHIPPED,
    build_kit,
    build_notes_kit,
    fill_with_pypdf,
    question,
    write_bank,
)

ROLE = "engineering-manager"
STAGES = ("screen", "hiring-and-team", "people-development", "delivery", "technical-judgement",
          "values")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One engineering-manager kit with PDF and YAML scorecards, shared by the module."""
    from typer.testing import CliRunner

    from interviewkit.cli import app

    out = tmp_path_factory.mktemp("trust") / "kit"
    result = CliRunner().invoke(app, ["kit", "build", "-r", ROLE, "--candidate", "Dana Scully",
                                      "--out", str(out), "--format", "pdf", "--date",
                                      "2026-02-01", "--yaml-scorecards"],
                                env={"INTERVIEWKIT_BANK": None})
    assert result.exit_code == 0, result.stderr
    return out


def fresh(kit: Path, tmp_path: Path) -> Path:
    """A copy of the shared kit, for a test that writes cards or a debrief into it."""
    return Path(shutil.copytree(kit, tmp_path / "kit"))


def yaml_card(kit: Path, of: str, **changes: Any) -> dict[str, Any]:
    """A complete YAML card for stage `of` of the kit, as an interviewer would fill it."""
    card: dict[str, Any] = yaml.safe_load((kit / f"scorecard-{of}.yaml").read_text())
    competencies = next(stage["competencies"] for stage in json.loads(
        (kit / "kit.json").read_text())["stages"] if stage["stage"] == of)
    card.update(interviewer="Eve Ng", overall=3, ratings={c: 3 for c in competencies},
                evidence={c: "Walked through the rollback." for c in competencies})
    card.update(changes)
    return card


def only_problem(error: InterviewkitError) -> Problem:
    (problem,) = error.problems
    assert isinstance(problem, Problem)
    return problem


def write_card(path: Path, card: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(card, sort_keys=False, width=10**9))
    return path


# --- 6. aliases are bounded by the characters they expand to ----------------------------------

def alias_bomb(text_chars: int, aliases: int) -> tuple[str, int]:
    """A question file with one long prompt repeated through `aliases` aliases, one a line;
    and the line of the first alias."""
    head = yaml.safe_dump({"questions": [question("design-bomb", prompt="P")]}, sort_keys=False)
    head = head.replace("prompt: P", f"prompt: &p \"{'x' * text_chars}\"")
    lines = head.rstrip("\n").split("\n")
    first = len(lines) + 2
    lines += ["  extra_notes_never_read:", *["  - *p"] * aliases]
    return "\n".join(lines) + "\n", first


def test_aliases_are_bounded_in_characters_not_only_values(invoke: Any, tmp_path: Path) -> None:
    # 20 aliases to a 90,000-character prompt: few values, 1.8 million characters. The 12th
    # alias is the first to pass 1,000,000 (12 x 90,000).
    assert MAX_ALIAS_CHARS == 1_000_000 and MAX_ALIAS_VALUES == 10_000
    team = write_bank(tmp_path / "team", [question("design-team")])
    text, first = alias_bomb(90_000, 20)
    bomb = team / "questions" / "bomb.yaml"
    bomb.write_text(text)
    assert bomb.stat().st_size < 100_000
    result = invoke("bank", "validate", "--bank", str(team))
    assert result.exit_code == 2
    assert result.stderr == (f"{bomb}:{first + 11}:5: aliases expand to more than 1,000,000 "
                             "characters; write the text out instead of repeating it\n")
    assert "Traceback" not in result.stderr
    # the same file in the Python API
    with pytest.raises(BankError) as caught:
        read_yaml(bomb)
    problem = only_problem(caught.value)
    assert (problem.line, problem.column) == (first + 11, 5)


def test_eleven_such_aliases_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    text, _ = alias_bomb(90_000, 11)
    path.write_text(text)
    doc = read_yaml(path)
    assert doc.data["questions"][0]["extra_notes_never_read"] == ["x" * 90_000] * 11


def test_keys_reached_through_an_alias_count_too(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(f"a: &m\n  ? {'k' * 600_000}\n  : 1\nb: *m\nc: *m\n")
    with pytest.raises(BankError) as caught:
        read_yaml(path)
    problem = only_problem(caught.value)
    assert (problem.line, problem.column, problem.message) == (
        5, 4, "aliases expand to more than 1,000,000 characters; write the text out instead "
              "of repeating it")


def test_the_value_limit_points_at_the_alias_too(tmp_path: Path) -> None:
    # each alias repeats 101 values (the list and its 100 items): the 100th passes 10,000
    path = tmp_path / "values.yaml"
    path.write_text("a: &a [" + ", ".join(["v"] * 100) + "]\nb:\n" + "  - *a\n" * 120)
    with pytest.raises(BankError) as caught:
        read_yaml(path)
    problem = only_problem(caught.value)
    assert (problem.line, problem.column) == (2 + 100, 5)
    assert "aliases expand to more than 10000 values" in problem.message


def test_a_yaml_card_is_bounded_the_same_way(invoke: Any, kit: Path, tmp_path: Path) -> None:
    lines = (kit / "scorecard-values.yaml").read_text().splitlines()
    lines = [line.replace("interviewer: \"\"", f"interviewer: &w \"{'w' * 90_000}\"")
             for line in lines]
    lines += ["notes:", *["  - *w"] * 20]
    card = tmp_path / "card.yaml"
    card.write_text("\n".join(lines) + "\n")
    first = len(lines) - 19
    result = invoke("scores", "read", str(card))
    assert result.exit_code == 2
    assert result.stderr == (f"{card}:{first + 11}:5: aliases expand to more than 1,000,000 "
                             "characters; write the text out instead of repeating it\n")


# --- 9. every text field of a card is bounded --------------------------------------------------

def test_evidence_over_the_limit_in_a_pdf_card(invoke: Any, kit: Path, tmp_path: Path) -> None:
    logs = "".join(f"10:00:{n % 60:02} INFO handled request {n}\n" for n in range(400))
    over = fill_with_pypdf(kit / "scorecard-technical-judgement.pdf", tmp_path / "over.pdf",
                    {"interviewer": "Cy Doe", "rating_design": "2", "rating_ops": "3",
                     "evidence_design": logs[:10_001], "evidence_ops": "Named alerts.",
                     "overall": "2"})
    result = invoke("scores", "read", str(over))
    assert result.exit_code == 2
    assert result.stderr == (f"{over}: evidence_design: 10,001 characters; the limit is "
                             "10,000 — shorten the evidence (keep logs out of the card)\n")
    at_limit = fill_with_pypdf(kit / "scorecard-technical-judgement.pdf", tmp_path / "at.pdf",
                        {"interviewer": "Cy Doe", "rating_design": "2", "rating_ops": "3",
                         "evidence_design": logs[:9_999] + "x", "evidence_ops": "Named alerts.",
                         "overall": "2"})
    result = invoke("scores", "read", str(at_limit), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (card,) = json.loads(result.stdout)
    assert len(card["evidence"]["design"]) == 10_000


def test_two_megabytes_of_logs_in_a_yaml_card(invoke: Any, kit: Path, tmp_path: Path) -> None:
    kit = fresh(kit, tmp_path)
    logs = ("2026-02-01T10:00:00 INFO worker handled request\n" * 50_000)[:2_000_000]
    card = write_card(kit / "scores" / "logs.yaml", yaml_card(
        kit, "technical-judgement", evidence={"design": logs, "ops": "Named the alerts."}))
    result = invoke("debrief", str(kit), "--format", "both")
    assert result.exit_code == 2
    line = 1 + card.read_text().splitlines().index("evidence:") + 1
    assert result.stderr == (f"{card}:{line}:3: evidence_design: 2,000,000 characters; "
                             "the limit is 10,000 — shorten the evidence (keep logs out "
                             "of the card)\n")
    assert not list(kit.glob("debrief*"))


@pytest.mark.parametrize(("field", "limit"), [("interviewer", 200), ("date", 200),
                                              ("candidate", 10_000)])
def test_every_text_field_is_bounded(invoke: Any, kit: Path, tmp_path: Path, field: str,
                                     limit: int) -> None:
    card = write_card(tmp_path / "card.yaml",
                      yaml_card(kit, "values", **{field: "a" * (limit + 1)}))
    result = invoke("scores", "read", str(card))
    assert result.exit_code == 2
    assert re.fullmatch(rf"{re.escape(str(card))}:\d+:\d+: {field}: {limit + 1:,} characters; "
                        rf"the limit is {limit:,} — shorten it\n", result.stderr), result.stderr


def test_a_rating_that_is_a_long_text_is_not_quoted_whole(invoke: Any, kit: Path,
                                                          tmp_path: Path) -> None:
    card = write_card(tmp_path / "card.yaml", yaml_card(kit, "values", overall="3" * 50_000))
    result = invoke("scores", "read", str(card))
    assert result.exit_code == 2
    assert len(result.stderr) < 300, result.stderr
    assert "overall: 50,000 characters; the limit is 200 — shorten it" in result.stderr


def test_a_card_with_300_invented_competencies(invoke: Any, kit: Path, tmp_path: Path) -> None:
    invented = {f"skill-{n}": 3 for n in range(300)}
    card = write_card(tmp_path / "card.yaml", yaml_card(kit, "values", ratings=invented,
                                                        evidence={}))
    result = invoke("scores", "read", str(card))
    assert result.exit_code == 2
    line = 1 + card.read_text().splitlines().index("ratings:")
    assert result.stderr == (f"{card}:{line}:1: ratings: 300 competencies; a card rates at "
                             "most 100\n")


def test_an_oversized_card_is_set_aside_with_partial(invoke: Any, kit: Path,
                                                    tmp_path: Path) -> None:
    kit = fresh(kit, tmp_path)
    write_card(kit / "scores" / "good.yaml", yaml_card(kit, "values"))
    write_card(kit / "scores" / "big.yaml", yaml_card(
        kit, "delivery", evidence={"leadership": "y" * 10_001, "ops": "Fine."}))
    result = invoke("debrief", str(kit), "--format", "html", "--partial")
    assert result.exit_code == 0, result.stderr
    assert "evidence_leadership: 10,001 characters" in result.stderr
    assert "1 incomplete card set aside" in result.stderr
    assert "1 scorecard," in result.stdout


# --- 10. YAML cards keep ids as written; the debrief refuses cards that are not the kit's ------

TRICKY_STAGES = ("no", "1_0", "off", "010", "0x10", "1e3", "null", "2026-02-01")
TRICKY_COMPETENCIES = ("on", "null", "yes", "0b11", "1_000")


def tricky_bank(directory: Path) -> Path:
    settings = {
        "competencies": [{"id": c, "name": f"Competency {c}", "description": f"About {c}."}
                         for c in TRICKY_COMPETENCIES],
        "levels": [{"id": "senior", "name": "Senior"}],
        "rating_scale": [{"value": v, "label": f"L{v}", "meaning": f"M{v}"}
                         for v in (1, 2, 3, 4)],
    }
    questions = [question(f"q-{n}-{k}", c) for n, c in enumerate(TRICKY_COMPETENCIES)
                 for k in range(4)]
    role = {"id": "tricky", "title": "Tricky", "level": "senior", "summary": "Ids.",
            "stages": [{"id": stage, "name": f"Stage {stage}", "minutes": 30,
                        "competencies": {TRICKY_COMPETENCIES[n % 5]: 1,
                                         TRICKY_COMPETENCIES[(n + 1) % 5]: 1},
                        "description": "A stage."}
                       for n, stage in enumerate(TRICKY_STAGES)]}
    return write_bank(directory, questions, [role], settings)


def fill_skeleton(text: str, rating: int) -> str:
    """Fill a YAML skeleton as a person does, in a text editor: the rest stays as written."""
    text = text.replace('interviewer: ""', 'interviewer: "Hal"')
    text = re.sub(r":\s+# \d(, \d)+\n", f": {rating}\n", text)
    return text.replace("overall:        # the same scale", f"overall: {rating}")


def test_yaml_cards_keep_ids_that_look_like_other_values(invoke: Any, tmp_path: Path) -> None:
    bank = tricky_bank(tmp_path / "bank")
    out = tmp_path / "kit"
    built = invoke("kit", "build", "-r", "tricky", "--candidate", "Ada", "--out", str(out),
                   "--format", "html", "--yaml-scorecards", "--no-default-bank", "--bank",
                   str(bank))
    assert built.exit_code == 0, built.stderr
    manifest = json.loads((out / "kit.json").read_text())
    (out / "scores").mkdir(exist_ok=True)
    expected = {s["stage"]: s["competencies"] for s in manifest["stages"]}
    for stage in TRICKY_STAGES:
        skeleton = (out / f"scorecard-{stage}.yaml").read_text()
        # any YAML reader gets the ids back as text, not only ours
        plain = yaml.safe_load(skeleton)
        assert (plain["kit_id"], plain["role"], plain["stage"]) == (manifest["kit_id"],
                                                                    "tricky", stage)
        assert list(plain["ratings"]) == list(plain["evidence"]) == expected[stage]
        (out / "scores" / f"{stage}.yaml").write_text(fill_skeleton(skeleton, 3))
    result = invoke("scores", "read", *sorted(map(str, (out / "scores").glob("*.yaml"))),
                    "--format", "json", "--no-default-bank", "--bank", str(bank))
    assert result.exit_code == 0, result.stderr
    cards = json.loads(result.stdout)
    assert sorted(c["stage"] for c in cards) == sorted(TRICKY_STAGES)
    for card in cards:
        assert (card["kit_id"], card["role"]) == (manifest["kit_id"], "tricky")
        assert sorted(card["ratings"]) == sorted(expected[card["stage"]])
        assert sorted(card["evidence"]) == sorted(expected[card["stage"]])
    debrief = invoke("debrief", str(out), "--format", "html", "--no-default-bank", "--bank",
                     str(bank))
    assert debrief.exit_code == 0, debrief.stderr
    flags = json.loads((out / "debrief.json").read_text())["flags"]
    assert [f for f in flags if f["kind"] in ("missing-scorecard", "unrated")] == []


def test_a_hand_written_card_keeps_its_ids_as_text(invoke: Any, tmp_path: Path) -> None:
    bank = tricky_bank(tmp_path / "bank")
    out = tmp_path / "kit"
    assert invoke("kit", "build", "-r", "tricky", "--candidate", "Ada", "--out", str(out),
                  "--format", "html", "--no-default-bank", "--bank", str(bank),
                  "--stage", "no").exit_code == 0
    kit_id = json.loads((out / "kit.json").read_text())["kit_id"]
    card = tmp_path / "hand.yaml"
    card.write_text(f"kit_id: {kit_id}\nrole: tricky\nstage: no\ninterviewer: no\n"
                    "date: 2026-02-01\nratings:\n  on: 3\n  null: 2\n"
                    "evidence:\n  on: yes\n  null: 0x10\noverall: 3\n")
    result = invoke("scores", "read", str(card), "--format", "json", "--no-default-bank",
                    "--bank", str(bank))
    assert result.exit_code == 0, result.stderr
    (read,) = json.loads(result.stdout)
    assert (read["stage"], read["interviewer"], read["ratings"], read["evidence"]) == (
        "no", "no", {"null": 2, "on": 3}, {"null": "0x10", "on": "yes"})


def test_debrief_refuses_a_stage_the_kit_does_not_have(invoke: Any, kit: Path,
                                                       tmp_path: Path) -> None:
    card = write_card(tmp_path / "card.yaml", yaml_card(kit, "values", stage="frobnicate"))
    result = invoke("debrief", str(kit), str(card), "--format", "html")
    assert result.exit_code == 2
    assert result.stderr == (f"{card}:4:1: stage: 'frobnicate' is not a stage of this kit "
                             f"({', '.join(STAGES)})\n")


def test_debrief_refuses_competencies_the_stage_does_not_rate(invoke: Any, kit: Path,
                                                              tmp_path: Path) -> None:
    card = write_card(tmp_path / "card.yaml", yaml_card(
        kit, "technical-judgement", ratings={"ops": 3, "frobnication": 4, "culture": 2},
        evidence={"ops": "Alerts.", "frobnication": "Frobs."}))
    lines = card.read_text().splitlines()
    result = invoke("debrief", str(kit), str(card), "--format", "html")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    ratings = lines.index("ratings:") + 1
    assert result.stderr.splitlines() == [
        f"{card}:{ratings + 3}:3: rating_culture: not a competency of stage "
        "technical-judgement (design, ops)",
        f"{card}:{ratings}:1: rating_design: not rated",
        f"{card}:{ratings + 2}:3: rating_frobnication: not a competency of stage "
        "technical-judgement (design, ops)",
        "3 problems found",
        "to go on: fill in what the cards above are missing, or give --partial to set such "
        "cards aside and go on with the rest",
    ]
    # the same card read alone, with no kit to compare with, is a complete card
    alone = invoke("scores", "read", str(card), "--format", "json")
    assert alone.exit_code == 0, alone.stderr


def test_300_invented_competencies_no_longer_debrief_to_zero_flags(invoke: Any, kit: Path,
                                                                   tmp_path: Path) -> None:
    invented = {f"skill-{n}": 3 for n in range(30)}
    card = write_card(tmp_path / "card.yaml", yaml_card(kit, "values", ratings=invented,
                                                        evidence={}))
    result = invoke("debrief", str(kit), str(card), "--format", "html")
    assert result.exit_code == 2
    assert result.stderr.count("not a competency of stage values (culture)") == 30
    assert "rating_culture: not rated" in result.stderr
    kit = fresh(kit, tmp_path)
    partial = invoke("debrief", str(kit), str(card), "--format", "html", "--partial")
    assert partial.exit_code == 0, partial.stderr
    assert "1 incomplete card set aside" in partial.stderr
    assert "0 scorecards" in partial.stdout


def test_export_and_calibrate_check_stages_too(invoke: Any, kit: Path, tmp_path: Path) -> None:
    kit = fresh(kit, tmp_path)
    write_card(kit / "scores" / "odd.yaml", yaml_card(
        kit, "values", ratings={"culture": 3, "design": 1}, evidence={"culture": "Kind."}))
    exported = invoke("scores", "export", str(kit))
    assert exported.exit_code == 2
    assert "rating_design: not a competency of stage values (culture)" in exported.stderr
    calibrated = invoke("calibrate", str(kit), "--out", str(tmp_path / "cal"), "--format",
                        "json")
    assert calibrated.exit_code == 2
    assert "rating_design: not a competency of stage values (culture)" in calibrated.stderr
    calibrated = invoke("calibrate", str(kit), "--out", str(tmp_path / "cal"), "--format",
                        "json", "--partial")
    assert calibrated.exit_code == 0, calibrated.stderr
    assert "1 incomplete set aside" in calibrated.stdout


def test_export_names_every_kits_unfilled_cards_at_once_as_calibrate_does(
        invoke: Any, kit: Path, tmp_path: Path) -> None:
    """Export stopped at the first kit with an unfilled card, so a recruiter fixed one kit
    a run; with --partial it said 'set aside' once per kit. It reads every kit first."""
    kits = tmp_path / "day"
    cards = []
    for name in ("ada", "bob"):
        copy = Path(shutil.copytree(kit, kits / name))
        cards.append(write_card(copy / "scores" / "values.yaml",
                                yaml_card(copy, "values", overall=None)))
    for command in (["scores", "export", str(kits)],
                    ["calibrate", str(kits), "--out", str(tmp_path / "cal")]):
        result = invoke(*command)
        assert result.exit_code == 2, command
        assert [line.split(":")[0] for line in result.stderr.splitlines()
                if "overall" in line] == [str(card) for card in cards], command
    exported = invoke("scores", "export", str(kits), "--partial")
    assert exported.exit_code == 0, exported.stderr
    assert exported.stderr.count("set aside") == 1
    assert "2 incomplete cards set aside" in exported.stderr


def test_an_older_kit_without_stage_competencies_uses_the_role(invoke: Any, kit: Path,
                                                              tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    manifest = json.loads((kit / "kit.json").read_text())
    for stage in manifest["stages"]:
        del stage["competencies"]
    (old / "kit.json").write_text(json.dumps(manifest))
    card = write_card(tmp_path / "card.yaml", yaml_card(kit, "values", ratings={"culture": 3,
                                                                                "ops": 2}))
    result = invoke("debrief", str(old), str(card), "--format", "html")
    assert result.exit_code == 2
    assert "rating_ops: not a competency of stage values (culture)" in result.stderr


def _older(manifest: Any, **questions: tuple[str, ...]) -> Any:
    """`manifest` as a kit made before kit.json recorded what each card rates; `questions`
    (stage -> ids) changes what a stage lists."""
    return manifest.model_copy(update={"stages": tuple(
        stage.model_copy(update={"competencies": None,
                                 "questions": questions.get(stage.stage, stage.questions)})
        for stage in manifest.stages)})


@pytest.mark.parametrize("role", [*sorted(p.stem for p in (SHIPPED / "roles").glob("*.yaml")),
                                  NOTES_ROLE])
def test_an_older_kit_is_read_by_the_rule_a_kit_records_what_its_cards_rate(
        role: str, tmp_path: Path) -> None:
    """A role whose stages ask families names no competencies in them: an older kit of it is
    read against what its stages' questions rate, as kit.json would record it (read against
    the role's stages alone, every rating was refused: "it rates none")."""
    from interviewkit import load_bank
    from interviewkit.kit.manifest import read_manifest
    from interviewkit.scores.debrief import expected_competencies

    if role == NOTES_ROLE:
        kit = build_notes_kit(tmp_path, "html")
        bank = load_bank(kit.parent / "bank")
    else:
        kit, bank = build_kit(tmp_path / "kit", role, "html"), load_bank()
    manifest = read_manifest(kit / "kit.json")
    recorded = {stage.stage: list(stage.competencies or ()) for stage in manifest.stages}
    assert any(recorded.values())
    assert expected_competencies(bank, _older(manifest)) == recorded
    # a question since gone from the bank: what that stage rated cannot be said, any is taken
    first = manifest.stages[0]
    gone = expected_competencies(bank, _older(manifest, **{
        first.stage: (*first.questions[1:], "a-question-since-removed")}))
    assert gone == {**recorded, first.stage: None}


def test_build_debrief_refuses_cards_that_are_not_the_kits(kit: Path, tmp_path: Path) -> None:
    from interviewkit import load_bank
    from interviewkit.kit.manifest import read_manifest
    from interviewkit.scores.cards import read_scorecards
    from interviewkit.scores.debrief import build_debrief

    bank = load_bank()
    card = write_card(tmp_path / "card.yaml", yaml_card(kit, "values", ratings={"design": 3},
                                                        evidence={"design": "Drew it."}))
    cards = read_scorecards([card], bank).cards  # read without the kit: nothing to compare
    with pytest.raises(InterviewkitError) as caught:
        build_debrief(bank, read_manifest(kit / "kit.json"), cards)
    assert caught.value.lines == [f"{card}: rating_culture: not rated",
                                  f"{card}: rating_design: not a competency of stage values "
                                  "(culture)"]


def test_read_as_text_keeps_what_was_written_and_still_refuses_tags(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text("stage: no\nkit: 0123\nempty:\ntilde: ~\nn: 1_0\nkeys: {null: on, 010: 3}\n")
    assert read_yaml(path, as_text=True).data == {
        "stage": "no", "kit": "0123", "empty": None, "tilde": None, "n": "1_0",
        "keys": {"null": "on", "010": "3"}}
    path.write_text("stage: no\n")
    assert read_yaml(path).data == {"stage": False}  # how a bank is read is unchanged
    path.write_text("a: 1\n!!python/name:os.system b: 2\n")
    with pytest.raises(BankError) as caught:
        read_yaml(path, as_text=True)
    assert "the tag !!python/name:os.system is not allowed" in only_problem(caught.value).message
