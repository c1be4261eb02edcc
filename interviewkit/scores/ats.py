"""Filled scorecards in the JSON shapes applicant-tracking systems' APIs take: Greenhouse
Harvest scorecards, Lever feedback forms, Ashby feedback submissions. Nothing is sent
anywhere: these are files for a team's own integration script, which finds the candidate's
application by the `interviewkit` part of each record and posts its `payload`. Pure: cards,
their kit's manifest and the bank in, plain data out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from interviewkit.kit import scorecard as contract
from interviewkit.kit.manifest import KitManifest
from interviewkit.models import Bank
from interviewkit.scores.cards import Scorecard

AtsShape = Literal["greenhouse", "lever", "ashby"]
ATS_SHAPES: tuple[AtsShape, ...] = ("greenhouse", "lever", "ashby")

# Greenhouse's recommendation words, from the lowest rating to the highest. Our scale has no
# neutral middle, so "mixed" (and "no_decision" for a card without an overall) come only from
# what a card leaves out.
GREENHOUSE_BUCKETS = ("definitely_not", "no", "mixed", "yes", "strong_yes")


def greenhouse_rating(value: int | None, points: int) -> str:
    """A rating on an even scale of `points` as Greenhouse words it: the lowest point
    definitely_not, the highest strong_yes, the lower half no and the upper half yes (on the
    shipped 1-4 scale: 1, 2, 3, 4 -> definitely_not, no, yes, strong_yes)."""
    if value is None:
        return "no_decision"
    if value == 1:
        return "definitely_not"
    if value == points:
        return "strong_yes"
    return "no" if value <= points // 2 else "yes"


def ats_records(shape: AtsShape, bank: Bank, manifest: KitManifest,
                cards: Sequence[Scorecard]) -> list[dict[str, Any]]:
    """One record per card: who and what it is about (`interviewkit`), and the `payload` in
    the shape's own fields."""
    return [{"interviewkit": {"kit_id": card.kit_id, "role": card.role,
                              "candidate": card.candidate, "stage": card.stage,
                              "interviewer": card.interviewer, "source": card.source},
             "payload": _PAYLOADS[shape](bank, manifest, card)} for card in cards]


def _stage_name(bank: Bank, manifest: KitManifest, stage_id: str) -> str:
    role = bank.role(manifest.role)
    stage = role.stage(stage_id) if role else None
    return stage.name if stage else stage_id


def _competency_name(bank: Bank, competency: str) -> str:
    return next((c.name for c in bank.competencies if c.id == competency), competency)


def _interviewed_at(manifest: KitManifest, card: Scorecard) -> str | None:
    """When the interview was: the hiring day's start (with its offset), else the card's
    date when it is one (YYYY-MM-DD), else nothing."""
    import datetime

    booked = next((i.start for i in manifest.schedule if i.stage == card.stage), None)
    if booked:
        return booked
    try:
        return datetime.date.fromisoformat(card.date).isoformat()
    except ValueError:
        return None


def _greenhouse(bank: Bank, manifest: KitManifest, card: Scorecard) -> dict[str, Any]:
    points = len(bank.rating_scale)
    buckets: dict[str, list[str]] = {bucket: [] for bucket in GREENHOUSE_BUCKETS}
    attributes = []
    for competency, value in card.ratings.items():
        name, word = _competency_name(bank, competency), greenhouse_rating(value, points)
        attributes.append({"name": name, "type": "Competency",
                           "note": card.evidence.get(competency, ""), "rating": word})
        if word in buckets:
            buckets[word].append(name)
    stage = next((s for s in manifest.stages if s.stage == card.stage), None)
    questions = []
    for number, qid in enumerate(stage.questions if stage else (), start=1):
        question = bank.question(qid)
        if question is None:
            continue
        answer = (card.evidence.get(question.competency, "") if question.scored
                  else card.notes)
        questions.append({"id": number, "question": " ".join(question.prompt.split()),
                          "answer": answer})
    return {"interview": _stage_name(bank, manifest, card.stage),
            "interviewed_at": _interviewed_at(manifest, card),
            "submitted_by": card.interviewer,
            "overall_recommendation": greenhouse_rating(card.overall, points),
            "attributes": attributes, "ratings": buckets, "questions": questions}


def _fields(card: Scorecard) -> list[tuple[str, Any]]:
    """The card's fields by the scorecard contract's names, in the card's order."""
    fields: list[tuple[str, Any]] = []
    for competency, value in card.ratings.items():
        fields += [(contract.rating_field(competency), value),
                   (contract.evidence_field(competency), card.evidence.get(competency, ""))]
    if card.notes:
        fields.append((contract.NOTES, card.notes))
    fields.append((contract.OVERALL, card.overall))
    return fields


def _lever(bank: Bank, manifest: KitManifest, card: Scorecard) -> dict[str, Any]:
    return {"baseTemplateId": f"interviewkit-{manifest.role}-{card.stage}",
            "panel": manifest.kit_id,
            "interview": _stage_name(bank, manifest, card.stage),
            "fieldValues": [{"id": name, "value": value} for name, value in _fields(card)]}


def _ashby(bank: Bank, manifest: KitManifest, card: Scorecard) -> dict[str, Any]:
    scores = {contract.OVERALL, *(contract.rating_field(c) for c in card.ratings)}
    return {"feedbackForm": {"fieldSubmissions": [
        {"path": name, "value": {"score": value} if name in scores else value}
        for name, value in _fields(card)]}}


_PAYLOADS = {"greenhouse": _greenhouse, "lever": _lever, "ashby": _ashby}
