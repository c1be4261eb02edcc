"""Nothing a bank's git repository configures runs, and no file we read leads outside the
directory it was named in: templates, the logo, bank files (issue 8, points 4 and 5)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ..conftest import SHIPPED, question, write_bank

ROLE = "senior-python-engineer"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4"
                       "DwABBAEAwS2OUAAAAABJRU5ErkJggg==")
SECRET = "hunter2-do-not-leak-7c1f"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a process of its own; the timeout only guards the test run against a hang
    that the code makes impossible by refusing FIFOs and devices before opening them."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent.parent)}
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


@pytest.fixture(scope="module")
def blank_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from interviewkit.cli import app

    out = tmp_path_factory.mktemp("cards") / "kit"
    built = CliRunner().invoke(app, ["kit", "build", "-r", ROLE, "--candidate", "Ada",
                                     "--out", str(out), "--format", "html", "--stage", "values"])
    assert built.exit_code == 0, built.stderr
    return out


def test_cards_in_a_kit_are_read_only_inside_it(invoke: Any, tmp_path: Path,
                                                blank_kit: Path) -> None:
    kit = tmp_path / "kit"
    shutil.copytree(blank_kit, kit)
    (kit / "scores" / "leak.yaml").symlink_to(_secret(tmp_path))
    (kit / "scores" / "leak.pdf").symlink_to(tmp_path / "secret.txt")
    for command in (["debrief", str(kit), "--partial", "--format", "html"],
                    ["scores", "export", str(kit), "--partial"]):
        result = invoke(*command)
        assert "leak.yaml: is a link to a file outside its directory" in result.stderr
        assert "leak.pdf: is a link to a file outside its directory" in result.stderr
        _nowhere(tmp_path, result)
    shutil.rmtree(kit / "scores")
    (kit / "scores").symlink_to(tmp_path)  # the whole folder leads out
    result = invoke("debrief", str(kit), "--partial")
    assert result.exit_code == 2
    assert "scores: is a link out of the kit folder; cards are read only inside it: make " \
        "scores/ a folder of the kit's own and move the cards into it" in \
        result.stderr
    _nowhere(tmp_path, result)


def test_hidden_files_and_fifos_among_cards(tmp_path: Path, blank_kit: Path) -> None:
    kit = tmp_path / "kit"
    shutil.copytree(blank_kit, kit)
    (kit / "scores" / "._card.pdf").write_bytes(b"\0\5\26\7 macOS resource fork")
    (kit / "scores" / ".~lock.card.yaml#").write_text("lock")
    os.mkfifo(kit / "scores" / "pipe.pdf")
    result = _run(tmp_path, "debrief", "kit", "--partial", "--format", "html")
    assert "._card.pdf" not in result.stderr and "lock" not in result.stderr
    assert "kit/scores/pipe.pdf: is a named pipe (FIFO), not a regular file" in result.stderr


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


# -- point 5: the logo ---------------------------------------------------------------------


def _logo(tmp_path: Path, invoke: Any, name: str = "logo.png") -> Any:
    (tmp_path / "interviewkit.toml").write_text(f'logo = "{name}"\n')
    return invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                  "--format", "html")


def test_a_logo_linked_outside_is_refused(invoke: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    team = tmp_path / "team"
    team.mkdir()
    monkeypatch.chdir(team)
    (team / "logo.png").symlink_to(_secret(tmp_path))
    result = _logo(team, invoke)
    assert result.exit_code == 2
    assert result.stderr == ("error: logo.png: the logo is a link to a file outside the "
                             "working directory; only files inside it are read\n")
    _nowhere(tmp_path, result)
    (team / "logo.png").unlink()
    (tmp_path / "real.png").write_bytes(PNG)  # an image, but outside
    (team / "logo.png").symlink_to(tmp_path / "real.png")
    assert _logo(team, invoke).exit_code == 2
    parent = _logo(team, invoke, "../real.png")
    assert parent.exit_code == 2
    assert parent.stderr == (f"error: {team.resolve().parent}/real.png: the logo is outside the "
                             "working directory; only files inside it are read\n")
    assert not (team / "out").exists()


def test_a_logo_inside_the_folder_through_a_link_is_embedded(invoke: Any, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "brand.png").write_bytes(PNG)
    (tmp_path / "logo.png").symlink_to(Path("assets") / "brand.png")
    result = _logo(tmp_path, invoke)
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "out" / "ada" / "guide-values.html").read_text()
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in html


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("logo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
    ("logo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
    ("logo.webp", b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00", "image/webp"),
    ("logo.svg", b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- ours -->\n<!DOCTYPE svg>\n'
                 b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
     "image/svg+xml"),
    ("logo.svg", b'  <svg xmlns="http://www.w3.org/2000/svg"></svg>', "image/svg+xml"),
])
def test_every_image_kind_is_recognised_by_its_bytes(invoke: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     name: str, content: bytes,
                                                     kind: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(content)
    result = _logo(tmp_path, invoke, name)
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "out" / "ada" / "guide-values.html").read_text()
    assert f'src="data:{kind};base64,{base64.b64encode(content).decode()}"' in html


@pytest.mark.parametrize(("content", "message"), [
    (f"{SECRET}\n".encode(), "the logo is not a PNG, JPEG, GIF, WebP or SVG image"),
    (b"<html><svg></svg></html>", "the logo is not a PNG, JPEG, GIF, WebP or SVG image"),
    (b"", "the logo is not a PNG, JPEG, GIF, WebP or SVG image"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024),
     "the logo is larger than the limit of 2 MiB"),
])
def test_a_logo_that_is_not_a_small_image_is_refused(invoke: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     content: bytes, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logo.png").write_bytes(content)
    result = _logo(tmp_path, invoke)
    assert result.exit_code == 2
    assert result.stderr == f"error: logo.png: {message}\n"
    assert SECRET not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_fifo_or_device_as_logo_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "logo.png")
    (tmp_path / "interviewkit.toml").write_text('logo = "logo.png"\n')
    args = ("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
            "--format", "html")
    fifo = _run(tmp_path, *args)
    assert fifo.returncode == 2
    assert fifo.stderr == ("error: logo.png: the logo is a named pipe (FIFO), not a regular "
                           "file\n")
    (tmp_path / "logo.png").unlink()
    (tmp_path / "logo.png").symlink_to("/dev/zero")
    device = _run(tmp_path, *args)
    assert device.returncode == 2
    assert device.stderr == ("error: logo.png: the logo is a link to a file outside the "
                             "working directory; only files inside it are read\n")
    (tmp_path / "interviewkit.toml").write_text('logo = "/dev/zero"\n')
    absolute = _run(tmp_path, *args)
    assert absolute.returncode == 2
    assert absolute.stderr == ("error: /dev/zero: the logo is outside the working directory; "
                               "only files inside it are read\n")
    assert not (tmp_path / "out").exists()


def test_a_logo_from_the_api_stays_in_the_given_folder(tmp_path: Path) -> None:
    from interviewkit import InterviewkitError, KitOptions, load_bank, plan_kit, render_kit

    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(PNG)
    (tmp_path / "brand" / "leak.png").symlink_to(_secret(tmp_path))
    bank = load_bank()
    plan = plan_kit(bank, ROLE, "Ada", stage_ids=("values",))
    done = render_kit(bank, plan, tmp_path / "ok", KitOptions(
        format="html", logo=tmp_path / "brand" / "logo.png", asset_dir=tmp_path / "brand"))
    assert "kit.json" in done.files
    with pytest.raises(InterviewkitError) as refused:
        render_kit(bank, plan, tmp_path / "leak", KitOptions(
            format="html", logo=tmp_path / "brand" / "leak.png", asset_dir=tmp_path / "brand"))
    assert "leak.png: the logo is a link to a file outside" in str(refused.value)
    assert not (tmp_path / "leak").exists()


# -- point 4: git, never run ---------------------------------------------------------------


def _git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    """Run git the way a person would, to set up a repository (never on planted config)."""
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
         "-c", "init.defaultBranch=main", *args],
        cwd=repo, env=_git_env(repo.parent), check=True, capture_output=True, text=True)
    return result.stdout.strip()


def _repo_with_bank(tmp_path: Path) -> tuple[Path, Path]:
    """A git repository whose bank/ is a copy of the shipped bank, committed."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(SHIPPED, repo / "bank")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bank")
    return repo, repo / "bank"


