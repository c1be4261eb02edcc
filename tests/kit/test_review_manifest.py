"""kit.json as the debrief and the calibration read it back: a kit from before kit.json
recorded the company and the page size still reads, and what it records is checked before it
styles a report (the page size goes into the stylesheet)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import build_kit

ROLE = "engineering-manager"
STAGE = "people-development"  # rates people management alone


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    kit = build_kit(tmp_path / "kit", ROLE, "html", STAGE)
    card = {"kit_id": json.loads((kit / "kit.json").read_text())["kit_id"], "role": ROLE,
            "candidate": "Dana Scully", "stage": STAGE, "interviewer": "Ann Lee",
            "date": "2026-02-01", "ratings": {"people": 3},
            "evidence": {"people": "Gave feedback the same day."}, "overall": 3}
    (kit / "scores" / "ann.yaml").write_text(yaml.safe_dump(card))
    return kit


def edit_manifest(kit: Path, **changes: Any) -> None:
    manifest = json.loads((kit / "kit.json").read_text())
    manifest.update(changes)
    manifest = {key: value for key, value in manifest.items() if value is not None}
    (kit / "kit.json").write_text(json.dumps(manifest, indent=2))


def test_a_kit_json_from_before_company_and_page_size_is_read(kit: Path, tmp_path: Path,
                                                             invoke: Any) -> None:
    edit_manifest(kit, company=None, page_size=None)
    debrief = invoke("debrief", str(kit), "--format", "html")
    assert debrief.exit_code == 0, debrief.stderr
    assert "size: A4;" in (kit / "debrief.html").read_text()
    calibrated = invoke("calibrate", str(kit), "--out", str(tmp_path / "cal"), "--format",
                        "json")
    assert calibrated.exit_code == 0, calibrated.stderr


def test_a_page_size_in_kit_json_is_one_we_write_not_css(kit: Path, invoke: Any) -> None:
    injected = "A4; } h1, h2, table { display: none } @page { size: A4"
    edit_manifest(kit, page_size=injected)
    debrief = invoke("debrief", str(kit), "--format", "html")
    assert debrief.exit_code == 2
    assert "kit.json:" in debrief.stderr and "page_size" in debrief.stderr
    assert "Traceback" not in debrief.stderr
    assert not (kit / "debrief.html").exists()
    edit_manifest(kit, page_size="letter")
    assert invoke("debrief", str(kit), "--format", "html").exit_code == 0
    assert "size: letter;" in (kit / "debrief.html").read_text()
