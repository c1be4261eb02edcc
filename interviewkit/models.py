"""The typed, immutable contract: what a bank, a question and a role are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

Kind = Literal["technical", "behavioral", "situational", "motivational", "exercise"]
KINDS: tuple[str, ...] = get_args(Kind)

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]


def _not_blank(value: str) -> str:
    if not value:
        raise PydanticCustomError("blank_text", "must not be empty or whitespace-only")
    return value


# Text a person reads; surrounding whitespace (such as the newline a YAML `>` block adds)
# is stripped before the check, so "   " is as empty as "".
Text = Annotated[str, AfterValidator(_not_blank)]


class _Frozen(BaseModel):
    # defer_build: a model's validator is built the first time it validates, so a command
    # served from the bank cache never pays for building one.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True,
                              defer_build=True)


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError("duplicate_item", "'{item}' is listed twice", {"item": value})
        seen.add(value)
    return values


UniqueSlugs = Annotated[tuple[Slug, ...], AfterValidator(_unique)]


class Competency(_Frozen):
    """A skill area the bank covers, such as system design."""

    id: Slug
    name: Text
    description: Text = Field(description="Shown to candidates in their packet.")
    replaces: bool = Field(False, description="A team's overlay replaces an earlier entry.")


class Level(_Frozen):
    """A seniority level; the order in bank.yaml is from junior to senior."""

    id: Slug
    name: Text
    replaces: bool = False


class RatingValue(_Frozen):
    """One point of the rating scale, with what it means for a hiring decision."""

    value: int = Field(ge=1, le=10)
    label: Text
    meaning: Text


def _check_scale(scale: tuple[RatingValue, ...] | None) -> tuple[RatingValue, ...] | None:
    if scale is None:
        return None
    values = [point.value for point in scale]
    if values != list(range(1, len(values) + 1)):
        raise PydanticCustomError(
            "scale_values", "values must count up from 1 without gaps, got {values}",
            {"values": values},
        )
    if len(values) < 2 or len(values) % 2:
        raise PydanticCustomError(
            "scale_even",
            "the scale needs an even number of points (no neutral middle), got {count}",
            {"count": len(values)},
        )
    return scale


class BankSettings(_Frozen):
    """The contents of a bank directory's bank.yaml."""

    competencies: tuple[Competency, ...] = ()
    levels: tuple[Level, ...] = ()
    rating_scale: Annotated[tuple[RatingValue, ...] | None, AfterValidator(_check_scale)] = None


class TimingStep(_Frozen):
    """One step of an exercise's plan: how long, and what happens."""

    minutes: int = Field(ge=1, le=120)
    step: Text


class Question(_Frozen):
    """One interview question with everything an interviewer needs to ask and score it."""

    id: Slug
    competency: Slug
    kind: Kind
    levels: Annotated[UniqueSlugs, Field(min_length=1)]
    minutes: int = Field(ge=1, le=120, description="Time in the room, probes included.")
    tags: UniqueSlugs = ()
    prompt: Text = Field(description="Read aloud to the candidate.")
    why: Text = Field(description="Interviewer only: what the question reveals.")
    look_for: tuple[Text, ...] = Field(min_length=1, description="Interviewer only.")
    follow_ups: tuple[Text, ...] = Field(min_length=1, description="Interviewer only.")
    red_flags: tuple[Text, ...] = Field(min_length=1, description="Interviewer only.")
    rubric: dict[int, Text] = Field(
        {}, description="Interviewer only: one behavioural anchor per rating-scale value, "
        "for the lowest level the question is asked at; none for an unscored question.")
    level_rubrics: dict[Slug, dict[int, Text]] = Field(
        {}, description="Interviewer only: per higher level, the anchors that differ there "
        "(at least the middle's 'yes'); a kit shows the anchors of its role's level.")
    scored: bool = Field(True, description="False: notes only. No rating on the scorecard "
                         "and never in a debrief's figures (motivation, for instance).")
    family: Slug | None = Field(
        None, description="Questions of one family are variants of one problem, of equal "
        "difficulty and length: a stage that asks the family draws one of them, so every "
        "candidate of a role answers the same families.")
    handout: str | None = Field(
        None, max_length=200, description="A file in the bank directory, by its path from "
        "there, that the interviewer shares during the interview: an exercise's code or diff, "
        "or a long scenario to read. Never in the candidate packet.")
    timing: tuple[TimingStep, ...] = Field(
        (), description="Interviewer only: an exercise's plan, step by step; the steps' "
        "minutes add up to the question's.")
    sample_answer: Text = Field(description="Interviewer only.")
    replaces: bool = Field(False, description="A team's overlay replaces an earlier question.")

    def anchors(self, level: str) -> dict[int, str]:
        """The rubric a kit for a role at `level` shows: the level's own anchors where it has
        them, the question's rubric elsewhere."""
        return {**self.rubric, **self.level_rubrics.get(level, {})}


