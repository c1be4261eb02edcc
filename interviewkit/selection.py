"""Pure functions over a loaded bank: which questions match, and what the bank covers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import InterviewkitError, suggest
from .models import KINDS, Bank, Question, Role


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
