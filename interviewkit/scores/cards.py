"""Filled scorecards back in: PDF forms (pypdf) and YAML cards, read into checked records.

Nothing is guessed: a rating left empty is reported as missing, a value off the scale is an
error, and a card that does not belong to the kit being read says so.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewkit.errors import InterviewkitError, Problem, display_path, one_line
from interviewkit.kit import scorecard as contract
from interviewkit.models import Bank

# Where each identity key is in a PDF card's document information.
META = {key: contract.pdf_info_key(key) for key in contract.IDENTITY}
# What a card may carry, so that one pasted log cannot make a debrief take minutes: evidence
# and the notes on unscored questions are notes of what was said and done, a name or a date
# is one line, and a stage rates a few competencies.
MAX_FIELD_CHARS = 10_000
MAX_LINE_CHARS = 200
MAX_CARD_COMPETENCIES = 100


@dataclass(frozen=True)
class Scorecard:
    """One interviewer's filled scorecard for one stage of one kit."""

    source: str
    kit_id: str
    role: str
    candidate: str
    stage: str
    interviewer: str
    date: str
    ratings: dict[str, int | None]  # competency -> rating; None: left unrated
    evidence: dict[str, str]
    overall: int | None
    notes: str = ""  # on the questions asked unscored: text for the panel, in no figure

    def as_record(self) -> dict[str, Any]:
        return {"source": self.source, "kit_id": self.kit_id, "role": self.role,
                "candidate": self.candidate, "stage": self.stage,
                "interviewer": self.interviewer, "date": self.date,
                "ratings": dict(self.ratings), "evidence": dict(self.evidence),
                "overall": self.overall, contract.NOTES: self.notes}


@dataclass
class ReadResult:
    cards: list[Scorecard] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)  # sources skipped under --partial
    set_aside: list[Scorecard] = field(default_factory=list)  # of those, the ones read

    @property
    def unfilled(self) -> bool:
        """Whether a card was set aside for a value its interviewer has still to fill in."""
        return any(problem.message in UNFILLED for problem in self.problems)


# What a card says of a value left for its interviewer to fill in (the problems that
# filling in the card mends, as against a card that cannot be read or is of another kit).
NOT_RATED = "not rated"
NO_OVERALL = "no overall recommendation"
NO_INTERVIEWER = "missing: who filled in this card?"
UNFILLED = (NOT_RATED, NO_OVERALL, NO_INTERVIEWER)


def _problem(path: Path, field_name: str, message: str) -> Problem:
    return Problem(display_path(path), 0, 0, field_name, message)


# A filled card is a few hundred KB, unless the reader that saved it embedded a whole font to
# draw what was typed (Evince, for CJK text: 21 MB measured); the cap keeps a huge file from
# being read into memory.
MAX_CARD_BYTES = 64 * 1024 * 1024
# The most pypdf may inflate one stream to while reading a card. Its own limit (75 MB) is made
# for any PDF; the streams it decodes to find a card's fields and metadata are tens of KB.
MAX_CARD_STREAM_BYTES = 4 * 1024 * 1024


@contextmanager
def _pypdf_silenced() -> Iterator[None]:
    """pypdf logs each repair it makes to a broken file, and with no logging set up Python
    prints those lines on stderr, before and apart from our message about the card."""
    logger = logging.getLogger("pypdf")
    handler = logging.NullHandler()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _reason(error: Exception) -> str:
    """Why pypdf could not read a card, in one short line."""
    from pypdf.errors import PyPdfError

    if isinstance(error, RecursionError):
        text = "its objects are nested too deeply"
    elif isinstance(error, PyPdfError):
        text = str(error)  # pypdf's own errors are written for its users
    else:  # anything else tells of pypdf's insides, not of the file
        text = f"pypdf could not make sense of it: {type(error).__name__}"
    return one_line(text)


