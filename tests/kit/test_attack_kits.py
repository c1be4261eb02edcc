"""Folders of kits as they may arrive (shared, unpacked): however deep their folders are
nested, looking for kits in them finds the kits and never ends in a traceback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from interviewkit.kit.manifest import find_kits

ROLE = "senior-python-engineer"


def test_folders_nested_deeper_than_pythons_recursion_limit(
        invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kits = tmp_path / "kits"
    built = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                   "--format", "html", "--out", str(kits / "ada"))
    assert built.exit_code == 0, built.stderr
    deep = kits / "deep"
    deep.mkdir()
    monkeypatch.chdir(deep)  # one short name a level: 1,100 levels stay within PATH_MAX
    for _ in range(1100):
        os.mkdir("d")
        os.chdir("d")
    os.chdir(tmp_path)
    try:
        assert find_kits([kits]) == [kits / "ada" / "kit.json"]
        for command in (["scores", "export", str(kits)],
                        ["calibrate", str(kits), "--out", str(tmp_path / "report")]):
            result = invoke(*command)
            assert result.exit_code == 0, result.output
    finally:
        _remove_chain(deep)


def _remove_chain(top: Path) -> None:
    """Remove the chain of folders again, from the bottom up: pytest clears old temporary
    folders with a recursive walk, which this depth would end in a RecursionError."""
    os.chdir(top)
    depth = 0
    while os.path.isdir("d"):
        os.chdir("d")
        depth += 1
    for _ in range(depth):
        os.chdir("..")
        os.rmdir("d")
