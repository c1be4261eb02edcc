"""The scorecard contract: what a card's fields are called, what "not rated" is written as,
and the identity a card carries. The template, the PDF form and the YAML skeleton are written
from these names and the reader reads by them, so a rename is a change to this file alone."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interviewkit.errors import InterviewkitError, Problem, display_path

# Where a kit's filled cards go: a folder of the kit that every build makes and none empties,
# holding PDF and YAML cards.
SCORES_DIR = "scores"
SCORE_SUFFIXES = (".pdf", ".yaml", ".yml")

# Form fields (PDF) and keys (YAML). No dots: PDF tools read a dot as a field hierarchy.
RATING_PREFIX = "rating_"
EVIDENCE_PREFIX = "evidence_"
INTERVIEWER = "interviewer"
DATE = "date"
OVERALL = "overall"
# Free text on the questions a stage asks unscored (notes only): never a rating, never a
# competency, never in a figure. Only a card of a stage that asks such questions has it.
NOTES = "notes"
# What a guide (and `questions show`) says of an unscored question, in place of its rubric.
UNSCORED = "Not rated: take notes on what the candidate says; it does not enter the decision."
# The YAML card's mappings of competency -> rating and competency -> evidence.
RATINGS_KEY = "ratings"
EVIDENCE_KEY = "evidence"

# A rating list's value before anyone chooses. Not empty: PDF tools such as MuPDF refuse a
# choice whose export value is empty. A reader also takes nothing at all as not rated.
NOT_RATED = "-"
NOT_RATED_VALUES = ("", NOT_RATED)

# Who the card belongs to: a key of the YAML card, and a <meta> of the scorecard's HTML, which
# WeasyPrint writes into the PDF's document information without its dashes.
IDENTITY = ("kit_id", "role", "candidate", "stage")
# The same identity again, as JSON in a hidden, read-only form field of the PDF: fillers that
# drop the document information (pypdf's append recipe, pdftk) copy form fields.
IDENTITY_FIELD = "interviewkit_identity"
MAX_IDENTITY_CHARS = 4 * 10_000 + 200


def find_score_files(directory: Path) -> list[Path]:
    """The filled cards of a kit: every PDF and YAML file in KIT_DIR/scores/, but hidden
    ones (an editor's lock file, macOS's `._card.pdf`, a temporary file of ours). Each is
    read only if it resolves inside scores/ (see scores.cards.read_scorecard)."""
    scores = directory / SCORES_DIR
    if not scores.is_dir():
        return []
    if not scores.resolve().is_relative_to(directory.resolve()):
        raise InterviewkitError([Problem(display_path(scores), 0, 0, "", "is a link out of "
                                         "the kit folder; cards are read only inside it: make "
                                         f"{SCORES_DIR}/ a folder of the kit's own and move "
                                         "the cards into it")])
    return sorted(p for p in scores.iterdir()
                  if p.suffix.lower() in SCORE_SUFFIXES and not p.name.startswith("."))


def identity_text(identity: Mapping[str, str]) -> str:
    return json.dumps({key: identity[key] for key in IDENTITY}, ensure_ascii=False)


def parse_identity(text: str) -> dict[str, str]:
    """The identity in IDENTITY_FIELD's value; {} when it is not one (a card may have lost it
    or been given anything there)."""
    if len(text) > MAX_IDENTITY_CHARS:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items()
            if key in IDENTITY and isinstance(value, str)}


def browser_card(identity: Mapping[str, str], competencies: Iterable[str],
                 notes: bool = False) -> dict[str, Any]:
    """What the HTML scorecard's script is told (as JSON in the page) to keep what is typed
    in the browser's storage and to save a YAML card the reader takes: the card's identity,
    its field names and keys (`notes` when the card has a notes field), and the storage key,
    one per kit and stage. A blank card has none: every blank kit of a role is the same kit,
    and its card serves one candidate after another, so what was typed about one must not
    come back for the next."""
    return {
        "identity": [[key, identity[key]] for key in IDENTITY],  # in this order
        "interviewer": INTERVIEWER, "date": DATE, "overall": OVERALL, "not_rated": NOT_RATED,
        "ratings_key": RATINGS_KEY, "evidence_key": EVIDENCE_KEY,
        "notes": NOTES if notes else None,
        "competencies": [{"id": c, "rating": rating_field(c), "evidence": evidence_field(c)}
                         for c in competencies],
        "storage_key": (f"interviewkit-card:{identity['kit_id']}:{identity['stage']}"
                        if identity["candidate"] else None),
    }


def rating_field(competency: str) -> str:
    return f"{RATING_PREFIX}{competency}"


def evidence_field(competency: str) -> str:
    return f"{EVIDENCE_PREFIX}{competency}"


def meta_name(key: str) -> str:
    """The HTML <meta name> of an identity key: kit_id -> interviewkit-kit-id."""
    return "interviewkit-" + key.replace("_", "-")


def pdf_info_key(key: str) -> str:
    """Where an identity key is in a PDF's document information: /interviewkitkitid."""
    return "/" + meta_name(key).replace("-", "")


def competency_of(field: str) -> tuple[str, str] | None:
    """("rating" or "evidence", the competency) of a per-competency field, else None."""
    for kind, prefix in (("rating", RATING_PREFIX), ("evidence", EVIDENCE_PREFIX)):
        if field.startswith(prefix):
            return kind, field.removeprefix(prefix)
    return None


@dataclass(frozen=True)
class ScorecardNames:
    """The names a template writes a scorecard with (`view.names` in scorecard.html.j2)."""

    interviewer: str = INTERVIEWER
    date: str = DATE
    overall: str = OVERALL
    notes: str = NOTES
    not_rated: str = NOT_RATED

    def meta(self, key: str) -> str:
        return meta_name(key)


NAMES = ScorecardNames()
