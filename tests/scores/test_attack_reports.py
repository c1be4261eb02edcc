"""A report that cannot be written where it goes is said in a line, and then nothing of it is
written: a folder in the place of one of its files, a file in the place of its folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROLE = "engineering-manager"


def _kit_with_a_card(invoke: Any, out: Path) -> Path:
    built = invoke("kit", "build", "-r", ROLE, "--candidate", "Avery", "--stage", "screen",
                   "--out", str(out), "--format", "html", "--yaml-scorecards")
    assert built.exit_code == 0, built.stderr
    card = yaml.safe_load((out / "scorecard-screen.yaml").read_text())
    card.update(interviewer="Ann", ratings={"leadership": 3}, overall=3,
                evidence={"leadership": "noted"})
    (out / "scores" / "ann.yaml").write_text(yaml.safe_dump(card))
    return out


def test_debrief_with_a_folder_in_place_of_one_of_its_files(invoke: Any,
                                                           tmp_path: Path) -> None:
    kit = _kit_with_a_card(invoke, tmp_path / "kit")
    (kit / "debrief.html").mkdir()
    result = invoke("debrief", str(kit), "--format", "html")
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"error: {kit / 'debrief.html'}: is a folder where this file goes; "
                             "move it away, then run again (nothing was written)\n")
    assert not (kit / "debrief.json").exists()  # all of the report, or none of it
    assert [p.name for p in kit.iterdir() if p.name.startswith(".")] == []


def test_calibrate_into_a_file_or_beside_a_folder(invoke: Any, tmp_path: Path) -> None:
    _kit_with_a_card(invoke, tmp_path / "kits" / "avery")
    report = tmp_path / "report"
    report.write_text("mine\n")
    result = invoke("calibrate", str(tmp_path / "kits"), "--out", str(report))
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"error: {report}: is a file where a folder goes (nothing was "
                             "written)\n")
    assert report.read_text() == "mine\n"

    report.unlink()
    (report / "roles.csv").mkdir(parents=True)
    result = invoke("calibrate", str(tmp_path / "kits"), "--out", str(report))
    assert result.exit_code == 2, result.output
    assert "roles.csv: is a folder where this file goes" in result.stderr
    assert sorted(p.name for p in report.iterdir()) == ["roles.csv"]
