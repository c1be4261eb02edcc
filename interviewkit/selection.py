"""Pure functions over a loaded bank: which questions match, and what the bank covers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InterviewkitError, suggest
from .models import KINDS, Bank, KitPlan, PlannedQuestion, Question, Role, Stage, StagePlan

if TYPE_CHECKING:
    import random


@dataclass(frozen=True)
class QuestionFilter:
    """What `questions list` asks for. Empty means "any"."""

    competencies: tuple[str, ...] = ()  # any of
    levels: tuple[str, ...] = ()  # any of
    kinds: tuple[str, ...] = ()  # any of
    tags: tuple[str, ...] = ()  # all of
    search: str = ""  # case-insensitive, in the id, prompt or tags
    role: str | None = None  # questions that role's loop may draw from


def _check_values(what: str, given: Sequence[str], valid: Sequence[str]) -> list[str]:
    return [f"unknown {what} '{value}'{suggest(value, valid)}; valid: {', '.join(valid)}"
            for value in given if value not in valid]


def check_filter(bank: Bank, wanted: QuestionFilter) -> None:
    """Raise InterviewkitError naming every value the bank does not know."""
    problems = (_check_values("competency", wanted.competencies, bank.competency_ids)
                + _check_values("level", wanted.levels, bank.level_ids)
                + _check_values("kind", wanted.kinds, KINDS))
    if wanted.role is not None:
        problems += _check_values("role", [wanted.role], [r.id for r in bank.roles])
    if problems:
        raise InterviewkitError(problems)


def role_pool(bank: Bank, role: Role) -> tuple[Question, ...]:
    """Every question some stage of the role may ask: pinned ones, and those of the stage's
    competencies at the role's level, of an allowed kind, not excluded."""
    wanted: set[str] = set()
    for stage in role.stages:
        wanted.update(stage.pinned)
        wanted.update(
            q.id for q in bank.questions
            if q.competency in stage.competencies and role.level in q.levels
            and q.id not in stage.exclude and (not stage.kinds or q.kind in stage.kinds)
        )
    return tuple(q for q in bank.questions if q.id in wanted)


def filter_questions(bank: Bank, wanted: QuestionFilter) -> tuple[Question, ...]:
    """The bank's questions that match every given criterion, in bank order."""
    check_filter(bank, wanted)
    questions = bank.questions
    if wanted.role is not None:
        role = bank.role(wanted.role)
        assert role is not None  # check_filter made sure
        questions = role_pool(bank, role)
    needle = wanted.search.casefold().strip()
    tags = set(wanted.tags)
    return tuple(
        q for q in questions
        if (not wanted.competencies or q.competency in wanted.competencies)
        and (not wanted.levels or any(level in q.levels for level in wanted.levels))
        and (not wanted.kinds or q.kind in wanted.kinds)
        and tags <= set(q.tags)
        and (not needle or needle in q.id.casefold() or needle in q.prompt.casefold()
             or any(needle in tag.casefold() for tag in q.tags))
    )


def closest_question_ids(bank: Bank, wanted: str, count: int = 3) -> list[str]:
    """The ids nearest to a mistyped one, for 'did you mean'."""
    import difflib

    ids = [q.id for q in bank.questions]
    close = difflib.get_close_matches(wanted, ids, n=count, cutoff=0.5)
    return close or [i for i in ids if wanted in i][:count]


def default_seed(role_id: str, candidate: str | None) -> int:
    """A seed from the role and the candidate, so rebuilding a candidate's kit gives the same
    questions and two candidates usually get different ones."""
    import hashlib

    digest = hashlib.sha256(f"{role_id}\0{candidate or ''}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def _eligible(bank: Bank, role: Role, stage: Stage, competency: str) -> list[Question]:
    return [q for q in bank.questions
            if q.competency == competency and role.level in q.levels
            and q.id not in stage.exclude and (not stage.kinds or q.kind in stage.kinds)]


def plan_kit(bank: Bank, role_id: str, candidate: str | None, seed: int | None = None,
             stage_ids: Sequence[str] = ()) -> KitPlan:
    """Choose each stage's questions: pinned ones first, then a seeded draw per competency
    from the questions at the role's level, never one question twice in the loop, and never
    more minutes than the stage has after the time kept for the candidate's questions."""
    import hashlib
    import random

    role = bank.role(role_id)
    if role is None:
        raise InterviewkitError(_check_values("role", [role_id], [r.id for r in bank.roles]))
    unknown = [s for s in stage_ids if s not in {st.id for st in role.stages}]
    if unknown:
        raise InterviewkitError(_check_values("stage", unknown, [s.id for s in role.stages]))
    seed = default_seed(role.id, candidate) if seed is None else seed
    rng = random.Random(seed)
    used: set[str] = set()
    stages = []
    for stage in role.stages:
        if stage_ids and stage.id not in stage_ids:
            continue
        chosen = _plan_stage(bank, role, stage, rng, used)
        used.update(p.id for p in chosen)
        stages.append(StagePlan(stage=stage.id, questions=tuple(chosen)))
    fingerprint = json_fingerprint([role.id, candidate, seed, bank.content_hash,
                                    [[s.stage, [q.id for q in s.questions]] for s in stages]])
    return KitPlan(kit_id=hashlib.sha256(fingerprint.encode()).hexdigest()[:12], role=role.id,
                   candidate=candidate, seed=seed, bank_hash=bank.content_hash,
                   stages=tuple(stages))


def json_fingerprint(value: object) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False)


_TRIES = 500


def _plan_stage(bank: Bank, role: Role, stage: Stage, rng: random.Random, used: set[str]
                ) -> list[PlannedQuestion]:
    pinned = [bank.question(qid) for qid in stage.pinned]
    chosen = [PlannedQuestion(id=q.id, competency=q.competency, reason="pinned")
              for q in pinned if q is not None]
    budget = stage.minutes - stage.candidate_minutes - sum(q.minutes for q in pinned if q)
    pools = []
    for competency, count in stage.competencies.items():
        need = count - sum(1 for p in chosen if p.competency == competency)
        pool = sorted((q for q in _eligible(bank, role, stage, competency)
                       if q.id not in used and q.id not in stage.pinned), key=lambda q: q.id)
        if need > len(pool):
            raise InterviewkitError([
                f"stage '{stage.id}' of role '{role.id}' needs {need} more {competency} "
                f"question{'s' * (need != 1)} at level '{role.level}', but only {len(pool)} "
                "are left after the earlier stages"])
        pools.append((competency, need, pool))
    # Draw until a set fits the stage's minutes; the draw is the seeded shuffle, so the same
    # seed gives the same set.
    for _ in range(_TRIES):
        drawn = [(competency, rng.sample(pool, need)) for competency, need, pool in pools]
        if sum(q.minutes for _, qs in drawn for q in qs) <= budget:
            return chosen + [PlannedQuestion(id=q.id, competency=c, reason=f"drawn for {c}")
                             for c, qs in drawn for q in qs]
    raise InterviewkitError([
        f"stage '{stage.id}' of role '{role.id}': no draw of its questions fits in "
        f"{stage.minutes} minutes with {stage.candidate_minutes} kept for the candidate"])
