"""Text `roles new` left to write, in a role that extends another: what the child inherits is
located where it is written, in the parent's file, and what the child writes, in its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interviewkit.bank.load import load_bank

CHILD = """\
id: data-engineer
extends: platform-engineer
title: Data Engineer
stages:
  - id: design
    description: >-
      Our own words about the design conversation.
  - id: data
    name: Data pipelines
    minutes: 45
    competencies: {design: 1}
    description: >-
      REPLACE ME: what the data interview is like.
"""


def marked_lines(path: Path) -> list[int]:
    """The line of each field (`description: >-`) whose text is marked, as the loader
    locates a field."""
    return [n - 1 for n, line in enumerate(path.read_text().splitlines(), start=1)
            if "REPLACE ME:" in line and not line.lstrip().startswith("#")]


def test_inherited_placeholder_text_is_located_in_the_parent(tmp_path: Path,
                                                             invoke: Any) -> None:
    bank = tmp_path / "our-bank"
    (bank / "roles").mkdir(parents=True)  # a folder made for the bank: --into writes there
    assert invoke("roles", "new", "platform-engineer", "--into", str(bank)).exit_code == 0
    parent = bank / "roles" / "platform-engineer.yaml"
    child = bank / "roles" / "data-engineer.yaml"
    child.write_text(CHILD)
    refused = invoke("kit", "build", "-r", "data-engineer", "--candidate", "Ada", "--bank",
                     str(bank), "--out", str(tmp_path / "ada"), "--format", "html")
    assert refused.exit_code == 2
    located: dict[str, list[int]] = {str(parent): [], str(child): []}
    for line in refused.stderr.splitlines():
        if "placeholder text" in line:
            file, number = line.split(":")[:2]
            located[file].append(int(number))
    # the parent's summary and its stage descriptions (one stage per competency of the bank)
    # but the design stage's, which the child rewrites; the child's own new stage
    parent_lines = marked_lines(parent)
    design = parent.read_text().splitlines().index("  - id: design") + 1
    rewritten = next(n for n in parent_lines if n > design)
    assert sorted(located[str(parent)]) == [n for n in parent_lines if n != rewritten]
    assert len(located[str(parent)]) == len(load_bank().competencies)  # 1 + (n - 1)
    assert located[str(child)] == marked_lines(child)
    checked = invoke("roles", "check", "data-engineer", "--bank", str(bank))
    assert f"{child}:1:1" not in checked.stdout



def test_every_instruction_a_starter_from_a_role_writes_is_unwritten_text(
        invoke: Any, tmp_path: Path) -> None:
    """`roles new --from` writes its summary and a new stage commented out: a team that
    uncomments them as they are (with or without the marker) has not written the role's
    words, and no kit is built that would show the instructions to a candidate."""
    bank = tmp_path / "team"
    bank.mkdir()  # an empty folder, made for the bank
    assert invoke("roles", "new", "our-sre", "--from", "senior-python-engineer", "--into",
                  str(bank)).exit_code == 0
    role = bank / "roles" / "our-sre.yaml"
    text = role.read_text().replace("REPLACE ME: ", "")  # only the marker deleted
    head, commented = text.split("# summary", 1)
    role.write_text(head + "\n".join(line.removeprefix("# ") for line in
                                     ("# summary" + commented).splitlines()) + "\n")
    assert invoke("roles", "show", "our-sre", "--bank", str(bank)).exit_code == 0
    built = invoke("kit", "build", "-r", "our-sre", "--candidate", "Ada", "--bank", str(bank),
                   "--out", str(tmp_path / "ada"), "--format", "html")
    assert built.exit_code == 2, built.stdout
    assert f"{role}:8:" in built.stderr  # the summary
    assert not (tmp_path / "ada").exists()
    # as an earlier starter wrote it, unmarked and capitalised
    role.write_text(role.read_text().replace("what candidates read", "What candidates read"))
    again = invoke("kit", "build", "-r", "our-sre", "--candidate", "Ada", "--bank", str(bank),
                   "--out", str(tmp_path / "ada"), "--format", "html")
    assert f"{role}:8:" in again.stderr and again.exit_code == 2
