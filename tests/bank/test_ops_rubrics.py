"""The ops questions' anchors reward reasoning, not a recited checklist (issue 13)."""

from __future__ import annotations

import re
from typing import Any

from ..conftest import shipped_questions

# An anchor that builds on the one below it by adding items ("Does all of 3, plus ...")
# turns the top rating back into a checklist.
CHECKLIST_OPENING = re.compile(r"^\s*(does all of|covers|everything in) [1-4]\b", re.I)
PARTIAL_MATCH = {3: re.compile(r"stay at 2", re.I), 4: re.compile(r"rate 3", re.I)}


def ops_questions() -> list[dict[str, Any]]:
    return [q for q in shipped_questions() if q["competency"] == "ops"]


def test_top_anchors_are_not_built_as_checklists() -> None:
    for q in ops_questions():
        for value in (3, 4):
            assert not CHECKLIST_OPENING.search(q["rubric"][value]), (q["id"], value)


def test_top_anchors_say_what_a_partial_match_gets() -> None:
    for q in ops_questions():
        for value, wording in PARTIAL_MATCH.items():
            assert wording.search(q["rubric"][value]), (q["id"], value)


def test_the_upgrade_question_targets_a_version_with_bug_fixes() -> None:
    # 3.12 has had security fixes only since April 2025; 3.14 gets bug fixes until 2027.
    upgrade = next(q for q in ops_questions() if q["id"] == "ops-python-version-upgrade")
    assert "3.14" in upgrade["prompt"] and "3.12" not in upgrade["prompt"]
