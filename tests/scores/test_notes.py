"""Notes on unscored questions, read back from filled cards (PDF and YAML) and shown in the
debrief as text marked "not rated": never a competency, never in a figure (means, spreads,
flags, calibration). Through the CLI, on a team bank and kit in tmp_path."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from interviewkit.kit import scorecard as contract

from ..browser import reload_until
from ..conftest import build_notes_kit, fill_with_pypdf

NOTES = "Zoë wants “scope” — & <b>ownership</b>.\r\nSecond line: 山田さんと話した。"
READ_NOTES = NOTES.replace("\r\n", "\n")
SCREEN_NOTES = "Moving for a shorter commute; asked about on-call."


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    return build_notes_kit(tmp_path, "pdf")


def bank_of(kit: Path) -> str:
    return str(kit.parent / "bank")


def fill_cards(kit: Path, notes: bool = True) -> list[Path]:
    """The mixed card as a PDF filled with pypdf, the screen card as YAML from the kit's
    skeleton; with or without notes."""
    pdf = fill_with_pypdf(kit / "scorecard-mixed.pdf", kit / "scores" / "mixed.pdf", {
        contract.INTERVIEWER: "Ann Lee", contract.rating_field("craft"): "1",
        contract.evidence_field("craft"): "Could not say how the build was tested.",
        contract.OVERALL: "2", **({contract.NOTES: NOTES} if notes else {})})
    card = yaml.safe_load((kit / "scorecard-screen.yaml").read_text())
    card.update({contract.INTERVIEWER: "Bob Ray", contract.OVERALL: 4,
                 contract.NOTES: SCREEN_NOTES if notes else ""})
    screen = kit / "scores" / "screen.yaml"
    screen.write_text(yaml.safe_dump(card, allow_unicode=True))
    return [pdf, screen]


def test_notes_are_read_from_pdf_and_yaml_cards_and_are_no_competency(
        kit: Path, invoke: Any) -> None:
    cards = fill_cards(kit)
    result = invoke("scores", "read", *map(str, cards), "--format", "json", "--bank",
                    bank_of(kit))
    assert result.exit_code == 0, result.stderr
    read = {card["stage"]: card for card in json.loads(result.stdout)}
    assert read["mixed"][contract.NOTES] == READ_NOTES
    assert read["mixed"]["ratings"] == {"craft": 1}
    assert read["screen"][contract.NOTES] == SCREEN_NOTES
    assert read["screen"]["ratings"] == {} and read["screen"]["evidence"] == {}
    table = invoke("scores", "read", *map(str, cards), "--bank", bank_of(kit))
    assert table.exit_code == 0, table.stderr
    assert "notes (not rated)" in table.stdout and SCREEN_NOTES in table.stdout


def test_a_card_without_notes_reads_as_empty_notes(kit: Path, invoke: Any) -> None:
    cards = fill_cards(kit, notes=False)
    result = invoke("scores", "read", *map(str, cards), "--format", "json", "--bank",
                    bank_of(kit))
    assert result.exit_code == 0, result.stderr
    assert [card[contract.NOTES] for card in json.loads(result.stdout)] == ["", ""]


def test_notes_are_bounded_like_evidence_and_must_be_text(kit: Path, invoke: Any) -> None:
    _, screen = fill_cards(kit)
    card = yaml.safe_load(screen.read_text())
    for notes, message in (("x" * 10_001, "10,001 characters; the limit is 10,000"),
                           (["a", "list"], "expected one value, not a list or mapping")):
        screen.write_text(yaml.safe_dump({**card, contract.NOTES: notes}))
        result = invoke("scores", "read", str(screen), "--bank", bank_of(kit))
        assert result.exit_code == 2
        line = next(n for n, text in enumerate(screen.read_text().splitlines(), start=1)
                    if text.startswith(f"{contract.NOTES}:"))
        assert re.search(rf"screen\.yaml:{line}:\d+: {contract.NOTES}: {re.escape(message)}",
                         result.stderr), result.stderr


def test_a_card_of_a_stage_that_rates_nothing_may_not_rate_a_competency(
        kit: Path, invoke: Any) -> None:
    """The screen asks unscored questions only: a rating of drive there is refused, not
    taken into the figures."""
    _, screen = fill_cards(kit)
    card = yaml.safe_load(screen.read_text())
    screen.write_text(yaml.safe_dump({**card, contract.RATINGS_KEY: {"drive": 3},
                                      contract.EVIDENCE_KEY: {"drive": "Keen."}}))
    result = invoke("debrief", str(kit), "--bank", bank_of(kit), "--format", "html")
    assert result.exit_code == 2
    assert "rating_drive: not a competency of stage screen" in result.stderr


def debrief_record(kit: Path, invoke: Any) -> dict[str, Any]:
    result = invoke("debrief", str(kit), "--bank", bank_of(kit), "--format", "both")
    assert result.exit_code == 0, result.stderr
    record: dict[str, Any] = json.loads((kit / "debrief.json").read_text())
    return record


def without_notes(record: dict[str, Any]) -> dict[str, Any]:
    stripped = copy.deepcopy(record)
    for card in stripped["cards"]:
        card.pop(contract.NOTES)
        card.pop("source")
    return stripped


def test_the_debrief_shows_notes_as_not_rated_text_and_its_figures_ignore_them(
        tmp_path: Path, invoke: Any) -> None:
    with_notes = build_notes_kit(tmp_path / "with", "pdf")
    fill_cards(with_notes)
    no_notes = build_notes_kit(tmp_path / "without", "pdf")
    fill_cards(no_notes, notes=False)
    record, plain = debrief_record(with_notes, invoke), debrief_record(no_notes, invoke)
    # every figure and flag the same; the cards differ by their notes alone (and so the
    # files the record lists, with their hashes)
    assert {k: v for k, v in without_notes(record).items() if k not in ("kit_id", "files")
            } == {k: v for k, v in without_notes(plain).items() if k not in ("kit_id", "files")}
    assert [c["competency"] for c in record["competencies"]] == ["craft"]
    assert record["competencies"][0]["mean"] == 1
    assert {card["stage"]: card[contract.NOTES] for card in record["cards"]} == {
        "mixed": READ_NOTES, "screen": SCREEN_NOTES}
    assert record["overall"] == [{"interviewer": "Ann Lee", "stage": "mixed", "value": 2},
                                 {"interviewer": "Bob Ray", "stage": "screen", "value": 4}]
    # the page: each card's notes as text under it, marked as not rated, escaped
    html = (with_notes / "debrief.html").read_text(encoding="utf-8")
    cards = re.split(r"<h3>", html.split("Each scorecard", 1)[1])[1:]
    assert len(cards) == 2
    for card, notes in zip(cards, ("Zoë wants “scope” — &amp; &lt;b&gt;ownership&lt;/b&gt;.",
                                   SCREEN_NOTES), strict=True):
        assert "Notes (not rated)" in card and notes in card
    assert "<b>ownership" not in html
    assert "Notes (not rated)" not in (no_notes / "debrief.html").read_text(encoding="utf-8")
    from ..conftest import pdf_text

    pdf = " ".join(pdf_text(with_notes / "debrief.pdf").split())
    assert "NOTES (NOT RATED)" in pdf and SCREEN_NOTES in pdf  # a small label, in capitals


def test_calibration_gives_an_unscored_question_no_rating(kit: Path, invoke: Any,
                                                          tmp_path: Path) -> None:
    """craft-chat is asked unscored in the stage whose card rates craft: the craft rating
    is craft-build's, not craft-chat's."""
    fill_cards(kit)
    result = invoke("calibrate", str(kit), "--bank", bank_of(kit), "--out",
                    str(tmp_path / "cal"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    questions = {q["question"]: q for q in json.loads(
        (tmp_path / "cal" / "calibration.json").read_text())["questions"]}
    assert (questions["craft-build"]["rated"], questions["craft-build"]["mean"]) == (1, 1)
    for qid in ("craft-chat", "drive-why", "drive-next"):
        assert (questions[qid]["asked"], questions[qid]["rated"], questions[qid]["mean"]) == (
            1, 0, None), qid


def test_a_card_typed_in_a_browser_keeps_and_saves_its_notes(tmp_path: Path, invoke: Any,
                                                             chromium: Any) -> None:
    kit = build_notes_kit(tmp_path, "html")
    context = chromium.new_context(accept_downloads=True)  # no storage from another test
    key = f"interviewkit-card:{json.loads((kit / 'kit.json').read_text())['kit_id']}:"
    try:
        for stage, notes in (("mixed", READ_NOTES), ("screen", SCREEN_NOTES)):
            page = context.new_page()
            page.goto((kit / f"scorecard-{stage}.html").as_uri())
            page.get_by_label("Interviewer").fill(f"Ann Lee ({stage})")
            if stage == "mixed":
                page.select_option(f"#{contract.rating_field('craft')}", "3")
                page.fill(f"#{contract.evidence_field('craft')}", "Tested the build.")
            page.get_by_label("Notes (not rated)").fill(notes)
            page.select_option(f"#{contract.OVERALL}", "3")
            # kept in the browser's storage as typed, and back after a reload
            page.wait_for_function(
                "([key, field, notes]) => (JSON.parse(localStorage.getItem(key) || 'null') "
                "|| {values: {}}).values[field] === notes",
                arg=[key + stage, contract.NOTES, notes], timeout=30_000)
            reload_until(page, {f"#{contract.NOTES}": notes, f"#{contract.OVERALL}": "3"})
            with page.expect_download() as download:
                page.get_by_role("button", name="Save card").click()
            saved = kit / "scores" / download.value.suggested_filename
            download.value.save_as(saved)
            status = page.get_by_role("status").inner_text()
            assert "Still missing" not in status, status
            page.close()
    finally:
        context.close()
    result = invoke("scores", "read", *sorted(map(str, (kit / "scores").glob("*.yaml"))),
                    "--format", "json", "--bank", bank_of(kit))
    assert result.exit_code == 0, result.stderr
    read = {card["stage"]: card for card in json.loads(result.stdout)}
    assert read["mixed"][contract.NOTES] == READ_NOTES
    assert read["mixed"]["ratings"] == {"craft": 3}
    assert read["screen"][contract.NOTES] == SCREEN_NOTES
    assert read["screen"]["ratings"] == {}
    assert invoke("debrief", str(kit), "--bank", bank_of(kit), "--format", "html"
                  ).exit_code == 0
    from ..browser import axe_violations

    page = chromium.new_page()
    page.goto((kit / "debrief.html").as_uri())
    assert "NOTES (NOT RATED)" in page.inner_text("main")  # as shown: a small label
    assert axe_violations(page) == []
    page.close()
