"""A new team's first role: interviewkit.toml (or $INTERVIEWKIT_BANK) already names the
team's bank, which does not exist yet or is an empty folder. `roles new` is what puts the
first file there, so it must not refuse for the want of one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize("made", [False, True])
@pytest.mark.parametrize("named_by", ["toml", "env"])
def test_roles_new_writes_the_first_file_of_a_named_bank(
        made: bool, named_by: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        invoke: Any) -> None:
    monkeypatch.chdir(tmp_path)
    env = None
    if named_by == "toml":
        (tmp_path / "interviewkit.toml").write_text('company = "Acme"\nbanks = ["our-bank"]\n')
    else:
        env = {"INTERVIEWKIT_BANK": str(tmp_path / "our-bank")}
    if made:
        (tmp_path / "our-bank").mkdir()
    result = invoke("roles", "new", "platform-engineer", env=env)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "our-bank" / "roles" / "platform-engineer.yaml").is_file()
    assert "next: edit it, then  interviewkit roles check platform-engineer\n" in result.stdout
    checked = invoke("roles", "check", "platform-engineer", env=env)
    assert checked.exit_code == 0, checked.stderr
    assert "to write before a candidate's kit" in checked.stdout
