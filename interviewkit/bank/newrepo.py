"""A team's bank repository, ready to commit: the files `interviewkit init` writes. Pure:
texts in, texts out; what it writes validates, lints clean but for the role's marked
placeholders, and builds a blank kit as written (tests/cli/test_init.py)."""

from __future__ import annotations

import json

from interviewkit.bank.schema import bank_file_schema

COMPETENCY = "product-sense"

BANK_YAML = """\
# The team's own settings. They extend the shipped bank: its competencies, levels and rating
# scale stay, and what is listed here is added (`replaces: true` on an entry replaces the
# shipped one of the same id).
competencies:
  - id: product-sense
    name: Product sense
    description: >-
      How you connect engineering work to what users need: choosing what to build first,
      finding out whether it helped, and saying no to work that would not.
"""

QUESTION_YAML = """\
# The team's questions. Copy this one to write your own: `interviewkit bank lint` says what a
# careful reviewer would send back (anchors that judge instead of describing, a 3 or 4 that
# does not say where a partial match lands, too few probes).
questions:
  - id: product-sense-feature-that-missed
    competency: product-sense
    kind: behavioral
    levels: [senior]
    minutes: 15
    tags: [product, measurement]
    prompt: >-
      Tell me about a feature you built that did not do what its users or the team hoped.
      How did you find out, what did you do next, and what would you decide differently? If
      nothing you built has missed, tell me about the closest case: a feature whose effect
      nobody could tell.
    why: >-
      Shows whether the candidate treats shipping as the start of finding out, and whether
      they can tell what users did from what the team hoped they would do.
    look_for:
      - Names how they learned it missed (a measure, a conversation, support tickets) and when.
      - Separates what they decided from what happened to them.
      - Says what they changed next, and what that cost.
    follow_ups:
      - What did you expect the number or the behaviour to be before launch, and why?
      - If you had had half the time, what would you have cut first?
      - Who disagreed with the next step, and what did you do about it?
    red_flags:
      - Blames users or another team and stops there.
      - Cannot say how they would have known that it worked.
    rubric:
      1: Describes the feature but not how it was received, and cannot say what they would change.
      2: >-
        Says it missed and names a cause, but the account stays general and the next step is
        someone else's.
      3: >-
        Gives the signal that showed the miss, the decision they took next and why, and holds it
        up when a follow-up changes the constraint; with only one of these under the probes, rate 2.
      4: >-
        Compares what they expected with what happened, finds the assumption that broke, and
        shows how their way of deciding changed since; without the changed practice, stay at 3.
    sample_answer: >-
      A strong answer names a concrete miss (an onboarding step that lowered completion, say),
      the measure that showed it within days, the choice to roll back or change it with the
      reason, what was cut to make room, and a practice they kept afterwards, such as writing
      the expected effect down before building.
"""

TOML = """\
# Team defaults for every interviewkit command run in this directory; options on the
# command line win. See `interviewkit --help`.
banks = ["."]
company = "{company}"
"""

PRE_COMMIT = """\
# Checks the bank before each commit (https://pre-commit.com): `pre-commit install` once.
repos:
  - repo: local
    hooks:
      - id: interviewkit-validate
        name: interviewkit bank validate
        entry: interviewkit bank validate
        language: system
        files: \\.(ya?ml|txt|py|diff)$
        pass_filenames: false
      - id: interviewkit-lint
        name: interviewkit bank lint
        entry: interviewkit bank lint
        language: system
        files: \\.(ya?ml)$
        pass_filenames: false
"""

WORKFLOW = """\
# Checks the bank on every push and pull request. `bank lint` fails while a role still holds
# text marked REPLACE ME: write it, and the check passes.
name: bank
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install interviewkit
      - run: interviewkit bank validate
      - run: interviewkit bank lint
"""

README = """\
# {company}'s interview bank

Our questions, rubrics and interview loops, kept with interviewkit on top of the bank it
ships. Every command below runs in this directory (interviewkit.toml names it as our bank).

    interviewkit bank validate        # every file well formed, every reference known
    interviewkit bank lint            # what a careful reviewer would send back
    interviewkit roles check {role}   # can every stage be filled, and do candidates compare
    interviewkit kit blank --role {role} --out out/blank
    interviewkit kit build --role {role} --candidate "Ada Lovelace"

Questions kept in a spreadsheet come in and go out with the same columns:

    interviewkit questions import questions.xlsx   # checked, then questions/questions.yaml
    interviewkit questions export --out all.xlsx   # every question, ours and the shipped ones

For the wiki, `kit build ... --format md` writes the guides and the candidate packet as
Markdown.

- `bank.yaml`: our competencies, beside the shipped ones.
- `questions/`: our questions (start from `questions/product-sense.yaml`).
- `roles/{role}.yaml`: our loop. Text marked REPLACE ME is read by candidates: write it
  before a candidate's kit is built (`kit build` refuses until then).
- `.schemas/` and `.vscode/settings.json`: the files' JSON Schemas, so an editor checks them
  as you type.
- `.pre-commit-config.yaml` and `.github/workflows/bank.yml`: the same checks before a commit
  and on every push.
"""


def repo_files(role_text: str, role_id: str, company: str) -> dict[str, str]:
    """Every file of a new team bank repository, by its path in the repository, given the
    starter role `roles new` writes for the bank these files make."""
    settings = {"yaml.schemas": {
        "./.schemas/bank.schema.json": ["bank.yaml"],
        "./.schemas/questions.schema.json": ["questions/*.yaml"],
        "./.schemas/role.schema.json": ["roles/*.yaml"]}}
    files = {
        "bank.yaml": BANK_YAML,
        f"questions/{COMPETENCY}.yaml": QUESTION_YAML,
        f"roles/{role_id}.yaml": role_text,
        "interviewkit.toml": TOML.format(company=json.dumps(company)[1:-1]),
        ".vscode/settings.json": json.dumps(settings, indent=2) + "\n",
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/bank.yml": WORKFLOW,
        "README.md": README.format(company=company, role=role_id),
    }
    for which in ("bank", "questions", "role"):
        files[f".schemas/{which}.schema.json"] = json.dumps(bank_file_schema(which),
                                                            indent=2) + "\n"
    return files