def _pdf_fields(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(form values, the card's identity) of a PDF; InterviewkitError when it is not a
    readable, unencrypted PDF of a sensible size."""
    from pypdf import PdfReader, apply_configuration

    from interviewkit.safefiles import FileTooLarge, RefusedFile, read_inside

    try:
        data = read_inside(path, path.parent, "its directory", MAX_CARD_BYTES)
    except FileTooLarge:
        raise InterviewkitError([_problem(path, "", f"larger than {MAX_CARD_BYTES // 1024 // 1024}"
                                          " MiB, far more than a filled scorecard")]
                                ) from None
    except RefusedFile as error:
        raise InterviewkitError([_problem(path, "", error.reason)]) from None
    most = MAX_CARD_STREAM_BYTES
    limits = apply_configuration(
        zlib_maximum_output_length=most, lzw_maximum_output_length=most,
        run_length_maximum_output_length=most, jbig2_maximum_output_length=most,
        array_based_stream_maximum_output_length=most)
    try:
        with _pypdf_silenced(), limits:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise InterviewkitError([_problem(path, "", "the PDF is encrypted; save an "
                                                  "unencrypted copy of the filled card")])
            fields = reader.get_fields() or {}
            info = reader.metadata
            meta = {key: str(info[name]) for key, name in META.items()
                    if info is not None and name in info}
            values = {}
            for name, entry in fields.items():
                if "." in name:
                    continue  # pypdf lists a widget again as parent.child; the parent has the value
                values[name] = _field_text(entry.get("/V"))
    except InterviewkitError:
        raise
    except Exception as error:
        # pypdf's own documentation warns that a broken file can raise exceptions other than
        # its own (a self-referencing object gives an AttributeError). Only pypdf's calls on
        # the card's bytes run in this block, so whatever escapes it is about the file.
        raise InterviewkitError([_problem(path, "", f"not a readable PDF ({_reason(error)})")]
                                ) from None
    # The identity from whichever place survived the filler: the document information, else
    # the hidden identity field (pypdf's append recipe and pdftk drop the information).
    backup = contract.parse_identity(values.pop(contract.IDENTITY_FIELD, ""))
    return values, {key: meta.get(key) or backup.get(key, "") for key in contract.IDENTITY}


def _field_text(value: Any) -> str:
    """A form field's value as text, however the filler wrote it: a one-item list (pdftk
    writes a choice as `[(3)]`), a string pypdf could not decode (UTF-16 with its byte order
    mark, else UTF-8, else Latin-1), a name."""
    if isinstance(value, list):
        if len(value) != 1:  # several choices for one rating: shown, and refused as such
            return ", ".join(_field_text(item) for item in value)
        value = value[0]
    if value is None:
        return ""
    if isinstance(value, bytes):
        if value[:2] in (b"\xfe\xff", b"\xff\xfe"):
            return value.decode("utf-16", errors="replace")
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    text = str(value)
    return text[1:] if type(value).__name__ == "NameObject" else text


# Each stage of a kit -> the competencies its card rates (none, for a stage that asks only
# unscored questions); None when the kit does not say and the bank cannot (an older kit whose
# role, stage or questions have left the bank): then any are taken.
KitStages = Mapping[str, Sequence[str] | None]


def stage_problems(source: str, stage: str, competencies: Iterable[str], stages: KitStages
                   ) -> list[Problem]:
    """What keeps a card of `stage` that rates `competencies` out of a kit of `stages`: a
    stage the kit does not have, competencies the stage does not rate, or ones it does that
    the card leaves out."""
    if stage not in stages:
        return [Problem(source, 0, 0, "stage", f"'{stage}' is not a stage of this kit "
                        f"({', '.join(stages)})")]
    expected = stages[stage]
    if expected is None:
        return []
    rated = set(competencies)
    problems = []
    for competency in sorted(rated | set(expected)):
        if competency not in expected:
            problems.append(Problem(source, 0, 0, contract.rating_field(competency),
                                    f"not a competency of stage {stage} "
                                    f"({', '.join(expected) or 'it rates none'})"))
        elif competency not in rated:
            problems.append(Problem(source, 0, 0, contract.rating_field(competency),
                                    NOT_RATED))
    return problems


def _card_from(path: Path, meta: dict[str, Any], values: dict[str, Any],
               scale: Sequence[int], stages: KitStages | None
               ) -> tuple[Scorecard | None, list[Problem]]:
    problems: list[Problem] = []

    def has_problem(name: str) -> bool:
        return any(p.field == name for p in problems)

    def field_text(name: str, raw: Any, limit: int = MAX_LINE_CHARS) -> str:
        """A field's text, stripped; "" (and a problem) when it is over its limit."""
        if isinstance(raw, dict | list):  # only a YAML card can hold one
            problems.append(_problem(path, name, "expected one value, not a list or mapping"))
            return ""
        # one kind of line break, whatever the filler stored (PDFium: CR LF; some: CR)
        value = "" if raw is None else str(raw).replace("\r\n", "\n").replace("\r", "\n")
        if len(value) > limit:
            advice = ("shorten the evidence (keep logs out of the card)"
                      if name.startswith(contract.EVIDENCE_PREFIX) else
                      "shorten the notes (keep logs out of the card)"
                      if name == contract.NOTES else "shorten it")
            problems.append(_problem(path, name, f"{len(value):,} characters; the limit is "
                                     f"{limit:,} — {advice}"))
            return ""
        return value.strip()

    identity = {key: field_text(key, meta.get(key), MAX_FIELD_CHARS) for key in META}
    for key in ("kit_id", "stage"):
        if not identity[key] and not has_problem(key):
            problems.append(_problem(path, key, "missing: not a scorecard made by "
                                     "interviewkit (or its kit information was removed)"))
    if has_problem("kit_id") or has_problem("stage"):
        return None, problems
    competencies = sorted({found[1] for k in values if (found := contract.competency_of(k))})
    if len(competencies) > MAX_CARD_COMPETENCIES:
        return None, problems + [_problem(path, contract.RATINGS_KEY,
                                          f"{len(competencies)} competencies; a card rates at "
                                          f"most {MAX_CARD_COMPETENCIES}")]

    def rating(name: str, raw: Any) -> int | None:
        written = field_text(name, raw)
        if written in contract.NOT_RATED_VALUES:
            return None
        try:
            value = int(written.split()[0])
        except ValueError:
            value = None
        if value not in scale:
            problems.append(_problem(path, name, f"'{written}' is not on the rating scale "
                                     f"({', '.join(map(str, scale))})"))
            return None
        return value

    ratings = {c: rating(contract.rating_field(c), values.get(contract.rating_field(c)))
               for c in competencies}
    card = Scorecard(
        source=display_path(path), kit_id=identity["kit_id"], role=identity["role"],
        candidate=identity["candidate"], stage=identity["stage"],
        interviewer=field_text(contract.INTERVIEWER, values.get(contract.INTERVIEWER)),
        date=field_text(contract.DATE, values.get(contract.DATE)), ratings=ratings,
        evidence={c: field_text(contract.evidence_field(c),
                                values.get(contract.evidence_field(c)), MAX_FIELD_CHARS)
                  for c in competencies},
        overall=rating(contract.OVERALL, values.get(contract.OVERALL)),
        notes=field_text(contract.NOTES, values.get(contract.NOTES), MAX_FIELD_CHARS))
    if not card.interviewer and not has_problem(contract.INTERVIEWER):
        problems.append(_problem(path, contract.INTERVIEWER, NO_INTERVIEWER))
    for competency, value in ratings.items():
        if value is None and not has_problem(contract.rating_field(competency)):
            problems.append(_problem(path, contract.rating_field(competency), NOT_RATED))
    if card.overall is None and not has_problem(contract.OVERALL):
        problems.append(_problem(path, contract.OVERALL, NO_OVERALL))
    if stages is not None:
        problems += stage_problems(card.source, card.stage, competencies, stages)
    return card, problems


def read_scorecard(path: Path, scale: Sequence[int], stages: KitStages | None = None
                   ) -> tuple[Scorecard | None, list[Problem]]:
    """One card and what is wrong with it (a card with problems is still returned when it
    could be read, so --partial can list it). With `stages`, the card must be of one of
    them and rate exactly its competencies."""
    if not path.exists() and not path.is_symlink():
        return None, [_problem(path, "", "file not found")]
    if path.suffix.lower() == ".pdf":
        try:
            values, meta = _pdf_fields(path)
        except InterviewkitError as error:
            return None, error.located
        if contract.OVERALL not in values:
            return None, [_problem(path, "", "not an interviewkit scorecard: it has no "
                                   "scorecard form fields (a page printed to PDF keeps none: "
                                   "fill the PDF scorecard, or press Save card on the HTML "
                                   "one)")]
        return _card_from(path, meta, values, scale, stages)
    if path.suffix.lower() in (".yaml", ".yml"):
        return _yaml_card(path, scale, stages)
    return None, [_problem(path, "", "not a scorecard: expected a .pdf or .yaml file")]


def _yaml_card(path: Path, scale: Sequence[int], stages: KitStages | None
               ) -> tuple[Scorecard | None, list[Problem]]:
    from interviewkit.bank.yamlsource import read_yaml
    from interviewkit.errors import BankError

    try:
        doc = read_yaml(path, as_text=True)  # ids as written: a stage `no` is not false
    except BankError as error:
        return None, error.located
    data = doc.data
    if not isinstance(data, dict):
        return None, [doc.problem((), "expected a mapping of scorecard fields")]
    ratings = data.get(contract.RATINGS_KEY) or {}
    evidence = data.get(contract.EVIDENCE_KEY) or {}
    wrong = [doc.problem((key,), f"expected a mapping of competency to {what}")
             for key, value, what in ((contract.RATINGS_KEY, ratings, "rating"),
                                      (contract.EVIDENCE_KEY, evidence, "evidence"))
             if not isinstance(value, dict)]
    if wrong:
        return None, wrong
    values: dict[str, Any] = {key: data.get(key) for key in (
        contract.INTERVIEWER, contract.DATE, contract.OVERALL, contract.NOTES)}
    values.update({contract.rating_field(c): v for c, v in ratings.items()})
    values.update({contract.evidence_field(c): v for c, v in evidence.items()})
    meta = {key: data.get(key) for key in contract.IDENTITY}
    card, problems = _card_from(path, meta, values, scale, stages)
    # a YAML card can say where: put the line of each field on its problem
    located = []
    for problem in problems:
        loc: tuple[str | int, ...] = (problem.field,)
        if found := contract.competency_of(problem.field):
            kind, competency = found
            loc = (contract.RATINGS_KEY if kind == "rating" else contract.EVIDENCE_KEY,
                   competency)
            if loc not in doc.positions and (contract.EVIDENCE_KEY, competency) in doc.positions:
                loc = (contract.EVIDENCE_KEY, competency)  # evidence, but no rating
        line, column = doc.position(loc) if doc.data else (0, 0)
        located.append(Problem(problem.file, line, column, problem.field, problem.message))
    return card, located


def _kit_identity(kit_dir: Path) -> tuple[str, str]:
    """(kit id, candidate) of the kit.json in a folder, ("", "") when there is none to read.
    Read as plain JSON, without completing a rebuild that was stopped: a message must not
    change a kit it only names."""
    import json

    from interviewkit.kit.manifest import MANIFEST_NAME
    from interviewkit.safefiles import RefusedFile, read_inside

    try:
        record = json.loads(read_inside(kit_dir / MANIFEST_NAME, kit_dir, "the kit folder",
                                        1024 * 1024))
    except (OSError, RefusedFile, ValueError):
        return "", ""
    if not isinstance(record, dict):
        return "", ""
    return str(record.get("kit_id") or ""), str(record.get("candidate") or "")


@dataclass
class _KitsBeside:
    """The kits in the folders beside a kit (kit id -> folder) and the kit's candidate, read
    once for all the cards of another kit that one reading finds."""

    kit_dir: Path | None
    _read: tuple[dict[str, Path], str] | None = None

    def get(self) -> tuple[dict[str, Path], str]:
        if self._read is None:
            homes: dict[str, Path] = {}
            mine = ""
            if self.kit_dir is not None:
                mine = _kit_identity(self.kit_dir)[1]
                if self.kit_dir.parent.is_dir():
                    beside = sorted(p for p in self.kit_dir.parent.iterdir() if p.is_dir())
                    for folder in beside[:1000]:
                        homes.setdefault(_kit_identity(folder)[0], folder)
            self._read = homes, mine
        return self._read


def _foreign_card(card: Scorecard, kit_id: str, kits: _KitsBeside,
                  stages: KitStages | None) -> str:
    """What a card of another kit is: whose card, this kit's candidate, and the folder it
    belongs in when that kit is beside this one."""
    homes, mine = kits.get()
    stage = (f", stage {card.stage}" if stages is not None and card.stage not in stages
             else "")
    text = (f"this card belongs to kit {card.kit_id}, not {kit_id}: it is "
            f"{card.candidate or 'a blank kit'}'s{stage}"
            + (f"; this kit is {mine}'s" if mine else ""))
    if card.kit_id and (home := homes.get(card.kit_id)) is not None:
        from interviewkit.kit.scorecard import SCORES_DIR

        text += f"; move it to {display_path(home / SCORES_DIR)}/"
    return text


def read_scorecards(paths: Iterable[Path], bank: Bank, *, kit_id: str | None = None,
                    stages: KitStages | None = None, partial: bool = False,
                    kit_dir: Path | None = None) -> ReadResult:
    """Read and check cards. With `kit_id`, a card of another kit is an error (said with
    the kit's candidate and, among the kits beside it, the card's own kit when `kit_dir`,
    the kit's folder, is given); with `stages`
    (the kit's, as `debrief.expected_competencies` gives them), so is a card of another
    stage or one that does not rate exactly its stage's competencies. Two cards for the
    same stage from the same interviewer are an error. Without `partial` any problem raises
    InterviewkitError listing them all; with it, incomplete cards are set aside."""
    scale = [point.value for point in bank.rating_scale]
    result = ReadResult()
    seen: dict[tuple[str, str, str], str] = {}
    kits_beside = _KitsBeside(kit_dir)
    for path in paths:
        card, problems = read_scorecard(Path(path), scale, stages)
        if card is not None and kit_id is not None and card.kit_id != kit_id:
            problems.insert(0, _problem(Path(path), "kit_id",
                                        _foreign_card(card, kit_id, kits_beside, stages)))
        if card is not None and card.interviewer:
            key = (card.kit_id, card.stage, card.interviewer.casefold())
            if key in seen:
                problems.append(_problem(Path(path), contract.INTERVIEWER, f"a second card from "
                                         f"{card.interviewer} for stage {card.stage} (the "
                                         f"first is {seen[key]})"))
            else:
                seen[key] = card.source
        result.problems += problems
        if card is not None and not problems:
            result.cards.append(card)
        elif problems:
            result.incomplete.append(display_path(Path(path)))
            if card is not None:
                result.set_aside.append(card)
    if result.problems and not partial:
        raise InterviewkitError(result.problems)
    return result
