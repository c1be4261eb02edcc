"""The safe YAML reader: plain values, positions, and the limits that keep it safe."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from interviewkit.bank.yamlsource import MAX_FILE_BYTES, read_yaml
from interviewkit.errors import BankError


def _read(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "f.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return read_yaml(path)


def _error(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(BankError) as caught:
        _read(tmp_path, text)
    (line,) = caught.value.lines
    return line


def test_positions_of_every_value(tmp_path: Path) -> None:
    doc = _read(tmp_path, "a:\n  b: [x, 2]\n  c:\n    - d: true\n")
    assert doc.data == {"a": {"b": ["x", 2], "c": [{"d": True}]}}
    assert doc.position(("a", "b")) == (2, 3)
    assert doc.position(("a", "b", 1)) == (2, 10)
    assert doc.position(("a", "c", 0, "d")) == (4, 7)
    # a field that is not there points at the nearest value that is
    assert doc.position(("a", "c", 0, "missing")) == (4, 7)


def test_dates_stay_text_and_empty_file_is_none(tmp_path: Path) -> None:
    assert _read(tmp_path, "when: 2024-05-01\n").data == {"when": "2024-05-01"}
    assert _read(tmp_path, "# only a comment\n").data is None


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    message = _error(tmp_path, b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    assert message.endswith("/f.yaml: file is 5.0 MiB; the limit is 5 MiB, split it into several "
                            "files")


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    started = time.perf_counter()
    message = _error(tmp_path, "\n".join(levels) + "\n")
    assert "aliases expand to more than 10000 values" in message
    assert time.perf_counter() - started < 5  # 9**9 values would take hours, not seconds


def test_small_aliases_are_allowed(tmp_path: Path) -> None:
    doc = _read(tmp_path, "tags: &t [a, b]\nagain: *t\n")
    assert doc.data == {"tags": ["a", "b"], "again": ["a", "b"]}


def test_recursive_alias_is_an_error_not_a_hang(tmp_path: Path) -> None:
    assert "nested more than 64 levels deep" in _error(tmp_path, "a: &a [*a]\n")


def test_merge_keys_and_custom_tags_are_refused(tmp_path: Path) -> None:
    assert "merge keys (<<) are not supported" in _error(tmp_path, "a: &a {x: 1}\nb:\n  <<: *a\n")
    assert "the tag !shout is not allowed" in _error(tmp_path, "a: !shout hi\n")
    assert "the tag !!binary is not allowed" in _error(tmp_path, "a: !!binary aGk=\n")


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    assert _read(tmp_path, "\ufeffa: 1\n".encode()).data == {"a": 1}


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(BankError) as caught:
        read_yaml(tmp_path / "nope.yaml")
    assert caught.value.lines[0].endswith("nope.yaml: file not found")
