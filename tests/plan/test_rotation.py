"""Rotation and one-off changes: --avoid, --history, --pin, --exclude, all in kit.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from interviewkit.bank.load import load_bank

ROLE = "senior-python-engineer"


def _build(invoke: Any, out: Path, *extra: str, candidate: str = "Ada") -> dict[str, Any]:
    result = invoke("kit", "build", "-r", ROLE, "--candidate", candidate, "--out", str(out),
                    "--format", "html", *extra)
    assert result.exit_code == 0, result.stderr
    manifest: dict[str, Any] = json.loads((out / "kit.json").read_text())
    return manifest


def _asked(manifest: dict[str, Any]) -> set[str]:
    return {qid for stage in manifest["stages"] for qid in stage["questions"]}


def test_avoid_keeps_earlier_questions_out_until_the_pool_runs_dry(invoke: Any,
                                                                  tmp_path: Path) -> None:
    earlier: list[Path] = []
    seen: set[str] = set()
    for n in range(2):  # roles check: 2 fully different kits (its families have 2 or more)
        avoid = [a for path in earlier for a in ("--avoid", str(path / "kit.json"))]
        manifest = _build(invoke, tmp_path / f"k{n}", *avoid)
        assert not (_asked(manifest) & seen)
        assert set(manifest["avoided"]) == seen
        seen |= _asked(manifest)
        earlier.append(tmp_path / f"k{n}")
    avoid = [a for path in earlier for a in ("--avoid", str(path / "kit.json"))]
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out",
                    str(tmp_path / "k2"), "--format", "html", *avoid)
    assert result.exit_code == 2
    assert "avoiding 24 asked before" in result.stderr  # 2 kits of 12 questions
    assert not (tmp_path / "k2").exists()


def test_history_draws_least_used_first(invoke: Any, tmp_path: Path) -> None:
    history = tmp_path / "history"
    for n, name in enumerate(("Ada", "Grace")):
        _build(invoke, history / name, "--seed", str(n), candidate=name)
    usage: dict[str, int] = {}
    for path in history.rglob("kit.json"):
        for qid in _asked(json.loads(path.read_text())):
            usage[qid] = usage.get(qid, 0) + 1
    manifest = _build(invoke, tmp_path / "new", "--history", str(history), candidate="Alan")
    bank = load_bank()
    chosen = _asked(manifest)
    for stage in manifest["stages"]:
        for qid in stage["questions"]:
            q = bank.question(qid)
            assert q is not None
            same_slot = [o.id for o in bank.questions  # the family it was drawn for
                         if o.family == q.family and "senior" in o.levels
                         and o.id not in chosen]
            assert usage.get(qid, 0) <= min(usage.get(o, 0) for o in same_slot), qid
            reason = stage["reasons"][qid]
            assert reason.endswith(f"asked in {usage.get(qid, 0)} earlier kit"
                                   + ("" if usage.get(qid, 0) == 1 else "s") + " of the role")


def test_pin_and_exclude_are_applied_and_recorded(invoke: Any, tmp_path: Path) -> None:
    # the pin stands for its family (ops-ownership-stories) in the stage that asks it; the
    # excluded question's family (design-public-api) is asked by its other member
    pinned, excluded = "ops-on-call-sustainability", "design-high-traffic-rest-api"
    for seed in range(5):
        manifest = _build(invoke, tmp_path / str(seed), "--seed", str(seed), "--pin", pinned,
                          "--exclude", excluded)
        stage = next(s for s in manifest["stages"] if s["stage"] == "production-engineering")
        assert pinned in stage["questions"]
        assert stage["reasons"][pinned] == "pinned (--pin)"
        assert len(stage["questions"]) == 2
        assert excluded not in _asked(manifest)
        assert "design-api-rate-limits-quotas" in _asked(manifest)
        assert (manifest["pins"], manifest["excludes"]) == ([pinned], [excluded])


def test_bad_one_off_changes(invoke: Any, tmp_path: Path) -> None:
    cases = [
        (["--pin", "ops-on-call"], "error: --pin: no question with id 'ops-on-call'"),
        (["--exclude", "design-python-mutability-traps", "--pin",
          "design-python-mutability-traps"], "is pinned"),
        (["--avoid", str(tmp_path / "missing.json")], "missing.json: file not found"),
        (["--history", str(tmp_path / "nowhere")], "nowhere: history directory not found"),
    ]
    (tmp_path / "not-a-kit.json").write_text('{"hello": 1}')
    cases.append((["--avoid", str(tmp_path / "not-a-kit.json")], "not a kit.json made by "
                   "interviewkit"))
    for extra, message in cases:
        result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out",
                        str(tmp_path / "k"), "--format", "html", *extra)
        assert result.exit_code == 2, extra
        assert message in result.stderr, (extra, result.stderr)
        assert not (tmp_path / "k").exists()


def test_rotation_reaches_every_question_the_loop_may_draw() -> None:
    from interviewkit.plan.selection import plan_kit, role_pool

    bank = load_bank()
    for role in bank.roles:
        pool = {q.id for q in role_pool(bank, role)}
        used = {q.id for seed in range(150)
                for s in plan_kit(bank, role.id, None, seed).stages for q in s.questions}
        assert used == pool, (role.id, sorted(pool - used))


def test_a_blank_candidate_name_is_refused_by_the_library_too() -> None:
    import pytest

    from interviewkit.errors import InterviewkitError
    from interviewkit.plan.selection import plan_kit

    bank = load_bank()
    with pytest.raises(InterviewkitError, match="--candidate must not be empty"):
        plan_kit(bank, ROLE, "   ")
    assert plan_kit(bank, ROLE, "  Ada  ") == plan_kit(bank, ROLE, "Ada")
    assert plan_kit(bank, ROLE, None).candidate is None
