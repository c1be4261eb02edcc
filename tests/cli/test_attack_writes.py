"""Commands that write a team's files (init, roles new, bank schema) say in a line what is in
the way, and write nothing then: no traceback, no half-made repository."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_init_with_a_file_where_a_folder_goes_writes_nothing(invoke: Any,
                                                             tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".github").write_text("a file of the team's\n")
    result = invoke("init", str(repo), "--force")
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"error: {repo / '.github'}: is a file where a folder goes "
                             "(nothing was written)\n")
    assert sorted(p.name for p in repo.iterdir()) == [".github"]


def test_roles_new_with_a_file_where_roles_goes(invoke: Any, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "roles").write_text("not a folder\n")
    result = invoke("roles", "new", "our-engineer", "--into", str(bank))
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"error: {bank / 'roles'}: is a file where a folder goes "
                             "(nothing was written)\n")
    assert (bank / "roles").read_text() == "not a folder\n"


def test_bank_schema_beside_a_folder_of_the_same_name(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "schemas" / "role.schema.json").mkdir(parents=True)
    result = invoke("bank", "schema", "--out", str(tmp_path / "schemas"))
    assert result.exit_code == 2, result.output
    assert "role.schema.json: is a folder where this file goes" in result.stderr
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == ["role.schema.json"]
