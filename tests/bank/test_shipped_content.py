"""What the shipped bank says, beyond what `bank lint` checks of any bank (issue 13): no
probe or red flag invites or penalises what the law protects, and its facts are current.
The rubric rules (no anchor building on the one below with a list, every 3 and 4 placing a
partial match, behavioural prompts with a closest-experience way out) are lint rules, held
for the shipped bank by test_shipped_bank_lints_clean."""

from __future__ import annotations

import re
from typing import Any

from ..conftest import shipped_questions

# Words of a probe or red flag that would ask about, or count against, a protected matter
# (or a proxy for one, such as a recent graduate for age).
PROTECTED = re.compile(r"leave a startup|burn(ed|t) out|training programme|dedicated mentor|"
                       r"\bage\b|pregnan|religio|visa|nationality|recent graduate|children|"
                       r"family|illness|medical|disabilit", re.IGNORECASE)


def test_no_probe_or_red_flag_touches_protected_matters() -> None:
    for q in shipped_questions():
        for field in ("follow_ups", "red_flags"):
            for text in q[field]:
                assert not PROTECTED.search(text), (q["id"], field, text)


def test_the_upgrade_question_targets_a_version_with_bug_fixes() -> None:
    # 3.12 has had security fixes only since April 2025; 3.14 gets bug fixes until 2027.
    upgrade = next(q for q in shipped_questions() if q["id"] == "ops-python-version-upgrade")
    assert "3.14" in upgrade["prompt"] and "3.12" not in upgrade["prompt"]


# The loops (issue 13, points 3, 4, 6 and 7), read from the loaded bank.
def _bank() -> Any:
    from interviewkit.bank.load import load_bank

    return load_bank()


def test_every_role_starts_with_a_thirty_minute_screen() -> None:
    for role in _bank().roles:
        screen = role.stages[0]
        assert (screen.id, screen.minutes) == ("screen", 30), role.id


def test_the_senior_and_staff_loops_have_a_python_work_sample_with_its_handout() -> None:
    bank = _bank()
    for role_id in ("senior-python-engineer", "staff-engineer"):
        role = bank.role(role_id)
        exercises = [s for s in role.stages if s.kind == "exercise"]
        assert len(exercises) == 1, role_id
        for family in exercises[0].families:
            for q in exercises[0].family_pool(bank.questions, family, role.level):
                assert q.kind == "exercise" and q.timing and bank.handouts[q.id].strip()
    kinds = {q.handout.rsplit(".", 1)[-1] for q in bank.questions if q.kind == "exercise"}
    assert {"diff", "py"} <= kinds  # a code review of a diff, and debugging code


def test_the_manager_loop_is_built_around_people_management() -> None:
    bank = _bank()
    role = bank.role("engineering-manager")
    people = [q for q in bank.questions if q.competency == "people"]
    assert len(people) >= 6
    asked = {q.competency for stage in role.stages for family in stage.families
             for q in stage.family_pool(bank.questions, family, role.level)}
    assert "people" in asked
    assert sum(any(f.startswith("people-") for f in s.families) for s in role.stages) >= 2


def test_the_staff_loop_asks_fewer_deeper_staff_only_problems() -> None:
    bank = _bank()
    role = bank.role("staff-engineer")
    architecture = role.stage("architecture")
    members = [q for family in architecture.families
               for q in architecture.family_pool(bank.questions, family, role.level)]
    assert len(architecture.families) == 2
    assert all(q.levels == ("staff",) and q.minutes >= 30 for q in members)


def test_motivation_is_never_rated() -> None:
    for q in _bank().questions:
        if q.kind == "motivational":
            assert not q.scored and not q.rubric, q.id


def test_long_written_scenarios_come_with_a_handout() -> None:
    bank = _bank()
    for q in bank.questions:
        numbers = len(re.findall(r"\d[\d,.]*", q.prompt))
        if len(q.prompt.split()) >= 60 and numbers >= 3:
            assert q.id in bank.handouts, q.id
