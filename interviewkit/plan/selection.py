"""Pure functions over a loaded bank: which questions match, and what the bank covers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewkit.errors import InterviewkitError, suggest
from interviewkit.models import (
    KINDS,
    Bank,
    KitPlan,
    PlannedQuestion,
    Question,
    Role,
    Stage,
    StagePlan,
)

if TYPE_CHECKING:
    import random


@dataclass(frozen=True)
class QuestionFilter:
    """What `questions list` asks for. Empty means "any"."""

    competencies: tuple[str, ...] = ()  # any of
    levels: tuple[str, ...] = ()  # any of
    kinds: tuple[str, ...] = ()  # any of
    tags: tuple[str, ...] = ()  # all of
    search: str = ""  # case-insensitive, in the id, prompt or tags
    role: str | None = None  # questions that role's loop may draw from


def unknown_values(what: str, given: Sequence[str], valid: Sequence[str]) -> list[str]:
    """A message for each of `given` that is not valid: unknown role 'x' (did you mean
    'y'?); valid: ..."""
    return [f"unknown {what} '{value}'{suggest(value, valid)}; valid: {', '.join(valid)}"
            for value in given if value not in valid]


def check_filter(bank: Bank, wanted: QuestionFilter) -> None:
    """Raise InterviewkitError naming every value the bank does not know."""
    problems = (unknown_values("competency", wanted.competencies, bank.competency_ids)
                + unknown_values("level", wanted.levels, bank.level_ids)
                + unknown_values("kind", wanted.kinds, KINDS))
    if wanted.role is not None:
        problems += unknown_values("role", [wanted.role], [r.id for r in bank.roles])
    if problems:
        raise InterviewkitError(problems)


def role_pool(bank: Bank, role: Role) -> tuple[Question, ...]:
    """Every question the role's loop may ask: pinned ones, and those a stage may draw in
    the kinds the role's profile draws."""
    profile = kind_profile(bank, role)
    return tuple(q for q in bank.questions
                 if any(q.id in stage.pinned or (
                     stage.may_draw(q, role.level)
                     and q.kind in profile.get((stage.id, q.competency), {}))
                     or (q.family in stage.families and stage.may_ask(q, role.level))
                     for stage in role.stages))


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


def default_seed(role_id: str, candidate: str | None) -> int:
    """A seed from the role and the candidate, so rebuilding a candidate's kit gives the same
    questions and two candidates usually get different ones."""
    import hashlib

    digest = hashlib.sha256(f"{role_id}\0{candidate or ''}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def _eligible(bank: Bank, role: Role, stage: Stage, competency: str,
              excluded: frozenset[str] = frozenset()) -> list[Question]:
    """What a stage may draw for a competency: the role's level, an allowed kind, not
    excluded by the stage or the request, not pinned (pinned ones are placed, not drawn), and
    not of a family the role asks (those stand only for their family)."""
    families = {family for s in role.stages for family in s.families}
    return [q for q in stage.pool(bank.questions_of(competency), competency, role.level)
            if q.id not in excluded and q.family not in families]


Slots = dict[tuple[str, str], list[Question]]  # (stage, competency) -> what it may draw


def slot_pools(bank: Bank, role: Role, excluded: frozenset[str] = frozenset()) -> Slots:
    """What every (stage, competency) of the role may draw, worked out once per plan."""
    return {(stage.id, competency): _eligible(bank, role, stage, competency, excluded)
            for stage in role.stages for competency in stage.competencies}


def kind_profile(bank: Bank, role: Role, excluded: frozenset[str] = frozenset(),
                 extra_pins: Mapping[str, Sequence[str]] | None = None,
                 slots: Slots | None = None) -> dict[tuple[str, str], dict[str, int]]:
    """How many questions of each kind every slot (stage, competency) draws.

    The same for every candidate of the role, which is what keeps their kits comparable. Each
    question a slot draws goes to the kind that keeps the most kits fully different: the kind
    with the most questions left per question already asked of it, across the whole loop.
    """
    slots = slot_pools(bank, role, excluded) if slots is None else slots
    pools: dict[tuple[str, str], set[str]] = {}  # (competency, kind) -> questions
    for (_, competency), questions in slots.items():
        for q in questions:
            pools.setdefault((competency, q.kind), set()).add(q.id)
    demand: dict[tuple[str, str], int] = {}
    profile: dict[tuple[str, str], dict[str, int]] = {}
    for stage in role.stages:
        pinned = [*stage.pinned, *(extra_pins or {}).get(stage.id, ())]
        for competency, count in stage.competencies.items():
            need = count - sum(1 for qid in pinned
                               if (pin := bank.question(qid)) and pin.competency == competency)
            kinds = [k for k in KINDS if (not stage.kinds or k in stage.kinds)
                     and pools.get((competency, k))]
            chosen: dict[str, int] = {}
            for _ in range(max(0, need)):
                # a kind with questions left to give, when there is one
                open_kinds = [k for k in kinds if demand.get((competency, k), 0)
                              < len(pools[(competency, k)])] or kinds
                if not open_kinds:
                    break  # nothing to draw from: _plan_stage reports the shortfall
                best = max(open_kinds, key=lambda k: (
                    len(pools[(competency, k)]) / (demand.get((competency, k), 0) + 1),
                    len(pools[(competency, k)])))
                chosen[best] = chosen.get(best, 0) + 1
                demand[(competency, best)] = demand.get((competency, best), 0) + 1
            profile[(stage.id, competency)] = chosen
    return profile


