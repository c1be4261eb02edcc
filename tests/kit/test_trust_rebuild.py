"""A rebuild never loses what it did not write; a crash at any point leaves a complete kit;
outputs follow the umask; a malformed kit.json is a located error."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from interviewkit.kit.manifest import read_manifest

from ..conftest import snapshot

ROLE = "senior-python-engineer"
BUILD = ["kit", "build", "-r", ROLE, "--candidate", "Ada Lovelace", "--format", "html",
         "--stage", "values"]


def build(invoke: Any, out: Path, *extra: str) -> Any:
    result = invoke(*BUILD, "--out", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return result


def team_files(out: Path) -> dict[str, bytes | None]:
    """What interviewers and the team put in a kit folder."""
    (out / "scores" / "values-ann.yaml").write_text("interviewer: Ann\n")
    (out / "scores" / "values-bob.pdf").write_bytes(b"%PDF-1.7 filled by Bob")
    (out / "debrief.html").write_text("<p>our debrief</p>")
    (out / "notes.txt").write_text("call the candidate back on Friday")
    (out / "extra" / "nested").mkdir(parents=True)
    (out / "extra" / "nested" / "timeline.md").write_text("- offer\n")
    return {name: data for name, data in snapshot(out).items()
            if name.startswith(("scores", "debrief", "notes", "extra"))}


def assert_complete(out: Path) -> None:
    """kit.json reads and every file it lists is there, whole."""
    import hashlib

    manifest = read_manifest(out / "kit.json")
    for entry in manifest.files:
        assert hashlib.sha256((out / entry.name).read_bytes()).hexdigest() == entry.sha256


def test_build_makes_an_empty_scores_folder(invoke: Any, tmp_path: Path) -> None:
    build(invoke, tmp_path / "kit")
    assert (tmp_path / "kit" / "scores").is_dir()
    assert not any((tmp_path / "kit" / "scores").iterdir())


def test_forced_rebuild_keeps_every_file_the_kit_did_not_write(invoke: Any,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "kit"
    build(invoke, out, "--date", "2026-01-01")
    kept = team_files(out)
    build(invoke, out, "--date", "2030-12-31", "--force")
    after = snapshot(out)
    assert {name: after.get(name) for name in kept} == kept
    assert "2030-12-31" in (out / "guide-values.html").read_text()
    assert_complete(out)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_rebuild_removes_only_its_own_files_it_no_longer_writes(invoke: Any,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "kit"
    build(invoke, out, "--yaml-scorecards")
    kept = team_files(out)
    build(invoke, out, "--force")  # no YAML cards this time: the unchanged skeleton goes
    assert not (out / "scorecard-values.yaml").exists()
    build(invoke, out, "--force", "--yaml-scorecards")
    (out / "scorecard-values.yaml").write_text("interviewer: Ann, typed in place\n")
    build(invoke, out, "--force")  # a skeleton someone typed into is kept
    assert (out / "scorecard-values.yaml").read_text() == "interviewer: Ann, typed in place\n"
    assert "scorecard-values.yaml" not in read_manifest(out / "kit.json").file_hashes()
    after = snapshot(out)
    assert {name: after.get(name) for name in kept} == kept
    again = invoke(*BUILD, "--out", str(out), "--force", "--yaml-scorecards")
    assert again.exit_code == 2  # it is not the kit's any more: never written over
    assert "scorecard-values.yaml: this kit did not write it" in again.stderr
    assert (out / "scorecard-values.yaml").read_text() == "interviewer: Ann, typed in place\n"


def test_rebuild_refuses_to_replace_a_changed_or_foreign_file(invoke: Any,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "kit"
    build(invoke, out)
    (out / "scorecard-values.html").write_text("<p>filled in place</p>")
    before = snapshot(out)
    result = invoke(*BUILD, "--out", str(out), "--force", "--date", "2031-01-01")
    assert result.exit_code == 2
    assert "scorecard-values.html: changed since the kit wrote it" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before

    foreign = tmp_path / "foreign"
    build(invoke, foreign)
    (foreign / "scorecard-values.yaml").write_text("a file of the team's")
    before = snapshot(foreign)
    result = invoke(*BUILD, "--out", str(foreign), "--force", "--yaml-scorecards")
    assert result.exit_code == 2
    assert "scorecard-values.yaml: this kit did not write it" in result.stderr
    assert snapshot(foreign) == before


def test_a_listed_name_outside_the_kit_is_refused_and_nothing_is_deleted(invoke: Any,
                                                                         tmp_path: Path
                                                                         ) -> None:
    import hashlib

    out = tmp_path / "kit"
    build(invoke, out)
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    manifest = json.loads((out / "kit.json").read_text())
    manifest["files"].append({"name": "../precious.txt",
                              "sha256": hashlib.sha256(b"keep me").hexdigest()})
    (out / "kit.json").write_text(json.dumps(manifest, indent=2))
    result = invoke(*BUILD, "--out", str(out), "--force")
    assert result.exit_code == 2
    assert "kit.json:" in result.stderr and "files[" in result.stderr
    assert "'../precious.txt' is not the name of a file in the kit folder" in result.stderr
    assert victim.read_text() == "keep me"


# --- a crash at any point -------------------------------------------------------------------

CRASH = textwrap.dedent("""
    import os, signal, sys
    from interviewkit import output
    from interviewkit.entry import main

    at, how = int(sys.argv[1]), sys.argv[2]
    real, calls = os.replace, [0]
    # Ctrl-C as on a terminal, even when the tests run as a background job (whose children
    # inherit SIGINT ignored, which Python then keeps)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def replace(source, target):
        calls[0] += 1
        if calls[0] == at:
            os.kill(os.getpid(), getattr(signal, how))
        real(source, target)

    output.os.replace = replace
    sys.argv = ["interviewkit", *sys.argv[3:]]
    main()
