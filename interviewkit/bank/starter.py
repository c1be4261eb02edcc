"""The commented starter file `roles new` writes: valid as written, meant to be edited."""

from __future__ import annotations

from interviewkit.errors import InterviewkitError
from interviewkit.models import PLACEHOLDER, Bank, Role


def starter_role(bank: Bank, role_id: str, parent: Role | None, level: str | None) -> str:
    """A role file that loads as it is: extending `parent`, or one stage per competency."""
    if level is not None and level not in bank.level_ids:
        raise InterviewkitError([f"unknown level '{level}'; valid: {', '.join(bank.level_ids)}"])
    title = role_id.replace("-", " ").title()
    if parent is not None:
        lines = [
            f"# {title}: starts from the {parent.id} loop. Everything not written here is",
            f"# inherited from it; a stage listed here with the id of one of {parent.id}'s",
            "# stages changes only the fields it gives. Competency counts merge, and a count",
            "# of 0 drops that competency from the stage.",
            f"id: {role_id}",
            f"extends: {parent.id}",
            f"title: {title}",
        ]
        if level:
            lines.append(f"level: {level}")
        lines += [
            "# summary: >-",
            f"#   {PLACEHOLDER} what candidates read about the role in their packet.",
            "# stages:",
            f"#   - id: {parent.stages[0].id}",
            "#     minutes: 75",
            "#     candidate_minutes: 10",
            "#   - id: a-new-stage",
            "#     name: A new stage",
            "#     minutes: 45",
            "#     competencies: {design: 1}",
            "#     description: >-",
            f"#       {PLACEHOLDER} what the candidate should expect from this interview.",
        ]
        return "\n".join(lines) + "\n"
    level = level or ("senior" if "senior" in bank.level_ids else bank.level_ids[-1])
    lines = [
        f"# {title}: an interview loop. Every stage draws its questions from the bank at the",
        "# role's level; `interviewkit roles check` tells whether each stage can be filled and",
        "# how many candidates can get fully different questions.",
        f"id: {role_id}",
        f"title: {title}",
        f"level: {level}                # one of: {', '.join(bank.level_ids)}",
        f"# Text marked {PLACEHOLDER} is for you to write: candidates read it, so `bank lint`",
        "# lists it and `kit build` refuses a candidate's kit while any is left.",
        "summary: >-",
        f"  {PLACEHOLDER} describe the role for candidates: what they would build and own.",
        "  Shown in the candidate packet.",
        "stages:",
    ]
    for competency in bank.competencies:
        at_level = [q for q in bank.questions_of(competency.id) if level in q.levels]
        if not at_level:
            continue  # nothing to ask at this level: a stage would not load
        exercise = all(q.kind == "exercise" for q in at_level)
        family = next((q.family for q in at_level if q.family), None)
        minutes = max(45, min(120, 10 + max(q.minutes for q in at_level)))
        lines += [
            f"  - id: {competency.id}",
            f"    name: {competency.name}",
            f"    minutes: {minutes}",
            "    candidate_minutes: 10      # kept for the candidate's own questions",
        ]
        if exercise:
            lines.append("    kind: exercise             # a work sample, with its handout")
        if family:
            lines += ["    # one question of each family listed: every candidate answers the same",
                      "    # families, so their ratings compare (`roles check` says so)",
                      f"    families: [{family}]"]
        else:
            lines += ["    competencies:",
                      f"      {competency.id}: 1             # how many questions to draw"]
        lines += [
            "    # pinned: [question-id]    # always asked",
            "    # exclude: [question-id]   # never asked",
            "    # exclude_tags: [tag]      # never asks questions with these tags",
            "    # kinds: [technical]       # only these kinds",
            "    description: >-",
            f"      {PLACEHOLDER} a conversation about {competency.name.lower()}. Candidates read",
            "      this.",
        ]
    return "\n".join(lines) + "\n"
