"""Shape a kit plan into what templates see: everything computed, formatted and ready.

Two audiences, two families of types. The interviewer views carry the whole question; the
candidate view is built from `CandidateStage`, a type that has no field for a prompt, rubric,
probe, red flag, sample answer or note, so none can reach a candidate packet by mistake.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from interviewkit.escape import is_web_address
from interviewkit.kit.scorecard import (
    NAMES,
    UNSCORED,
    ScorecardNames,
    browser_card,
    evidence_field,
    rating_field,
)
from interviewkit.models import Bank, KitPlan, Question, Role, Stage, StagePlan
from interviewkit.plan.schedule import Interview

# On every guide: what an interviewer never asks, and what to do when a candidate says it
# anyway. In words that hold in any jurisdiction; a team's template may add its own.
DO_NOT_ASK = (
    "Ask only what the role needs. Never ask about, and never let weigh in a rating: age; "
    "family, partners, children, pregnancy or plans for them; health, disability or medical "
    "history; religion or beliefs; nationality, ethnicity or where someone comes from; "
    "immigration status beyond whether they may work where the role is; sexual orientation or "
    "gender identity; politics or union membership.",
    "If a candidate tells you any of this, do not follow it up and do not write it down: go "
    "back to the question. If they ask for an adjustment (more time, a break, another "
    "format), agree and tell the recruiter.",
)
# The candidate packet's advice, the same for every role.
PREPARE = (
    "Think of a few pieces of work you know well: what the problem was, what you did "
    "yourself, and how it turned out. Specific examples help us more than general views.",
    "In design conversations, thinking aloud is welcome. There is rarely one right answer; we "
    "are interested in how you weigh the options.",
    "Ask us anything, in any interview: about the team, the product, how we work. Interviews "
    "go both ways.",
    "If something would help you do your best, such as more time, a break, or a different "
    "format, tell your recruiting contact. We are glad to adjust.",
)
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

    @property
    def accent_tint(self) -> str:
        """The accent mixed with white (9%), for shaded boxes; worked out here because
        WeasyPrint does not know CSS color-mix()."""
        digits = self.accent.lstrip("#")
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        channels = [int(digits[i:i + 2], 16) for i in (0, 2, 4)]
        return "#" + "".join(f"{round(255 - (255 - c) * 0.09):02x}" for c in channels)


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
    rubric: tuple[RubricRow, ...]  # none for an unscored question
    sample_answer: str
    handout: str = ""  # the stem of the kit's handout file for it: handout-<question id>
    timing: tuple[TimeSlot, ...] = ()  # an exercise's steps, on the interview's clock
    scored: bool = True  # False: notes only, no rubric, not on the scorecard's ratings


@dataclass(frozen=True)
class TimeSlot:
    label: str
    minutes: int
    starts: str
    ends: str


def name_list(names: Sequence[str]) -> str:
    """Names on one line that a reader can split again: by commas, or by semicolons when a
    name has a comma of its own, as an export from an HR system writes them (Lovelace, Ada;
    Hopper, Grace)."""
    return ("; " if any("," in name for name in names) else ", ").join(names)


@dataclass(frozen=True)
class Appointment:
    """When, where and with whom one interview of a hiring day happens, as the schedule
    gave it; what the candidate may know of it too (`kit batch`)."""

    day: str  # Tuesday 1 December 2026
    times: str  # 09:00 to 10:00, with an en dash
    zone: str  # Europe/Berlin
    interviewers: tuple[str, ...]
    location: str  # a room, an address or a link; may be empty
    is_link: bool  # the location is a web address
    minute: int = 0  # of the day the interview starts at: 9:30 is 570

    def clock(self, minutes: int) -> str:
        """The time of day `minutes` into the interview: 09:05."""
        at = self.minute + minutes
        return f"{at // 60 % 24:02d}:{at % 60:02d}"

    @property
    def when(self) -> str:
        return f"{self.day}, {self.times} ({self.zone})"

    @property
    def panel(self) -> str:
        """The interviewers, as one line."""
        return name_list(self.interviewers)


def appointment(interview: Interview) -> Appointment:
    start, end = interview.start, interview.end
    location = interview.location
    return Appointment(
        day=f"{start:%A} {start.day} {start:%B %Y}", times=f"{start:%H:%M}\u2013{end:%H:%M}",
        zone=interview.time_zone, interviewers=interview.interviewers, location=location,
        is_link=is_web_address(location),
        minute=start.hour * 60 + start.minute)


def stage_appointments(schedule: Sequence[Interview]) -> dict[str, Appointment]:
    """A kit's interviews of a hiring day, by stage (none for a kit built alone)."""
    return {interview.stage: appointment(interview)
            for interview in sorted(schedule, key=lambda i: i.start)}


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
    appointment: Appointment | None = None  # in a hiring day's kit
    decision_rule: str = ""  # the role's, when it has one
    level: str = ""  # the name of the role's level, whose anchors the rubrics show
    unscored: str = UNSCORED  # said in place of the rubric of an unscored question
    do_not_ask: tuple[str, ...] = DO_NOT_ASK
    # the kit's files of each handout, as the guide names them: "pdf" first, for paper
    handout_formats: tuple[str, ...] = ("pdf", "html")


