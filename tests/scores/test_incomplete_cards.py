"""Incomplete cards and far-apart recommendations: the debrief and the calibration say the
same about a card that is not complete, and flag overall recommendations as far apart as a
competency's ratings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..conftest import fill_with_pypdf
from .test_scores import CARDS, ROLE


def kit_with_cards(invoke: Any, tmp_path: Path, **changes: dict[str, str]) -> Path:
    """A kit with every stage's card filled as CARDS says, `changes` applied per stage."""
    kit = tmp_path / "kit"
    assert invoke("kit", "build", "-r", ROLE, "--candidate", "Dana Scully", "--out", str(kit),
                  "--format", "pdf").exit_code == 0
    for stage, (interviewer, values) in CARDS.items():
        filled = {"interviewer": interviewer, **values, **changes.get(stage.replace("-", "_"),
                                                                      {})}
        fill_with_pypdf(kit / f"scorecard-{stage}.pdf", kit / "scores" / f"{stage}.pdf", filled)
    return kit


def test_overall_recommendations_two_points_apart_are_flagged(tmp_path: Path,
                                                               invoke: Any) -> None:
    kit = kit_with_cards(invoke, tmp_path, screen={"overall": "4"},
                         delivery={"overall": "3"}, technical_judgement={"overall": "2"})
    assert invoke("debrief", str(kit), "--format", "html").exit_code == 0
    flags = json.loads((kit / "debrief.json").read_text())["flags"]
    assert {"kind": "spread", "message": "Overall recommendation: from 2 to 4 (2 points "
            "apart)"} in flags
    kit = kit_with_cards(invoke, tmp_path / "close", screen={"overall": "3"},
                         delivery={"overall": "3"}, technical_judgement={"overall": "2"})
    assert invoke("debrief", str(kit), "--format", "html").exit_code == 0
    flags = json.loads((kit / "debrief.json").read_text())["flags"]
    assert not any(f["message"].startswith("Overall") for f in flags)


def test_an_incomplete_card_stops_calibrate_as_it_stops_debrief(tmp_path: Path,
                                                                  invoke: Any) -> None:
    kit = kit_with_cards(invoke, tmp_path, delivery={"rating_ops": "-"})
    card = kit / "scores" / "delivery.pdf"
    expected = f"{card}: rating_ops: not rated"
    debrief = invoke("debrief", str(kit), "--format", "html")
    calibrate = invoke("calibrate", str(kit), "--out", str(tmp_path / "cal"))
    for result in (debrief, calibrate):
        assert result.exit_code == 2
        assert expected in result.stderr.splitlines()
    assert not (tmp_path / "cal").exists()
    calibrate = invoke("calibrate", str(kit), "--out", str(tmp_path / "cal"), "--partial",
                       "--format", "json")
    assert calibrate.exit_code == 0, calibrate.stderr
    assert f"incomplete: {expected}" in calibrate.stderr.splitlines()
    assert "2 scorecards, 1 incomplete set aside" in calibrate.stdout


def test_a_card_set_aside_is_not_called_missing(tmp_path: Path, invoke: Any) -> None:
    kit = kit_with_cards(invoke, tmp_path, delivery={"rating_ops": "-"})
    result = invoke("debrief", str(kit), "--format", "html", "--partial")
    assert result.exit_code == 0, result.stderr
    messages = [f["message"] for f in json.loads((kit / "debrief.json").read_text())["flags"]]
    assert "no scorecard for stage delivery" not in messages
    assert (f"the scorecard for stage delivery was set aside as incomplete "
            f"({kit / 'scores' / 'delivery.pdf'})") in messages
