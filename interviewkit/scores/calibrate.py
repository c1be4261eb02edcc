"""Pure figures across many kits: how interviewers rate, how questions rotate and score,
and how each role's recommendations fall. It describes; it does not judge anyone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Any

from interviewkit.kit.manifest import KitManifest
from interviewkit.models import Bank
from interviewkit.scores.cards import Scorecard

MIN_KITS_FOR_LENIENCY = 5  # a leniency figure is flagged only with this many shared candidates
LENIENCY_FLAG = 0.5  # points above or below the other panelists, on average


@dataclass(frozen=True)
class InterviewerFigures:
    interviewer: str
    cards: int
    ratings: int
    mean: float | None
    distribution: dict[int, int]
    leniency: float | None  # mean of (own mean - other panelists' mean) per shared candidate
    compared_kits: int
    flagged: bool


@dataclass(frozen=True)
class QuestionFigures:
    question: str
    competency: str
    asked: int  # kits that asked it
    rated: int  # ratings of its competency on the cards of the stages that asked it (none
    # for an unscored question: another question of its competency earned them)
    mean: float | None


@dataclass(frozen=True)
class RoleFigures:
    role: str
    kits: int
    cards: int
    overall: dict[int, int]


@dataclass(frozen=True)
class Calibration:
    kits: int
    cards: int
    interviewers: tuple[InterviewerFigures, ...]
    questions: tuple[QuestionFigures, ...]
    roles: tuple[RoleFigures, ...]
    scale: tuple[tuple[int, str], ...]

    def as_record(self) -> dict[str, Any]:
        return {
            "kits": self.kits, "cards": self.cards,
            "thresholds": {"min_kits_for_leniency": MIN_KITS_FOR_LENIENCY,
                           "leniency_flag": LENIENCY_FLAG},
            "interviewers": [{**i.__dict__, "distribution": {str(k): v for k, v in
                                                             i.distribution.items()}}
                             for i in self.interviewers],
            "questions": [q.__dict__ for q in self.questions],
            "roles": [{**r.__dict__, "overall": {str(k): v for k, v in r.overall.items()}}
                      for r in self.roles],
        }


def _values(card: Scorecard) -> list[int]:
    return [v for v in card.ratings.values() if v is not None]


Kits = Sequence[tuple[KitManifest, Sequence[Scorecard]]]  # each kit with its readable cards


def build_calibration(bank: Bank, kits: Kits) -> Calibration:
    """`kits`: each kit's manifest with its readable cards."""
    scale = tuple((p.value, p.label) for p in bank.rating_scale)
    return Calibration(kits=len(kits), cards=sum(len(c) for _, c in kits),
                       interviewers=_interviewer_figures(kits, scale),
                       questions=_question_figures(bank, kits),
                       roles=_role_figures(kits, scale), scale=scale)


def _leniency_differences(kits: Kits) -> dict[str, list[float]]:
    """Per interviewer, for each kit they shared with other panelists: their mean rating
    minus the others' mean rating of that candidate."""
    diffs: dict[str, list[float]] = {}
    for _, cards in kits:
        for person in {card.interviewer for card in cards}:
            own = [v for c in cards if c.interviewer == person for v in _values(c)]
            others = [v for c in cards if c.interviewer != person for v in _values(c)]
            if own and others:
                diffs.setdefault(person, []).append(mean(own) - mean(others))
    return diffs


def _interviewer_figures(kits: Kits, scale: tuple[tuple[int, str], ...]
                         ) -> tuple[InterviewerFigures, ...]:
    by_interviewer: dict[str, list[Scorecard]] = {}
    for _, cards in kits:
        for card in cards:
            by_interviewer.setdefault(card.interviewer, []).append(card)
    diffs = _leniency_differences(kits)
    interviewers = []
    for person in sorted(by_interviewer, key=str.casefold):
        values = [v for card in by_interviewer[person] for v in _values(card)]
        shared = diffs.get(person, [])
        leniency = round(mean(shared), 2) if shared else None
        interviewers.append(InterviewerFigures(
            interviewer=person, cards=len(by_interviewer[person]), ratings=len(values),
            mean=round(mean(values), 2) if values else None,
            distribution={v: values.count(v) for v, _ in scale}, leniency=leniency,
            compared_kits=len(shared),
            flagged=leniency is not None and len(shared) >= MIN_KITS_FOR_LENIENCY
            and abs(leniency) >= LENIENCY_FLAG))
    return tuple(interviewers)


def _question_figures(bank: Bank, kits: Kits) -> tuple[QuestionFigures, ...]:
    """How often each question was asked, and the ratings its competency got on the cards
    of the stages that asked it."""
    asked: dict[str, int] = {}
    question_ratings: dict[str, list[int]] = {}
    for manifest, cards in kits:
        for stage in manifest.stages:
            for qid in stage.questions:
                asked[qid] = asked.get(qid, 0) + 1
                question = bank.question(qid)
                if question is None or not question.scored:
                    continue  # an unscored question is rated by nobody, whatever its stage
                question_ratings.setdefault(qid, []).extend(
                    value for card in cards if card.stage == stage.stage
                    for c, value in card.ratings.items()
                    if c == question.competency and value is not None)
    return tuple(QuestionFigures(
        question=q.id, competency=q.competency, asked=asked.get(q.id, 0),
        rated=len(question_ratings.get(q.id, [])),
        mean=round(mean(question_ratings[q.id]), 2) if question_ratings.get(q.id) else None)
        for q in bank.questions)


def _role_figures(kits: Kits, scale: tuple[tuple[int, str], ...]) -> tuple[RoleFigures, ...]:
    roles: dict[str, list[Sequence[Scorecard]]] = {}
    for manifest, cards in kits:
        roles.setdefault(manifest.role, []).append(cards)
    return tuple(RoleFigures(
        role=role, kits=len(entries), cards=sum(len(cards) for cards in entries),
        overall={v: sum(1 for cards in entries for c in cards if c.overall == v)
                 for v, _ in scale})
        for role, entries in sorted(roles.items()))