""")


def crash_at(step: int, how: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CRASH, str(step), how, *BUILD, "--out",
                           str(out), *extra], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "INTERVIEWKIT_BANK": ""})


def test_killed_at_every_step_of_a_rebuild_the_kit_is_whole(invoke: Any,
                                                            tmp_path: Path) -> None:
    out = tmp_path / "kits" / "ada"
    build(invoke, out, "--date", "2026-01-01")
    old = (out / "kit.json").read_bytes()
    kept = team_files(out)
    fresh = tmp_path / "fresh"
    build(invoke, fresh, "--date", "2030-12-31")
    new = json.loads((fresh / "kit.json").read_text())
    steps = len(new["files"]) + 2  # the journal, each document, kit.json
    for step in range(1, steps + 1):
        killed = crash_at(step, "SIGKILL", out, "--date", "2030-12-31", "--force")
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        # whatever reads the kit next sees one whole kit, the old or the new
        counted = invoke("calibrate", str(tmp_path / "kits"), "--format", "json", "--out",
                         str(tmp_path / "report"), "--partial")  # the team's odd files
        assert counted.exit_code == 0, counted.stderr
        assert (out / "kit.json").read_bytes() in (old, (fresh / "kit.json").read_bytes())
        assert_complete(out)
        after = snapshot(out)
        assert {name: after.get(name) for name in kept} == kept
        assert "\n1 kits, 0 scorecards" in counted.stdout, counted.stdout
        # the next build recovers: the new kit, nothing of ours left over, all else kept
        again = invoke(*BUILD, "--out", str(out), "--date", "2030-12-31", "--force")
        assert again.exit_code == 0, (step, again.stderr)
        assert json.loads((out / "kit.json").read_text())["files"] == new["files"]
        assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
        after = snapshot(out)
        assert {name: after.get(name) for name in kept} == kept
        build(invoke, out, "--date", "2026-01-01", "--force")  # back to the old kit


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_interrupted_rebuild_says_so_in_one_line_and_leaves_a_whole_kit(how: str,
                                                                       invoke: Any,
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "ada"
    build(invoke, out, "--date", "2026-01-01")
    kept = team_files(out)
    for step in (1, 2, 4):
        stopped = crash_at(step, how, out, "--date", f"2030-12-0{step}", "--force")
        assert stopped.returncode == (130 if how == "SIGINT" else 143), stopped.stderr
        assert stopped.stderr.splitlines() == ["interrupted; no file was left half-written"]
        assert_complete(out)
        assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
        after = snapshot(out)
        assert {name: after.get(name) for name in kept} == kept


def test_leftovers_of_the_old_directory_swap_are_recovered_and_never_counted(
        invoke: Any, tmp_path: Path) -> None:
    kits = tmp_path / "kits"
    out = kits / "ada"
    build(invoke, out)
    kept = team_files(out)
    # what interviewkit 0.1 left when killed between its two renames
    set_aside = kits / ".ada.k2j4x9qa.old"
    set_aside.mkdir()
    out.rename(set_aside / "ada")
    partial = kits / ".ada.p0q1w2e3.partial"
    partial.mkdir()
    (partial / "guide-values.html").write_text("<p>half a kit</p>")
    (partial / "kit.json").write_text("{}")
    counted = invoke("calibrate", str(kits), "--format", "json", "--out", str(tmp_path / "r"))
    assert counted.exit_code == 2 and "no kit.json below" in counted.stderr
    result = invoke(*BUILD, "--out", str(out), "--force")
    assert result.exit_code == 0, result.stderr
    assert "put back the kit an interrupted rebuild had set aside" in result.stderr
    after = snapshot(out)
    assert {name: after.get(name) for name in kept} == kept
    assert sorted(p.name for p in kits.iterdir()) == ["ada"]


def test_a_team_folder_named_like_a_leftover_is_never_removed(invoke: Any,
                                                              tmp_path: Path) -> None:
    """Only the names interviewkit 0.1 gave its leftovers (mkdtemp's eight characters) are
    taken for them: a team's own `.ada.drafts.partial` of HTML pages is not ours."""
    kits = tmp_path / "kits"
    drafts = kits / ".ada.drafts.partial"
    drafts.mkdir(parents=True)
    (drafts / "notes.html").write_text("<p>our draft</p>")
    build(invoke, kits / "ada")
    assert (drafts / "notes.html").read_text() == "<p>our draft</p>"


def test_a_second_build_of_the_same_kit_at_once_is_refused(invoke: Any, tmp_path: Path) -> None:
    from interviewkit.output import directory_lock

    out = tmp_path / "ada"
    build(invoke, out, "--date", "2026-01-01")
    before = snapshot(out)
    with directory_lock(out) as held:  # as a build that is still running holds it
        assert held
        second = invoke(*BUILD, "--out", str(out), "--force", "--date", "2031-01-01")
        assert second.exit_code == 2
        assert "another interviewkit command is writing this kit" in second.stderr
        assert snapshot(out) == before
        fresh = invoke(*BUILD, "--out", str(tmp_path / "other"))  # other kits are not held
        assert fresh.exit_code == 0, fresh.stderr
    build(invoke, out, "--force", "--date", "2031-01-01")


def test_a_failed_first_build_leaves_no_folder(invoke: Any, tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "packet.html.j2").write_text("{{ view.no_such_field }}")
    failed = invoke(*BUILD, "--out", str(tmp_path / "ada"), "--templates", str(team))
    assert failed.exit_code == 2
    assert not (tmp_path / "ada").exists()


# --- permissions ----------------------------------------------------------------------------

@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_outputs_follow_the_umask(mask: int, invoke: Any, tmp_path: Path) -> None:
    previous = os.umask(mask)
    try:
        out = tmp_path / "kits" / "ada"
        build(invoke, out)
        report = invoke("calibrate", str(tmp_path / "kits"), "--out", str(tmp_path / "report"),
                        "--format", "json")
        assert report.exit_code == 0, report.stderr
    finally:
        os.umask(previous)
    for path in [out, out / "scores", tmp_path / "report"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o777 & ~mask, path
    for path in [*out.glob("*.html"), out / "kit.json", tmp_path / "report" /
                 "calibration.json"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path


def test_a_rebuilt_file_keeps_the_permissions_it_was_given(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "ada"
    build(invoke, out)
    (out / "guide-values.html").chmod(0o600)
    build(invoke, out, "--force", "--date", "2031-01-01")
    assert stat.S_IMODE((out / "guide-values.html").stat().st_mode) == 0o600


# --- a malformed kit.json -------------------------------------------------------------------

def test_malformed_kit_json_is_a_located_error_everywhere(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "kits" / "ada"
    build(invoke, out)
    manifest = json.loads((out / "kit.json").read_text())
    manifest["stages"][0]["competencies"] = 5
    text = json.dumps(manifest, indent=2)
    (out / "kit.json").write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"competencies": 5' in row)
    where = f"kit.json:{line}:"
    for args in (["debrief", str(out)], ["calibrate", str(tmp_path / "kits")],
                 ["scores", "export", str(tmp_path / "kits")],
                 [*BUILD, "--out", str(out), "--force"],
                 [*BUILD, "--out", str(tmp_path / "again"), "--avoid", str(out / "kit.json")],
                 [*BUILD, "--out", str(tmp_path / "again"), "--history", str(tmp_path / "kits")]):
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.stdout)
        assert where in result.stderr and "stages[0].competencies" in result.stderr, (
            args, result.stderr)
        assert "Traceback" not in result.stderr
    (out / "kit.json").write_text('{"kit_id": "x",\n  "stages": [}\n')
    result = invoke("debrief", str(out))
    assert result.exit_code == 2
    assert "kit.json:2:" in result.stderr and "not valid JSON" in result.stderr


def test_ctrl_c_while_the_command_line_loads_is_one_line_too() -> None:
    early = textwrap.dedent("""
        import sys

        class Interrupt:  # Ctrl-C while the command line's modules are being imported
            def find_spec(self, name, path=None, target=None):
                if name == "interviewkit.cli":
                    raise KeyboardInterrupt

        sys.meta_path.insert(0, Interrupt())
        from interviewkit.entry import main
        main()
    """)
    stopped = subprocess.run([sys.executable, "-c", early, "bank", "validate"],
                             capture_output=True, text=True, timeout=120)
    assert stopped.returncode == 130
    assert stopped.stderr.splitlines() == ["interrupted; no file was left half-written"]


def test_every_malformed_kit_json_is_reported_at_once(invoke: Any, tmp_path: Path) -> None:
    kits = tmp_path / "kits"
    for name in ("ada", "bob", "cy"):
        build(invoke, kits / name)
    for name in ("ada", "cy"):
        manifest = json.loads((kits / name / "kit.json").read_text())
        manifest["seed"] = "not a number"
        (kits / name / "kit.json").write_text(json.dumps(manifest, indent=2))
    for args in (["calibrate", str(kits), "--out", str(tmp_path / "report")],
                 ["scores", "export", str(kits)],
                 [*BUILD, "--out", str(tmp_path / "new"), "--history", str(kits)]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert "ada/kit.json:" in result.stderr and "cy/kit.json:" in result.stderr, args
        assert "2 problems found" in result.stderr


def test_odd_but_harmless_kit_folders(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "kits" / "ada"
    build(invoke, out)
    text = (out / "kit.json").read_text()
    (out / "kit.json").write_bytes("\ufeff".encode() + text.encode())  # saved with a BOM
    assert invoke("calibrate", str(tmp_path / "kits"), "--out", str(tmp_path / "r")
                  ).exit_code == 0
    (out / "scores").rmdir()
    (out / "scores").write_text("not a folder")
    before = snapshot(out)
    result = invoke(*BUILD, "--out", str(out), "--force")
    assert result.exit_code == 2
    assert "scores: is there and is not a folder" in result.stderr
    assert snapshot(out) == before
    result = invoke("scores", "export", str(out / "scores"))
    assert result.exit_code == 2 and "no kit.json below" in result.stderr


def filled_card(kit: Path, stage: str = "values") -> Path:
    """An interviewer's filled YAML card of the kit, in its scores/ folder."""
    import yaml

    manifest = read_manifest(kit / "kit.json")
    record = next(s for s in manifest.stages if s.stage == stage)
    card = {"kit_id": manifest.kit_id, "role": manifest.role, "candidate": manifest.candidate,
            "stage": stage, "interviewer": "Ann", "date": "2026-01-01",
            "ratings": {c: 3 for c in record.competencies or ()},
            "evidence": {c: "Weighed two designs aloud." for c in record.competencies or ()},
            "overall": 3}
    path = kit / "scores" / f"{stage}-ann.yaml"
    path.write_text(yaml.safe_dump(card, sort_keys=False))
    return path


def test_a_rebuild_that_would_draw_another_kit_keeps_the_one_with_filled_cards(
        invoke: Any, tmp_path: Path) -> None:
    """Filled cards belong to the kit they were filled for (its id is on them): a rebuild
    that draws another kit (an edited bank, another seed) would leave them without it, and
    the debrief would refuse them. It is refused, naming the cards; nothing changes."""
    from ..conftest import question, write_bank

    out = tmp_path / "kit"
    build(invoke, out, "--seed", "1")
    kit_id = read_manifest(out / "kit.json").kit_id
    card = filled_card(out)
    before = snapshot(out)
    for extra, why in ((("--seed", "2"), "seed 2, not 1"),
                       (("--seed", "1", "--bank", str(write_bank(
                           tmp_path / "bank", [question("design-team-extra")]))),
                        "the bank has changed")):
        result = invoke(*BUILD, "--out", str(out), "--force", *extra)
        assert result.exit_code == 2, result.stdout
        assert f"{out}: scores/ holds a filled card of kit {kit_id} ({card.name})" in \
            result.stderr
        assert why in result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(out) == before
    debrief = invoke("debrief", str(out), "--format", "html")
    assert debrief.exit_code == 0, debrief.stderr  # the card still reads with its kit
    # the same kit rebuilt (another date, the same draw) is fine, and so is a new draw once
    # the cards are moved away
    build(invoke, out, "--seed", "1", "--date", "2030-12-31", "--force")
    card.rename(tmp_path / card.name)
    build(invoke, out, "--seed", "2", "--force")
    assert read_manifest(out / "kit.json").kit_id != kit_id


def test_a_rebuild_beside_a_scores_link_out_of_the_kit_says_how_to_go_on(
        invoke: Any, tmp_path: Path) -> None:
    """Cards behind a scores/ that leads out of the kit cannot be read, so a rebuild cannot
    tell whether it would leave them without their kit: refused, saying how to go on."""
    out, elsewhere = tmp_path / "kit", tmp_path / "elsewhere"
    build(invoke, out, "--seed", "1")
    card = filled_card(out)
    (out / "scores").rename(elsewhere)
    (out / "scores").symlink_to(elsewhere)
    manifest = (out / "kit.json").read_bytes()
    result = invoke(*BUILD, "--out", str(out), "--force", "--seed", "2")
    assert result.exit_code == 2, result.stdout
    assert result.stderr == (
        f"{out / 'scores'}: is a link out of the kit folder; cards are read only "
        "inside it: make scores/ a folder of the kit's own and move the cards into it\n")
    assert (out / "kit.json").read_bytes() == manifest
    assert [p.name for p in elsewhere.iterdir()] == [card.name]


def test_filled_cards_whose_kit_was_cleared_away_are_not_given_another(invoke: Any,
                                                                        tmp_path: Path) -> None:
    """A kit's own files deleted by hand to build it afresh, its filled cards left in
    scores/: a build there would be a first build beside cards of a kit it cannot know, and
    leave them without it. It is refused, naming the cards; nothing changes."""
    out = tmp_path / "kit"
    build(invoke, out, "--seed", "1")
    card = filled_card(out)
    for path in out.iterdir():
        if path.is_file():
            path.unlink()
    before = snapshot(out)
    for extra in ((), ("--force",)):
        result = invoke(*BUILD, "--out", str(out), "--seed", "2", *extra)
        assert result.exit_code == 2, result.stdout
        assert result.stderr == (
            f"error: {out}: scores/ holds a filled card ({card.name}) but the kit it was "
            "filled for is gone (no kit.json); put the kit back, build this one elsewhere "
            "(--out), or move the cards out of scores/ to start this one here\n")
        assert snapshot(out) == before


@pytest.mark.parametrize(("extra", "why"), [
    (("-r", ROLE, "--stage", "screen", "--stage", "values"), "stages screen, values, not values"),
    (("-r", ROLE, "--stage", "values", "--pin", "culture-feedback-changed-work"),
     "pins culture-feedback-changed-work, not none"),
    (("-r", "staff-engineer", "--stage", "values"), f"role staff-engineer, not {ROLE}"),
])
def test_a_refused_rebuild_says_what_makes_its_draw_another(
        extra: tuple[str, ...], why: str, invoke: Any, tmp_path: Path) -> None:
    """The refusal names what differs from the kit the cards were filled for, so that the
    way forward is plain (leave out --stage, --pin or the other role)."""
    out = tmp_path / "kit"
    build(invoke, out, "--seed", "1")
    filled_card(out)
    result = invoke("kit", "build", "--candidate", "Ada Lovelace", "--format", "html", "--out",
                    str(out), "--seed", "1", "--force", *extra)
    assert result.exit_code == 2, result.stdout
    assert f"in its place ({why})" in result.stderr
