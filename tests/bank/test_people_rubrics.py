"""The leadership and culture questions keep issue 13's standard: a recited model answer
scores at most a 2, every 3 and 4 says what a partial match gets, behavioural prompts offer
a closest-case fallback, and nothing probes or penalises what the law protects."""

from __future__ import annotations

import re
from typing import Any

from ..conftest import shipped_questions

PEOPLE = ("leadership", "culture")


def _people() -> list[dict[str, Any]]:
    return [q for q in shipped_questions() if q["competency"] in PEOPLE]


def test_recital_earns_at_most_a_two_and_partials_are_placed() -> None:
    for q in _people():
        assert "at most a 2" in q["rubric"][2] or "earns nothing" in q["rubric"][2], q["id"]
        for value in (3, 4):
            assert re.search(r"\brate [23]\b", q["rubric"][value]), (q["id"], value)
            assert not q["rubric"][value].lower().startswith(("covers all", "does all",
                                                              "does everything")), q["id"]


def test_behavioural_prompts_offer_the_closest_case() -> None:
    for q in _people():
        if q["kind"] == "behavioral":
            assert re.search(r"\bIf (you have not|nothing|no |that has not)", q["prompt"]), q["id"]


def test_no_probe_or_red_flag_touches_protected_matters() -> None:
    banned = re.compile(r"leave a startup|burned out|training programme|dedicated mentor|"
                        r"\bage\b|pregnan|religio|visa|nationality|recent graduate", re.I)
    for q in _people():
        for field in ("follow_ups", "red_flags"):
            for text in q[field]:
                assert not banned.search(text), (q["id"], field, text)
