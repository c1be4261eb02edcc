"""The package as a user gets it: the wheel, `python -m`, and what read-only commands import."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import shipped_questions

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEWKIT_BANK"}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def test_python_dash_m(tmp_path: Path) -> None:
    result = _run(sys.executable, "-m", "interviewkit", "bank", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


READ_ONLY_COMMANDS = [
    ["questions", "list"], ["questions", "list", "-c", "design", "--format", "ids"],
    ["questions", "list", "--format", "json"], ["questions", "show", "QID"],
    ["questions", "show", "QID", "--format", "md"], ["questions", "export", "-c", "design"],
    ["bank", "validate"], ["bank", "stats"], ["bank", "schema"], ["--version"],
    ["kit", "build", "-r", "senior-python-engineer", "--candidate", "Ada", "--format", "html",
     "--out", "OUT"],
]


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS, ids=" ".join)
def test_read_only_commands_never_import_weasyprint(command: list[str], tmp_path: Path
                                                   ) -> None:
    command = [shipped_questions()[0]["id"] if a == "QID" else
               str(tmp_path / "kit") if a == "OUT" else a for a in command]
    # HTML kits and Markdown need Jinja, but nothing else that only reads the bank does; no
    # PDF, no WeasyPrint, and no openpyxl but for a spreadsheet (CSV is written without it).
    forbidden = ("weasyprint", "pypdf", "openpyxl") + (
        () if command[0] == "kit" or "md" in command else ("jinja2",))
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from interviewkit.cli import app\n"
        f"result = CliRunner().invoke(app, {command!r})\n"
        "assert result.exit_code == 0, (result.stdout, result.stderr)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {forbidden!r}))\n"
    )
    result = _run(sys.executable, "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_wheel_installs_and_runs_from_anywhere(tmp_path: Path) -> None:
    """A non-editable install in a fresh venv finds its shipped bank, from any directory."""
    wheels = tmp_path / "wheels"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "-w", wheels, ROOT)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("interviewkit-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    installed = _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                     wheel)
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = _run(env_dir / "bin" / "interviewkit", "questions", "list", "-c", "design",
                  "--format", "ids", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [q["id"] for q in shipped_questions()
                                     if q["competency"] == "design"]
    where = _run(python, "-c", "import interviewkit.bank.load as b; print(b.default_bank_dir())",
                 cwd=elsewhere)
    assert where.stdout.strip().startswith(str(env_dir))
    kit = _run(env_dir / "bin" / "interviewkit", "kit", "build", "-r", "senior-python-engineer",
               "--candidate", "Ada", "--format", "html", cwd=elsewhere)
    assert kit.returncode == 0, kit.stderr
    assert (elsewhere / "out" / "ada" / "guide-system-design.html").is_file()


@pytest.mark.parametrize(("shell_env", "expected"), [
    ({"_INTERVIEWKIT_COMPLETE": "complete_zsh",
      "_TYPER_COMPLETE_ARGS": "interviewkit questions list -c de"}, '"design"'),
    ({"_INTERVIEWKIT_COMPLETE": "complete_bash",
      "COMP_WORDS": "interviewkit questions show design-c", "COMP_CWORD": "3"},
     "design-caching-python-services"),
])
def test_shell_completion_offers_bank_values(shell_env: dict[str, str], expected: str,
                                             tmp_path: Path) -> None:
    env = {**{k: v for k, v in os.environ.items() if k != "INTERVIEWKIT_BANK"}, **shell_env}
    script = Path(sys.executable).parent / "interviewkit"
    result = subprocess.run([script], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
