"""`interviewkit calibrate`: figures across kits, checked against numbers worked out by hand."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml

from interviewkit.bank.load import load_bank
from interviewkit.kit.manifest import KitManifest
from interviewkit.scores.calibrate import MIN_KITS_FOR_LENIENCY, build_calibration
from interviewkit.scores.cards import Scorecard

ROLE = "engineering-manager"


def _kit(invoke: Any, root: Path, candidate: str,
         cards: dict[str, tuple[str, dict[str, int], int]]) -> dict[str, Any]:
    out = root / candidate.lower()
    built = invoke("kit", "build", "-r", ROLE, "--candidate", candidate, "--out", str(out),
                   "--format", "html", "--yaml-scorecards")
    assert built.exit_code == 0, built.stderr
    (out / "scores").mkdir(exist_ok=True)
    for stage, (who, ratings, overall) in cards.items():
        card = yaml.safe_load((out / f"scorecard-{stage}.yaml").read_text())
        card.update(interviewer=who, ratings=ratings, overall=overall,
                    evidence={c: "noted" for c in ratings})
        (out / "scores" / f"{stage}.yaml").write_text(yaml.safe_dump(card))
    manifest: dict[str, Any] = json.loads((out / "kit.json").read_text())
    return manifest


def test_calibration_by_hand(invoke: Any, tmp_path: Path) -> None:
    kits = tmp_path / "kits"
    first = _kit(invoke, kits, "Avery", {
        "screen": ("Ann", {"leadership": 2}, 2),
        "delivery": ("Bob", {"leadership": 4, "ops": 3}, 3)})
    second = _kit(invoke, kits, "Blake", {
        "screen": ("Ann", {"leadership": 3}, 3),
        "delivery": ("Bob", {"leadership": 4, "ops": 4}, 4),
        "values": ("Cy", {"culture": 1}, 1)})
    result = invoke("calibrate", str(kits), "--out", str(tmp_path / "report"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "2 kits, 5 scorecards"
    report = json.loads((tmp_path / "report" / "calibration.json").read_text())
    people = {i["interviewer"]: i for i in report["interviewers"]}
    # Ann: 2, 3. Kit 1: 2 - mean(4, 3) = -1.5; kit 2: 3 - mean(4, 4, 1) = 0 -> -0.75
    assert (people["Ann"]["cards"], people["Ann"]["mean"], people["Ann"]["leniency"],
            people["Ann"]["compared_kits"], people["Ann"]["flagged"]) == (2, 2.5, -0.75, 2,
                                                                          False)
    assert people["Ann"]["distribution"] == {"1": 0, "2": 1, "3": 1, "4": 0}
    # Bob: 4, 3, 4, 4. Kit 1: 3.5 - 2 = 1.5; kit 2: 4 - mean(3, 1) = 2 -> 1.75
    assert (people["Bob"]["mean"], people["Bob"]["leniency"]) == (3.75, 1.75)
    # Cy: 1. Kit 2: 1 - mean(3, 4, 4) = -2.67
    assert (people["Cy"]["mean"], people["Cy"]["leniency"]) == (1, -2.67)
    (role,) = report["roles"]
    assert (role["role"], role["kits"], role["cards"]) == (ROLE, 2, 5)
    assert role["overall"] == {"1": 1, "2": 1, "3": 2, "4": 1}
    questions = {q["question"]: q for q in report["questions"]}
    for manifest, ops in ((first, 3), (second, 4)):
        delivery = next(s for s in manifest["stages"] if s["stage"] == "delivery")
        ops_question = next(q for q in delivery["questions"] if q.startswith("ops-"))
        expected_asked = sum(ops_question in s["questions"] for m in (first, second)
                             for s in m["stages"])
        assert questions[ops_question]["asked"] == expected_asked
        if expected_asked == 1:
            assert questions[ops_question]["mean"] == ops
    asked_total = sum(q["asked"] for q in report["questions"])
    assert asked_total == sum(len(s["questions"]) for m in (first, second)
                              for s in m["stages"])
    rows = list(csv.DictReader(io.StringIO(
        (tmp_path / "report" / "interviewers.csv").read_text())))
    assert [r["interviewer"] for r in rows] == ["Ann", "Bob", "Cy"]
    html = (tmp_path / "report" / "calibration.html").read_text()
    assert "<svg" in html and "does not judge" in html


def _card(kit: str, stage: str, who: str, value: int) -> Scorecard:
    return Scorecard(source="x", kit_id=kit, role="r", candidate=kit, stage=stage,
                     interviewer=who, date="", ratings={"design": value},
                     evidence={"design": "e"}, overall=value)


def test_leniency_is_flagged_only_with_enough_shared_candidates() -> None:
    bank = load_bank()

    def kits(count: int) -> list[tuple[KitManifest, list[Scorecard]]]:
        return [(KitManifest.model_validate({"kit_id": f"k{n}", "role": "r", "candidate": "C",
                                             "seed": n, "stages": [], "bank": {
                                                 "sha256": "0" * 64, "directories": []}}),
                 [_card(f"k{n}", "a", "Lenient", 4), _card(f"k{n}", "b", "Other", 2)])
                for n in range(count)]

    few = {i.interviewer: i for i in build_calibration(
        bank, kits(MIN_KITS_FOR_LENIENCY - 1)).interviewers}
    many = {i.interviewer: i for i in build_calibration(
        bank, kits(MIN_KITS_FOR_LENIENCY)).interviewers}
    assert few["Lenient"].leniency == 2 and not few["Lenient"].flagged
    assert many["Lenient"].leniency == 2 and many["Lenient"].flagged
    assert many["Other"].leniency == -2 and many["Other"].flagged


def test_calibrate_needs_kits(invoke: Any, tmp_path: Path) -> None:
    result = invoke("calibrate", str(tmp_path))
    assert result.exit_code == 2
    assert "no kit.json below" in result.stderr
