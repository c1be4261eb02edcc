"""The README's console examples are what runs: every ```console block is run, command by
command (`$ ...`), against the shipped bank in a wide terminal, and its output must be the
README's. A line `...` stands for any number of lines the README leaves out, and `[…]`
inside a line for text that changes from run to run (a kit id); nothing else may differ.
Paths below the checkout are shown relative to it, as a reader in the checkout sees them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FIXTURES = Path(__file__).parent / "readme"  # files an example reads (./our-bank)
ELIDED = "..."
VARIES = "[…]"


def console_blocks() -> list[tuple[int, list[tuple[str, list[str]]]]]:
    """Each console block: its line in the README, and its commands with their output."""
    blocks = []
    lines = README.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        if lines[index].strip() == "```console":
            start, steps = index + 1, []
            index += 1
            while lines[index].strip() != "```":
                if lines[index].startswith("$ "):
                    steps.append((lines[index][2:], []))
                elif steps:
                    steps[-1][1].append(lines[index].rstrip())
                index += 1
            blocks.append((start, steps))
        index += 1
    return blocks


def matches(expected: list[str], actual: list[str]) -> bool:
    """`actual` is `expected`, where `...` skips lines and `[…]` skips text in a line."""
    pattern = ""
    for line in expected:
        if line.strip() == ELIDED:
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += ".*?".join(map(re.escape, line.split(VARIES))) + r"\n"
    return re.fullmatch(pattern, "".join(f"{line}\n" for line in actual)) is not None


BLOCKS = console_blocks()


def test_the_readme_has_console_examples() -> None:
    assert len(BLOCKS) >= 6 and sum(len(steps) for _, steps in BLOCKS) >= 10


@pytest.mark.parametrize(("line", "steps"), BLOCKS, ids=[f"README:{n}" for n, _ in BLOCKS])
def test_a_console_example_prints_what_the_readme_shows(
        line: int, steps: list[tuple[str, list[str]]], tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(FIXTURES, work)
    env = {**os.environ, "COLUMNS": "110", "PYTHONUNBUFFERED": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("INTERVIEWKIT_BANK", None)
    for command, expected in steps:
        ran = subprocess.run(["bash", "-c", f"{command} 2>&1"], cwd=work, env=env,
                             capture_output=True, text=True, timeout=300)
        actual = [text.rstrip() for text in ran.stdout.replace(f"{ROOT}/", "").splitlines()]
        while actual and not actual[-1]:
            actual.pop()
        assert matches(expected, actual), (
            f"README.md:{line}: $ {command}\n--- the README shows\n" + "\n".join(expected)
            + "\n--- it prints\n" + "\n".join(actual))
