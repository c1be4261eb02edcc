"""The bank cache: same bank as a fresh load, never stale, never holding a bad bank."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interviewkit.bank import cache as bankcache
from interviewkit.bank.files import default_bank_dir
from interviewkit.bank.load import load_bank
from interviewkit.errors import BankError

from ..conftest import question, write_bank


def test_cached_bank_equals_a_fresh_load(cache: Path) -> None:
    fresh = load_bank(use_cache=False)
    assert not cache.exists()
    first = load_bank()  # loads and writes the cache
    assert len(list(cache.glob("bank-*.json"))) == 1
    cached = bankcache.read(bankcache.fingerprint([default_bank_dir()]) or "")
    assert cached is not None
    assert cached == fresh == first
    question = cached.questions[0]
    assert isinstance(question.levels, tuple)
    assert sorted(question.rubric) == [1, 2, 3, 4]  # int keys again, as validated
    assert cached.roles[0].stages[0].competencies == fresh.roles[0].stages[0].competencies
    with pytest.raises(Exception, match="frozen"):
        question.minutes = 1  # type: ignore[misc]


def test_an_edited_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    team = write_bank(tmp_path / "team", [question("design-edit", prompt="Before.")])
    assert load_bank(team).question("design-edit").prompt == "Before."  # type: ignore[union-attr]
    write_bank(team, [question("design-edit", prompt="After, a little longer.")])
    assert load_bank(team).question("design-edit").prompt == (  # type: ignore[union-attr]
        "After, a little longer.")
    (team / "questions" / "more.yaml").write_text(json.dumps({"questions": [
        question("design-added")]}))
    assert load_bank(team).question("design-added") is not None


def test_a_bad_bank_is_never_cached(cache: Path, tmp_path: Path) -> None:
    team = write_bank(tmp_path / "team", [question("design-bad", competency="nope")])
    for _ in range(2):
        with pytest.raises(BankError, match="unknown competency 'nope'"):
            load_bank(team)
    assert not list(cache.glob("bank-*.json"))


def test_a_damaged_entry_is_ignored_and_replaced(cache: Path) -> None:
    load_bank()
    (entry,) = cache.glob("bank-*.json")
    entry.write_text("{ not json")
    assert load_bank() == load_bank(use_cache=False)
    assert json.loads(entry.read_text())[bankcache.MARKER] == bankcache.FORMAT


def test_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, invoke: Any) -> None:
    monkeypatch.setenv(bankcache.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert invoke("bank", "validate").exit_code == 0
    assert not list(tmp_path.rglob("*.json"))


def test_cli_output_is_the_same_with_and_without_cache(cache: Path, invoke: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    first = invoke("questions", "list", "--format", "json").stdout
    second = invoke("questions", "list", "--format", "json").stdout  # from the cache
    monkeypatch.setenv(bankcache.CACHE_ENV, "off")
    assert first == second == invoke("questions", "list", "--format", "json").stdout
