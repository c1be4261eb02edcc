"""The render host: a command that will make PDFs forks, before its command line loads, a
process that imports WeasyPrint while the command reads the bank, and renders the PDFs. Run
as people run it (a subprocess of `python -m interviewkit`): the same bytes as a build in one
process, the command itself never importing WeasyPrint, a refusal reaching the command line
whole, and no process outliving the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from interviewkit.kit.pool import usable_cores
from interviewkit.kit.renderhost import wants_pdf

BUILD = ["kit", "build", "-r", "backend-engineer", "--candidate", "Jo", "--date", "2026-02-01"]
two_cores = pytest.mark.skipif(usable_cores() < 2, reason="the host needs a second core")


def run(*args: str, cwd: Path, python: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "INTERVIEWKIT_BANK"}
    return subprocess.run([sys.executable, *python, "-m", "interviewkit", *args], cwd=cwd,
                          env=env, capture_output=True, text=True)


@pytest.mark.parametrize(("args", "expected"), [
    ("kit build -r x --candidate y", True),
    ("kit build -r x --candidate y --format pdf", True),
    ("kit build -r x --candidate y --format both", True),
    ("kit build -r x --candidate y --format html", False),
    ("kit build -r x --candidate y -f HTML", False),
    ("kit build -r x --candidate y --format=html", False),
    ("kit build -r x --candidate y --format md", False),
    ("kit build -r x --candidate y -fmd", False),  # a short option's value attached
    ("kit build -r x --candidate y -fhtml", False),
    ("kit build -r x --candidate y -fpdf", True),
    ("kit batch day.csv", True),
    ("kit batch --example senior-python-engineer", False),
    ("kit build --help", False),
    ("kit blank --role x", False),
    ("questions list", False),
    ("scores debrief kit", False),
    ("", False),
])
def test_only_a_command_that_renders_pdfs_starts_a_host(args: str, expected: bool) -> None:
    assert wants_pdf(args.split()) is expected


@two_cores
def test_the_host_renders_the_same_pdfs_and_the_command_never_imports_weasyprint(
        invoke: Any, tmp_path: Path) -> None:
    here = invoke(*BUILD, "--out", str(tmp_path / "here"), "--format", "pdf")
    assert here.exit_code == 0, here.output
    hosted = run(*BUILD, "--out", "hosted", "--format", "pdf", cwd=tmp_path,
                 python=("-X", "importtime"))
    assert hosted.returncode == 0, hosted.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in hosted.stderr.splitlines()
                if line.startswith("import time:")]
    assert "interviewkit.cli" in imported  # the command's own imports are listed here
    assert not any(name.split(".")[0] == "weasyprint" for name in imported)
    pdfs = sorted(p.name for p in (tmp_path / "here").glob("*.pdf"))
    assert pdfs == sorted(p.name for p in (tmp_path / "hosted").glob("*.pdf"))
    manifest = json.loads((tmp_path / "here" / "kit.json").read_text())
    assert pdfs == sorted(f["name"] for f in manifest["files"] if f["name"].endswith(".pdf"))
    assert any(name.startswith("handout-") for name in pdfs)  # a guide's handout, too
    for name in pdfs:
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "hosted" / name
                                                           ).read_bytes(), name


@two_cores
def test_a_refusal_in_the_host_reaches_the_command_line_whole(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "packet.html.j2").write_text('{% extends "base.html.j2" %}{% block body %}'
                                         '<img src="https://example.com/x.png" alt="x">'
                                         '{% endblock %}')
    result = run(*BUILD, "--out", "kit", "--format", "pdf", "--templates", str(team),
                 cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: candidate-packet.pdf: refused to fetch "
                                    "https://example.com/x.png")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "kit").exists()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


@two_cores
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes in /proc")
@pytest.mark.parametrize("args", [
    ("--out", "kit", "--format", "pdf"),  # the host renders, then ends with the command
    ("--out", "kit", "--format", "pdf", "--seed", "nan"),  # refused while the host imports
])
def test_no_process_outlives_the_command(tmp_path: Path, args: tuple[str, ...]) -> None:
    env = {key: value for key, value in os.environ.items() if key != "INTERVIEWKIT_BANK"}
    build = subprocess.Popen([sys.executable, "-m", "interviewkit", *BUILD, *args],
                             cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    while build.poll() is None:
        seen.update(_children(build.pid))
        time.sleep(0.01)
    assert seen, "no host was started"
    assert not [pid for pid in seen if Path(f"/proc/{pid}").exists()]