# Spaces a Markdown renderer would fold into one or drop: an indent, a gap of two or more.
_FOLDED_SPACES = re.compile("^ +| {2,}")


@dataclass(frozen=True)
class HandoutView:
    """What the interviewer shares with the candidate during a question: the handout's
    text only (candidate-facing; nothing of the question's interviewer-only fields). It
    names no candidate: every candidate who is asked the question gets the same page, which
    a hiring day renders once."""

    brand: Branding
    title: str
    role_title: str
    stage_name: str
    file_name: str  # as the bank names it: review-retry.diff
    lines: tuple[str, ...]
    code: bool  # shown in a fixed-width font with line numbers (code, a diff)

    @property
    def blocks(self) -> tuple[tuple[str, ...], ...]:
        """A prose handout's lines in the blocks its empty lines separate, each line's
        indent and every gap of two spaces or more as no-break spaces, which a format that
        folds white space (Markdown) keeps: a timeline's columns stay apart."""
        blocks: list[list[str]] = [[]]
        for line in self.lines:
            if line.strip():
                blocks[-1].append(_FOLDED_SPACES.sub(lambda run: "\u00a0" * len(run[0]),
                                                     line.rstrip(" ")))
            elif blocks[-1]:
                blocks.append([])
        return tuple(tuple(block) for block in blocks if block)

    @property
    def language(self) -> str:
        """A code handout's language as a Markdown code block names it (for highlighting)."""
        return CODE_SUFFIXES.get(self.file_name.rpartition(".")[2].lower(), "")


# The suffixes of code handouts, with the language a Markdown code block gives them.
CODE_SUFFIXES = {"py": "python", "pyi": "python", "diff": "diff", "patch": "diff",
                 "toml": "toml", "cfg": "ini", "ini": "ini", "yaml": "yaml", "yml": "yaml",
                 "json": "json", "sql": "sql", "sh": "sh"}


def handout_stem(question_id: str) -> str:
    return f"handout-{question_id}"


def stage_handouts(bank: Bank, plan: KitPlan, stage_id: str) -> list[str]:
    """The questions of a stage that have a handout, in the order asked: the kit has a
    handout file for each, which the stage's interviewer gives the candidate."""
    _, _, stage_plan = _stage(bank, plan, stage_id)
    return [p.id for p in stage_plan.questions if p.id in bank.handouts]


@dataclass(frozen=True)
class ScorecardRow:
    competency_id: str
    name: str
    description: str
    questions: tuple[str, ...]  # ids of the scored questions asked for it
    rating_field: str
    evidence_field: str


