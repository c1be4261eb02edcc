"""Shape a kit plan into what templates see: everything computed, formatted and ready.

Two audiences, two families of types. The interviewer views carry the whole question; the
candidate view is built from `CandidateStage`, a type that has no field for a prompt, rubric,
probe, red flag, sample answer or note, so none can reach a candidate packet by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Bank, KitPlan, Question, Role, Stage, StagePlan

REMINDER = ("Score on your own, from what you heard, before the debrief: write the evidence "
            "first, then choose the rating it supports. Do not compare notes until every "
            "scorecard is in.")


@dataclass(frozen=True)
class Branding:
    company: str
    accent: str  # a CSS colour
    logo_data_uri: str | None
    page_size: str  # "A4" or "letter"
    date: str  # as printed; empty leaves a line to fill in
    language: str = "en"


@dataclass(frozen=True)
class RatingPoint:
    value: int
    label: str
    meaning: str


@dataclass(frozen=True)
class RubricRow:
    value: int
    label: str
    anchor: str


@dataclass(frozen=True)
class GuideQuestion:
    number: int
    id: str
    competency: str  # its name
    kind: str
    minutes: int
    starts: str  # "0:05"
    ends: str
    reason: str
    prompt: str
    why: str
    look_for: tuple[str, ...]
    follow_ups: tuple[str, ...]
    red_flags: tuple[str, ...]
    rubric: tuple[RubricRow, ...]
    sample_answer: str


@dataclass(frozen=True)
class TimeSlot:
    label: str
    minutes: int
    starts: str
    ends: str


@dataclass(frozen=True)
class GuideView:
    brand: Branding
    title: str
    kit_id: str
    role_title: str
    candidate: str
    stage_id: str
    stage_name: str
    stage_minutes: int
    slots: tuple[TimeSlot, ...]
    questions: tuple[GuideQuestion, ...]
    scale: tuple[RatingPoint, ...]
    reminder: str = REMINDER


@dataclass(frozen=True)
class ScorecardRow:
    competency_id: str
    name: str
    description: str
    questions: tuple[str, ...]  # ids of the questions asked for it
    rating_field: str
    evidence_field: str


@dataclass(frozen=True)
class ScorecardView:
    brand: Branding
    title: str
    kit_id: str
    role_id: str
    role_title: str
    candidate: str
    stage_id: str
    stage_name: str
    rows: tuple[ScorecardRow, ...]
    scale: tuple[RatingPoint, ...]
    reminder: str = REMINDER


@dataclass(frozen=True)
class CandidateTopic:
    name: str
    description: str


@dataclass(frozen=True)
class CandidateStage:
    """What a candidate may know about one interview: never its questions."""

    name: str
    minutes: int
    description: str
    explores: tuple[CandidateTopic, ...]
    candidate_minutes: int


@dataclass(frozen=True)
class CandidatePacketView:
    brand: Branding
    title: str
    candidate: str
    role_title: str
    role_summary: str
    stages: tuple[CandidateStage, ...]
    total_minutes: int


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _scale(bank: Bank) -> tuple[RatingPoint, ...]:
    return tuple(RatingPoint(p.value, p.label, p.meaning) for p in bank.rating_scale)


def _role(bank: Bank, plan: KitPlan) -> Role:
    role = bank.role(plan.role)
    assert role is not None, "a plan is made from a role of this bank"
    return role


def _stage(bank: Bank, plan: KitPlan, stage_id: str) -> tuple[Role, Stage, StagePlan]:
    """The role, the stage and the stage's part of the plan."""
    role = _role(bank, plan)
    stage = next(s for s in role.stages if s.id == stage_id)
    return role, stage, next(s for s in plan.stages if s.stage == stage_id)


def _question(bank: Bank, question_id: str) -> Question:
    question = bank.question(question_id)
    assert question is not None, "a plan names questions of this bank"
    return question


