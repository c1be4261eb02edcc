"""The debrief and calibration pages in a real browser (Debian's Chromium, driven by
Playwright): what axe-core finds wrong with them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..conftest import axe_violations
from .test_scores import CARDS, ROLE, fill_with_pymupdf


def test_axe_finds_nothing_wrong_with_debrief_and_calibration(tmp_path: Path, invoke: Any,
                                                              chromium: Any) -> None:
    kit = tmp_path / "kit"
    assert invoke("kit", "build", "-r", ROLE, "--candidate", "Dana Scully", "--out", str(kit),
                  "--format", "pdf").exit_code == 0
    for stage, (interviewer, values) in CARDS.items():
        fill_with_pymupdf(kit / f"scorecard-{stage}.pdf", kit / "scores" / f"{stage}.pdf",
                          {"interviewer": interviewer, **values})
    assert invoke("debrief", str(kit), "--format", "html").exit_code == 0
    assert invoke("calibrate", str(kit), "--out", str(tmp_path / "cal"), "--format",
                  "html").exit_code == 0
    for report in (kit / "debrief.html", tmp_path / "cal" / "calibration.html"):
        page = chromium.new_page()
        page.goto(report.as_uri())
        assert axe_violations(page) == [], report.name
        page.close()
