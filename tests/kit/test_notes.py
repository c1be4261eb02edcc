"""Unscored questions in a kit: the scorecard takes notes on them (a free-text field, never a
rating) and rates only the competencies of scored questions; the guide says they are not
rated in place of a rubric. Built through the CLI from a team bank of its own."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from interviewkit.kit import scorecard as contract

from ..conftest import build_notes_kit, pdf_text

NOT_RATED = "Not rated: take notes on what the candidate says; it does not enter the decision"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_notes_kit(tmp_path_factory.mktemp("notes"))


class Form(HTMLParser):
    """The form controls of a page: tag and name of each, and the text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = dict(attrs).get("name")
        if tag in ("input", "select", "textarea") and name:
            self.controls[name] = tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def form(page: Path) -> Form:
    parsed = Form()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def test_the_plan_asks_the_questions_the_tests_rely_on(kit: Path) -> None:
    stages = {s["stage"]: s for s in json.loads((kit / "kit.json").read_text())["stages"]}
    assert sorted(stages["mixed"]["questions"]) == ["craft-build", "craft-chat", "drive-why"]
    assert stages["screen"]["questions"] == ["drive-next"]
    assert stages["mixed"]["competencies"] == ["craft"]
    assert stages["screen"]["competencies"] == []


@pytest.mark.parametrize(("stage", "rated"), [("mixed", ["craft"]), ("screen", [])])
def test_a_card_rates_scored_competencies_and_takes_notes_on_unscored_questions(
        kit: Path, stage: str, rated: list[str]) -> None:
    identity = {contract.INTERVIEWER, contract.DATE, contract.OVERALL}
    expected = {*identity, contract.NOTES, *map(contract.rating_field, rated),
                *map(contract.evidence_field, rated)}
    # the PDF form
    fields = PdfReader(kit / f"scorecard-{stage}.pdf").get_fields() or {}
    names = {name for name in fields if "." not in name}
    assert names == {*expected, contract.IDENTITY_FIELD}
    assert fields[contract.NOTES].get("/FT") == "/Tx"  # text, no choice of a rating
    # the HTML form: notes are a text area, never a select
    page = form(kit / f"scorecard-{stage}.html")
    assert set(page.controls) == expected
    assert page.controls[contract.NOTES] == "textarea"
    text = " ".join("".join(page.text).split())
    assert "Notes (not rated)" in text
    # the YAML card
    skeleton = yaml.safe_load((kit / f"scorecard-{stage}.yaml").read_text())
    assert skeleton[contract.NOTES] == ""
    assert list(skeleton[contract.RATINGS_KEY] or {}) == rated
    assert list(skeleton[contract.EVIDENCE_KEY] or {}) == rated


def test_the_notes_list_the_unscored_questions_and_a_row_only_the_scored_ones(
        kit: Path) -> None:
    html = kit / "scorecard-mixed.html"
    text = " ".join("".join(form(html).text).split())
    asked = re.findall(r"Asked: ([^A-Z]*?)(?= [A-Z]|$)", text)
    assert asked == ["craft-build"]  # the craft row: not craft-chat, which is unscored
    notes = text.split("Notes (not rated)", 1)[1]
    assert "craft-chat" in notes and "drive-why" in notes and "craft-build" not in notes
    assert "Drive" not in text.split("Notes (not rated)", 1)[0].split("Ratings and evidence")[1]
    pdf = " ".join(pdf_text(kit / "scorecard-mixed.pdf").split())
    assert "Notes (not rated)" in pdf and "drive-why" in pdf
    screen = " ".join("".join(form(kit / "scorecard-screen.html").text).split())
    assert "drive-next" in screen.split("Notes (not rated)", 1)[1]
    assert "Overall recommendation" in screen  # a screen still recommends


def test_a_card_of_a_stage_without_unscored_questions_has_no_notes_field(
        tmp_path: Path) -> None:
    from ..conftest import build_kit

    kit = build_kit(tmp_path / "kit", "engineering-manager", "html", "delivery")
    assert contract.NOTES not in form(kit / "scorecard-delivery.html").controls


def test_the_guide_says_an_unscored_question_is_not_rated_instead_of_a_rubric(
        kit: Path) -> None:
    html = (kit / "guide-mixed.html").read_text(encoding="utf-8")
    sections = dict(re.findall(r'<section class="question" id="([^"]+)">(.*?)</section>',
                               html, re.S))
    assert set(sections) == {"craft-build", "craft-chat", "drive-why"}
    assert 'class="rubric"' in sections["craft-build"]
    assert NOT_RATED not in " ".join(re.sub("<[^>]+>", "", sections["craft-build"]).split())
    for qid in ("craft-chat", "drive-why"):
        assert 'class="rubric"' not in sections[qid], qid
        assert NOT_RATED in " ".join(re.sub("<[^>]+>", "", sections[qid]).split()), qid
    pdf = " ".join(pdf_text(kit / "guide-mixed.pdf").split())
    assert pdf.count(NOT_RATED) == 2


@pytest.mark.parametrize("page_name", ["scorecard-mixed.html", "scorecard-screen.html",
                                       "guide-mixed.html"])
def test_axe_finds_nothing_wrong_with_notes(page_name: str, kit: Path, chromium: Any) -> None:
    from ..browser import axe_violations

    page = chromium.new_page()
    page.goto((kit / page_name).as_uri())
    assert axe_violations(page) == []
    page.close()