@dataclass(frozen=True)
class NotedQuestion:
    """A question the stage asks unscored: the card takes notes on it, never a rating."""

    id: str
    competency: str  # its name


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
    rows: tuple[ScorecardRow, ...]  # the competencies it rates
    scale: tuple[RatingPoint, ...]
    # the questions asked unscored; when there are any, the card has a notes field for them
    noted: tuple[NotedQuestion, ...] = ()
    reminder: str = REMINDER
    names: ScorecardNames = NAMES  # the form's field names and the card's identity
    # what the page's script needs to keep and save a card typed in a browser
    browser: Mapping[str, Any] = field(default_factory=dict)
    appointment: Appointment | None = None  # in a hiring day's kit

    @property
    def interviewer(self) -> str:
        """The interviewer's name to print in the card's field: the one the schedule names,
        when it names one (a panel's members each write their own)."""
        people = self.appointment.interviewers if self.appointment else ()
        return people[0] if len(people) == 1 else ""


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
    appointment: Appointment | None = None  # in a hiring day's kit


@dataclass(frozen=True)
class CandidatePacketView:
    brand: Branding
    title: str
    candidate: str
    role_title: str
    role_summary: str
    stages: tuple[CandidateStage, ...]
    total_minutes: int
    prepare: tuple[str, ...] = PREPARE

    @property
    def scheduled(self) -> bool:
        return any(stage.appointment for stage in self.stages)

    @property
    def greeting(self) -> str:
        hello = f"Hello {self.candidate}, welcome" if self.candidate else "Welcome"
        return (f"{hello}, and thank you for your time. This packet tells you how our "
                "interviews for this role run, so that there are no surprises and you can "
                "show us your best work.")

    @property
    def overview(self) -> str:
        return (f"There are {len(self.stages)} conversations, {self.total_minutes} minutes in "
                "all. Every candidate for this role meets the same structure and is scored "
                "against the same criteria, written down before we met you.")

    @property
    def practicalities(self) -> tuple[str, str]:
        if self.scheduled:
            when = ("The times, places and links of your conversations are above; the calendar "
                    "file that came with this packet puts them in your calendar. If you need "
                    "to move one, just let your recruiting contact know; it does not count "
                    "against you.")
        else:
            when = ("Your recruiting contact will send the times, links or address for each "
                    "conversation. If you need to move one, just let them know; it does not "
                    "count against you.")
        by = (f"Prepared on {self.brand.date} by {self.brand.company}." if self.brand.date
              else f"Prepared by {self.brand.company}.")
        return when, by


def _elapsed(minutes: int) -> str:
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
    stage = role.stage(stage_id)
    assert stage is not None, "a plan names stages of its role"
    return role, stage, next(s for s in plan.stages if s.stage == stage_id)


def _question(bank: Bank, question_id: str) -> Question:
    question = bank.question(question_id)
    assert question is not None, "a plan names questions of this bank"
    return question


def stage_competencies(bank: Bank, plan: KitPlan, stage_id: str) -> tuple[list[str], list[str]]:
    """The competencies a stage's scorecard rates, and those it only takes notes on, for
    the questions planned for it (`Stage.card_competencies`). What kit.json keeps for the
    debrief."""
    _, stage, stage_plan = _stage(bank, plan, stage_id)
    return stage.card_competencies(_question(bank, p.id) for p in stage_plan.questions)


def unscored_questions(bank: Bank, plan: KitPlan, stage_id: str) -> list[str]:
    """The questions a stage asks unscored, in the order asked: its card takes notes on
    them in a field of its own, never a rating."""
    _, _, stage_plan = _stage(bank, plan, stage_id)
    return [p.id for p in stage_plan.questions if not _question(bank, p.id).scored]


def _rubric_rows(bank: Bank, anchors: Mapping[int, str]) -> tuple[RubricRow, ...]:
    """Anchors as a rubric's rows, in the order of the bank's scale (none for none)."""
    return tuple(RubricRow(p.value, p.label, anchors[p.value])
                 for p in bank.rating_scale if p.value in anchors)


