"""`interviewkit init DIR`: a team's bank repository that validates, lints clean but for the
role's marked placeholders and builds a blank kit as written; never over what is there."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

from ..conftest import snapshot, write_role_words

ROOT = Path(__file__).resolve().parents[2]
FILES = {"bank.yaml", "questions/product-sense.yaml", "roles/our-engineer.yaml",
         "interviewkit.toml", ".vscode/settings.json", ".pre-commit-config.yaml",
         ".github/workflows/bank.yml", "README.md", ".schemas/bank.schema.json",
         ".schemas/questions.schema.json", ".schemas/role.schema.json"}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """As a team runs it, in the repository: interviewkit.toml there names the bank."""
    env = {key: value for key, value in os.environ.items() if key != "INTERVIEWKIT_BANK"}
    return subprocess.run([sys.executable, "-m", "interviewkit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_a_new_repository_validates_lints_and_builds_as_written(invoke: Any, tmp_path: Path
                                                               ) -> None:
    repo = tmp_path / "team-bank"
    made = invoke("init", str(repo), "--company", "Acme")
    assert made.exit_code == 0, made.output
    written = {str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file()}
    assert written == FILES
    validated = run("bank", "validate", cwd=repo)
    assert validated.returncode == 0, validated.stderr
    shipped = run("bank", "validate", cwd=tmp_path)
    def count(text: str) -> int:  # "ok: 72 questions, ..."
        return int(text.split()[1])

    assert count(validated.stdout) == count(shipped.stdout) + 1  # the example question
    assert "placeholder texts from `roles new` still to write" in validated.stderr
    linted = run("bank", "lint", cwd=repo)
    assert linted.returncode == 1
    warnings = linted.stdout.strip().splitlines()
    assert warnings and all("placeholder text (REPLACE ME: or the instructions after it)"
                            in w for w in warnings), warnings
    assert any("product-sense" in line for line in
               run("roles", "show", "our-engineer", cwd=repo).stdout.splitlines())
    blank = run("kit", "blank", "--role", "our-engineer", "--out", "out/blank", "--format",
                "html", cwd=repo)
    assert blank.returncode == 0, blank.stderr
    guide = (repo / "out/blank/guide-product-sense.html").read_text()
    assert "Tell me about a feature you built that did not do what its users" in guide
    refused = run("kit", "build", "--role", "our-engineer", "--candidate", "Ada", cwd=repo)
    assert refused.returncode == 2 and "REPLACE ME" in refused.stderr  # until it is written


def test_its_settings_are_what_each_tool_reads(invoke: Any, tmp_path: Path) -> None:
    repo = tmp_path / "team-bank"
    assert invoke("init", str(repo), "--company", 'Acme "Labs"').exit_code == 0
    config = tomllib.loads((repo / "interviewkit.toml").read_text())
    assert config == {"banks": ["."], "company": 'Acme "Labs"'}
    schemas = json.loads((repo / ".vscode/settings.json").read_text())["yaml.schemas"]
    for schema, globs in schemas.items():
        assert json.loads((repo / schema).read_text())["$schema"].endswith("/schema")
        assert all(list(repo.glob(pattern)) for pattern in globs), globs
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]
    workflow = yaml.safe_load((repo / ".github/workflows/bank.yml").read_text())
    commands = [hook["entry"] for hook in hooks["hooks"]] + [
        step["run"] for step in workflow["jobs"]["check"]["steps"]
        if step.get("run", "").startswith("interviewkit ")]
    assert commands == ["interviewkit bank validate", "interviewkit bank lint"] * 2
    for command in commands:  # each runs in the repository as written
        result = run(*command.split()[1:], cwd=repo)
        assert result.returncode in (0, 1), (command, result.stderr)  # 1: the placeholders
    shipped = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [hook["entry"] for hook in shipped] == ["interviewkit bank validate",
                                                   "interviewkit bank lint"]


def test_a_directory_that_is_not_empty_is_refused_and_nothing_is_written(
        invoke: Any, tmp_path: Path) -> None:
    repo = tmp_path / "ours"
    repo.mkdir()
    (repo / "notes.md").write_text("our notes")
    before = snapshot(repo)
    refused = invoke("init", str(repo))
    assert refused.exit_code == 2 and "not empty" in refused.stderr
    assert snapshot(repo) == before
    (repo / "README.md").write_text("our readme")
    before = snapshot(repo)
    clash = invoke("init", str(repo), "--force")
    assert clash.exit_code == 2 and "README.md: already exists; nothing was written" in \
        clash.stderr
    assert snapshot(repo) == before
    (repo / "README.md").unlink()
    added = invoke("init", str(repo), "--force")
    assert added.exit_code == 0, added.output
    assert (repo / "notes.md").read_text() == "our notes"


def test_a_role_id_that_is_taken_or_not_an_id_is_refused(invoke: Any, tmp_path: Path) -> None:
    taken = invoke("init", str(tmp_path / "a"), "--role", "senior-python-engineer")
    assert taken.exit_code == 2 and "already has a role 'senior-python-engineer'" in taken.stderr
    bad = invoke("init", str(tmp_path / "b"), "--role", "Our Role")
    assert bad.exit_code == 2 and "is not a valid id" in bad.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_the_commands_its_readme_gives_run_as_written(invoke: Any, tmp_path: Path) -> None:
    """A team follows its new README: once the REPLACE ME text is written, each command it
    lists runs in the repository (a sheet of the team's questions made for the import)."""
    from openpyxl import load_workbook

    repo = tmp_path / "team-bank"
    assert invoke("init", str(repo), "--company", "Acme").exit_code == 0
    role = repo / "roles" / "our-engineer.yaml"
    write_role_words(role)
    exported = run("questions", "export", "-c", "product-sense", "--out", "questions.xlsx",
                   cwd=repo)
    assert exported.returncode == 0, exported.stderr
    book = load_workbook(repo / "questions.xlsx")
    sheet = book["questions"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(2, header.index("id") + 1, "product-sense-second-feature")
    sheet.cell(2, header.index("prompt") + 1, "Walk me through a product decision you "
               "disagreed with, what you did about it, and how it turned out for users.")
    book.save(repo / "questions.xlsx")
    commands = [shlex.split(line, comments=True) for line in (repo / "README.md").read_text()
                .splitlines() if line.startswith("    interviewkit ")]
    assert len(commands) == 7
    for command in commands:
        result = run(*command[1:], cwd=repo)
        assert result.returncode == 0, (command, result.stderr)
    assert (repo / "questions" / "questions.yaml").is_file()
    assert (repo / "all.xlsx").is_file()
