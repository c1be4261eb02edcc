"""Pure aggregation of one kit's filled scorecards: figures and flags for the panel.

It summarises and flags; it never recommends. The panel decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Any

from interviewkit.errors import InterviewkitError
from interviewkit.kit.manifest import KitManifest
from interviewkit.models import Bank
from interviewkit.scores.cards import Scorecard, stage_problems

SPREAD_FLAG = 2  # points between the lowest and highest rating of one competency


@dataclass(frozen=True)
class Rating:
    interviewer: str
    stage: str
    value: int
    evidence: str


@dataclass(frozen=True)
class CompetencyFigures:
    competency: str
    name: str
    ratings: tuple[Rating, ...]
    mean: float | None
    lowest: int | None
    highest: int | None

    @property
    def spread(self) -> int:
        return 0 if self.lowest is None or self.highest is None else self.highest - self.lowest


@dataclass(frozen=True)
class Flag:
    kind: str  # lowest-rating | spread | missing-scorecard | unrated | no-evidence
    message: str


@dataclass(frozen=True)
class Debrief:
    kit_id: str
    role: str
    candidate: str
    stages: tuple[str, ...]  # every stage of the kit, in loop order
    cards: tuple[Scorecard, ...]
    competencies: tuple[CompetencyFigures, ...]
    overall: tuple[tuple[str, str, int], ...]  # (interviewer, stage, value)
    overall_counts: dict[int, int]  # every scale value, zero included
    flags: tuple[Flag, ...]
    scale: tuple[tuple[int, str], ...]  # (value, label)

    def as_record(self) -> dict[str, Any]:
        return {
            "kit_id": self.kit_id, "role": self.role, "candidate": self.candidate,
            "stages": list(self.stages),
            "cards": [card.as_record() for card in self.cards],
            "competencies": [{
                "competency": c.competency, "name": c.name, "mean": c.mean,
                "lowest": c.lowest, "highest": c.highest, "spread": c.spread,
                "ratings": [{"interviewer": r.interviewer, "stage": r.stage, "value": r.value}
                            for r in c.ratings]} for c in self.competencies],
            "overall": [{"interviewer": i, "stage": s, "value": v} for i, s, v in self.overall],
            "overall_counts": {str(k): v for k, v in self.overall_counts.items()},
            "flags": [{"kind": f.kind, "message": f.message} for f in self.flags],
        }


def expected_competencies(bank: Bank, manifest: KitManifest) -> dict[str, list[str] | None]:
    """Each stage of the kit and the competencies its scorecard rates: as kit.json records
    them (none, for a stage of unscored questions only); for a kit made before it recorded
    them, by the rule a kit records them with, from the role's stage and the questions
    kit.json lists for it (a stage that asks families names no competencies of its own);
    None when the bank cannot say: no such stage, or a question gone (any are taken)."""
    role = bank.role(manifest.role)
    expected: dict[str, list[str] | None] = {}
    for stage in manifest.stages:
        listed = stage.competencies
        found = role.stage(stage.stage) if role is not None else None
        if listed is None and found is not None:
            asked = [q for qid in stage.questions if (q := bank.question(qid)) is not None]
            if len(asked) == len(stage.questions):
                listed = tuple(found.card_competencies(asked)[0])
        expected[stage.stage] = None if listed is None else list(listed)
    return expected


def build_debrief(bank: Bank, manifest: KitManifest, cards: Sequence[Scorecard],
                  set_aside: Sequence[Scorecard] = ()) -> Debrief:
    """The figures and flags of a kit's cards; InterviewkitError when a card is not of one of
    the kit's stages or does not rate exactly its competencies (read_scorecards with
    `stages` sets such cards aside before they get here). `set_aside`: cards read but left
    out as incomplete (--partial), so that their stage is not said to have no card."""
    expected = expected_competencies(bank, manifest)
    problems = [problem for card in cards
                for problem in stage_problems(card.source, card.stage, card.ratings, expected)]
    if problems:
        raise InterviewkitError(problems)
    names = {c.id: c.name for c in bank.competencies}
    scale = tuple((p.value, p.label) for p in bank.rating_scale)
    cards = _in_stage_order(cards, expected)
    figures = _competency_figures(cards, expected, names)
    overall = tuple((card.interviewer, card.stage, card.overall) for card in cards
                    if card.overall is not None)
    flags = (_card_flags(cards, names, scale) + _figure_flags(figures)
             + _overall_flags([value for _, _, value in overall])
             + _missing_card_flags(cards, expected, set_aside))
    counts = {value: sum(1 for _, _, v in overall if v == value) for value, _ in scale}
    return Debrief(
        kit_id=manifest.kit_id, role=manifest.role, candidate=manifest.candidate or "",
        stages=tuple(expected),
        cards=tuple(cards), competencies=tuple(figures), overall=overall,
        overall_counts=counts, flags=tuple(flags), scale=scale)


def _in_stage_order(cards: Sequence[Scorecard], expected: dict[str, list[str] | None]
                    ) -> list[Scorecard]:
    """The cards by the kit's stage order, then interviewer."""
    stage_order = {stage: index for index, stage in enumerate(expected)}
    return sorted(cards, key=lambda c: (stage_order.get(c.stage, len(stage_order)),
                                        c.interviewer.casefold()))


