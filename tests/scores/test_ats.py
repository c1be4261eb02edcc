"""`scores export --format greenhouse|lever|ashby`: each filled card as the JSON an ATS's API
takes, every documented field checked on a real kit with filled YAML cards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from interviewkit.bank.load import load_bank
from interviewkit.scores.ats import greenhouse_rating

ROLE = "senior-python-engineer"
CARDS = {  # stage: interviewer, ratings, evidence, notes, overall
    "screen": ("Ann Lee", {"leadership": 4}, "Walked through the billing rewrite.",
               "Wants a smaller team.", 3),
    "system-design": ("Bo Chen", {"design": 1}, "Could not say where the data lives.", "", 2),
}


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from interviewkit.cli import app

    out = tmp_path_factory.mktemp("ats") / "kit"
    built = CliRunner().invoke(app, ["kit", "build", "-r", ROLE, "--candidate", "Ada Lovelace",
                                     "--out", str(out), "--format", "html", "--date",
                                     "2026-12-01", "--yaml-scorecards"])
    assert built.exit_code == 0, built.output
    (out / "scores").mkdir(exist_ok=True)
    for stage, (who, ratings, evidence, notes, overall) in CARDS.items():
        card = yaml.safe_load((out / f"scorecard-{stage}.yaml").read_text())
        assert set(card["ratings"]) == set(ratings)  # what kit.json says the stage rates
        card.update(interviewer=who, ratings=ratings, overall=overall,
                    evidence={c: evidence for c in ratings})
        if notes:
            card["notes"] = notes
        (out / "scores" / f"{stage}.yaml").write_text(yaml.safe_dump(card))
    return out


def export(invoke: Any, kit: Path, shape: str) -> dict[str, dict[str, Any]]:
    result = invoke("scores", "export", str(kit), "--format", shape)
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    for record in records:
        assert record["interviewkit"]["candidate"] == "Ada Lovelace"
        assert record["interviewkit"]["role"] == ROLE
        assert record["interviewkit"]["interviewer"] == CARDS[record["interviewkit"]["stage"]][0]
        assert record["interviewkit"]["source"].endswith(".yaml")
    return {r["interviewkit"]["stage"]: r["payload"] for r in records}


def test_greenhouse_scorecards(invoke: Any, kit: Path) -> None:
    bank = load_bank()
    manifest = json.loads((kit / "kit.json").read_text())
    cards = export(invoke, kit, "greenhouse")
    assert set(cards) == set(CARDS)
    screen = cards["screen"]
    assert screen["interview"] == "Screening conversation"
    assert screen["interviewed_at"] == "2026-12-01"
    assert screen["submitted_by"] == "Ann Lee"
    assert screen["overall_recommendation"] == "yes"
    assert screen["attributes"] == [{"name": "Leadership and ownership", "type": "Competency",
                                     "note": "Walked through the billing rewrite.",
                                     "rating": "strong_yes"}]
    assert screen["ratings"] == {"definitely_not": [], "no": [], "mixed": [], "yes": [],
                                 "strong_yes": ["Leadership and ownership"]}
    asked = next(s for s in manifest["stages"] if s["stage"] == "screen")["questions"]
    assert [q["id"] for q in screen["questions"]] == list(range(1, len(asked) + 1))
    for entry, qid in zip(screen["questions"], asked, strict=True):
        question = bank.question(qid)
        assert question is not None
        assert entry["question"] == " ".join(question.prompt.split())
        assert entry["answer"] == ("Walked through the billing rewrite." if question.scored
                                   else "Wants a smaller team.")  # the notes, not rated
    design = cards["system-design"]
    assert design["overall_recommendation"] == "no"
    assert design["ratings"]["definitely_not"] == ["System and software design"]


def test_lever_feedback(invoke: Any, kit: Path) -> None:
    manifest = json.loads((kit / "kit.json").read_text())
    forms = export(invoke, kit, "lever")
    assert forms["screen"] == {
        "baseTemplateId": f"interviewkit-{ROLE}-screen", "panel": manifest["kit_id"],
        "interview": "Screening conversation",
        "fieldValues": [{"id": "rating_leadership", "value": 4},
                        {"id": "evidence_leadership",
                         "value": "Walked through the billing rewrite."},
                        {"id": "notes", "value": "Wants a smaller team."},
                        {"id": "overall", "value": 3}]}
    assert forms["system-design"]["fieldValues"][0] == {"id": "rating_design", "value": 1}


def test_ashby_feedback_submissions(invoke: Any, kit: Path) -> None:
    forms = export(invoke, kit, "ashby")
    assert forms["screen"] == {"feedbackForm": {"fieldSubmissions": [
        {"path": "rating_leadership", "value": {"score": 4}},
        {"path": "evidence_leadership", "value": "Walked through the billing rewrite."},
        {"path": "notes", "value": "Wants a smaller team."},
        {"path": "overall", "value": {"score": 3}}]}}


def test_the_scale_maps_onto_greenhouses_words() -> None:
    assert [greenhouse_rating(v, 4) for v in (1, 2, 3, 4, None)] == [
        "definitely_not", "no", "yes", "strong_yes", "no_decision"]
    assert [greenhouse_rating(v, 6) for v in range(1, 7)] == [
        "definitely_not", "no", "no", "yes", "yes", "strong_yes"]