@dataclass(frozen=True)
class DrawRules:
    """One-off changes to a draw, all recorded in the kit's manifest."""

    pins: tuple[str, ...] = ()  # always asked, in the first stage covering its competency
    excludes: tuple[str, ...] = ()  # never asked
    avoid: frozenset[str] = frozenset()  # asked this candidate before: never again
    usage: Mapping[str, int] | None = None  # earlier kits of the role: least used first


def plan_kit(bank: Bank, role_id: str, candidate: str | None, seed: int | None = None,
             stage_ids: Sequence[str] = (), rules: DrawRules | None = None) -> KitPlan:
    """Choose each stage's questions for `candidate` (None for a blank kit; a name that is
    only white space is refused).

    Pinned questions first; then for every competency of the stage a seeded draw of the
    role's kind profile from the questions at the role's level; never one question twice in
    the loop; never more minutes than the stage has after the time kept for the candidate.
    Counts are met exactly or InterviewkitError says why. Same inputs, same plan.
    """
    import hashlib
    import random

    rules = rules or DrawRules()
    if candidate is not None:
        candidate = candidate.strip()  # as it is printed: " Ada " and "Ada" are one kit
        if not candidate:
            raise InterviewkitError(["--candidate must not be empty"])
    role = bank.role(role_id)
    if role is None:
        raise InterviewkitError(unknown_values("role", [role_id], [r.id for r in bank.roles]))
    unknown = [s for s in stage_ids if s not in {st.id for st in role.stages}]
    if unknown:
        raise InterviewkitError(unknown_values("stage", unknown, [s.id for s in role.stages]))
    extra_pins = _place_pins(bank, role, rules)
    excluded = frozenset(rules.excludes)
    slots = slot_pools(bank, role, excluded)
    profile = kind_profile(bank, role, excluded, extra_pins, slots)
    seed = default_seed(role.id, candidate) if seed is None else seed
    rng = random.Random(seed)
    used: set[str] = {qid for pins in extra_pins.values() for qid in pins}
    used.update(qid for stage in role.stages for qid in stage.pinned)
    stages = []
    for stage in role.stages:
        chosen = _plan_stage(bank, role, stage, rng, used, profile, rules,
                             extra_pins.get(stage.id, ()), slots)
        used.update(p.id for p in chosen)
        if not stage_ids or stage.id in stage_ids:
            stages.append(StagePlan(stage=stage.id, questions=tuple(chosen)))
    fingerprint = json_fingerprint([role.id, candidate, seed, bank.content_hash,
                                    [[s.stage, [q.id for q in s.questions]] for s in stages]])
    return KitPlan(kit_id=hashlib.sha256(fingerprint.encode()).hexdigest()[:12], role=role.id,
                   candidate=candidate, seed=seed, bank_hash=bank.content_hash,
                   stages=tuple(stages), pins=rules.pins, excludes=rules.excludes,
                   avoided=tuple(sorted(rules.avoid)))


def _place_pins(bank: Bank, role: Role, rules: DrawRules) -> dict[str, tuple[str, ...]]:
    """Each --pin goes to the first stage that covers its competency."""
    problems = []
    placed: dict[str, list[str]] = {}
    for qid in rules.pins:
        question = bank.question(qid)
        if question is None:
            problems.append(f"--pin: no question with id '{qid}'"
                            + suggest(qid, [q.id for q in bank.questions]))
            continue
        stage = next((s for s in role.stages if question.family in s.families), None) or next(
            (s for s in role.stages if _covers(bank, role, s, question.competency)), None)
        if stage is None:
            problems.append(f"--pin {qid}: role '{role.id}' has no stage for its competency "
                            f"'{question.competency}'")
        elif role.level not in question.levels:
            problems.append(f"--pin {qid}: not a question for level '{role.level}'")
        elif qid not in stage.pinned:
            placed.setdefault(stage.id, []).append(qid)
    for qid in rules.excludes:
        if bank.question(qid) is None:
            problems.append(f"--exclude: no question with id '{qid}'"
                            + suggest(qid, [q.id for q in bank.questions]))
        elif qid in rules.pins or any(qid in s.pinned for s in role.stages):
            problems.append(f"--exclude {qid}: the question is pinned")
    if problems:
        raise InterviewkitError(problems)
    return {stage: tuple(ids) for stage, ids in placed.items()}


