"""What the shipped bank says, beyond what `bank lint` checks of any bank (issue 13): no
probe or red flag invites or penalises what the law protects, and its facts are current.
The rubric rules (no anchor building on the one below with a list, every 3 and 4 placing a
partial match, behavioural prompts with a closest-experience way out) are lint rules, held
for the shipped bank by test_shipped_bank_lints_clean."""

from __future__ import annotations

import re

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
