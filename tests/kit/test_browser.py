"""The kit's HTML pages in a real browser (Debian's Chromium, driven by Playwright): what
axe-core finds wrong with them, the way an interviewer's screen reader would meet it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..browser import axe_violations
from ..conftest import build_kit

ROLE = "engineering-manager"  # the delivery stage rates two competencies


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_kit(tmp_path_factory.mktemp("browser") / "kit", ROLE, "html", "delivery",
                     "people-leadership")


@pytest.mark.parametrize("page_name", ["guide-delivery.html", "scorecard-delivery.html",
                                       "candidate-packet.html"])
def test_axe_finds_nothing_wrong(page_name: str, kit: Path, chromium: Any) -> None:
    page = chromium.new_page()
    page.goto((kit / page_name).as_uri())
    assert axe_violations(page) == []
    page.close()
