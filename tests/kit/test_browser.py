"""The kit's HTML pages in a real browser (Debian's Chromium, driven by Playwright): what
axe-core finds wrong with them, the way an interviewer's screen reader would meet it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..browser import axe_violations
from ..conftest import build_kit, shipped_questions

ROLE = "engineering-manager"  # the delivery stage rates two competencies


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_kit(tmp_path_factory.mktemp("browser") / "kit", ROLE, "html", "delivery",
                     "people-development")


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The senior loop's system design (its handouts are prose) and debugging exercise (its
    handout is code)."""
    return build_kit(tmp_path_factory.mktemp("handouts") / "kit", "senior-python-engineer",
                     "html", "system-design", "debugging")


def check(page_path: Path, chromium: Any) -> None:
    page = chromium.new_page()
    page.goto(page_path.as_uri())
    assert axe_violations(page) == []
    page.close()


@pytest.mark.parametrize("page_name", ["guide-delivery.html", "scorecard-delivery.html",
                                       "candidate-packet.html"])
def test_axe_finds_nothing_wrong(page_name: str, kit: Path, chromium: Any) -> None:
    check(kit / page_name, chromium)


@pytest.mark.parametrize("stage", ["system-design", "debugging"])
def test_axe_finds_nothing_wrong_with_a_handout(stage: str, handouts: Path,
                                                chromium: Any) -> None:
    planned = next(s for s in json.loads((handouts / "kit.json").read_text())["stages"]
                   if s["stage"] == stage)
    with_handout = {q["id"] for q in shipped_questions() if q.get("handout")}
    pages = [handouts / f"handout-{qid}.html" for qid in planned["questions"]
             if qid in with_handout]
    assert pages, stage
    for page in pages:
        check(page, chromium)


def test_no_table_cell_of_a_guide_is_cut_on_screen(handouts: Path, chromium: Any) -> None:
    """The guides' tables are laid out by given widths (fixed layout): every header and
    cell still holds its text on screen ("Minutes" once ran past its column)."""
    page = chromium.new_page()
    for guide in sorted(handouts.glob("guide-*.html")):
        page.goto(guide.as_uri())
        cut = page.evaluate("() => [...document.querySelectorAll('table th, table td')]"
                            ".filter(c => c.scrollWidth > c.clientWidth + 1)"
                            ".map(c => c.textContent.trim())")
        assert cut == [], guide.name
    page.close()
