"""Text from a card in the debrief's HTML and PDF: an interviewer's name or evidence (typed in
the HTML scorecard, or planted in its storage by another page) cannot reorder the sentences it
sits in with a bidirectional override, nor put control characters on the page. The terminal
and CSV already drop the same characters (escape.UNSAFE)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..conftest import build_kit, pdf_text

ROLE = "engineering-manager"
STAGE = "people-development"  # rates people management alone
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_a_card_cannot_reorder_or_mark_the_debrief(tmp_path: Path, invoke: Any) -> None:
    kit = build_kit(tmp_path / "kit", ROLE, "html", STAGE)
    card = {"kit_id": json.loads((kit / "kit.json").read_text())["kit_id"], "role": ROLE,
            "candidate": "Dana Scully", "stage": STAGE,
            "interviewer": "Ann\u202e Lee\x1b[31m\x00", "date": "2026-02-01",
            "ratings": {"people": 2}, "evidence": {"people": ""}, "overall": 3}
    (kit / "scores" / "ann.yaml").write_text(yaml.safe_dump(card, allow_unicode=True))
    debrief = invoke("debrief", str(kit), "--format", "both")
    assert debrief.exit_code == 0, debrief.stderr
    page = (kit / "debrief.html").read_text(encoding="utf-8")
    assert not UNSAFE.search(page), UNSAFE.findall(page)
    assert "Ann Lee[31m" in page
    text = " ".join(pdf_text(kit / "debrief.pdf").split())
    assert "Ann Lee[31m (people-development) rated People management 2 with no " \
           "evidence written" in text, text
