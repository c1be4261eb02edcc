"""A hiring day's index says the time zone of its times, as the guides do: once, beside the
date, when the whole day is in one zone; with each time when it has several."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from .test_day import batch, schedule_text


def _shown(page: str) -> str:
    """The text of an HTML page as a reader sees it: tags gone, spaces as one."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_day_in_one_zone_says_it_once_beside_the_date(invoke: Any, tmp_path: Path) -> None:
    built = batch(invoke, tmp_path, "--out", str(tmp_path / "day"), "--format", "html")
    assert built.exit_code == 0, built.stderr
    page = (tmp_path / "day" / "index.html").read_text()
    head = re.search(r'<p class="running-head">(.*?)</p>', page)
    assert head is not None
    assert _shown(head.group(1)).startswith("2026-12-03 · times in Europe/Berlin · 3 candidates")
    assert _shown(page).count("Europe/Berlin") == 1
    marked = batch(invoke, tmp_path, "--out", str(tmp_path / "md"), "--format", "md")
    assert marked.exit_code == 0, marked.stderr
    text = (tmp_path / "md" / "index.md").read_text()
    assert "\n2026-12-03 · times in Europe/Berlin · 3 candidates" in text
    assert text.count("Europe/Berlin") == 1


def test_a_day_in_two_zones_names_them_beside_the_date_and_each_time(invoke: Any,
                                                                    tmp_path: Path) -> None:
    lines = schedule_text(("Ada Lovelace", "Mae Jemison")).splitlines()
    moved = [line.replace("Europe/Berlin", "America/New_York") if "Mae Jemison" in line
             else line for line in lines]
    for form, name in (("html", "index.html"), ("md", "index.md")):
        built = batch(invoke, tmp_path, "--out", str(tmp_path / form), "--format", form,
                      text="\n".join(moved) + "\n")
        assert built.exit_code == 0, built.stderr
        text = (tmp_path / form / name).read_text()
        shown = _shown(text) if form == "html" else " ".join(text.split())
        assert ("2026-12-03 · times in each interview's zone (America/New_York, "
                "Europe/Berlin) · 2 candidates") in shown, form
        assert re.search(r"09:00\u201309:30 \(Europe/Berlin\)", shown), form
