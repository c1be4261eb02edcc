"""Property: for any set of valid ratings the debrief's figures and flags match a direct
computation."""

from __future__ import annotations

from statistics import mean

from hypothesis import given, settings
from hypothesis import strategies as st

from interviewkit.bank.load import load_bank
from interviewkit.kit.manifest import KitManifest
from interviewkit.scores.cards import Scorecard
from interviewkit.scores.debrief import SPREAD_FLAG, build_debrief

BANK = load_bank()
_ROLE = BANK.role("engineering-manager")
assert _ROLE is not None
ROLE = _ROLE
STAGES = {stage.id: list(stage.competencies) for stage in ROLE.stages}
MANIFEST = KitManifest.model_validate({
    "kit_id": "k", "role": ROLE.id, "candidate": "C", "seed": 1,
    "bank": {"sha256": "0" * 64, "directories": []},
    "stages": [{"stage": s, "questions": [], "competencies": c} for s, c in STAGES.items()]})
RATING = st.integers(1, 4)


@st.composite
def card_sets(draw: st.DrawFn) -> list[Scorecard]:
    cards = []
    for stage, competencies in STAGES.items():
        for n in range(draw(st.integers(0, 2))):
            ratings: dict[str, int | None] = {c: draw(RATING) for c in competencies}
            evidence = {c: draw(st.sampled_from(["", "said something specific"]))
                        for c in competencies}
            cards.append(Scorecard(source=f"{stage}{n}", kit_id="k", role=ROLE.id,
                                   candidate="C", stage=stage, interviewer=f"{stage}-{n}",
                                   date="", ratings=ratings, evidence=evidence,
                                   overall=draw(RATING)))
    return cards


@settings(max_examples=200, deadline=None)
@given(card_sets())
def test_debrief_matches_direct_computation(cards: list[Scorecard]) -> None:
    debrief = build_debrief(BANK, MANIFEST, cards)
    figures = {f.competency: f for f in debrief.competencies}
    for competency in {c for cs in STAGES.values() for c in cs}:
        values = [v for card in cards if (v := card.ratings.get(competency)) is not None]
        figure = figures[competency]
        assert sorted(r.value for r in figure.ratings) == sorted(values)
        assert figure.mean == (round(mean(values), 2) if values else None)
        assert (figure.lowest, figure.highest) == ((min(values), max(values)) if values
                                                   else (None, None))
    kinds = [f.kind for f in debrief.flags]
    lowest = sum(v == 1 for card in cards for v in card.ratings.values()) + sum(
        card.overall == 1 for card in cards)
    assert kinds.count("lowest-rating") == lowest
    assert kinds.count("no-evidence") == sum(
        1 for card in cards for c in card.ratings if not card.evidence[c])
    overall = [card.overall for card in cards if card.overall is not None]
    assert kinds.count("spread") == sum(
        1 for f in figures.values() if f.ratings and f.spread >= SPREAD_FLAG) + (
        bool(overall) and max(overall) - min(overall) >= SPREAD_FLAG)
    assert kinds.count("missing-scorecard") == sum(
        1 for stage in STAGES if not any(card.stage == stage for card in cards))
    assert kinds.count("unrated") == sum(1 for f in figures.values() if not f.ratings)
    assert sum(debrief.overall_counts.values()) == len(cards)
    for value, count in debrief.overall_counts.items():
        assert count == sum(card.overall == value for card in cards)
