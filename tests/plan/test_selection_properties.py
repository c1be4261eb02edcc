"""Properties of the draw over generated banks and roles: every invariant holds for any
seed, or a clear InterviewkitError says why not."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewkit.errors import InterviewkitError
from interviewkit.models import KINDS, Bank, Competency, Level, Question, RatingValue, Role
from interviewkit.plan.selection import DrawRules, plan_kit

COMPETENCIES = ("design", "ops", "culture")
LEVELS = ("mid", "senior")
SCALE = tuple(RatingValue(value=v, label=f"L{v}", meaning=f"M{v}") for v in (1, 2, 3, 4))


@st.composite
def banks(draw: st.DrawFn) -> tuple[Bank, Role]:
    questions = []
    for n in range(draw(st.integers(1, 30))):
        questions.append(Question.model_validate({
            "id": f"q{n}", "competency": draw(st.sampled_from(COMPETENCIES)),
            "kind": draw(st.sampled_from(KINDS)),
            "levels": draw(st.lists(st.sampled_from(LEVELS), min_size=1, unique=True)),
            "minutes": draw(st.integers(5, 30)), "prompt": "p", "why": "w",
            "look_for": ["l"], "follow_ups": ["f"], "red_flags": ["r"],
            "rubric": {1: "a", 2: "b", 3: "c", 4: "d"}, "sample_answer": "s"}))
    ids = [q.id for q in questions]
    stages: list[dict[str, Any]] = []
    for n in range(draw(st.integers(1, 4))):
        competencies = draw(st.lists(st.sampled_from(COMPETENCIES), min_size=1, max_size=2,
                                     unique=True))
        pinned = draw(st.lists(st.sampled_from(ids), max_size=1, unique=True))
        pinned = [p for p in pinned if questions[int(p[1:])].competency in competencies
                  and not any(p in s["pinned"] for s in stages)]
        stages.append({
            "id": f"s{n}", "name": f"Stage {n}", "minutes": draw(st.integers(20, 120)),
            "candidate_minutes": draw(st.integers(0, 10)),
            "competencies": {c: draw(st.integers(1, 3)) for c in competencies},
            "pinned": pinned,
            "exclude": draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)),
            "kinds": draw(st.lists(st.sampled_from(KINDS), max_size=2, unique=True)),
            "description": "d"})
    for stage in stages:
        stage["exclude"] = [e for e in stage["exclude"] if e not in stage["pinned"]]
    role = Role.model_validate({"id": "r", "title": "R", "level": draw(st.sampled_from(LEVELS)),
                                "summary": "s", "stages": stages})
    bank = Bank(competencies=tuple(Competency(id=c, name=c, description=c)
                                   for c in COMPETENCIES),
                levels=tuple(Level(id=lv, name=lv) for lv in LEVELS), rating_scale=SCALE,
                questions=tuple(questions), roles=(role,), directories=(), content_hash="h")
    return bank, role


def _check(bank: Bank, role: Role, candidate: str, seed: int) -> Any:
    try:
        plan = plan_kit(bank, role.id, candidate, seed)
    except InterviewkitError as error:
        assert error.lines and all(line for line in error.lines)
        return None
    assert plan == plan_kit(bank, role.id, candidate, seed)  # same inputs, same plan
    asked = [q.id for s in plan.stages for q in s.questions]
    assert len(asked) == len(set(asked))  # nothing twice in a loop
    for stage, planned in zip(role.stages, plan.stages, strict=True):
        ids = [q.id for q in planned.questions]
        questions = [bank.question(qid) for qid in ids]
        assert all(stage_pin in ids for stage_pin in stage.pinned)
        counts = Counter(q.competency for q in questions if q)
        assert counts == Counter(stage.competencies)  # exactly the counts asked for
        minutes = sum(q.minutes for q in questions if q)
        assert minutes + stage.candidate_minutes <= stage.minutes
        for q in questions:
            assert q is not None
            if q.id in stage.pinned:
                continue
            assert role.level in q.levels
            assert q.id not in stage.exclude
            assert not stage.kinds or q.kind in stage.kinds
    return plan


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks(), st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
def test_every_plan_keeps_every_invariant(generated: tuple[Bank, Role], seed: int,
                                          other_seed: int) -> None:
    bank, role = generated
    first = _check(bank, role, "Ada", seed)
    second = _check(bank, role, "Grace", other_seed)
    if first and second:  # comparable: the same kinds in every stage for every candidate
        def mix(plan: Any) -> list[list[str]]:
            return [sorted(bank.question(q.id).kind for q in s.questions  # type: ignore[union-attr]
                           if q.reason != "pinned") for s in plan.stages]

        assert mix(first) == mix(second)


@settings(max_examples=100, deadline=None)
@given(banks(), st.integers(0, 2**16))
def test_avoided_questions_are_never_drawn(generated: tuple[Bank, Role], seed: int) -> None:
    bank, role = generated
    avoid = frozenset(q.id for q in bank.questions[::2])
    try:
        plan = plan_kit(bank, role.id, "Ada", seed, rules=DrawRules(avoid=avoid))
    except InterviewkitError:
        return
    drawn = {q.id for s in plan.stages for q in s.questions if q.reason.startswith("drawn")}
    assert not (drawn & avoid)