def _build(invoke: Any, bank: Path, out: Path, *extra: str) -> Any:
    return invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                  "--format", "html", "--out", str(out), "--no-default-bank", "--bank",
                  str(bank), *extra)


def _recorded(out: Path) -> Any:
    git = json.loads((out / "kit.json").read_text())["bank"]["git"]
    assert git is None or git.pop("modified") is None  # no longer asked of git
    return git


def _plant(repo: Path, tmp_path: Path) -> Path:
    """Everything a repository can configure that git would run: an fsmonitor, filters via
    .gitattributes, hooks (in .git/hooks and core.hooksPath), and programs git starts for
    other commands. Each leaves a file in the returned directory when it runs."""
    ran = tmp_path / "ran"
    ran.mkdir()
    planted = tmp_path / "planted"
    hooks = planted / "hooks"
    hooks.mkdir(parents=True)

    def script(path: Path, name: str) -> str:
        path.write_text(f'#!/bin/sh\ntouch "{ran}/{name}"\ncat\n')
        path.chmod(0o755)
        return str(path)

    for hook in ("post-index-change", "post-checkout", "post-commit", "pre-commit",
                 "reference-transaction", "fsmonitor-watchman", "pre-auto-gc", "post-merge",
                 "post-rewrite"):
        script(hooks / hook, f"hook-{hook}")
        script(repo / ".git" / "hooks" / hook, f"git-hook-{hook}")
    settings = {
        "core.fsmonitor": script(planted / "fsmonitor", "fsmonitor"),
        "core.hooksPath": str(hooks),
        "core.pager": script(planted / "pager", "pager"),
        "core.editor": script(planted / "editor", "editor"),
        "core.askPass": script(planted / "askpass", "askpass"),
        "core.sshCommand": script(planted / "ssh", "ssh"),
        "diff.external": script(planted / "diff", "diff-external"),
        "diff.planted.textconv": script(planted / "textconv", "textconv"),
        "filter.planted.clean": script(planted / "clean", "filter-clean"),
        "filter.planted.smudge": script(planted / "smudge", "filter-smudge"),
        "filter.piped.process": script(planted / "process", "filter-process"),
        "gpg.program": script(planted / "gpg", "gpg"),
        "credential.helper": script(planted / "credential", "credential"),
    }
    for key, value in settings.items():
        git(repo, "config", key, value)
    (repo / ".gitattributes").write_text("*.yaml filter=planted diff=planted\n"
                                         "*.md filter=piped\n")
    (repo / "README.md").write_text("changed\n")
    for path in (repo / "bank" / "questions").iterdir():  # index refresh re-reads these
        os.utime(path, (2_000_000_000, 2_000_000_000))
    return ran


