"""Found in an adversarial pass over issue 8: a kit.json or rebuild journal nested too deeply
for the JSON reader, and a first build killed during its renames."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest

from .test_trust_rebuild import BUILD, assert_complete, build

DEEP = "[" * 100_000 + "]" * 100_000  # 200 KB, far below the size limits


@pytest.mark.parametrize("name", ["kit.json", ".interviewkit-rebuild.json"])
def test_json_nested_too_deeply_is_a_located_error(name: str, invoke: Any,
                                                   tmp_path: Path) -> None:
    out = tmp_path / "kits" / "ada"
    build(invoke, out)
    (out / name).write_text('{"stages": ' + DEEP + "}\n" if name == "kit.json"
                            else '{"replace": ' + DEEP + ', "retire": []}\n')
    for args in (["debrief", str(out)], ["calibrate", str(tmp_path / "kits"), "--out",
                                         str(tmp_path / "report")],
                 [*BUILD, "--out", str(out), "--force"]):
        result = invoke(*args)
        assert "Traceback" not in result.stderr, (args, result.stderr[-500:])
        assert not isinstance(result.exception, RecursionError), args
        if name == "kit.json":
            assert result.exit_code == 2, (args, result.stdout)
            assert "kit.json:1:" in result.stderr and "nested too deeply" in result.stderr


@pytest.mark.parametrize("step", [2, 3])  # 1 writes the journal; then one rename a step
def test_a_first_build_killed_during_its_renames_is_finished_by_the_next(step: int,
                                                                         invoke: Any,
                                                                         tmp_path: Path) -> None:
    from .test_trust_rebuild import crash_at

    out = tmp_path / "kits" / "ada"
    killed = crash_at(step, "SIGKILL", out)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not (out / "kit.json").exists()  # kit.json is renamed last
    # never counted as a kit while unfinished
    counted = invoke("calibrate", str(tmp_path / "kits"), "--out", str(tmp_path / "report"))
    assert counted.exit_code == 2 and "no kit.json below" in counted.stderr
    again = invoke(*BUILD, "--out", str(out), "--force")
    assert again.exit_code == 0, again.stderr
    assert_complete(out)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
