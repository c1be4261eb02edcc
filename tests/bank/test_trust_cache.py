"""The bank cache is never trusted: checks read the YAML, a malformed entry is discarded,
and pruning removes only the tool's own entries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from interviewkit.bank import cache as bankcache
from interviewkit.bank.load import load_bank

SHIPPED_QUESTIONS = len(load_bank(use_cache=False).questions)


def _entry(cache: Path) -> Path:
    """The one entry the shipped bank leaves in an empty cache directory."""
    load_bank()
    (entry,) = cache.glob("bank-*.json")
    return entry


def _questions(value: Any) -> list[dict[str, Any]] | None:
    """The list of questions inside an entry, wherever the entry's layout keeps it."""
    if isinstance(value, dict):
        if isinstance(value.get("questions"), list):
            found: list[dict[str, Any]] = value["questions"]
            return found
        for item in value.values():
            if (inner := _questions(item)) is not None:
                return inner
    return None


def _tamper(entry: Path, change: Any) -> None:
    data = json.loads(entry.read_text(encoding="utf-8"))
    questions = _questions(data)
    assert questions is not None
    change(questions)
    entry.write_text(json.dumps(data), encoding="utf-8")


def _add_question(questions: list[dict[str, Any]]) -> None:
    questions.append({**questions[0], "id": "injected-by-cache"})


def test_validate_and_lint_read_the_yaml_not_the_cache(cache: Path, invoke: Any) -> None:
    entry = _entry(cache)
    _tamper(entry, _add_question)
    validated = invoke("bank", "validate")
    assert validated.exit_code == 0, validated.stderr
    assert validated.stdout.startswith(f"ok: {SHIPPED_QUESTIONS} questions,")
    linted = invoke("bank", "lint")
    assert linted.exit_code == 0, linted.stdout
    assert linted.stdout == f"clean: {SHIPPED_QUESTIONS} questions checked\n"


def test_an_entry_changed_by_hand_is_not_used(cache: Path, invoke: Any) -> None:
    entry = _entry(cache)
    _tamper(entry, _add_question)
    listed = invoke("questions", "list", "--format", "ids")
    assert listed.exit_code == 0, listed.stderr
    assert "injected-by-cache" not in listed.stdout.split()
    assert len(listed.stdout.split()) == SHIPPED_QUESTIONS


def _null_minutes(entry: Path) -> None:
    _tamper(entry, lambda questions: questions[0].update(minutes=None))


def _minutes_as_text(entry: Path) -> None:
    _tamper(entry, lambda questions: questions[0].update(minutes="ten"))


def _rubric_as_list(entry: Path) -> None:
    _tamper(entry, lambda questions: questions[0].update(rubric=["a", "b"]))


def _unknown_field(entry: Path) -> None:
    _tamper(entry, lambda questions: questions[0].update(extra_field=1))


def _deep_nesting(entry: Path) -> None:
    entry.write_text("[" * 10_000 + "]" * 10_000)


def _huge_sparse_file(entry: Path) -> None:
    with entry.open("r+b") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk, would cost memory to read


@pytest.mark.parametrize("damage", [_null_minutes, _minutes_as_text, _rubric_as_list,
                                    _unknown_field, _deep_nesting, _huge_sparse_file])
def test_a_malformed_entry_is_discarded(cache: Path, invoke: Any,
                                        monkeypatch: pytest.MonkeyPatch, damage: Any) -> None:
    entry = _entry(cache)
    expected = invoke("questions", "list", "--format", "json", env={
        bankcache.CACHE_ENV: "off"}).stdout
    damage(entry)
    listed = invoke("questions", "list", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout == expected
    # the draw uses every question's minutes: a null from the cache would be a TypeError
    damage(entry)
    checked = invoke("roles", "check", "--format", "json")
    assert checked.exit_code == 0, checked.stderr
    assert all(report["fillable"] for report in json.loads(checked.stdout))


def _fifo(entry: Path) -> None:
    os.mkfifo(entry)


def _link_to_a_device(entry: Path) -> None:
    entry.symlink_to("/dev/zero")  # a file that never ends


@pytest.mark.parametrize("replacement", [_fifo, _link_to_a_device])
def test_no_regular_file_at_the_entry_path_is_refused(cache: Path, tmp_path: Path,
                                                       replacement: Any) -> None:
    entry = _entry(cache)
    entry.unlink()
    replacement(entry)
    env = {**os.environ, bankcache.CACHE_ENV: str(cache)}
    env.pop("INTERVIEWKIT_BANK", None)
    # The timeout is only a guard for the test run: the reader refuses anything but a
    # regular file before reading from it.
    result = subprocess.run([sys.executable, "-m", "interviewkit", "questions", "list",
                             "--format", "ids"], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.split()) == SHIPPED_QUESTIONS
    assert result.stderr == ""


def test_pruning_removes_only_the_tools_own_entries(cache: Path) -> None:
    bank = load_bank(use_cache=False)
    cache.mkdir()
    theirs = {"bank-notes.json": '{"mine": true}\n', "bank-1234abcd.json": '{"also": "mine"}\n',
              "bank-0000beef.json": "not even JSON"}
    for name, text in theirs.items():
        (cache / name).write_text(text)
    os.mkfifo(cache / "bank-fffffff0.json")  # pruning must not block on it either
    legacy = cache / "bank-0badcafe.json"  # written by interviewkit before entries had a marker
    legacy.write_text(json.dumps({"format": 1, "key": json.dumps([1, "0.1.0"])}))
    for number in range(bankcache.KEEP + 4):
        bankcache.write(f"key {number}", bank)
    for name, text in theirs.items():
        assert (cache / name).read_text() == text
    assert (cache / "bank-fffffff0.json").exists()
    assert not legacy.exists()
    ours = set(cache.glob("bank-*.json")) - {cache / name for name in theirs} - {
        cache / "bank-fffffff0.json"}
    assert len(ours) == bankcache.KEEP
    # the newest entries are the ones kept
    assert bankcache.read(f"key {bankcache.KEEP + 3}") == bank
    assert bankcache.read("key 0") is None


@pytest.mark.parametrize("change", [
    {"minutes": None}, {"minutes": "10"}, {"minutes": True}, {"kind": "trivia"},
    {"levels": "senior"}, {"rubric": {"01": "x", "2": "y", "3": "z", "4": "w"}},
])
def test_a_forged_entry_with_a_right_checksum_gives_no_bank(cache: Path,
                                                            change: dict[str, Any]) -> None:
    # Whoever can write the user's cache can also recompute our checksum: the rebuild still
    # checks every value's type, so such an entry gives no bank rather than a broken one.
    import zlib

    entry = _entry(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["entry"]["questions"][0].update(change)
    payload = json.dumps(data["entry"]).encode()
    entry.write_bytes(f'{{"{bankcache.MARKER}": {bankcache.FORMAT}, "crc32": '
                      f'"{zlib.crc32(payload):08x}", "entry": '.encode() + payload + b"}")
    key = data["entry"]["key"]
    assert bankcache.read(key) is None
    assert load_bank() == load_bank(use_cache=False)


def test_an_untouched_entry_is_used(cache: Path) -> None:
    entry = _entry(cache)
    key = json.loads(entry.read_text(encoding="utf-8"))["entry"]["key"]
    assert bankcache.read(key) == load_bank(use_cache=False)
