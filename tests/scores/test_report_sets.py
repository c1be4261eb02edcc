"""A report's files are one set: a debrief or calibration written in another format removes
the files of the earlier one that nobody changed, and keeps (and names) any other file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

ROLE = "engineering-manager"


def _kit(invoke: Any, out: Path) -> Path:
    built = invoke("kit", "build", "-r", ROLE, "--candidate", "Avery Quinn", "--out", str(out),
                   "--format", "html", "--yaml-scorecards")
    assert built.exit_code == 0, built.stderr
    (out / "scores").mkdir(exist_ok=True)
    return out


def _card(kit: Path, stage: str, who: str, ratings: dict[str, int], overall: int) -> None:
    card = yaml.safe_load((kit / f"scorecard-{stage}.yaml").read_text())
    card.update(interviewer=who, ratings=ratings, overall=overall,
                evidence={c: "noted" for c in ratings})
    (kit / "scores" / f"{stage}.yaml").write_text(yaml.safe_dump(card))


def test_a_debrief_in_another_format_removes_the_earlier_pdf(invoke: Any,
                                                             tmp_path: Path) -> None:
    kit = _kit(invoke, tmp_path / "kit")
    _card(kit, "screen", "Ann", {"leadership": 2}, 2)
    first = invoke("debrief", str(kit), "--format", "both")
    assert first.exit_code == 0, first.stderr
    assert (kit / "debrief.pdf").exists()
    _card(kit, "delivery", "Bob", {"leadership": 4, "ops": 3}, 3)
    second = invoke("debrief", str(kit), "--format", "html")
    assert second.exit_code == 0, second.stderr
    assert not (kit / "debrief.pdf").exists()  # it showed one card; the set now shows two
    assert len(json.loads((kit / "debrief.json").read_text())["cards"]) == 2
    assert "debrief.pdf" not in second.stdout + second.stderr


def test_a_debrief_pdf_the_tool_did_not_write_stays_and_is_named(invoke: Any,
                                                                 tmp_path: Path) -> None:
    kit = _kit(invoke, tmp_path / "kit")
    _card(kit, "screen", "Ann", {"leadership": 2}, 2)
    assert invoke("debrief", str(kit), "--format", "both").exit_code == 0
    with (kit / "debrief.pdf").open("ab") as changed:  # notes added by hand, say
        changed.write(b"\n% signed by the panel\n")
    kept = (kit / "debrief.pdf").read_bytes()
    again = invoke("debrief", str(kit), "--format", "html")
    assert again.exit_code == 0, again.stderr
    assert (kit / "debrief.pdf").read_bytes() == kept
    assert f"{kit / 'debrief.pdf'}: kept" in again.stderr
    # one put there by hand, with no earlier debrief at all
    other = _kit(invoke, tmp_path / "other")
    _card(other, "screen", "Ann", {"leadership": 2}, 2)
    (other / "debrief.pdf").write_bytes(b"%PDF-1.7 mine")
    mine = invoke("debrief", str(other), "--format", "html")
    assert mine.exit_code == 0, mine.stderr
    assert (other / "debrief.pdf").read_bytes() == b"%PDF-1.7 mine"
    assert f"{other / 'debrief.pdf'}: kept" in mine.stderr


def test_a_debrief_record_removes_nothing_outside_the_debrief(invoke: Any,
                                                             tmp_path: Path) -> None:
    """debrief.json is a file anyone can write: what it lists is only trusted for the
    debrief's own file names, never kit.json or a path elsewhere."""
    import hashlib

    kit = _kit(invoke, tmp_path / "kit")
    _card(kit, "screen", "Ann", {"leadership": 2}, 2)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    listed = [{"name": name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
              for name, path in (("kit.json", kit / "kit.json"), ("../precious.txt", outside),
                                 ("scorecard-screen.yaml", kit / "scorecard-screen.yaml"))]
    (kit / "debrief.json").write_text(json.dumps({"files": listed}))
    result = invoke("debrief", str(kit), "--format", "html")
    assert result.exit_code == 0, result.stderr
    assert (kit / "kit.json").exists() and (kit / "scorecard-screen.yaml").exists()
    assert outside.read_text() == "keep me"


def test_a_calibration_in_another_format_replaces_the_earlier_set(invoke: Any,
                                                                  tmp_path: Path) -> None:
    kit = _kit(invoke, tmp_path / "kits" / "avery")
    _card(kit, "screen", "Ann", {"leadership": 2}, 2)
    report = tmp_path / "report"
    full = invoke("calibrate", str(tmp_path / "kits"), "--out", str(report))
    assert full.exit_code == 0, full.stderr
    assert (report / "roles.csv").exists()
    (report / "notes.txt").write_text("ours")  # not a calibration file: never touched
    html = invoke("calibrate", str(tmp_path / "kits"), "--out", str(report), "--format",
                  "html")
    assert html.exit_code == 0, html.stderr
    assert sorted(p.name for p in report.iterdir()) == [
        "calibration.html", "calibration.json", "notes.txt"]
    (report / "roles.csv").write_text("role,mine\n")  # a file of the user's own
    again = invoke("calibrate", str(tmp_path / "kits"), "--out", str(report), "--format",
                   "html")
    assert again.exit_code == 0, again.stderr
    assert (report / "roles.csv").read_text() == "role,mine\n"
    assert f"{report / 'roles.csv'}: kept" in again.stderr


def test_a_debrief_never_replaces_a_file_changed_since_it_wrote_it(invoke: Any,
                                                                   tmp_path: Path) -> None:
    """The record says which files are the debrief's as written: one changed since (the
    panel's notes added to it) is not written over by the next debrief, any more than it is
    removed by one in another format."""
    kit = _kit(invoke, tmp_path / "kit")
    _card(kit, "screen", "Ann", {"leadership": 2}, 2)
    assert invoke("debrief", str(kit), "--format", "html").exit_code == 0
    with (kit / "debrief.html").open("a") as changed:
        changed.write("<p>Signed by the panel</p>\n")
    kept = (kit / "debrief.html").read_bytes()
    record = (kit / "debrief.json").read_bytes()
    again = invoke("debrief", str(kit), "--format", "html")
    assert again.exit_code == 2
    assert f"{kit / 'debrief.html'}: changed since the debrief wrote it" in again.stderr
    assert (kit / "debrief.html").read_bytes() == kept
    assert (kit / "debrief.json").read_bytes() == record  # nothing was written
    (kit / "debrief.html").rename(kit / "signed.html")
    assert invoke("debrief", str(kit), "--format", "html").exit_code == 0


def test_calibrate_never_replaces_a_teams_own_csv_in_out(invoke: Any, tmp_path: Path) -> None:
    """--out at a folder that holds a file of ours by name (questions.csv, as `questions
    export` writes it) but no calibration that wrote it: the file is the team's."""
    kit = _kit(invoke, tmp_path / "kits" / "avery")
    _card(kit, "screen", "Ann", {"leadership": 2}, 2)
    work = tmp_path / "work"
    work.mkdir()
    (work / "questions.csv").write_text("id,prompt\nours,Our own question\n")
    result = invoke("calibrate", str(tmp_path / "kits"), "--out", str(work))
    assert result.exit_code == 2
    assert f"{work / 'questions.csv'}: not written by a calibration here" in result.stderr
    assert sorted(p.name for p in work.iterdir()) == ["questions.csv"]
    assert (work / "questions.csv").read_text() == "id,prompt\nours,Our own question\n"


def test_a_record_from_before_reports_listed_their_files_still_lets_them_be_replaced(
        invoke: Any, tmp_path: Path) -> None:
    """A debrief.json without `files` (an interviewkit that did not list them) vouches for
    the debrief files beside it, as it always did."""
    kit = _kit(invoke, tmp_path / "kit")
    _card(kit, "screen", "Ann", {"leadership": 2}, 2)
    assert invoke("debrief", str(kit), "--format", "html").exit_code == 0
    record = json.loads((kit / "debrief.json").read_text())
    del record["files"]
    (kit / "debrief.json").write_text(json.dumps(record))
    (kit / "debrief.html").write_text("<p>an older debrief</p>")
    again = invoke("debrief", str(kit), "--format", "html")
    assert again.exit_code == 0, again.stderr
    assert "an older debrief" not in (kit / "debrief.html").read_text()


# a debrief whose process is killed (SIGKILL: nothing of ours runs) just before its `at`th
# rename; os.replace is the system's, counted
KILLED = textwrap.dedent("""
    import os, signal, sys
    from interviewkit import output
    from interviewkit.entry import main

    at, real, calls = int(sys.argv[1]), os.replace, [0]

    def replace(source, target):
        calls[0] += 1
        if calls[0] == at:
            os.kill(os.getpid(), signal.SIGKILL)
        real(source, target)

    output.os.replace = replace
    sys.argv = ["interviewkit", *sys.argv[2:]]
    main()
""")


def test_a_debrief_killed_during_its_renames_is_completed_by_the_next(invoke: Any,
                                                                      tmp_path: Path) -> None:
    """Killed at any point while putting its files in place, a debrief leaves a set that is
    half old, half new; the next debrief completes it first, so the earlier PDF (older
    figures) still goes when the debrief is written as HTML, and no leftover of ours stays."""
    import shutil

    first = _kit(invoke, tmp_path / "first")
    _card(first, "screen", "Ann", {"leadership": 2}, 2)
    assert invoke("debrief", str(first), "--format", "both").exit_code == 0
    _card(first, "delivery", "Bob", {"leadership": 4, "ops": 3}, 3)
    killed_at = []
    for step in range(1, 6):
        kit = shutil.copytree(first, tmp_path / f"killed-at-{step}")
        killed = subprocess.run([sys.executable, "-c", KILLED, str(step), "debrief", str(kit),
                                 "--format", "html"], capture_output=True, text=True,
                                timeout=120, env={**os.environ, "INTERVIEWKIT_BANK": ""})
        if killed.returncode == 0:
            break
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        killed_at.append(step)
        again = invoke("debrief", str(kit), "--format", "html")
        assert again.exit_code == 0, (step, again.stderr)
        assert len(json.loads((kit / "debrief.json").read_text())["cards"]) == 2
        assert not (kit / "debrief.pdf").exists(), step  # the older figures are gone
        assert not [p.name for p in kit.iterdir() if p.name.startswith(".")], step
    assert killed_at


def test_a_debrief_waits_for_no_one_writing_in_its_folder(invoke: Any, tmp_path: Path) -> None:
    """A kit build holds the kit folder's lock while it writes (and removes temporary files
    it finds there): a debrief that comes meanwhile says so and writes nothing."""
    import fcntl

    kit = _kit(invoke, tmp_path / "kit")
    _card(kit, "screen", "Ann", {"leadership": 2}, 2)
    descriptor = os.open(kit, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as the build takes it
        result = invoke("debrief", str(kit), "--format", "html")
    finally:
        os.close(descriptor)
    assert result.exit_code == 2
    assert "another interviewkit command is writing in this folder" in result.stderr
    assert not (kit / "debrief.json").exists()
    assert invoke("debrief", str(kit), "--format", "html").exit_code == 0