def guide_view(bank: Bank, plan: KitPlan, stage_id: str, brand: Branding,
               booked: Appointment | None = None,
               handout_formats: tuple[str, ...] = ("pdf", "html")) -> GuideView:
    role, stage, stage_plan = _stage(bank, plan, stage_id)
    names = {c.id: c.name for c in bank.competencies}
    questions = [_question(bank, p.id) for p in stage_plan.questions]
    spare = stage.minutes - stage.candidate_minutes - sum(q.minutes for q in questions)
    welcome = min(5, spare)
    slots: list[TimeSlot] = []
    guide_questions: list[GuideQuestion] = []
    at = 0
    # a scheduled interview's plan runs on the day's clock (09:05), another's from 0:00
    clock = booked.clock if booked else _elapsed

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
            rubric=_rubric_rows(bank, q.anchors(role.level)),
            sample_answer=q.sample_answer, scored=q.scored,
            handout=handout_stem(q.id) if q.handout else "",
            timing=_steps(q, clock, at)))
        slot(f"Question {number}: {names[q.competency]}", q.minutes)
    slot("The candidate's questions", stage.candidate_minutes)
    slot("Spare time and wrap-up", spare - welcome)
    candidate = plan.candidate or ""
    return GuideView(
        brand=brand, title=f"Interviewer guide: {stage.name}"
        + (f" with {candidate}" if candidate else ""),
        kit_id=plan.kit_id, role_title=role.title, candidate=candidate, stage_id=stage.id,
        stage_name=stage.name, stage_minutes=stage.minutes, slots=tuple(slots),
        questions=tuple(guide_questions), scale=_scale(bank), appointment=booked,
        decision_rule=role.decision_rule or "", handout_formats=handout_formats,
        level=next((level.name for level in bank.levels if level.id == role.level),
                   role.level))


def _steps(question: Question, clock: Any, at: int) -> tuple[TimeSlot, ...]:
    """An exercise's steps on the interview's clock, from where its question starts."""
    steps = []
    for step in question.timing:
        steps.append(TimeSlot(step.step, step.minutes, clock(at), clock(at + step.minutes)))
        at += step.minutes
    return tuple(steps)


def handout_view(bank: Bank, plan: KitPlan, stage_id: str, question_id: str,
                 brand: Branding) -> HandoutView:
    role, stage, _ = _stage(bank, plan, stage_id)
    question = _question(bank, question_id)
    name = question.handout or ""
    return HandoutView(
        brand=brand, title=f"Handout: {stage.name}", role_title=role.title,
        stage_name=stage.name, file_name=name,
        lines=tuple(bank.handouts.get(question_id, "").expandtabs(4).splitlines()),
        code=name.rpartition(".")[2].lower() in CODE_SUFFIXES)


def scorecard_view(bank: Bank, plan: KitPlan, stage_id: str, brand: Branding,
                   booked: Appointment | None = None) -> ScorecardView:
    role, stage, stage_plan = _stage(bank, plan, stage_id)
    by_id = {c.id: c for c in bank.competencies}
    rated = stage_competencies(bank, plan, stage_id)[0]
    unscored = unscored_questions(bank, plan, stage_id)
    rows = tuple(
        ScorecardRow(
            competency_id=c, name=by_id[c].name, description=by_id[c].description,
            questions=tuple(p.id for p in stage_plan.questions
                            if p.competency == c and p.id not in unscored),
            rating_field=rating_field(c), evidence_field=evidence_field(c))
        for c in rated)
    noted = tuple(NotedQuestion(p.id, by_id[p.competency].name)
                  for p in stage_plan.questions if p.id in unscored)
    candidate = plan.candidate or ""
    identity = {"kit_id": plan.kit_id, "role": role.id, "candidate": candidate,
                "stage": stage.id}
    return ScorecardView(
        brand=brand, title=f"Scorecard: {stage.name}" + (f", {candidate}" if candidate else ""),
        kit_id=plan.kit_id, role_id=role.id, role_title=role.title, candidate=candidate,
        stage_id=stage.id, stage_name=stage.name, rows=rows, scale=_scale(bank), noted=noted,
        browser=browser_card(identity, rated, notes=bool(noted)), appointment=booked)