def guide_view(bank: Bank, plan: KitPlan, stage_id: str, brand: Branding) -> GuideView:
    role, stage, stage_plan = _stage(bank, plan, stage_id)
    names = {c.id: c.name for c in bank.competencies}
    questions = [_question(bank, p.id) for p in stage_plan.questions]
    spare = stage.minutes - stage.candidate_minutes - sum(q.minutes for q in questions)
    welcome = min(5, spare)
    slots: list[TimeSlot] = []
    guide_questions: list[GuideQuestion] = []
    at = 0

    def slot(label: str, minutes: int) -> None:
        nonlocal at
        if minutes > 0:
            slots.append(TimeSlot(label, minutes, clock(at), clock(at + minutes)))
            at += minutes

    slot("Welcome, introductions, how the interview will run", welcome)
    for number, (planned, q) in enumerate(zip(stage_plan.questions, questions, strict=True),
                                          start=1):
        guide_questions.append(GuideQuestion(
            number=number, id=q.id, competency=names[q.competency], kind=q.kind,
            minutes=q.minutes, starts=clock(at), ends=clock(at + q.minutes),
            reason=planned.reason, prompt=q.prompt, why=q.why, look_for=q.look_for,
            follow_ups=q.follow_ups, red_flags=q.red_flags,
            rubric=tuple(RubricRow(p.value, p.label, q.rubric[p.value])
                         for p in bank.rating_scale),
            sample_answer=q.sample_answer))
        slot(f"Question {number}: {names[q.competency]}", q.minutes)
    slot("The candidate's questions", stage.candidate_minutes)
    slot("Spare time and wrap-up", spare - welcome)
    candidate = plan.candidate or ""
    return GuideView(
        brand=brand, title=f"Interviewer guide: {stage.name}"
        + (f" with {candidate}" if candidate else ""),
        kit_id=plan.kit_id, role_title=role.title, candidate=candidate, stage_id=stage.id,
        stage_name=stage.name, stage_minutes=stage.minutes, slots=tuple(slots),
        questions=tuple(guide_questions), scale=_scale(bank))


def scorecard_fields(competency_id: str) -> tuple[str, str]:
    """The PDF form field names for one competency: no dots, stable across versions."""
    return f"rating_{competency_id}", f"evidence_{competency_id}"


def scorecard_view(bank: Bank, plan: KitPlan, stage_id: str, brand: Branding) -> ScorecardView:
    role, stage, stage_plan = _stage(bank, plan, stage_id)
    by_id = {c.id: c for c in bank.competencies}
    rows = tuple(
        ScorecardRow(
            competency_id=c, name=by_id[c].name, description=by_id[c].description,
            questions=tuple(p.id for p in stage_plan.questions if p.competency == c),
            rating_field=scorecard_fields(c)[0], evidence_field=scorecard_fields(c)[1])
        for c in stage.competencies)
    candidate = plan.candidate or ""
    return ScorecardView(
        brand=brand, title=f"Scorecard: {stage.name}" + (f", {candidate}" if candidate else ""),
        kit_id=plan.kit_id, role_id=role.id, role_title=role.title, candidate=candidate,
        stage_id=stage.id, stage_name=stage.name, rows=rows, scale=_scale(bank))


def candidate_view(bank: Bank, plan: KitPlan, brand: Branding) -> CandidatePacketView:
    """The candidate packet, from the role's candidate-facing text and the competencies'
    descriptions only."""
    role = _role(bank, plan)
    by_id = {c.id: c for c in bank.competencies}
    planned = {s.stage for s in plan.stages}
    stages = tuple(
        CandidateStage(
            name=stage.name, minutes=stage.minutes, description=stage.description,
            explores=tuple(CandidateTopic(by_id[c].name, by_id[c].description)
                           for c in stage.competencies),
            candidate_minutes=stage.candidate_minutes)
        for stage in role.stages if stage.id in planned)
    candidate = plan.candidate or ""
    return CandidatePacketView(
        brand=brand, title=f"Your interviews for {role.title}", candidate=candidate,
        role_title=role.title, role_summary=role.summary, stages=stages,
        total_minutes=sum(s.minutes for s in stages))
