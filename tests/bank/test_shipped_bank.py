"""The default bank meets the content standard: every topic, complete and anchored."""

from __future__ import annotations

import re
from collections import Counter

from interviewkit.bank.load import load_bank
from interviewkit.plan.selection import QuestionFilter, filter_questions

from ..conftest import shipped_questions

VAGUE = re.compile(r"\b(good|great|excellent|weak|poor|solid|strong understanding)\b", re.I)


def test_loads_through_the_api() -> None:
    bank = load_bank()
    assert [c.id for c in bank.competencies] == ["design", "ops", "leadership", "people",
                                                 "culture", "coding"]
    assert [p.label for p in bank.rating_scale] == ["Strong no", "No", "Yes", "Strong yes"]
    assert bank.role("senior-python-engineer") is not None
    senior_ops = filter_questions(bank, QuestionFilter(competencies=("ops",),
                                                       levels=("senior",)))
    assert senior_ops and all(q.competency == "ops" for q in senior_ops)


def test_deep_enough_to_rotate() -> None:
    counts = Counter(q["competency"] for q in shipped_questions())
    assert all(counts[c] >= 12 for c in ("design", "ops", "leadership", "culture")), counts
    assert sum(counts.values()) >= 48


def test_every_shipped_role_fills_and_rotates() -> None:
    from interviewkit.plan.capacity import role_capacity
    from interviewkit.plan.selection import plan_kit

    bank = load_bank()
    assert len(bank.roles) >= 4
    for role in bank.roles:
        # every family has two variants or more: consecutive candidates cannot compare notes
        assert role_capacity(bank, role).disjoint_kits >= 2, role.id
        for seed in range(20):
            plan_kit(bank, role.id, "Somebody", seed=seed)  # raises if a stage cannot fill


def test_shipped_bank_lints_clean() -> None:
    from interviewkit.bank.lint import lint_bank

    assert [str(w) for w in lint_bank(load_bank())] == []


def test_every_question_is_complete() -> None:
    for q in shipped_questions():
        assert len(q["look_for"]) >= 3, q["id"]
        assert len(q["follow_ups"]) >= 2, q["id"]
        assert len(q["red_flags"]) >= 2, q["id"]
        assert q["tags"], q["id"]
        assert len(q["sample_answer"].split()) >= 50, q["id"]


def test_rubric_anchors_are_distinct_observable_behaviour() -> None:
    for q in shipped_questions():
        if not q.get("scored", True):
            assert "rubric" not in q, q["id"]  # notes only
            continue
        anchors = [q["rubric"][v] for v in (1, 2, 3, 4)]
        assert len(set(anchors)) == 4, q["id"]
        for level_anchors in q.get("level_rubrics", {}).values():
            anchors += level_anchors.values()
        for anchor in anchors:
            assert len(anchor.split()) >= 10, (q["id"], anchor)
            assert not VAGUE.search(anchor), (q["id"], anchor)


def test_prompts_are_not_repeated() -> None:
    prompts = [" ".join(q["prompt"].lower().split()) for q in shipped_questions()]
    assert len(set(prompts)) == len(prompts)
