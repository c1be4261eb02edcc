"""The debrief PDF as assistive technology reads it (pikepdf): tagged PDF/UA-1 with its title
in XMP, scoped table headers, and each chart a figure whose alternate text gives the ratings
it plots, per interviewer, as its HTML page's label does."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from interviewkit.cli import app

from ..conftest import SHIPPED, fill_with_pypdf, html_title, read_tagged_pdf
from .test_scores import CARDS, ROLE


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kit with the three cards of CARDS filled, and its debrief in HTML and PDF."""
    kit = tmp_path_factory.mktemp("debrief") / "kit"
    runner = CliRunner()
    built = runner.invoke(app, ["kit", "build", "-r", ROLE, "--candidate", "Dana Scully",
                                "--out", str(kit), "--format", "pdf"])
    assert built.exit_code == 0, built.stderr
    for stage, (who, values) in CARDS.items():
        fill_with_pypdf(kit / f"scorecard-{stage}.pdf", kit / "scores" / f"{stage}.pdf",
                        {"interviewer": who, **values})
    debrief = runner.invoke(app, ["debrief", str(kit), "--format", "both"])
    assert debrief.exit_code == 0, debrief.stderr
    return kit


def test_the_debrief_is_tagged_pdf_ua_with_its_title_in_xmp(kit: Path) -> None:
    pdf = read_tagged_pdf(kit / "debrief.pdf")
    assert pdf.title == html_title(kit / "debrief.html") == "Debrief: Dana Scully"
    assert pdf.ua_part == "1"
    assert pdf.marked and pdf.has_structure
    assert pdf.elements[0].tag == "Document"


def test_every_table_header_cell_of_the_debrief_has_a_scope(kit: Path) -> None:
    headers = read_tagged_pdf(kit / "debrief.pdf").tagged("TH")
    assert headers
    for header in headers:
        assert header.attributes.get("Scope") in {"Column", "Row"}, header


SCALE = {point["value"]: point["label"] for point in yaml.safe_load(
    (SHIPPED / "bank.yaml").read_text(encoding="utf-8"))["rating_scale"]}


def expected_charts(kit: Path) -> Counter[frozenset[str]]:
    """Each competency's chart, as the ratings it shows: {"Ann Lee: 2 No", ...}, worked out
    from the cards, the competencies kit.json says the stages rate, and the shipped bank's
    scale; a competency no card rated shows none."""
    stages = json.loads((kit / "kit.json").read_text(encoding="utf-8"))["stages"]
    charts: dict[str, set[str]] = {c: set() for stage in stages for c in stage["competencies"]}
    for who, values in CARDS.values():
        for field, value in values.items():
            if field.startswith("rating_"):
                charts[field.removeprefix("rating_")].add(f"{who}: {value} {SCALE[int(value)]}")
    return Counter(frozenset(ratings) for ratings in charts.values())


def test_every_chart_is_a_figure_that_says_what_it_shows(kit: Path) -> None:
    figures = read_tagged_pdf(kit / "debrief.pdf").tagged("Figure")
    assert all(figure.alt for figure in figures), figures
    shown = Counter(frozenset() if figure.alt == "not rated" else frozenset(
        str(figure.alt).split("; ")) for figure in figures)
    assert shown == expected_charts(kit)


def test_the_calibration_printed_as_the_debrief_is_shows_no_figure_without_words(
        kit: Path, tmp_path: Path) -> None:
    """The calibration is written as HTML only, but its charts come from the macros the
    debrief's do: printed by the debrief's renderer, each bar is a figure that says what it
    shows, and the legend's colour samples are artifacts, not figures without words."""
    from interviewkit.kit.documents import Document, document_files
    from interviewkit.kit.render import Renderer

    result = CliRunner().invoke(app, ["calibrate", str(kit), "--out", str(tmp_path),
                                      "--format", "html"])
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "calibration.html").read_text(encoding="utf-8")
    pdf = document_files([Document("calibration", html)], Renderer(()), "pdf")
    (tmp_path / "calibration.pdf").write_bytes(pdf["calibration.pdf"])
    figures = read_tagged_pdf(tmp_path / "calibration.pdf").tagged("Figure")
    interviewers = {who for who, _ in CARDS.values()}
    assert len(figures) == len(interviewers) + 1  # a bar per interviewer, one for the role
    overall = Counter(values["overall"] for _, values in CARDS.values())
    assert figures[-1].alt == "; ".join(  # the role's bar: the overall recommendations
        f"{value} {SCALE[int(value)]}: {overall[value]}" for value in sorted(overall))
    assert all(figure.alt for figure in figures), figures
