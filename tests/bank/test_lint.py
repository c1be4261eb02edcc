"""`interviewkit bank lint`: weak content is flagged with where it is and why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..conftest import question, write_bank

GOOD_RUBRIC = {
    1: "Names no step at all and cannot say what they would check first when asked.",
    2: "Names a first step but gives no way to tell whether that step actually worked.",
    3: "Names a first step, the measurement that shows it worked, and one trade-off of it; "
       "with two of these, rate 2.",
    4: "Also names the signal that would make them change course and what they would do; "
       "without the signal, rate 3.",
}


def warnings(invoke: Any, team: Path) -> list[str]:
    """What `bank lint` says of a team's questions (it exits 1 when it says anything)."""
    result = invoke("bank", "lint", "--bank", str(team))
    assert result.exit_code == 1, result.stdout
    return [line.split(": ", 1)[1] for line in result.stdout.splitlines()
            if "team/questions/q.yaml" in line]


def test_shipped_bank_is_clean(invoke: Any) -> None:
    result = invoke("bank", "lint")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("clean: ")


def test_weak_content_is_flagged(invoke: Any, tmp_path: Path) -> None:
    weak = question(
        "design-weak", rubric={**GOOD_RUBRIC, 1: "Weak answer.", 2: "Gives a good answer with "
                               "some detail about the design but nothing more than that here.",
                               4: GOOD_RUBRIC[3]},
        follow_ups=["Only one?"], look_for=["One", "Two"], red_flags=["Only one"],
        prompt="How would you design a cache for our product page?")
    twin = question("design-twin", rubric=GOOD_RUBRIC,
                    prompt="How would you design a cache for our product pages?")
    team = write_bank(tmp_path / "team", [weak, twin])
    lines = warnings(invoke, team)
    assert lines == [
        "design-weak.rubric.1: anchor has 2 words; describe what the candidate does in at "
        "least 10",
        "design-weak.rubric.1: 'Weak' judges instead of describing behaviour; say what the "
        "candidate says or does",
        "design-weak.rubric.2: 'good' judges instead of describing behaviour; say what the "
        "candidate says or does",
        "design-weak.rubric.4: repeats the anchor for 3; make each rating tell apart from its "
        "neighbours",
        "design-weak.look_for: 2 given; give at least 3",
        "design-weak.follow_ups: 1 given; give at least 2",
        "design-weak.red_flags: 1 given; give at least 2",
        "design-twin.prompt: nearly the same as the prompt of design-weak",
    ]
    assert invoke("bank", "lint", "--bank", str(team)).stderr == "8 warnings\n"


def test_an_anchor_a_memorised_answer_could_meet_is_flagged(invoke: Any,
                                                           tmp_path: Path) -> None:
    checklist = question("design-checklist", rubric={
        **GOOD_RUBRIC,
        3: "Without prompting covers cursor pagination, rate limits, a cache for hot reads, "
           "structured logs, metrics and traces.",
        4: "Covers everything in 3, plus load estimates and a stated trigger for splitting."})
    reasoning = question("design-reasoning", prompt="Tell me how you would page a long list.",
                         rubric={**GOOD_RUBRIC,
                                 3: "When the follow-up makes rows change during paging, "
                                    "adapts the design and says what it costs against the "
                                    "first one; one of the two alone stays at 2.",
                                 4: "Finds on their own what breaks under the changed "
                                    "constraint, and weighs two fixes by what the team can "
                                    "run; rate 3 if they need the probe to find it."})
    team = write_bank(tmp_path / "team", [checklist, reasoning])
    lines = warnings(invoke, team)
    assert lines == [
        "design-checklist.rubric.3: does not say what a partial match is rated (such as 'if "
        "only one of these shows, rate 2')",
        "design-checklist.rubric.4: builds on the anchor below with more to tick off; say "
        "what the candidate shows beyond it, and what a partial match is rated",
    ]


def test_a_behavioural_prompt_offers_the_closest_experience(invoke: Any, tmp_path: Path) -> None:
    story = question("culture-story", "culture", kind="behavioral", rubric=GOOD_RUBRIC,
                     prompt="Tell me about a time you disagreed with your manager.")
    fallback = question("culture-fallback", "culture", kind="behavioral", rubric=GOOD_RUBRIC,
                        prompt="Tell me about a time you changed a team's process. If you have "
                               "not, tell me about the closest you have come.")
    team = write_bank(tmp_path / "team", [story, fallback])
    lines = warnings(invoke, team)
    assert lines == ["culture-story.prompt: asks about a past situation with no way out for a "
                     "candidate who has not had it: offer the closest experience ('If you have "
                     "not ..., tell me about the closest ...')"]
