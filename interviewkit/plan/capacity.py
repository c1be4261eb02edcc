"""How far a role's loop can rotate: pure figures over a loaded bank, no files."""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

from interviewkit.models import Bank, Question, Role, Stage

THIN_BELOW = 3  # fewer fully question-disjoint kits than this marks a competency as thin


@dataclass(frozen=True)
class Slot:
    """One stage's draw of one kind for one competency, and the questions that can meet it."""

    stage: str
    competency: str
    kind: str
    count: int  # drawn, pinned ones not included
    pool: tuple[str, ...]
    family: str | None = None  # a family the stage asks (one of its members), or a free draw


@dataclass(frozen=True)
class CompetencyCapacity:
    competency: str
    per_kit: int  # questions drawn per kit across the loop
    pool: int  # distinct questions any of its slots may draw
    disjoint_kits: int


@dataclass(frozen=True)
class RoleCapacity:
    role: str
    slots: tuple[Slot, ...]
    competencies: tuple[CompetencyCapacity, ...]
    disjoint_kits: int  # candidates who can get kits sharing no drawn question
    distinct_kits: int  # different question sets the draw can produce (minutes aside)
    distinct_exact: bool  # False: an upper bound (the stages' pools differ)
    thin: tuple[str, ...]  # human-readable warnings


@dataclass(frozen=True)
class StageComparability:
    """Whether every candidate of a role answers the same things in a stage: its pinned
    questions and one member of each family it asks. A draw by competency is free: two
    candidates may get questions of different difficulty and length in one slot."""

    stage: str
    families: tuple[str, ...]
    pinned: int
    free: dict[str, int]  # competency: questions drawn freely from its pool

    @property
    def comparable(self) -> bool:
        return not any(self.free.values())


def stage_pool(bank: Bank, role: Role, stage: Stage, competency: str) -> tuple[Question, ...]:
    """The questions a stage may draw for a competency (any kind the stage allows)."""
    from interviewkit.plan.selection import _eligible

    return tuple(_eligible(bank, role, stage, competency))


def draw_pool(bank: Bank, role: Role, stage_id: str, competency: str) -> tuple[str, ...]:
    """What a stage can draw for a competency once every candidate gets the same kinds of
    question (the role's kind profile): the pool `roles show` and `roles check` both count."""
    return tuple(sorted({qid for slot in slots(bank, role) if slot.stage == stage_id
                         and slot.competency == competency for qid in slot.pool}))


def slots(bank: Bank, role: Role) -> tuple[Slot, ...]:
    """Every draw of the role's loop, split by the kind profile every candidate gets."""
    from interviewkit.plan.selection import kind_profile

    profile = kind_profile(bank, role)
    found = []
    for stage in role.stages:
        for competency in stage.competencies:
            pool = stage_pool(bank, role, stage, competency)
            for kind, count in profile[(stage.id, competency)].items():
                found.append(Slot(stage.id, competency, kind, count,
                                  tuple(q.id for q in pool if q.kind == kind)))
        for family in stage.families:
            members = stage.family_pool(bank.questions, family, role.level)
            if members:
                found.append(Slot(stage.id, members[0].competency, members[0].kind, 1,
                                  tuple(q.id for q in members), family))
    return tuple(found)


def comparability(bank: Bank, role: Role) -> tuple[StageComparability, ...]:
    """Stage by stage, what every candidate of the role answers alike and what is drawn
    freely (all at the role's level: a kit shows the anchors of that level)."""
    from interviewkit.plan.selection import kind_profile

    profile = kind_profile(bank, role)
    return tuple(StageComparability(
        stage=stage.id, families=stage.families, pinned=len(stage.pinned),
        free={c: sum(profile[(stage.id, c)].values()) for c in stage.competencies})
        for stage in role.stages)


def _disjoint_feasible(group: list[Slot], kits: int) -> bool:
    """Can `kits` kits each fill every slot with questions no other kit or slot uses?

    A bipartite matching: every slot needs kits x count distinct questions from its pool."""
    owner: dict[str, int] = {}  # question -> index of the slot copy that holds it
    copies = [slot for slot in group for _ in range(kits * slot.count)]

    def assign(index: int, seen: set[str]) -> bool:
        for qid in copies[index].pool:
            if qid in seen:
                continue
            seen.add(qid)
            if qid not in owner or assign(owner[qid], seen):
                owner[qid] = index
                return True
        return False

    return all(assign(index, set()) for index in range(len(copies)))


def _disjoint_kits(group: list[Slot]) -> int:
    per_kit = sum(slot.count for slot in group)
    if per_kit == 0:
        return 10**6  # nothing drawn: unbounded; reported as "no limit"
    pool = len({qid for slot in group for qid in slot.pool})
    high = pool // per_kit
    low = 0
    while low < high:  # the largest feasible number, by bisection
        middle = (low + high + 1) // 2
        if _disjoint_feasible(group, middle):
            low = middle
        else:
            high = middle - 1
    return low


def role_capacity(bank: Bank, role: Role) -> RoleCapacity:
    all_slots = slots(bank, role)
    distinct = 1
    exact = True
    kind_kits: dict[str, list[int]] = {}
    def key(slot: Slot) -> tuple[str, str]:
        return slot.competency, slot.family or slot.kind

    for group_key in dict.fromkeys(map(key, all_slots)):
        group = [slot for slot in all_slots if key(slot) == group_key]
        kind_kits.setdefault(group_key[0], []).append(_disjoint_kits(group))
        if len({slot.pool for slot in group}) == 1:  # one shared pool: choices stage by stage
            left = len(group[0].pool)
            for slot in group:
                distinct *= comb(left, slot.count)
                left -= slot.count
        else:
            exact = False
            for slot in group:
                distinct *= comb(len(slot.pool), slot.count)
    competencies = [
        CompetencyCapacity(
            competency=competency,
            per_kit=sum(s.count for s in all_slots if s.competency == competency),
            pool=len({qid for s in all_slots if s.competency == competency for qid in s.pool}),
            disjoint_kits=min(kits))
        for competency, kits in kind_kits.items()]
    # A competency asked only by families rotates by design within them: comparability
    # comes first, and a family's own size is what there is to warn of (below).
    drawn_freely = {slot.competency for slot in all_slots if slot.family is None}
    thin = [f"{c.competency}: {c.pool} question{'s' * (c.pool != 1)} for {c.per_kit} a kit, "
            f"so {c.disjoint_kits} fully different kit{'s' * (c.disjoint_kits != 1)}"
            for c in competencies if c.disjoint_kits < THIN_BELOW
            and c.competency in drawn_freely]
    thin += [f"stage {s.stage}: every {s.kind} {s.competency} question it may draw is asked "
             "every time" for s in all_slots if s.count and len(s.pool) == s.count
             and s.family is None]
    thin += [f"stage {s.stage}: family {s.family} has one question at level {role.level}, "
             "asked every time" for s in all_slots if s.family and len(s.pool) == 1]
    return RoleCapacity(
        role=role.id, slots=all_slots, competencies=tuple(competencies),
        disjoint_kits=min((c.disjoint_kits for c in competencies), default=0),
        distinct_kits=distinct, distinct_exact=exact, thin=tuple(thin))
