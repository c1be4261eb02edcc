"""Fuzzing: mutated card PDFs, YAML cards, kit.json files and bank files, fed to the commands
that read them. Whatever the input, the answer is exit 0 or 2, never a traceback or a hang."""

from __future__ import annotations

import json
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from interviewkit.cli import app

from .conftest import question, write_bank

ROLE = "senior-python-engineer"
RUNS = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
HANG_GUARD = 60  # seconds; a guard against a hang, not a measure of speed


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fuzz") / "kit"
    built = CliRunner().invoke(app, ["kit", "build", "-r", ROLE, "--candidate", "Fuzz Target",
                                     "--out", str(out), "--format", "pdf", "--stage", "values",
                                     "--yaml-scorecards", "--date", "2026-03-01"])
    assert built.exit_code == 0, built.stderr
    return out


@contextmanager
def hang_guard() -> Iterator[None]:
    def stuck(signum: int, frame: object) -> None:
        raise AssertionError(f"no answer in {HANG_GUARD} s: a hang")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(HANG_GUARD)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*args: str) -> Any:
    with hang_guard():
        result = CliRunner().invoke(app, list(args), env={"INTERVIEWKIT_BANK": ""})
    assert result.exit_code in (0, 2), (args, result.exit_code, result.output,
                                        result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args, repr(result.exception))
    assert "Traceback" not in result.output
    return result


# Byte-level mutations: overwrite, insert, delete and truncate at chosen places.
@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["overwrite", "insert", "delete", "truncate"]))
        chunk = draw(st.binary(min_size=1, max_size=16) | st.sampled_from(
            [b"(", b")", b"<<", b">>", b"[", b"]", b"obj", b"endobj", b"R", b" 0 R ", b"/Kids",
             b"stream", b"\n", b"\x00", b"9999999999", b"-1", b"&a", b"*a", b"!!python",
             b"{", b"}", b":", b'"', b"\xff\xfe"]))
        if action == "overwrite":
            data[at:at + len(chunk)] = chunk
        elif action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        else:
            del data[at:]
    return bytes(data)


# Value-level mutations of a YAML or JSON document: any sub-value replaced by another.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, prefix + (index,))
    return found


@st.composite
def replaced(draw: st.DrawFn, document: Any) -> Any:
    import copy

    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(document)))
        if not where:
            return draw(json_values)
        parent = document
        for key in where[:-1]:
            parent = parent[key]
        parent[where[-1]] = draw(json_values)
    return document


def test_mutated_card_pdfs(kit: Path) -> None:
    original = (kit / "scorecard-values.pdf").read_bytes()

    @RUNS
    @given(mutated(original))
    def check(data: bytes) -> None:
        with TemporaryDirectory() as scratch:
            card = Path(scratch) / "card.pdf"
            card.write_bytes(data)
            run("scores", "read", str(card), "--format", "json")
            run("scores", "read", str(card), "--partial")

    check()


def test_mutated_yaml_cards(kit: Path) -> None:
    text = (kit / "scorecard-values.yaml").read_text()
    document = yaml.safe_load(text)

    @RUNS
    @given(st.one_of(mutated(text.encode()),
                     replaced(document).map(lambda d: yaml.safe_dump(d).encode())))
    def check(data: bytes) -> None:
        with TemporaryDirectory() as scratch:
            card = Path(scratch) / "card.yaml"
            card.write_bytes(data)
            run("scores", "read", str(card), "--format", "json")

    check()


def test_mutated_kit_json(kit: Path) -> None:
    text = (kit / "kit.json").read_text()
    document = json.loads(text)

    @RUNS
    @given(st.one_of(mutated(text.encode()),
                     replaced(document).map(lambda d: json.dumps(d, indent=2).encode())))
    def check(data: bytes) -> None:
        with TemporaryDirectory() as scratch:
            copy = Path(scratch) / "kits" / "kit"
            shutil.copytree(kit, copy)
            (copy / "kit.json").write_bytes(data)
            shutil.copy(kit / "scorecard-values.yaml", copy / "scores" / "card.yaml")
            run("debrief", str(copy), "--format", "html", "--partial")
            run("calibrate", str(copy.parent), "--format", "json", "--out",
                str(Path(scratch) / "report"))
            run("scores", "export", str(copy.parent), "--partial")

    check()


def test_mutated_bank_files(tmp_path: Path) -> None:
    settings_file = yaml.safe_load((Path(__file__).parent.parent / "question_bank" /
                                    "bank.yaml").read_text())
    questions = {"questions": [question("design-one"), question("ops-one", "ops")]}
    role = {"id": "fuzz-role", "title": "Fuzz role", "level": "senior", "summary": "A role.",
            "stages": [{"id": "talk", "title": "Talk", "minutes": 60,
                        "competencies": {"design": 1, "ops": 1}}]}

    @RUNS
    @given(st.sampled_from(["questions", "role", "settings"]), st.data())
    def check(which: str, data: st.DataObject) -> None:
        original = {"questions": questions, "role": role, "settings": settings_file}[which]
        raw = data.draw(st.one_of(
            mutated(yaml.safe_dump(original, sort_keys=False).encode()),
            replaced(original).map(lambda d: yaml.safe_dump(d, sort_keys=False).encode())))
        with TemporaryDirectory() as scratch:
            bank = write_bank(Path(scratch) / "bank", [question("design-one"),
                                                      question("ops-one", "ops")],
                              roles=[role], settings=settings_file)
            target = {"questions": bank / "questions" / "q.yaml",
                      "role": bank / "roles" / "fuzz-role.yaml",
                      "settings": bank / "bank.yaml"}[which]
            target.write_bytes(raw)
            run("bank", "validate", "--no-default-bank", "--bank", str(bank))
            run("questions", "list", "--no-default-bank", "--bank", str(bank), "-f", "json")
            run("roles", "check", "--no-default-bank", "--bank", str(bank))

    check()