def test_nothing_a_bank_repository_configures_runs(invoke: Any, tmp_path: Path) -> None:
    repo, bank = _repo_with_bank(tmp_path)
    (repo / "README.md").write_text("tracked\n")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "readme")
    head = git(repo, "rev-parse", "HEAD")
    ran = _plant(repo, tmp_path)
    out = tmp_path / "out"
    result = _build(invoke, bank, out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in ran.iterdir()) == []
    assert _recorded(out) == {"directory": str(bank), "commit": head, "head": "refs/heads/main"}


def test_the_commit_of_a_normal_repository_is_recorded(invoke: Any, tmp_path: Path) -> None:
    repo, bank = _repo_with_bank(tmp_path)
    (bank / "questions" / "design.yaml").write_text(
        (bank / "questions" / "design.yaml").read_text() + "\n")
    git(repo, "commit", "-q", "-am", "second")
    head = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "feature/x")  # a ref name with a slash
    result = _build(invoke, bank, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert _recorded(tmp_path / "out") == {"directory": str(bank), "commit": head,
                                           "head": "refs/heads/feature/x"}


def test_packed_ref_and_detached_head(invoke: Any, tmp_path: Path) -> None:
    repo, bank = _repo_with_bank(tmp_path)
    first = git(repo, "rev-parse", "HEAD")
    git(repo, "commit", "-q", "--allow-empty", "-m", "second")
    second = git(repo, "rev-parse", "HEAD")
    git(repo, "tag", "-a", "-m", "annotated", "v1")  # a peeled line in packed-refs
    git(repo, "pack-refs", "--all")
    assert not (repo / ".git" / "refs" / "heads" / "main").exists()
    assert f"{second} refs/heads/main" in (repo / ".git" / "packed-refs").read_text()
    packed = _build(invoke, bank, tmp_path / "packed")
    assert packed.exit_code == 0, packed.stderr
    assert _recorded(tmp_path / "packed")["commit"] == second

    git(repo, "checkout", "-q", "--detach", first)
    detached = _build(invoke, bank, tmp_path / "detached")
    assert detached.exit_code == 0, detached.stderr
    assert _recorded(tmp_path / "detached") == {"directory": str(bank), "commit": first,
                                                "head": "detached"}


def test_a_linked_worktree_records_its_own_commit(invoke: Any, tmp_path: Path) -> None:
    repo, _ = _repo_with_bank(tmp_path)
    git(repo, "worktree", "add", "-q", "-b", "other", str(tmp_path / "linked"))
    git(tmp_path / "linked", "commit", "-q", "--allow-empty", "-m", "on the other branch")
    head = git(tmp_path / "linked", "rev-parse", "HEAD")
    assert (tmp_path / "linked" / ".git").is_file()  # "gitdir: ..."
    bank = tmp_path / "linked" / "bank"
    result = _build(invoke, bank, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert _recorded(tmp_path / "out") == {"directory": str(bank), "commit": head,
                                           "head": "refs/heads/other"}


def test_the_team_bank_commit_is_recorded_not_the_shipped_bank_one(
        invoke: Any, tmp_path: Path) -> None:
    repo = tmp_path / "team"
    write_bank(repo, [question("design-our-own")])
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "team bank")
    out = tmp_path / "out"
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                    "--format", "html", "--out", str(out), "--bank", str(repo))
    assert result.exit_code == 0, result.stderr
    assert _recorded(out) == {"directory": str(repo), "commit": git(repo, "rev-parse", "HEAD"),
                              "head": "refs/heads/main"}


