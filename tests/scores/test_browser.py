"""Scorecards filled in a browser tab, in a real browser (Debian's Chromium, driven by
Playwright), from file:// as an interviewer opens them: what is typed survives a reload,
"Save card" downloads a card that `scores read`, `debrief` and `calibrate` take with the
checks a PDF card gets; and axe-core finds nothing wrong with the debrief and calibration."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..browser import axe_violations, reload_until
from ..conftest import fill_with_pypdf
from .test_fillers import EXPECTED, NOTES, STAGES, assert_read_back
from .test_scores import CARDS, ROLE, fill_with_pymupdf

EVIDENCE = EXPECTED  # accents, an em dash, curly quotes, &, <tag>, two lines, CJK


def build(invoke: Any, out: Path, candidate: str = "Dana Scully") -> Path:
    result = invoke("kit", "build", "-r", ROLE, "--candidate", candidate, "--out", str(out),
                    "--format", "both", *(arg for stage in STAGES for arg in ("--stage", stage)))
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    """A fresh browser profile (no storage from another test) that accepts downloads."""
    context = chromium.new_context(accept_downloads=True)
    yield context
    context.close()


def open_card(browser: Any, kit: Path, stage: str) -> Any:
    page = browser.new_page()
    page.goto((kit / f"scorecard-{stage}.html").as_uri())
    return page


def type_card(page: Any, stage: str, evidence: str = EVIDENCE) -> None:
    page.get_by_label("Interviewer").fill(f"Ann Lee ({stage})")
    for n, competency in enumerate(STAGES[stage]):
        page.select_option(f"#rating_{competency}", str(2 + n))
        page.fill(f"#evidence_{competency}", evidence)
    if stage in NOTES:
        page.get_by_label("Notes (not rated)").fill(evidence)
    page.select_option("#overall", "3")


def save_card(page: Any, scores: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Save card").click()
    target: Path = scores / download.value.suggested_filename
    download.value.save_as(target)
    return target


def test_typed_values_survive_a_reload_and_the_saved_card_reads_back(
        tmp_path: Path, invoke: Any, browser: Any) -> None:
    kit = build(invoke, tmp_path / "kit")
    for stage in STAGES:
        page = open_card(browser, kit, stage)
        type_card(page, stage)
        reload_until(page, {"#interviewer": f"Ann Lee ({stage})",
                            "#evidence_leadership": EVIDENCE,
                            **({"#notes": EVIDENCE} if stage in NOTES else {}),
                            "#overall": "3"})
        assert "Restored" in page.get_by_role("status").inner_text()
        saved = save_card(page, kit / "scores")
        assert saved.name == f"{stage}-ann-lee-{stage}.yaml"
        page.close()
    assert_read_back(invoke, sorted((kit / "scores").glob("*.yaml")), kit, EVIDENCE)
    debrief = invoke("debrief", str(kit), "--format", "html")
    assert debrief.exit_code == 0, debrief.stderr
    assert invoke("calibrate", str(kit), "--out", str(tmp_path / "cal"),
                  "--format", "json").exit_code == 0


def test_what_is_kept_belongs_to_one_kit_and_stage(tmp_path: Path, invoke: Any,
                                                    browser: Any) -> None:
    first = build(invoke, tmp_path / "first")
    second = build(invoke, tmp_path / "second", candidate="Fox Mulder")
    page = open_card(browser, first, "delivery")
    type_card(page, "delivery")
    for kit, stage in ((first, "screen"), (second, "delivery")):
        other = open_card(browser, kit, stage)
        assert other.get_by_label("Interviewer").input_value() == ""
        assert other.input_value("#evidence_leadership") == ""
        assert other.input_value("#overall") == "-"
    reload_until(page, {"#evidence_ops": EVIDENCE})


def problems(invoke: Any, card: Path) -> set[tuple[str, str]]:
    """(field, message) of each problem `scores read` reports for one card."""
    result = invoke("scores", "read", str(card))
    assert result.exit_code == 2
    found = set()
    for line in result.stderr.splitlines():  # FILE[:LINE:COLUMN]: FIELD: MESSAGE
        if line.startswith(str(card)):
            field, message = re.sub(r"^(:\d+)*: ", "", line[len(str(card)):]).split(": ", 1)
            found.add((field, message))
    assert found, result.stderr
    return found


def test_an_unfinished_browser_card_gets_the_checks_a_pdf_card_gets(
        tmp_path: Path, invoke: Any, browser: Any) -> None:
    kit = build(invoke, tmp_path / "kit")
    page = open_card(browser, kit, "delivery")
    page.select_option("#rating_ops", "4")  # no name, leadership unrated, no overall
    saved = save_card(page, tmp_path)
    status = page.get_by_role("status").inner_text()
    assert "Still missing: your name, a rating for Leadership and ownership, the overall" \
        in status
    pdf = fill_with_pypdf(kit / "scorecard-delivery.pdf", tmp_path / "delivery.pdf",
                          {"rating_ops": "4"})
    from_browser, from_pdf = problems(invoke, saved), problems(invoke, pdf)
    assert {field for field, _ in from_browser} == {"interviewer", "rating_leadership",
                                                     "overall"}
    assert {message for _, message in from_browser} == {message for _, message in from_pdf}


def test_clearing_the_card_forgets_it(tmp_path: Path, invoke: Any, browser: Any) -> None:
    kit = build(invoke, tmp_path / "kit")
    page = open_card(browser, kit, "screen")
    type_card(page, "screen")
    page.once("dialog", lambda dialog: dialog.dismiss())  # "Cancel": nothing happens
    page.get_by_role("button", name="Clear this card").click()
    notes = page.get_by_label("Notes (not rated)")
    assert page.input_value("#evidence_leadership") == EVIDENCE
    assert notes.input_value() == EVIDENCE
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear this card").click()
    assert (page.input_value("#evidence_leadership"), notes.input_value()) == ("", "")
    assert page.input_value("#date") != ""  # back to the kit's date, not empty
    reload_until(page, {"#interviewer": "", "#evidence_leadership": ""})


def test_the_page_stays_offline_prints_without_its_buttons_and_keeps_any_name_as_text(
        tmp_path: Path, invoke: Any, browser: Any) -> None:
    hostile = "Ana</script><script>alert(1)</script> O'Neil & \"Co\""
    kit = build(invoke, tmp_path / "kit", candidate=hostile)
    requests: list[str] = []
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requests.append(request.url))

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.goto((kit / "scorecard-screen.html").as_uri())
    assert page.locator("#save-card").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#save-card").is_visible()
    page.emulate_media(media="screen")
    type_card(page, "screen",
              evidence="tab\there, DEL\x7f, NEL\x85, line separator\u2028, BOM\ufeff end")
    saved = save_card(page, kit / "scores")
    assert dialogs == []
    assert {url.split(":", 1)[0] for url in requests} <= {"file", "blob", "data"}
    result = invoke("scores", "read", str(saved), "--format", "json")
    assert result.exit_code == 0, result.stderr
    card = json.loads(result.stdout)[0]
    assert card["candidate"] == hostile
    typed = "tab\there, DEL\x7f, NEL\x85, line separator\u2028, BOM\ufeff end"
    assert (card["evidence"]["leadership"], card["notes"]) == (typed, typed)


def test_a_scorecard_printed_to_pdf_by_the_browser_is_refused_with_the_way_out(
        tmp_path: Path, invoke: Any, browser: Any) -> None:
    """Chrome's "Print to PDF" keeps what is typed as page text, with no fields to read."""
    kit = build(invoke, tmp_path / "kit")
    page = open_card(browser, kit, "screen")
    type_card(page, "screen")
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed))
    result = invoke("scores", "read", str(printed))
    assert result.exit_code == 2
    assert "no scorecard form fields" in result.stderr and "Save card" in result.stderr


def test_axe_finds_nothing_wrong_with_debrief_and_calibration(tmp_path: Path, invoke: Any,
                                                              chromium: Any) -> None:
    kit = tmp_path / "kit"
    assert invoke("kit", "build", "-r", ROLE, "--candidate", "Dana Scully", "--out", str(kit),
                  "--format", "pdf").exit_code == 0
    for stage, (interviewer, values) in CARDS.items():
        fill_with_pymupdf(kit / f"scorecard-{stage}.pdf", kit / "scores" / f"{stage}.pdf",
                          {"interviewer": interviewer, **values})
    assert invoke("debrief", str(kit), "--format", "html").exit_code == 0
    assert invoke("calibrate", str(kit), "--out", str(tmp_path / "cal"), "--format",
                  "html").exit_code == 0
    for report in (kit / "debrief.html", tmp_path / "cal" / "calibration.html"):
        page = chromium.new_page()
        page.goto(report.as_uri())
        assert axe_violations(page) == [], report.name
        page.close()
