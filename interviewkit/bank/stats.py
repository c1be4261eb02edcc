"""Pure figures over a loaded bank: what it covers, per competency, level and kind."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from interviewkit.models import KINDS, Bank


@dataclass(frozen=True)
class Coverage:
    """How many questions, and how many minutes of them, one competency has at one level."""

    competency: str
    level: str
    questions: int
    minutes: int


@dataclass(frozen=True)
class BankStats:
    questions: int
    roles: int
    coverage: tuple[Coverage, ...]  # every competency x level pair, in bank order
    kinds: dict[str, int]  # every kind, zero included


def bank_stats(bank: Bank) -> BankStats:
    cells = [
        Coverage(c, level, len(qs), sum(q.minutes for q in qs))
        for c in bank.competency_ids
        for level in bank.level_ids
        for qs in [[q for q in bank.questions if q.competency == c and level in q.levels]]
    ]
    kinds: Counter[str] = Counter(q.kind for q in bank.questions)
    return BankStats(len(bank.questions), len(bank.roles), tuple(cells),
                     {kind: kinds.get(kind, 0) for kind in KINDS})