def test_a_repository_that_cannot_be_read_records_no_commit(invoke: Any,
                                                             tmp_path: Path) -> None:
    repo, bank = _repo_with_bank(tmp_path)
    outside = tmp_path / "outside"
    outside.write_text("0" * 40 + "\n")
    head = repo / ".git" / "HEAD"
    for content in ("ref: ../../outside\n", "ref: refs/heads/../../../../outside\n",
                    "not a ref\n", "ref: refs/heads/unborn\n",
                    # a name longer than a file system allows (ENAMETOOLONG on its stat)
                    f"ref: refs/heads/{'a' * 300}\n"):
        head.write_text(content)
        result = _build(invoke, bank, tmp_path / "out", "--force")
        assert result.exit_code == 0, result.stderr
        assert _recorded(tmp_path / "out") is None, content


def test_a_fifo_as_head_is_refused_at_once(tmp_path: Path) -> None:
    repo, bank = _repo_with_bank(tmp_path)
    (repo / ".git" / "HEAD").unlink()
    os.mkfifo(repo / ".git" / "HEAD")
    result = _run(tmp_path, "kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage",
                  "values", "--format", "html", "--out", str(tmp_path / "out"),
                  "--no-default-bank", "--bank", str(bank))
    assert result.returncode == 0, result.stderr
    assert _recorded(tmp_path / "out") is None


def test_interviewkit_toml_is_read_only_inside_its_folder(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    (work / "interviewkit.toml").symlink_to(secret)
    result = _run(work, "kit", "build", "-r", ROLE, "--candidate", "Ada", "--format", "html")
    assert result.returncode == 2
    assert result.stderr.startswith("interviewkit.toml: is a link to a file outside its "
                                    "directory")
    assert SECRET not in result.stdout + result.stderr
    (work / "interviewkit.toml").unlink()
    os.mkfifo(work / "interviewkit.toml")
    result = _run(work, "kit", "build", "-r", ROLE, "--candidate", "Ada", "--format", "html")
    assert result.returncode == 2
    assert "interviewkit.toml: is a named pipe (FIFO), not a regular file" in result.stderr