def _covers(bank: Bank, role: Role, stage: Stage, competency: str) -> bool:
    """Whether a stage asks questions of `competency`: by count, or by a family of it."""
    return competency in stage.competencies or any(
        q.competency == competency for family in stage.families
        for q in stage.family_pool(bank.questions, family, role.level))


def json_fingerprint(value: object) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False)


_TRIES = 500


def _plan_stage(bank: Bank, role: Role, stage: Stage, rng: random.Random, used: set[str],
                profile: Mapping[tuple[str, str], Mapping[str, int]], rules: DrawRules,
                extra_pins: Sequence[str], slots: Slots) -> list[PlannedQuestion]:
    pinned = [q for qid in (*stage.pinned, *extra_pins) if (q := bank.question(qid))]
    chosen = [PlannedQuestion(id=q.id, competency=q.competency,
                              reason="pinned" if q.id in stage.pinned else "pinned (--pin)")
              for q in pinned]
    budget = stage.minutes - stage.candidate_minutes - sum(q.minutes for q in pinned)
    pools: list[tuple[str, int, list[Question]]] = []  # what it is drawn for, how many, from
    for competency, count in stage.competencies.items():
        need = count - sum(1 for q in pinned if q.competency == competency)
        planned = sum(profile.get((stage.id, competency), {}).values())
        if planned < need:
            allowed = f" of kind {', '.join(stage.kinds)}" if stage.kinds else ""
            raise InterviewkitError([
                f"stage '{stage.id}' of role '{role.id}' asks for {need} {competency} "
                f"question{'s' * (need != 1)}, but the bank has {planned} at level "
                f"'{role.level}'{allowed} that the stage may draw"])
        eligible = [q for q in slots[(stage.id, competency)]
                    if q.id not in used and q.id not in rules.avoid]
        for kind, need in profile.get((stage.id, competency), {}).items():
            pool = sorted((q for q in eligible if q.kind == kind), key=lambda q: q.id)
            if need > len(pool):
                avoided = f", avoiding {len(rules.avoid)} asked before" if rules.avoid else ""
                raise InterviewkitError([
                    f"stage '{stage.id}' of role '{role.id}' needs {need} more {kind} "
                    f"{competency} question{'s' * (need != 1)} at level '{role.level}', but "
                    f"only {len(pool)} {'is' if len(pool) == 1 else 'are'} left after the "
                    f"earlier stages{avoided}"])
            pools.append((f"{competency} ({kind})", need, pool))
    for family in stage.families:
        if any(q.family == family for q in pinned):
            continue  # the pinned question stands for its family
        members = sorted((q for q in stage.family_pool(bank.questions, family, role.level)
                          if q.id not in used and q.id not in rules.avoid
                          and q.id not in rules.excludes), key=lambda q: q.id)
        if not members:
            avoided = f", avoiding {len(rules.avoid)} asked before" if rules.avoid else ""
            raise InterviewkitError([
                f"stage '{stage.id}' of role '{role.id}' asks family '{family}', but none of "
                f"its questions at level '{role.level}' is left after the earlier stages"
                f"{avoided}"])
        pools.append((f"family {family}", 1, members))
    for attempt in range(_TRIES):
        drawn = [(what, _draw(pool, need, rng, rules.usage, attempt))
                 for what, need, pool in pools]
        if sum(q.minutes for _, qs in drawn for q in qs) <= budget:
            return chosen + [
                PlannedQuestion(id=q.id, competency=q.competency,
                                reason=_reason(what, q, rules.usage))
                for what, qs in drawn for q in qs]
    raise InterviewkitError([
        f"stage '{stage.id}' of role '{role.id}': no draw of its questions fits in "
        f"{stage.minutes} minutes with {stage.candidate_minutes} kept for the candidate"])


def _draw(pool: list[Question], need: int, rng: random.Random,
          usage: Mapping[str, int] | None, attempt: int) -> list[Question]:
    if usage is None:
        return rng.sample(pool, need)
    # Least used first; the window of candidates widens with each try so that a set that
    # fits the minutes is found even when the least used questions are long.
    order = sorted(pool, key=lambda q: (usage.get(q.id, 0), rng.random()))
    window = order[: min(len(order), need + attempt)]
    return rng.sample(window, need)


def _reason(what: str, question: Question, usage: Mapping[str, int] | None) -> str:
    """Why a question is in the kit: "drawn for design (technical)", or "drawn for family
    api-at-scale", what the question stands for in every kit of the role."""
    reason = f"drawn for {what}"
    if usage is not None:
        times = usage.get(question.id, 0)
        reason += f", asked in {times} earlier kit{'s' * (times != 1)} of the role"
    return reason