def _not_empty(questions: tuple[Question, ...]) -> tuple[Question, ...]:
    # An AfterValidator, not min_length: it runs only when every question is valid, so a
    # file with one broken question is not also reported as empty.
    if not questions:
        raise PydanticCustomError("no_questions", "the file lists no questions")
    return questions


class QuestionFile(_Frozen):
    """The contents of one questions/*.yaml file."""

    questions: Annotated[tuple[Question, ...], AfterValidator(_not_empty)]


class Stage(_Frozen):
    """One interview in a role's loop."""

    id: Slug
    name: Text
    minutes: int = Field(ge=5, le=480)
    candidate_minutes: int = Field(
        5, ge=0, le=120, description="Minutes kept for the candidate's own questions."
    )
    competencies: dict[Slug, Annotated[int, Field(ge=1, le=20)]] = Field(
        {}, description="Competency id -> how many questions to ask.")
    budgets: dict[Slug, Annotated[int, Field(ge=5, le=480)]] = Field(
        {}, description="Competency id -> minutes to fill with its questions; loading turns "
        "each into a question count (the budget over the pool's median question length).")
    pinned: UniqueSlugs = Field((), description="Question ids always asked in this stage.")
    exclude: UniqueSlugs = Field((), description="Question ids never asked in this stage.")
    exclude_tags: UniqueSlugs = Field(
        (), description="Questions with any of these tags are never asked in this stage.")
    kinds: tuple[Kind, ...] = Field((), description="Allowed kinds; empty allows every kind.")
    kind: Literal["interview", "exercise"] = Field(
        "interview", description="An exercise stage asks exercises (kind: exercise) only, "
        "with their handouts; an interview stage never asks one.")
    families: UniqueSlugs = Field(
        (), description="Question families this stage asks, one question of each, drawn "
        "within the family: what keeps every candidate's stage comparable.")
    description: Text = Field(description="Candidate-facing: what this stage is like.")

    def may_draw(self, question: Question, level: str) -> bool:
        """Whether this stage may draw `question` for a role at `level` (pinned questions
        are placed, not drawn)."""
        return ((question.competency in self.competencies or question.competency in self.budgets)
                and self.may_ask(question, level))

    def may_ask(self, question: Question, level: str) -> bool:
        """Whether this stage may ask `question` at `level`, whatever its competency: the
        level, the stage's kind, kinds and exclusions (pinned questions are placed, not
        drawn)."""
        return (level in question.levels
                and question.id not in self.exclude and question.id not in self.pinned
                and (not self.exclude_tags
                     or not any(tag in self.exclude_tags for tag in question.tags))
                and (not self.kinds or question.kind in self.kinds)
                and (question.kind == "exercise") == (self.kind == "exercise"))

    def family_pool(self, questions: Iterable[Question], family: str, level: str
                    ) -> list[Question]:
        """The members of `family` this stage may ask for a role at `level`."""
        return [q for q in questions if q.family == family and self.may_ask(q, level)]

    def pool(self, questions: Iterable[Question], competency: str, level: str
             ) -> list[Question]:
        """The questions of `competency` this stage may draw for a role at `level`: the one
        pool the loader's checks, budgets and the draw all count from."""
        return [q for q in questions if q.competency == competency and self.may_draw(q, level)]

    def card_competencies(self, asked: Iterable[Question]) -> tuple[list[str], list[str]]:
        """The competencies this stage's scorecard rates when it asks `asked`, and those it
        only takes notes on: the stage's own competencies first, then those of its other
        questions (families, pins); rated when one of its questions asked here is scored, or
        when none is asked. The one rule for the card a kit writes and for the card an older
        kit, whose kit.json does not record it, is read against."""
        asked = list(asked)
        order = list(dict.fromkeys([*self.competencies, *(q.competency for q in asked)]))
        scored = {q.competency for q in asked if q.scored}
        rated = [c for c in order
                 if c in scored or not any(q.competency == c for q in asked)]
        return rated, [c for c in order if c not in rated]


def _asks_something(stage: Stage) -> Stage:
    if not stage.competencies and not stage.budgets and not stage.families:
        raise PydanticCustomError("no_competencies", "a stage needs families, competencies "
                                  "(question counts) or budgets (minutes)")
    both = sorted(set(stage.competencies) & set(stage.budgets))
    if both:
        raise PydanticCustomError("count_and_budget", "{names} has both a count and a budget; "
                                  "give one", {"names": ", ".join(both)})
    return stage


def _unique_stage_ids(stages: tuple[Stage, ...]) -> tuple[Stage, ...]:
    _unique(tuple(stage.id for stage in stages))
    return stages