@dataclass(frozen=True)
class LevelRubric:
    title: str  # "Rubric", "Rubric at senior", "Rubric at staff (where it differs)"
    rows: tuple[RubricRow, ...]


@dataclass(frozen=True)
class QuestionView:
    """One question of the bank with every field, for the engineers who keep the bank
    (`questions show`): interviewer-only, like a guide."""

    id: str
    origin: str  # the file it comes from
    competency: str  # its name
    competency_id: str
    kind: str
    levels: tuple[str, ...]
    minutes: int
    family: str
    scored: bool
    tags: tuple[str, ...]
    prompt: str
    handout: str  # its path in the bank directory: handouts/review-retry.diff
    timing: tuple[str, ...]  # "3 min: introduce the exercise"
    why: str
    look_for: tuple[str, ...]
    follow_ups: tuple[str, ...]
    red_flags: tuple[str, ...]
    rubrics: tuple[LevelRubric, ...]  # none for an unscored question
    sample_answer: str
    unscored: str = UNSCORED

    @property
    def facts(self) -> str:
        """Its competency, kind, levels, length, family, rating and tags on one line."""
        return (f"{self.competency} ({self.competency_id}) · {self.kind} · levels "
                f"{', '.join(self.levels)} · {self.minutes} min"
                + (f" · family {self.family}" if self.family else "")
                + ("" if self.scored else " · not rated")
                + (f" · tags {', '.join(self.tags)}" if self.tags else ""))


def question_view(bank: Bank, q: Question) -> QuestionView:
    """`q` as `questions show` prints it: the rubric of its lowest level, then each higher
    level's anchors where they differ."""
    names = {c.id: c.name for c in bank.competencies}
    levels = bank.levels_of(q)
    rubrics = []
    if q.scored:
        for level in levels[:1] + [lv for lv in levels[1:] if lv in q.level_rubrics]:
            anchors = q.rubric if level == levels[0] else q.level_rubrics[level]
            title = "Rubric" + ("" if len(q.levels) == 1 else f" at {level}" + (
                "" if level == levels[0] else " (where it differs)"))
            rubrics.append(LevelRubric(title, _rubric_rows(bank, anchors)))
    return QuestionView(
        id=q.id, origin=bank.origins.get(q.id, ""), competency=names.get(q.competency,
                                                                         q.competency),
        competency_id=q.competency, kind=q.kind, levels=q.levels, minutes=q.minutes,
        family=q.family or "", scored=q.scored, tags=q.tags, prompt=q.prompt,
        handout=f"handouts/{q.handout}" if q.handout else "",
        timing=tuple(f"{step.minutes} min: {step.step}" for step in q.timing), why=q.why,
        look_for=q.look_for, follow_ups=q.follow_ups, red_flags=q.red_flags,
        rubrics=tuple(rubrics), sample_answer=q.sample_answer)


def candidate_view(bank: Bank, plan: KitPlan, brand: Branding,
                   schedule: Mapping[str, Appointment] | None = None) -> CandidatePacketView:
    """The candidate packet, from the role's candidate-facing text and the competencies'
    descriptions only; in a hiring day's kit, with each interview's time, place and
    interviewers (`schedule`: stage id -> appointment), in the order of the day."""
    role = _role(bank, plan)
    by_id = {c.id: c for c in bank.competencies}
    planned = {s.stage for s in plan.stages}
    schedule = schedule or {}
    order = {stage_id: n for n, stage_id in enumerate(schedule)}  # the order of the day
    stages = tuple(
        CandidateStage(
            name=stage.name, minutes=stage.minutes, description=stage.description,
            explores=tuple(CandidateTopic(by_id[c].name, by_id[c].description)
                           for c in dict.fromkeys(
                               [*stage.competencies,
                                *(q.competency for s in plan.stages if s.stage == stage.id
                                  for q in s.questions)])),
            candidate_minutes=stage.candidate_minutes, appointment=schedule.get(stage.id))
        for stage in sorted((s for s in role.stages if s.id in planned),
                            key=lambda s: order.get(s.id, len(order))))
    candidate = plan.candidate or ""
    return CandidatePacketView(
        brand=brand, title=f"Your interviews for {role.title}", candidate=candidate,
        role_title=role.title, role_summary=role.summary, stages=stages,
        total_minutes=sum(s.minutes for s in stages))


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str  # the interviewer's initials
    title: str  # "Grace Hopper: 3 Yes"


