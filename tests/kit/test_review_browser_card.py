"""The HTML scorecard's offline form against what another page can do to it: file:// pages
share one local storage in Chromium, so any of them can fill it up or plant values under the
card's key. What was typed must still come back, and nothing planted may lie about it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import build_kit

ROLE = "engineering-manager"
STAGE = "people-development"  # rates people management alone


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(accept_downloads=True)
    yield context
    context.close()


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_kit(tmp_path_factory.mktemp("card") / "kit", ROLE, "html", STAGE)


def open_card(browser: Any, kit: Path) -> Any:
    page = browser.new_page()
    page.goto((kit / f"scorecard-{STAGE}.html").as_uri())
    return page


def other_page(browser: Any, tmp_path: Path) -> Any:
    """Another page opened from a file: the same origin as the scorecard, for Chromium."""
    other = tmp_path / "other.html"
    other.write_text("<!doctype html><title>Another page</title><p>Not ours.</p>")
    page = browser.new_page()
    page.goto(other.as_uri())
    return page


def storage_key(kit: Path) -> str:
    return f"interviewkit-card:{json.loads((kit / 'kit.json').read_text())['kit_id']}:{STAGE}"


def test_a_kept_card_comes_back_when_another_page_has_filled_the_storage(
        kit: Path, tmp_path: Path, browser: Any) -> None:
    page = open_card(browser, kit)
    page.get_by_label("Interviewer").fill("Ann Lee")
    page.fill("#evidence_people", "Gave feedback the same day.")
    page.wait_for_function("(key) => localStorage.getItem(key) !== null"
                           " && localStorage.getItem(key).includes('same day')",
                           arg=storage_key(kit))
    page.close()
    filler = other_page(browser, tmp_path)
    filler.evaluate("""() => {  // every byte the origin may keep, in big pieces then small
        for (const size of [262144, 1024, 1]) {
            try { for (let i = 0; ; i++) localStorage.setItem(`filler-${size}-${i}`,
                                                          'x'.repeat(size)); } catch (e) {}
        }
    }""")
    page = open_card(browser, kit)
    assert page.get_by_label("Interviewer").input_value() == "Ann Lee"
    assert page.input_value("#evidence_people") == "Gave feedback the same day."
    assert "Restored" in page.get_by_role("status").inner_text()
    page.fill("#evidence_people", "Gave feedback the same day, in writing.")
    assert "would not keep" in page.get_by_role("status").inner_text()


@pytest.mark.parametrize("planted", [
    {"kept": "soon", "values": {"interviewer": "Planted"}},
    {"kept": 1e300, "values": {"interviewer": "Planted"}},
])
def test_a_planted_time_is_not_shown(kit: Path, tmp_path: Path, browser: Any,
                                     planted: dict[str, Any]) -> None:
    other_page(browser, tmp_path).evaluate("([key, value]) => localStorage.setItem(key, value)",
                                           [storage_key(kit), json.dumps(planted)])
    page = open_card(browser, kit)
    assert page.get_by_label("Interviewer").input_value() == "Planted"
    status = page.get_by_role("status").inner_text()
    assert status.startswith("Restored what you typed.") and "Invalid" not in status


@pytest.mark.parametrize(("interviewer", "file_name"), [
    ("José Núñez", "people-development-jose-nunez.yaml"),
    ("Иван Петров", "people-development-иван-петров.yaml"),
    ("山田 太郎", "people-development-山田-太郎.yaml"),
    ("김민준", "people-development-김민준.yaml"),
    ("𠮷" * 50, "people-development-" + "𠮷" * 40 + ".yaml"),  # letters beyond the BMP, whole
])
def test_the_saved_card_is_named_for_its_interviewer_in_any_script(
        interviewer: str, file_name: str, kit: Path, tmp_path: Path, browser: Any) -> None:
    """Two interviewers of one stage save two files: a name in Cyrillic or CJK no longer
    comes out empty, which named every such card <stage>.yaml."""
    page = open_card(browser, kit)
    page.get_by_label("Interviewer").fill(interviewer)
    with page.expect_download() as download:
        page.get_by_role("button", name="Save card").click()
    assert download.value.suggested_filename == file_name


def test_a_blank_scorecard_keeps_nothing_for_the_next_candidate(tmp_path: Path,
                                                                browser: Any) -> None:
    """Every blank kit of a role is the same kit (no candidate, the same draw), so its cards
    share one storage key: what was typed about one candidate came back, as 'Restored what
    you typed', when the blank card was opened for the next."""
    from typer.testing import CliRunner

    from interviewkit.cli import app

    kits = []
    for name in ("monday", "tuesday"):
        built = CliRunner().invoke(app, ["kit", "blank", "-r", ROLE, "--stage", STAGE,
                                         "--out", str(tmp_path / name), "--format", "html"])
        assert built.exit_code == 0, built.stderr
        kits.append(tmp_path / name)
    page = open_card(browser, kits[0])
    page.get_by_label("Interviewer").fill("Ann Lee")
    page.fill("#evidence_people", "About the first candidate.")
    assert "nothing" in page.get_by_role("status").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Save card").click()
    assert download.value.suggested_filename == f"{STAGE}-ann-lee.yaml"
    page = open_card(browser, kits[1])
    assert page.input_value("#evidence_people") == ""
    assert page.evaluate("() => Object.keys(localStorage)") == []