# Marks text that `roles new` wrote for a person to replace; `bank lint` lists it and a kit
# for a candidate is refused while any is left in the role.
PLACEHOLDER = "REPLACE ME:"
# What `roles new` writes after the marker: instructions to the person, never words for a
# candidate. Deleting the marker alone leaves them, and the packet would print them.
STARTER_INSTRUCTIONS = ("describe the role for candidates:", "Shown in the candidate packet.",
                        "what the candidate should expect from this interview.",
                        "Candidates read this.",
                        "what candidates read about the role in their packet.")


def unwritten(text: str) -> bool:
    """Whether a role's text is still what `roles new` left for a person to write (in any
    letter case: a sentence starts with a capital once the marker before it is deleted, and
    earlier starters wrote one of them unmarked, capitalised)."""
    flat = " ".join(text.split())
    return PLACEHOLDER in flat or any(words.casefold() in flat.casefold()
                                      for words in STARTER_INSTRUCTIONS)


class Role(_Frozen):
    """A role's interview loop: the contents of one roles/*.yaml file."""

    id: Slug
    title: Text
    level: Slug
    summary: Text = Field(description="Candidate-facing summary of the role.")
    stages: Annotated[tuple[Annotated[Stage, AfterValidator(_asks_something)], ...],
                      Field(min_length=1), AfterValidator(_unique_stage_ids)]
    decision_rule: Text | None = Field(
        None, description="How the panel turns the stages' ratings into a decision (how they "
        "combine, what a single 1 means), printed at the end of every guide of the role. For "
        "the hiring team; never shown to candidates.")
    extends: Slug | None = Field(None, description="A role whose loop this one starts from; "
                                 "fields given here override it, stages by id.")
    replaces: bool = False

    def stage(self, stage_id: str) -> Stage | None:
        """The loop's stage with this id, if it has one."""
        return next((stage for stage in self.stages if stage.id == stage_id), None)


@dataclass(frozen=True)
class Bank:
    """A loaded, cross-checked bank: every reference in it resolves."""

    competencies: tuple[Competency, ...]
    levels: tuple[Level, ...]
    rating_scale: tuple[RatingValue, ...]
    questions: tuple[Question, ...]
    roles: tuple[Role, ...]
    directories: tuple[str, ...]
    content_hash: str
    # "file:line" where each question and role is defined, for messages and `questions show`.
    origins: Mapping[str, str] = field(default_factory=dict)
    # Text `roles new` left to be written: "role-id field" -> "file:line:column"
    placeholders: Mapping[str, str] = field(default_factory=dict)
    # The text of each question's handout, by question id (read from the bank's handouts/).
    handouts: Mapping[str, str] = field(default_factory=dict)
    _questions_by_id: Mapping[str, Question] = field(init=False, repr=False, compare=False)
    _roles_by_id: Mapping[str, Role] = field(init=False, repr=False, compare=False)
    _by_competency: Mapping[str, tuple[Question, ...]] = field(init=False, repr=False,
                                                               compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_questions_by_id", {q.id: q for q in self.questions})
        object.__setattr__(self, "_roles_by_id", {r.id: r for r in self.roles})
        grouped: dict[str, list[Question]] = {}
        for q in self.questions:
            grouped.setdefault(q.competency, []).append(q)
        object.__setattr__(self, "_by_competency", {c: tuple(qs) for c, qs in grouped.items()})

    def questions_of(self, competency: str) -> tuple[Question, ...]:
        """The competency's questions, in bank order."""
        return self._by_competency.get(competency, ())

    def question(self, question_id: str) -> Question | None:
        return self._questions_by_id.get(question_id)

    def role(self, role_id: str) -> Role | None:
        return self._roles_by_id.get(role_id)

    @property
    def competency_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.competencies)

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    def levels_of(self, question: Question) -> list[str]:
        """The question's levels from junior to senior, as bank.yaml orders them: its rubric
        is for the first, `level_rubrics` for the others."""
        return [level for level in self.level_ids if level in question.levels]


class PlannedQuestion(_Frozen):
    """A question chosen for a stage, and why it was chosen."""

    id: Slug
    competency: Slug
    reason: str = Field(description="'pinned' or 'drawn for <competency>'.")


class StagePlan(_Frozen):
    stage: Slug
    questions: tuple[PlannedQuestion, ...]


class KitPlan(_Frozen):
    """Which questions each stage of one candidate's loop asks. Same inputs, same plan."""

    kit_id: str
    role: Slug
    candidate: str | None = Field(description="None for a blank kit.")
    seed: int
    bank_hash: str
    stages: tuple[StagePlan, ...]
    pins: tuple[Slug, ...] = ()
    excludes: tuple[Slug, ...] = ()
    avoided: tuple[Slug, ...] = Field((), description="Asked this candidate before.")