@dataclass(frozen=True)
class DotPlot:
    """One competency's ratings on the scale, as SVG coordinates worked out here."""

    width: int
    height: int
    ticks: tuple[tuple[float, str], ...]  # (x, "1")
    dots: tuple[Dot, ...]
    mean_x: float | None

    @property
    def label(self) -> str:
        """The plot in words, for those who cannot see it: every rating, per interviewer."""
        return "; ".join(dot.title for dot in self.dots) or "not rated"


@dataclass(frozen=True)
class DebriefRow:
    competency: str
    cells: tuple[str, ...]  # one per card column: the rating or NO_RATING_SHOWN
    mean: str
    lowest: str
    highest: str
    plot: DotPlot


@dataclass(frozen=True)
class DebriefCard:
    stage: str
    interviewer: str
    date: str
    overall: str
    ratings: tuple[tuple[str, str, str], ...]  # (competency name, "3 Yes", evidence)
    notes: str = ""  # on the questions asked unscored: shown as text, in no figure


@dataclass(frozen=True)
class DebriefColumn:
    short: str  # initials, for the matrix header
    name: str  # "Grace Hopper (system-design)"


@dataclass(frozen=True)
class DebriefView:
    brand: Branding
    title: str
    kit_id: str
    candidate: str
    role_title: str
    columns: tuple[DebriefColumn, ...]
    rows: tuple[DebriefRow, ...]
    cards: tuple[DebriefCard, ...]
    overall: tuple[tuple[str, str], ...]  # (column, "3 Yes")
    overall_counts: tuple[tuple[str, int], ...]  # ("3 Yes", 2)
    flags: tuple[tuple[str, str], ...]  # (kind, message)


NO_RATING_SHOWN = "\u2013"  # an en dash: shown in reports where a card has no rating


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split()[:3]).upper() or "?"


def _dot_plot(scale: tuple[tuple[int, str], ...], ratings: list[tuple[str, int]],
              mean_value: float | None) -> DotPlot:
    width, pad, row = 260, 14, 12
    low, high = scale[0][0], scale[-1][0]

    def x(value: float) -> float:
        return round(pad + (value - low) / (high - low) * (width - 2 * pad), 1)

    stacked: dict[int, int] = {}
    dots = []
    for name, value in ratings:
        level = stacked.get(value, 0)
        stacked[value] = level + 1
        dots.append(Dot(x(value), 12 + level * row, _initials(name),
                        f"{name}: {value} {dict(scale)[value]}"))
    height = 24 + row * max(stacked.values(), default=1)
    return DotPlot(width, height, tuple((x(v), str(v)) for v, _ in scale), tuple(dots),
                   None if mean_value is None else x(mean_value))


