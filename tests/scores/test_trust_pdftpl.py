"""Hostile input that reaches pypdf, Jinja and role inheritance: one located message, never a
traceback.

Card PDFs are written byte by byte here (a reference cycle, a self-referencing object, a
decompression bomb); team templates and role files are real files in tmp_path.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

from interviewkit.bank.load import load_bank
from interviewkit.scores.cards import read_scorecards

from ..conftest import fill_with_pypdf

ROLE = "engineering-manager"
GOOD_CARDS = {  # stage -> field values; both cards complete
    "screen": {"interviewer": "Ann Lee", "rating_leadership": "2",
               "evidence_leadership": "Gave feedback once, late.", "overall": "2"},
    "delivery": {"interviewer": "Bob Ray", "rating_leadership": "4", "evidence_leadership": "",
                 "rating_ops": "3", "evidence_ops": "Staged rollout with flags.",
                 "overall": "3"},
}


# --- card PDFs written by hand ---------------------------------------------------------------

def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF whose objects 1..n are `objects`, with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, xref)
    return bytes(out)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R /AcroForm 3 0 R >>"
PAGES = b"<< /Type /Pages /Kids [] /Count 0 >>"
# A field that is its own parent: pypdf raises LimitReachedError finding its full name.
PARENT_CYCLE = _pdf([CATALOG, PAGES, b"<< /Fields [4 0 R] >>",
                     b"<< /T (overall) /FT /Tx /V (3) /Parent 4 0 R >>"])
# An object that is a reference to itself: pypdf fails inside with an AttributeError.
SELF_REFERENCE = _pdf([CATALOG, PAGES, b"3 0 R"])


def _bomb(inflated: int = 80_000_000) -> bytes:
    """A PDF whose form lives in an object stream that inflates to `inflated` bytes (more
    than pypdf's own 75 MB limit), from about 80 KB on disk."""
    packer = zlib.compressobj(9)
    chunk = b" " * 1_000_000
    payload = b"".join(packer.compress(chunk) for _ in range(inflated // len(chunk)))
    payload += packer.flush()
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number, body in ((1, CATALOG), (2, PAGES), (4, b"<< /Type /ObjStm /N 1 /First 4 "
                                                     b"/Length %d /Filter /FlateDecode >>\n"
                                                     b"stream\n%s\nendstream"
                                                     % (len(payload), payload))):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    rows = b"".join(struct.pack(">BIH", *row) for row in (
        (0, 0, 65535), (1, offsets[1], 0), (1, offsets[2], 0), (2, 4, 0),  # 3 is in stream 4
        (1, offsets[4], 0), (1, xref, 0)))
    out += (b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
            b"%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % (len(rows), rows, xref))
    return bytes(out)


BAD_CARDS = {"parent-cycle.pdf": PARENT_CYCLE, "self-reference.pdf": SELF_REFERENCE,
             "bomb.pdf": _bomb(), "not-a-pdf.pdf": b"hello, this is not a PDF\n"}


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PDF kit with two complete cards in scores/, built once for this module."""
    from typer.testing import CliRunner

    from interviewkit.cli import app

    out = tmp_path_factory.mktemp("em") / "kit"
    built = CliRunner().invoke(app, ["kit", "build", "-r", ROLE, "--candidate", "Dana Scully",
                                     "--out", str(out), "--format", "pdf", "--date",
                                     "2026-02-01", "--stage", "screen", "--stage",
                                     "delivery"])
    assert built.exit_code == 0, built.stderr
    for stage, values in GOOD_CARDS.items():
        fill_with_pypdf(out / f"scorecard-{stage}.pdf", out / "scores" / f"{stage}.pdf", values)
    return out


def _kit_with(kit: Path, tmp_path: Path, name: str) -> Path:
    """A copy of the kit with one bad card added to its scores/."""
    copy = tmp_path / "kits" / "dana"
    shutil.copytree(kit, copy)
    (copy / "scores" / name).write_bytes(BAD_CARDS[name])
    return copy


def _one_line_about(stderr: str, name: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith(f"{name}: not a readable PDF (")
    return lines[0]


@pytest.mark.parametrize("name", sorted(BAD_CARDS))
def test_scores_read_reports_an_unreadable_card_in_one_line(
        name: str, invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_bytes(BAD_CARDS[name])
    result = invoke("scores", "read", name)
    assert result.exit_code == 2
    assert result.stdout == ""
    _one_line_about(result.stderr, name)


def test_the_messages_say_what_is_wrong(invoke: Any, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, data in BAD_CARDS.items():
        Path(name).write_bytes(data)
    said = {name: _one_line_about(invoke("scores", "read", name).stderr, name)
            for name in BAD_CARDS}
    assert "cycle in /Parent" in said["parent-cycle.pdf"]
    assert "limit" in said["bomb.pdf"].lower()


@pytest.mark.parametrize("name", sorted(BAD_CARDS))
def test_debrief_stops_on_an_unreadable_card_and_partial_goes_on(
        name: str, kit: Path, invoke: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _kit_with(kit, tmp_path, name)
    monkeypatch.chdir(copy)
    strict = invoke("debrief", ".", "--format", "html")
    assert strict.exit_code == 2
    _one_line_about(strict.stderr, f"scores/{name}")
    assert not (copy / "debrief.json").exists()
    partial = invoke("debrief", ".", "--format", "html", "--partial")
    assert partial.exit_code == 0, partial.stderr
    assert "Traceback" not in partial.stderr
    assert partial.stderr.splitlines() == [
        f"incomplete: {_one_line_about(strict.stderr, f'scores/{name}')}",
        "1 incomplete card set aside"]
    assert partial.stdout.splitlines()[-1].startswith("2 scorecards, ")
    debrief = json.loads((copy / "debrief.json").read_text())
    assert debrief["overall_counts"] == {"1": 0, "2": 1, "3": 1, "4": 0}


@pytest.mark.parametrize("name", sorted(BAD_CARDS))
def test_calibrate_sets_an_unreadable_card_aside(name: str, kit: Path, invoke: Any,
                                                 tmp_path: Path) -> None:
    copy = _kit_with(kit, tmp_path, name)
    stopped = invoke("calibrate", str(tmp_path / "kits"), "--out", str(tmp_path / "report"),
                     "--format", "json")
    assert stopped.exit_code == 2
    assert stopped.stderr.startswith(str(copy / "scores" / name))
    assert "Traceback" not in stopped.stderr
    result = invoke("calibrate", str(tmp_path / "kits"), "--out", str(tmp_path / "report"),
                    "--format", "json", "--partial")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1] == "1 kits, 2 scorecards, 1 incomplete set aside"


def test_the_api_sets_an_unreadable_card_aside(kit: Path, tmp_path: Path) -> None:
    copy = _kit_with(kit, tmp_path, "bomb.pdf")
    paths = sorted((copy / "scores").iterdir())
    result = read_scorecards(paths, load_bank(), partial=True)
    assert sorted(card.stage for card in result.cards) == ["delivery", "screen"]
    assert [p.file for p in result.problems] == [str(copy / "scores" / "bomb.pdf")]
    assert result.incomplete == [str(copy / "scores" / "bomb.pdf")]


def test_a_bomb_stops_at_our_limit_well_below_pypdfs_own(invoke: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from interviewkit.scores.cards import MAX_CARD_STREAM_BYTES

    monkeypatch.chdir(tmp_path)
    Path("bomb.pdf").write_bytes(_bomb(inflated=5 * MAX_CARD_STREAM_BYTES))  # 20 MB < 75 MB
    result = invoke("scores", "read", "bomb.pdf")
    assert result.exit_code == 2
    assert _one_line_about(result.stderr, "bomb.pdf").startswith(
        "bomb.pdf: not a readable PDF (Limit reached while decompressing.")


def test_pypdf_log_lines_never_reach_the_terminal(tmp_path: Path) -> None:
    # In a child process: under pytest, pytest's own log handler would swallow them anyway.
    (tmp_path / "not-a-pdf.pdf").write_bytes(BAD_CARDS["not-a-pdf.pdf"])
    (tmp_path / "parent-cycle.pdf").write_bytes(PARENT_CYCLE)
    env = {**os.environ, "INTERVIEWKIT_BANK": ""}
    result = subprocess.run([sys.executable, "-m", "interviewkit", "scores", "read",
                             "not-a-pdf.pdf", "parent-cycle.pdf", "--partial"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "incomplete: not-a-pdf.pdf: not a readable PDF",
        "incomplete: parent-cycle.pdf: not a readable PDF",
        "2 incomplete cards set aside"]


def test_a_card_larger_than_the_limit_is_not_read(invoke: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from interviewkit.scores.cards import MAX_CARD_BYTES

    monkeypatch.chdir(tmp_path)
    with open("huge.pdf", "wb") as card:
        card.write(PARENT_CYCLE)
        card.truncate(MAX_CARD_BYTES + 1)  # sparse: no disk used
    result = invoke("scores", "read", "huge.pdf")
    assert result.exit_code == 2
    assert result.stderr == (f"huge.pdf: larger than {MAX_CARD_BYTES // 1024 // 1024} MiB, "
                             "far more than a filled scorecard\n")


# --- team templates that fail while they run ---------------------------------------------------

ENDLESS = ("maximum recursion depth exceeded: a macro, include or extends that never ends, or "
           "nesting too deep")
RUNTIME_ERRORS = {  # packet.html.j2 -> (line, what the message says)
    "division": ("<p>\n{{ 1 / 0 }}\n", 2, "division by zero"),
    "recursion": ("{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}\n{{ down(0) }}\n", 1,
                  ENDLESS),
    "self-extends": ('{% extends "packet.html.j2" %}\n', 1, ENDLESS),
    "range": ("\n\n{% for i in range(10**7) %}{{ i }}{% endfor %}\n", 3,
              "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000)."),
    "codec": ('{{ "x".encode("nope\x1b[31m") }}\n', 1, "unknown encoding: nope [31m"),
}
TOO_LARGE = "template error: the result of {} would be too large (a template may make at " \
            "most 100000 characters, items or bits at once)"
HUGE_RESULTS = {  # each would take gigabytes (or, for the power, hang while compiling)
    "repeat": ('{{ "x" * 10**9 }}\n', TOO_LARGE.format("*")),
    "power": ("{{ 9 ** 999999999 }}\n", TOO_LARGE.format("**")),
    "printf": ('{{ "%0999999999d" % 1 }}\n', TOO_LARGE.format("%")),
    "printf-star": ('{{ "%*d" % (999999999, 1) }}\n', TOO_LARGE.format("%")),
}
BUILD = ("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out", "out", "--format", "html",
         "--stage", "values", "--templates", "team")


@pytest.mark.parametrize("case", sorted(RUNTIME_ERRORS))
def test_a_template_that_fails_while_it_runs_is_a_located_error(
        case: str, invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, line, message = RUNTIME_ERRORS[case]
    monkeypatch.chdir(tmp_path)
    Path("team").mkdir()
    Path("team/packet.html.j2").write_text(source)
    result = invoke(*BUILD)
    assert result.exit_code == 2
    assert result.stderr == f"error: team/packet.html.j2:{line}: template error: {message}\n"
    assert not Path("out").exists()


@pytest.mark.parametrize("case", sorted(HUGE_RESULTS))
def test_a_template_cannot_ask_for_gigabytes(case: str, tmp_path: Path) -> None:
    source, message = HUGE_RESULTS[case]
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "packet.html.j2").write_text(source)
    # a child process, with a timeout only as a guard: unbounded, these take minutes or more
    result = subprocess.run([sys.executable, "-m", "interviewkit", *BUILD], cwd=tmp_path,
                            env={**os.environ, "INTERVIEWKIT_BANK": ""}, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 2
    assert result.stderr == f"error: team/packet.html.j2:1: {message}\n"


GREEDY = {  # each asks for a gigabyte or more in ways no operator check sees
    "format-width": '{{ "{:>1000000000}".format(1) }}\n',
    "center": '{{ "x"|center(1000000000) }}\n',
    "format-filter": '{{ "%1000000000d"|format(1) }}\n',
    "replace": '{{ ("x" * 100000)|replace("x", "x" * 10000) }}\n',
    "doubling": '{% set ns = namespace(s="x") %}{% for i in range(40) %}'
                '{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}\n',
}


@pytest.mark.parametrize("case", sorted(GREEDY))
def test_a_template_cannot_take_more_than_its_share_of_memory(case: str,
                                                              tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "packet.html.j2").write_text(GREEDY[case])
    result = subprocess.run([sys.executable, "-m", "interviewkit", *BUILD], cwd=tmp_path,
                            env={**os.environ, "INTERVIEWKIT_BANK": ""}, capture_output=True,
                            text=True, timeout=300)  # a guard against a hang, not a measure
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: team/packet.html.j2"), result.stderr
    assert "MiB" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_a_template_cannot_run_for_ever(invoke: Any, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from interviewkit.kit import render

    monkeypatch.setattr(render, "CHILD_SECONDS", 1)  # the child inherits it
    monkeypatch.chdir(tmp_path)
    Path("team").mkdir()
    Path("team/packet.html.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n")
    result = invoke(*BUILD)
    assert result.exit_code == 2
    assert result.stderr == ("error: team/packet.html.j2: template error: it took more than "
                             "1 s of processor time\n")


def test_ordinary_arithmetic_and_formatting_still_work(invoke: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("team").mkdir()
    Path("team/packet.html.j2").write_text(
        '{{ "%05.1f" % 3.14159 }}|{{ "-" * 5 }}|{{ 2 ** 10 }}|{{ 3 * 4 }}|{{ [0] * 3 }}|'
        '{{ "%(n)3d" % {"n": 7} }}\n')
    result = invoke(*BUILD)
    assert result.exit_code == 0, result.stderr
    assert Path("out/candidate-packet.html").read_text() == \
        "003.1|-----|1024|12|[0, 0, 0]|  7\n"


def test_an_exception_in_our_own_view_code_is_not_blamed_on_the_template(tmp_path: Path
                                                                           ) -> None:
    from interviewkit.kit.render import Renderer
    from interviewkit.kit.views import Branding

    (tmp_path / "page.html.j2").write_text("{{ brand.accent_tint }}\n")
    brand = Branding(company="Acme", accent="not a colour", logo_data_uri=None,
                     page_size="A4", date="")
    # a team's templates render in a process of their own: the bug comes back with its
    # traceback from there, never as a template error
    with pytest.raises(RuntimeError, match=r"(?s)Traceback.*ValueError: invalid literal for "
                       "int"):
        Renderer([tmp_path]).render("page.html.j2", brand=brand)


def test_a_template_nested_too_deeply_to_compile_names_its_file(
        invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("team").mkdir()
    Path("team/packet.html.j2").write_text("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}\n")
    result = invoke(*BUILD)
    assert result.exit_code == 2
    assert result.stderr == f"error: team/packet.html.j2: template error: {ENDLESS}\n"


# --- roles that extend roles -------------------------------------------------------------------

def _chain(bank: Path, length: int) -> Path:
    """role-000 extends role-001 ... which extends the shipped senior-python-engineer; the
    files are read in that order, so role-000 has to wait for the whole chain."""
    (bank / "roles").mkdir(parents=True)
    for n in range(length):
        parent = f"role-{n + 1:03}" if n + 1 < length else "senior-python-engineer"
        (bank / "roles" / f"role-{n:03}.yaml").write_text(f"id: role-{n:03}\n"
                                                         f"extends: {parent}\n")
    return bank


def test_a_chain_of_a_thousand_roles_is_one_located_error(invoke: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from interviewkit.bank.extends import MAX_EXTENDS_DEPTH

    monkeypatch.chdir(tmp_path)
    _chain(Path("team"), 1000)
    result = invoke("bank", "validate", "--bank", "team")
    assert result.exit_code == 2
    first_too_deep = 1000 - MAX_EXTENDS_DEPTH - 1  # role-999 is number 1 in the chain
    assert result.stderr == (
        f"team/roles/role-{first_too_deep:03}.yaml:2:1: extends: more than "
        f"{MAX_EXTENDS_DEPTH} roles extend one another in a row ('role-{first_too_deep + 1:03}' "
        f"is number {MAX_EXTENDS_DEPTH}); extend a role earlier in the chain\n")


def test_a_chain_as_long_as_allowed_loads(tmp_path: Path) -> None:
    from interviewkit.bank.extends import MAX_EXTENDS_DEPTH

    bank = load_bank(_chain(tmp_path / "team", MAX_EXTENDS_DEPTH), use_cache=False)
    role, start = bank.role("role-000"), bank.role("senior-python-engineer")
    assert role is not None and start is not None
    assert role.extends == "role-001"
    assert [s.id for s in role.stages] == [s.id for s in start.stages]
