"""Content checks beyond validity: rubric anchors and questions a careful reviewer would
send back. Pure: a bank in, warnings out."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass

from interviewkit.errors import Problem
from interviewkit.models import PLACEHOLDER, Bank, Question

MIN_ANCHOR_WORDS = 10
MIN_LOOK_FOR = 3
MIN_FOLLOW_UPS = 2
MIN_RED_FLAGS = 2
FAMILY_MINUTES = 5  # the most a family's questions may differ in length
NEAR_DUPLICATE = 0.85  # difflib ratio above which two texts count as the same

# Words that judge instead of describing what the candidate does.
VAGUE = re.compile(
    r"\b(good|great|excellent|poor|weak|solid|decent|adequate|ok|okay|nice|"
    r"strong (answer|understanding|candidate)|impressive)\b", re.IGNORECASE)


# An anchor above the middle that builds on the one below with a list ("Covers everything in
# 3, plus ..."): it leaves a partial match unrated and rewards what can be memorised.
BUILDS_ON_BELOW = re.compile(r"^\W*(covers |does |shows )?(everything|all) (in|of|from) [1-4]\b",
                             re.IGNORECASE)


# An anchor above the middle says where a partial match lands ("if only one shows, stay at 2").
PARTIAL_MATCH = re.compile(r"\b(rate|rated|stay at|stays at|at most an?) [1-3]\b", re.IGNORECASE)
# A behavioural prompt offers the closest experience to candidates who have not had that one.
CLOSEST_CASE = re.compile(r"\b(if you have not|if you haven't|if nothing|closest)\b", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class LintWarning:
    where: str  # "file:line" of the question
    question: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.question}.{self.field}: {self.message}"


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _similar(a: str, b: str) -> bool:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() > NEAR_DUPLICATE and matcher.ratio() > NEAR_DUPLICATE


def _question_warnings(bank: Bank, q: Question) -> list[LintWarning]:
    where = bank.origins.get(q.id, "")
    found: list[LintWarning] = []

    def warn(field: str, message: str) -> None:
        found.append(LintWarning(where, q.id, field, message))

    rubrics = [("rubric", q.rubric), *((f"level_rubrics.{level}", anchors)
                                       for level, anchors in q.level_rubrics.items())]
    for name, rubric in rubrics:
        for value, anchor in sorted(rubric.items()):
            words = len(anchor.split())
            if words < MIN_ANCHOR_WORDS:
                warn(f"{name}.{value}", f"anchor has {words} words; describe what the "
                     f"candidate does in at least {MIN_ANCHOR_WORDS}")
            if match := VAGUE.search(anchor):
                warn(f"{name}.{value}", f"'{match.group(0)}' judges instead of describing "
                     "behaviour; say what the candidate says or does")
            if value > 2 and BUILDS_ON_BELOW.search(anchor):
                warn(f"{name}.{value}", "builds on the anchor below with more to tick off; "
                     "say what the candidate shows beyond it, and what a partial match is "
                     "rated")
            elif value > 2 and not PARTIAL_MATCH.search(anchor):
                warn(f"{name}.{value}", f"does not say what a partial match is rated (such "
                     f"as 'if only one of these shows, rate {value - 1}')")
    middle = len(bank.rating_scale) // 2 + 1  # the lowest "yes": enough at the role's level
    if q.scored:
        lowest, *higher = bank.levels_of(q)
        for level in higher:
            if middle not in q.level_rubrics.get(level, {}):
                warn("level_rubrics", f"asked at {lowest} and {level} with one "
                     f"rubric: say in level_rubrics.{level}.{middle} what is enough at "
                     f"{level}")
    if q.scored and q.kind == "motivational":
        warn("scored", "rates motivation on the hiring scale; make it unscored (scored: "
             "false): what draws someone to a role is for notes, not for the decision")
    if q.kind == "behavioral" and not CLOSEST_CASE.search(q.prompt):
        warn("prompt", "asks about a past situation with no way out for a candidate who has "
             "not had it: offer the closest experience ('If you have not ..., tell me about "
             "the closest ...')")
    anchors = sorted(q.rubric.items())
    for index, (value, anchor) in enumerate(anchors):
        for other_value, other in anchors[index + 1:]:
            if _similar(_fold(anchor), _fold(other)):
                warn(f"rubric.{other_value}", f"repeats the anchor for {value}; make each "
                     "rating tell apart from its neighbours")
    for field, minimum in (("look_for", MIN_LOOK_FOR), ("follow_ups", MIN_FOLLOW_UPS),
                           ("red_flags", MIN_RED_FLAGS)):
        count = len(getattr(q, field))
        if count < minimum:
            warn(field, f"{count} given; give at least {minimum}")
    return found


def _family_warnings(bank: Bank) -> list[LintWarning]:
    """A family's members stand for one another: the same competency and kind, and about
    the same length (within FAMILY_MINUTES of each other)."""
    families: dict[str, list[Question]] = {}
    for q in bank.questions:
        if q.family:
            families.setdefault(q.family, []).append(q)
    found = []
    for family, members in families.items():
        first = members[0]
        for q in members[1:]:
            where = bank.origins.get(q.id, "")
            for field in ("competency", "kind", "scored"):
                if getattr(q, field) != getattr(first, field):
                    found.append(LintWarning(where, q.id, "family", f"family '{family}' mixes "
                                             f"{field} {getattr(q, field)} here with "
                                             f"{getattr(first, field)} in {first.id}"))
        minutes = sorted(q.minutes for q in members)
        if minutes[-1] - minutes[0] > FAMILY_MINUTES:
            longest = max(members, key=lambda q: q.minutes)
            found.append(LintWarning(bank.origins.get(longest.id, ""), longest.id, "family",
                                     f"family '{family}' runs from {minutes[0]} to "
                                     f"{minutes[-1]} minutes: its questions are not "
                                     "interchangeable in one slot"))
    return found


def placeholders(bank: Bank, role_id: str | None = None) -> list[Problem]:
    """Text `roles new` left for a person to write (of one role, or of all), where it is."""
    found = []
    for key, where in bank.placeholders.items():
        role, field = key.split(" ", 1)
        if role_id is None or role == role_id:
            file, line, column = where.rsplit(":", 2)
            found.append(Problem(file, int(line), int(column), f"{role}.{field}",
                                 f"placeholder text ({PLACEHOLDER} or the instructions "
                                 "after it) that candidates would read: write the role's "
                                 "own words"))
    return found


def lint_bank(bank: Bank, only: Collection[str] | None = None) -> list[LintWarning]:
    """Every content warning for the bank, in file order; with `only`, those about these
    question ids alone, as the whole bank's lint says them (what `questions import` shows,
    without comparing every other pair of prompts)."""

    def wanted(qid: str) -> bool:
        return only is None or qid in only

    found = [w for q in bank.questions if wanted(q.id) for w in _question_warnings(bank, q)]
    found += [w for w in _family_warnings(bank) if wanted(w.question)]
    for problem in placeholders(bank) if only is None else ():
        role, field = problem.field.split(".", 1)
        found.append(LintWarning(f"{problem.file}:{problem.line}", role, field,
                                 problem.message))
    prompts = [(q, _fold(q.prompt)) for q in bank.questions]
    for index, (q, prompt) in enumerate(prompts):
        for other, other_prompt in prompts[index + 1:]:
            if wanted(other.id) and _similar(prompt, other_prompt):
                found.append(LintWarning(bank.origins.get(other.id, ""), other.id, "prompt",
                                     f"nearly the same as the prompt of {q.id}"))
    # files in the order the bank loads them, each from its first line to its last
    files: dict[str, int] = {}
    for where in bank.origins.values():
        files.setdefault(where.split(":", 1)[0], len(files))

    def place(warning: LintWarning) -> tuple[int, str, int]:
        file, _, line = warning.where.partition(":")
        number = line.split(":", 1)[0]
        return (files.get(file, len(files)), file, int(number) if number.isdigit() else 0)

    return sorted(found, key=place)
