"""The kit's HTML pages in a real browser (Debian's Chromium, driven by Playwright): what
axe-core finds wrong with them, the way an interviewer's screen reader would meet it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..browser import axe_violations

ROLE = "engineering-manager"  # the delivery stage rates two competencies


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from interviewkit.cli import app

    out = tmp_path_factory.mktemp("browser") / "kit"
    built = CliRunner().invoke(app, ["kit", "build", "-r", ROLE, "--candidate", "Dana Scully",
                                     "--out", str(out), "--format", "html", "--stage",
                                     "delivery", "--stage", "people-leadership"])
    assert built.exit_code == 0, built.stderr
    return out


@pytest.mark.parametrize("page_name", ["guide-delivery.html", "scorecard-delivery.html",
                                       "candidate-packet.html"])
def test_axe_finds_nothing_wrong(page_name: str, kit: Path, chromium: Any) -> None:
    page = chromium.new_page()
    page.goto((kit / page_name).as_uri())
    assert axe_violations(page) == []
    page.close()