def debrief_view(bank: Bank, debrief: Any, brand: Branding) -> DebriefView:
    """The debrief for the panel: every figure formatted, the dot plots laid out."""
    labels = dict(debrief.scale)
    role = bank.role(debrief.role)
    names = {c.id: c.name for c in bank.competencies}
    columns = tuple(DebriefColumn(_initials(card.interviewer), f"{card.interviewer} "
                                  f"({card.stage})") for card in debrief.cards)

    def label(value: int | None) -> str:
        return NO_RATING_SHOWN if value is None else f"{value} {labels[value]}"

    rows = []
    for figure in debrief.competencies:
        cells = tuple(str(card.ratings[figure.competency])
                      if card.ratings.get(figure.competency) is not None else NO_RATING_SHOWN
                      for card in debrief.cards)
        rows.append(DebriefRow(
            competency=figure.name, cells=cells,
            mean=NO_RATING_SHOWN if figure.mean is None else f"{figure.mean:.2f}",
            lowest=label(figure.lowest), highest=label(figure.highest),
            plot=_dot_plot(debrief.scale, [(r.interviewer, r.value) for r in figure.ratings],
                           figure.mean)))
    cards = tuple(DebriefCard(
        stage=card.stage, interviewer=card.interviewer, date=card.date,
        overall=label(card.overall),
        ratings=tuple((names.get(c, c), label(v), card.evidence.get(c, ""))
                      for c, v in card.ratings.items()),
        notes=card.notes) for card in debrief.cards)
    return DebriefView(
        brand=brand, title=f"Debrief: {debrief.candidate or 'candidate'}",
        kit_id=debrief.kit_id, candidate=debrief.candidate,
        role_title=role.title if role else debrief.role, columns=columns, rows=tuple(rows),
        cards=cards,
        overall=tuple((f"{i} ({s})", label(v)) for i, s, v in debrief.overall),
        overall_counts=tuple((label(v), n) for v, n in debrief.overall_counts.items()),
        flags=tuple((f.kind, f.message) for f in debrief.flags))


@dataclass(frozen=True)
class Bar:
    """A horizontal bar split into segments, as SVG rectangles worked out here."""

    width: int
    segments: tuple[tuple[float, float, str, str], ...]  # (x, width, shade, title)

    @property
    def label(self) -> str:
        """The bar in words, for those who cannot see it: every segment's count."""
        return "; ".join(title for *_, title in self.segments) or "none"


_SHADES = ("#b54a1f", "#e0a080", "#8fb0cf", "#2f5d8a", "#1d3f63", "#0f2a45")


def _bar(counts: dict[int, int], labels: dict[int, str], total_width: int = 200) -> Bar:
    total = sum(counts.values())
    x = 0.0
    segments = []
    for index, (value, count) in enumerate(counts.items()):
        if not count:
            continue
        width = round(total_width * count / total, 1)
        shade = _SHADES[round(index * (len(_SHADES) - 1) / max(1, len(counts) - 1))]
        segments.append((x, width, shade, f"{value} {labels[value]}: {count}"))
        x += width
    return Bar(total_width, tuple(segments))


@dataclass(frozen=True)
class InterviewerRow:
    name: str
    cards: int
    mean: str
    leniency: str  # signed, or NO_RATING_SHOWN
    compared: str  # how many candidates were shared with other panelists
    bar: Bar  # how their ratings fall on the scale
    flagged: bool


@dataclass(frozen=True)
class QuestionRow:
    question: str
    competency: str
    asked: int  # kits that asked it
    mean: str


@dataclass(frozen=True)
class RoleRow:
    role: str
    kits: int
    cards: int
    bar: Bar  # the overall recommendations


@dataclass(frozen=True)
class CalibrationView:
    brand: Branding
    title: str
    summary: str  # "2 kits and 5 scorecards"
    legend: tuple[tuple[str, str], ...]  # (shade, "1 Strong no")
    interviewers: tuple[InterviewerRow, ...]
    questions: tuple[QuestionRow, ...]
    roles: tuple[RoleRow, ...]
    min_kits: int
    leniency_flag: float


