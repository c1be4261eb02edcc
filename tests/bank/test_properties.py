"""Property: any valid question survives YAML -> load -> JSON output unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from interviewkit.cli import app

from ..conftest import as_json, write_bank

slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
# Text a person could write: any printable characters (accents, CJK, emoji, quotes, colons,
# YAML-special characters); surrounding whitespace is stripped on load, so none is generated.
text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"),
    min_size=1, max_size=60,
).map(str.strip).filter(bool)
levels = st.lists(st.sampled_from(["junior", "mid", "senior", "staff"]), min_size=1, max_size=4,
                  unique=True)


@st.composite
def questions(draw: st.DrawFn) -> dict[str, Any]:
    competency = draw(st.sampled_from(["design", "ops", "leadership", "culture"]))
    return {
        "id": f"{competency}-gen-{draw(slugs)}",
        "competency": competency,
        "kind": draw(st.sampled_from(["technical", "behavioral", "situational",
                                      "motivational"])),
        "levels": draw(levels),
        "minutes": draw(st.integers(1, 120)),
        "tags": draw(st.lists(slugs, max_size=4, unique=True)),
        "prompt": draw(text),
        "why": draw(text),
        "look_for": draw(st.lists(text, min_size=1, max_size=4)),
        "follow_ups": draw(st.lists(text, min_size=1, max_size=3)),
        "red_flags": draw(st.lists(text, min_size=1, max_size=3)),
        "rubric": {v: draw(text) for v in (1, 2, 3, 4)},
        "sample_answer": draw(text),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(questions(), min_size=1, max_size=4, unique_by=lambda q: q["id"]))
def test_yaml_load_json_round_trip(generated: list[dict[str, Any]]) -> None:
    with TemporaryDirectory() as tmp:
        team = write_bank(Path(tmp) / "team", generated)
        result = CliRunner().invoke(app, ["questions", "list", "--bank", str(team), "-s",
                                          "", "--format", "json"], env={"INTERVIEWKIT_BANK": ""})
    assert result.exit_code == 0, result.stderr
    listed = {record["id"]: record for record in json.loads(result.stdout)}
    for record in generated:
        assert listed[record["id"]] == as_json(record)
