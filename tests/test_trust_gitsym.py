"""Nothing a bank's git repository configures runs, and no file we read leads outside the
directory it was named in: templates, the logo, bank files (issue 8, points 4 and 5)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import question, write_bank

ROLE = "senior-python-engineer"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4"
                       "DwABBAEAwS2OUAAAAABJRU5ErkJggg==")
SECRET = "hunter2-do-not-leak-7c1f"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a process of its own; the timeout only guards the test run against a hang
    that the code makes impossible by refusing FIFOs and devices before opening them."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    env.pop("INTERVIEWKIT_BANK", None)
    return subprocess.run([sys.executable, "-m", "interviewkit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def _secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\nsecond line\n")
    return path


def _nowhere(tmp_path: Path, result: Any, source: str = "secret.txt") -> None:
    """The secret is in no output and no file written below tmp_path but its own."""
    assert SECRET not in result.stdout + result.stderr
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.is_symlink() and path != tmp_path / source:
            assert SECRET.encode() not in path.read_bytes(), path


# -- point 5: bank files ------------------------------------------------------------------


def _team_bank(tmp_path: Path) -> Path:
    return write_bank(tmp_path / "team", [question("design-our-own")])


def test_a_bank_file_linked_outside_is_refused_unread(invoke: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    team = _team_bank(tmp_path)
    (team / "questions" / "leak.yaml").symlink_to(_secret(tmp_path))
    (team / "roles").mkdir()
    (team / "roles" / "leak.yaml").symlink_to(tmp_path / "secret.txt")
    (team / "bank.yaml").symlink_to(tmp_path / "secret.txt")
    result = invoke("bank", "validate", "--bank", "team")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"team/{name}: is a link to a file outside the bank directory team; only files "
        "inside it are read" for name in ("bank.yaml", "questions/leak.yaml", "roles/leak.yaml")
    ] + ["3 problems found"]
    _nowhere(tmp_path, result)


def test_a_bank_folder_linked_outside_is_refused_unread(invoke: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    team = _team_bank(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "q.yaml").write_text(f"{SECRET}\n")
    (team / "roles").symlink_to(elsewhere, target_is_directory=True)
    result = invoke("bank", "validate", "--bank", "team")
    assert result.exit_code == 2
    assert result.stderr == ("team/roles/q.yaml: is a link to a file outside the bank "
                             "directory team; only files inside it are read\n")
    _nowhere(tmp_path, result, "elsewhere/q.yaml")


def test_links_inside_a_bank_are_followed(invoke: Any, tmp_path: Path) -> None:
    team = _team_bank(tmp_path)
    (team / "shared").mkdir()
    (team / "questions" / "q.yaml").rename(team / "shared" / "q.yaml")
    (team / "questions" / "q.yaml").symlink_to(Path("..") / "shared" / "q.yaml")
    linked = tmp_path / "linked-team"
    linked.symlink_to(team)  # the bank directory itself reached through a link
    result = invoke("questions", "show", "design-our-own", "--bank", str(linked))
    assert result.exit_code == 0, result.stderr
    assert "Prompt of design-our-own." in result.stdout


def test_a_bank_file_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    team = _team_bank(tmp_path)
    os.mkfifo(team / "questions" / "pipe.yaml")
    result = _run(tmp_path, "bank", "validate", "--bank", "team")
    assert result.returncode == 2
    assert result.stderr == ("team/questions/pipe.yaml: is a named pipe (FIFO), not a "
                             "regular file\n")


def test_a_scorecard_linked_outside_its_folder_is_refused(invoke: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scores").mkdir()
    (tmp_path / "scores" / "card.yaml").symlink_to(_secret(tmp_path))
    result = invoke("scores", "read", "scores/card.yaml")
    assert result.exit_code == 2
    assert "scores/card.yaml: is a link to a file outside its directory; only files inside " \
        "it are read" in result.stderr
    _nowhere(tmp_path, result)


# -- point 5: templates, and files the PDF renderer fetches --------------------------------


def test_a_template_linked_outside_its_directory_is_refused(invoke: Any, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.chdir(tmp_path)
    team = tmp_path / "team"
    team.mkdir()
    (team / "packet.html.j2").symlink_to(_secret(tmp_path))
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                    "--format", "html", "--templates", "team")
    assert result.exit_code == 2
    assert result.stderr == ("team/packet.html.j2: is a link to a file outside the template "
                             "directory team; only files inside it are read\n")
    assert not (tmp_path / "out").exists()
    _nowhere(tmp_path, result)


def test_an_included_template_linked_outside_is_refused(invoke: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    monkeypatch.chdir(tmp_path)
    team = tmp_path / "team"
    (team / "parts").mkdir(parents=True)
    (team / "parts" / "footer.txt").symlink_to(_secret(tmp_path))
    (team / "packet.html.j2").write_text('{% include "parts/footer.txt" %}\n')
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                    "--format", "html", "--templates", "team")
    assert result.exit_code == 2
    assert "team/parts/footer.txt: is a link to a file outside the template directory team" \
        in result.stderr
    _nowhere(tmp_path, result)


def test_links_inside_the_template_directory_are_followed(invoke: Any, tmp_path: Path) -> None:
    team = tmp_path / "team"
    (team / "shared").mkdir(parents=True)
    (team / "shared" / "packet.html.j2").write_text("<p>Our own packet for {{ view.candidate "
                                                    "}}</p>\n")
    (team / "packet.html.j2").symlink_to(Path("shared") / "packet.html.j2")
    linked = tmp_path / "linked-team"
    linked.symlink_to(team)  # the directory itself reached through a link
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                    "--format", "html", "--templates", str(linked), "--out",
                    str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "candidate-packet.html").read_text() == \
        "<p>Our own packet for Ada</p>\n"


def test_a_template_that_is_not_a_bounded_regular_file_is_refused(invoke: Any,
                                                                  tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "packet.html.j2").write_text("x" * (1024 * 1024 + 1))
    big = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                 "--format", "html", "--templates", str(team), "--out", str(tmp_path / "o"))
    assert big.exit_code == 2
    assert "packet.html.j2: is larger than the limit of 1 MiB\n" in big.stderr
    (team / "packet.html.j2").unlink()
    os.mkfifo(team / "packet.html.j2")
    fifo = _run(tmp_path, "kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage",
                "values", "--format", "html", "--templates", "team")
    assert fifo.returncode == 2, fifo.stderr
    assert fifo.stderr == "team/packet.html.j2: is a named pipe (FIFO), not a regular file\n"
    assert not (tmp_path / "out").exists()


def test_a_fifo_a_template_fetches_is_refused_at_once(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    os.mkfifo(team / "pipe.png")
    (team / "packet.html.j2").write_text(
        '<html lang="en"><body><img src="pipe.png" alt="Pipe"></body></html>\n')
    result = _run(tmp_path, "kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage",
                  "values", "--format", "pdf", "--templates", "team")
    assert result.returncode == 2
    assert result.stderr == (f"error: candidate-packet.pdf: refused to fetch "
                             f"{(team / 'pipe.png').resolve().as_uri()} (the file is a named "
                             "pipe (FIFO), not a regular file)\n")
    assert not (tmp_path / "out").exists()


def test_an_image_linked_inside_the_template_directory_is_fetched(invoke: Any,
                                                                  tmp_path: Path) -> None:
    from pypdf import PdfReader

    team = tmp_path / "team"
    (team / "img").mkdir(parents=True)
    (team / "img" / "brand.png").write_bytes(PNG)
    (team / "logo.png").symlink_to(Path("img") / "brand.png")
    (team / "packet.html.j2").write_text(
        '<html lang="en"><body><img src="logo.png" alt="Logo"></body></html>\n')
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                    "--format", "pdf", "--templates", str(team), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.stderr
    assert PdfReader(tmp_path / "o" / "candidate-packet.pdf").pages[0].images