def calibration_view(calibration: Any, brand: Branding, min_kits: int,
                     leniency_flag: float) -> CalibrationView:
    labels = dict(calibration.scale)
    legend_bar = _bar({v: 1 for v in labels}, labels)
    legend = tuple((segment[2], f"{value} {labels[value]}")
                   for segment, value in zip(legend_bar.segments, labels, strict=True))

    def number(value: float | None, signed: bool = False) -> str:
        if value is None:
            return NO_RATING_SHOWN
        return f"{value:+.2f}" if signed else f"{value:.2f}"

    return CalibrationView(
        brand=brand, title="Calibration",
        summary=f"{calibration.kits} kit{'s' * (calibration.kits != 1)} and "
        f"{calibration.cards} scorecard{'s' * (calibration.cards != 1)}",
        legend=legend,
        interviewers=tuple(InterviewerRow(
            i.interviewer, i.cards, number(i.mean), number(i.leniency, signed=True),
            str(i.compared_kits), _bar(i.distribution, labels), i.flagged)
            for i in calibration.interviewers),
        questions=tuple(QuestionRow(q.question, q.competency, q.asked, number(q.mean))
                        for q in sorted(calibration.questions, key=lambda q: (-q.asked,
                                                                               q.question))),
        roles=tuple(RoleRow(r.role, r.kits, r.cards, _bar(r.overall, labels))
                    for r in calibration.roles),
        min_kits=min_kits, leniency_flag=leniency_flag)


# A hiring day (`kit batch`): the day's index page and the cover of each interviewer's stack.

@dataclass(frozen=True)
class Link:
    label: str  # HTML, PDF
    href: str  # relative to the day's folder


@dataclass(frozen=True)
class DayInterview:
    appointment: Appointment
    candidate: str
    role_title: str
    stage_name: str
    minutes: int
    guide: tuple[Link, ...]
    handouts: tuple[tuple[str, tuple[Link, ...]], ...]  # each file's stem, its formats
    scorecard: tuple[Link, ...]


@dataclass(frozen=True)
class DayCandidate:
    name: str
    role_title: str
    kit_id: str
    folder: str
    packet: tuple[Link, ...]
    calendar: str
    interviews: tuple[DayInterview, ...]


@dataclass(frozen=True)
class DayInterviewer:
    name: str
    interviews: tuple[DayInterview, ...]
    stack: str | None  # the PDF, when PDFs were made
    calendar: str


@dataclass(frozen=True)
class DayView:
    brand: Branding
    title: str
    schedule: str  # the schedule file's name
    dates: tuple[str, ...]
    zones: tuple[str, ...]
    candidates: tuple[DayCandidate, ...]
    interviewers: tuple[DayInterviewer, ...]
    repeats: tuple[tuple[str, int], ...]  # questions asked more than once, times
    shared: int  # how often two candidates were asked the same question
    independent_shared: int  # as many as drawing each kit on its own would have given

    def when(self, interview: DayInterview) -> str:
        """An interview's time as the index needs it: with its day when the schedule spans
        days, with its zone when it has several (09:00 in Berlin is not 09:00 in New York)."""
        at = interview.appointment
        day = f"{at.day}, " if len(self.dates) > 1 else ""
        zone = f" ({at.zone})" if len(self.zones) > 1 else ""
        return f"{day}{at.times}{zone}"

    @property
    def times_in(self) -> str:
        """The zone of the index's times, said once beside the date: the day's one zone, or
        that each time carries its own (see `when`)."""
        if len(self.zones) == 1:
            return f"times in {self.zones[0]}"
        return f"times in each interview's zone ({', '.join(self.zones)})"


@dataclass(frozen=True)
class StackEntry:
    interview: DayInterview
    first_page: int  # of its guide, in the stack
    handout_pages: tuple[int, ...]  # where each handout for the candidate starts
    scorecard_page: int


@dataclass(frozen=True)
class StackCoverView:
    brand: Branding
    title: str
    interviewer: str
    entries: tuple[StackEntry, ...]
    pages: int  # in the whole stack
    reminder: str = REMINDER

    def others(self, entry: StackEntry) -> tuple[str, ...]:
        """The rest of the panel of an interview (a tuple still: a team's stack.html.j2 may
        join it)."""
        return tuple(n for n in entry.interview.appointment.interviewers
                     if n != self.interviewer)

    def with_others(self, entry: StackEntry) -> str:
        """The rest of the panel as one line; empty when there is none."""
        return name_list(self.others(entry))