def _competency_figures(cards: Sequence[Scorecard], expected: dict[str, list[str] | None],
                        names: dict[str, str]) -> list[CompetencyFigures]:
    """Each competency's ratings and mean, lowest and highest, in the kit's order."""
    order = list(dict.fromkeys(c for stage in expected.values() for c in stage or ()))
    order += [c for card in cards for c in card.ratings if c not in order]
    figures = []
    for competency in order:
        ratings = tuple(Rating(card.interviewer, card.stage, value, card.evidence.get(
            competency, "")) for card in cards
            for c, value in card.ratings.items() if c == competency and value is not None)
        values = [r.value for r in ratings]
        figures.append(CompetencyFigures(
            competency=competency, name=names.get(competency, competency), ratings=ratings,
            mean=round(mean(values), 2) if values else None,
            lowest=min(values) if values else None, highest=max(values) if values else None))
    return figures


def _card_flags(cards: Sequence[Scorecard], names: dict[str, str],
                scale: tuple[tuple[int, str], ...]) -> list[Flag]:
    """Ratings at the bottom of the scale, and ratings given without evidence."""
    lowest_value = scale[0][0]
    labels = dict(scale)
    flags = []
    for card in cards:
        for competency, value in card.ratings.items():
            name = names.get(competency, competency)
            if value == lowest_value:
                flags.append(Flag("lowest-rating", f"{card.interviewer} ({card.stage}) rated "
                                  f"{name} {value} {labels[value]}"))
            if value is not None and not card.evidence.get(competency):
                flags.append(Flag("no-evidence", f"{card.interviewer} ({card.stage}) rated "
                                  f"{name} {value} with no evidence written"))
        if card.overall == lowest_value:
            flags.append(Flag("lowest-rating", f"{card.interviewer} ({card.stage}) gave an "
                              f"overall {card.overall} {labels[card.overall]}"))
    return flags


def _figure_flags(figures: Sequence[CompetencyFigures]) -> list[Flag]:
    """Competencies whose ratings lie far apart, and competencies nobody rated."""
    flags = []
    for figure in figures:
        if figure.spread >= SPREAD_FLAG:
            flags.append(Flag("spread", f"{figure.name}: ratings from {figure.lowest} to "
                              f"{figure.highest} ({figure.spread} points apart)"))
        if not figure.ratings:
            flags.append(Flag("unrated", f"{figure.name}: nobody rated it"))
    return flags


def _overall_flags(values: Sequence[int]) -> list[Flag]:
    """Overall recommendations as far apart as a competency's ratings that are flagged."""
    if values and max(values) - min(values) >= SPREAD_FLAG:
        return [Flag("spread", f"Overall recommendation: from {min(values)} to {max(values)} "
                     f"({max(values) - min(values)} points apart)")]
    return []


def _missing_card_flags(cards: Sequence[Scorecard], expected: dict[str, list[str] | None],
                        set_aside: Sequence[Scorecard] = ()) -> list[Flag]:
    """Stages without a card in the debrief: none came back, or it was set aside."""
    carded = {card.stage for card in cards}
    flags = []
    for stage in expected:
        if stage in carded:
            continue
        aside = [card.source for card in set_aside if card.stage == stage]
        flags.append(Flag("missing-scorecard", f"the scorecard for stage {stage} was set aside "
                          f"as incomplete ({', '.join(aside)})" if aside
                          else f"no scorecard for stage {stage}"))
    return flags
