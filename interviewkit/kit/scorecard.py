"""The scorecard contract: what a card's fields are called, what "not rated" is written as,
and the identity a card carries. The template, the PDF form and the YAML skeleton are written
from these names and the reader reads by them, so a rename is a change to this file alone."""

from __future__ import annotations

from dataclasses import dataclass

# Form fields (PDF) and keys (YAML). No dots: PDF tools read a dot as a field hierarchy.
RATING_PREFIX = "rating_"
EVIDENCE_PREFIX = "evidence_"
INTERVIEWER = "interviewer"
DATE = "date"
OVERALL = "overall"
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
    not_rated: str = NOT_RATED

    def meta(self, key: str) -> str:
        return meta_name(key)


NAMES = ScorecardNames()
