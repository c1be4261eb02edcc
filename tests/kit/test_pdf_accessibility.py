"""The kit's PDFs (guides, scorecards, handouts, candidate packet) as assistive technology
reads them: tagged PDF/UA-1 with their titles in XMP, scoped table headers, figures with
alternate text (read with pikepdf), and text that extracts as written (poppler)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from ..conftest import (
    SHIPPED,
    TaggedPdf,
    html_title,
    pdf_text,
    read_tagged_pdf,
    shipped_questions,
)

# Its kit has a handout of each shape (prose for system design, code for the debugging
# exercise, whose guide has a table of timed steps); its stages ask two questions or more,
# but the exercise.
ROLE = "senior-python-engineer"
COMPANY = "Acme Robotics"
LIGATURES = re.compile("[\ufb00-\ufb06]")  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="#2f5d8a"/></svg>')


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kit in HTML and PDF, with a team logo (an image the PDFs must describe)."""
    from typer.testing import CliRunner

    from interviewkit.cli import app

    team = tmp_path_factory.mktemp("team")
    (team / "logo.svg").write_text(LOGO)
    (team / "interviewkit.toml").write_text(f'logo = "logo.svg"\ncompany = "{COMPANY}"\n')
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(team)
        result = CliRunner().invoke(app, ["kit", "build", "-r", ROLE, "--candidate",
                                          "Dana Scully", "--out", "kit", "--format", "both"])
    assert result.exit_code == 0, result.stderr
    return team / "kit"


def pdfs(kit: Path) -> list[Path]:
    found = sorted(kit.glob("*.pdf"))
    assert {p.name.split("-")[0] for p in found} == {"guide", "scorecard", "handout",
                                                     "candidate"}
    return found


def tables(pdf: TaggedPdf) -> list[list[str]]:
    """The tags of the elements inside each /Table (a table a page break splits is one per
    page), in document order."""
    found: list[list[str]] = []
    open_tables: list[list[str]] = []  # the tables around the element, the outermost first
    for element in pdf.elements:
        del open_tables[element.ancestors.count("Table"):]
        if open_tables:
            open_tables[-1].append(element.tag)
        if element.tag == "Table":
            found.append([])
            open_tables.append(found[-1])
    return found


def test_every_pdf_is_tagged_pdf_ua_with_its_title_in_xmp(kit: Path) -> None:
    for path in pdfs(kit):
        pdf = read_tagged_pdf(path)
        assert pdf.title and pdf.title == html_title(path.with_suffix(".html")), path.name
        assert pdf.ua_part == "1", path.name
        assert pdf.marked and pdf.has_structure, path.name
        assert pdf.elements[0].tag == "Document", path.name


def test_every_table_header_cell_has_a_scope(kit: Path) -> None:
    for path in pdfs(kit):
        pdf = read_tagged_pdf(path)
        headers, found = pdf.tagged("TH"), tables(pdf)
        # guides and scorecards have tables; the packet and the handouts none
        assert found or path.name == "candidate-packet.pdf" or path.name.startswith(
            "handout-"), path.name
        for table in found:
            assert "TH" in table, path.name  # every table has header cells ...
        for header in headers:  # ... and each says what it heads
            assert header.attributes.get("Scope") in {"Column", "Row"}, (path.name, header)


def test_a_code_handout_is_a_list_labelled_by_its_line_numbers(kit: Path) -> None:
    """The line numbers both sides point at ("line 42") are the labels of a tagged list, one
    item a line, so a screen reader says them too."""
    from interviewkit.bank.load import load_bank

    bank = load_bank()
    code = [path for path in pdfs(kit) if path.name.startswith("handout-coding-")]
    assert code
    for path in code:
        lines = bank.handouts[path.stem.removeprefix("handout-")].splitlines()
        pdf = read_tagged_pdf(path)
        assert pdf.tagged("L"), path.name
        assert len(pdf.tagged("LI")) == len(pdf.tagged("Lbl")) == len(lines), path.name


def test_every_figure_says_what_it_shows(kit: Path) -> None:
    for path in pdfs(kit):
        figures = read_tagged_pdf(path).tagged("Figure")
        assert figures, path.name  # the logo at least
        assert [figure.alt for figure in figures] == [COMPANY], path.name


def glyphs_for_letters(path: Path) -> set[str]:
    """Runs of Latin letters that one glyph stands for ("fi" where a ligature is drawn), as
    each font's ToUnicode map says, read with pikepdf. poppler extracts such a glyph as its
    letters, yet a reader that searches, highlights or spells it sees one character."""
    import pikepdf

    found = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                if "/ToUnicode" not in font:
                    continue
                cmap = font.ToUnicode.read_bytes().decode("latin-1")
                for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                    for target in re.findall(r"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>", block):
                        text = bytes.fromhex(target).decode("utf-16-be")
                        if re.fullmatch(r"[A-Za-z]{2,}", text) or LIGATURES.search(text):
                            found.add(text)
    return found


def test_guide_and_scorecard_text_extracts_without_ligatures(kit: Path) -> None:
    for path in sorted(kit.glob("guide-*.pdf")) + sorted(kit.glob("scorecard-*.pdf")):
        text = pdf_text(path)
        assert not LIGATURES.findall(text), path.name
        assert glyphs_for_letters(path) == set(), path.name
        # Words a ligature would join are there, spelled letter by letter.
        assert re.search(r"f[fil]", text), path.name


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1])


def test_kit_is_said_once_wherever_the_kit_is_named_and_never_alone(kit: Path) -> None:
    """The guides' footers and facts say "Kit 51b1891ffbfc · delivery", never "Kit Kit ...";
    a document that names no kit (the candidate's packet) has no "Kit" in its footer."""
    kit_id = json.loads((kit / "kit.json").read_text())["kit_id"]
    for path in pdfs(kit):
        for page in range(1, page_count(path) + 1):
            text = pdf_text(path, page)
            assert not re.search(r"\bKit\s+Kit\b", text), (path.name, page)
            named = text.count(kit_id)
            if path.name.startswith("guide-"):
                assert named, (path.name, page)  # every page's footer names the kit
            # One "Kit" for each time the kit is named: the footer's, the facts' label.
            assert len(re.findall(r"\bKit\b", text)) == named, (path.name, page)


def struct_text(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """(tag, text, tags above) of each structure element, as poppler reads the tree with the
    text each element marks (pikepdf sees the tree, but not the text in it)."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                         text=True, check=True).stdout
    elements: list[tuple[str, list[str], tuple[str, ...]]] = []
    open_at: list[int] = []  # index in `elements` of the element open at each depth
    for line in out.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        content = line.strip()
        del open_at[depth:]
        if content.startswith('"'):
            for index in open_at:
                elements[index][1].append(content[1:-1])
        elif content:
            above = tuple(elements[i][0] for i in open_at)
            open_at.append(len(elements))
            elements.append((content.split(" ")[0], [], above))
    return [(tag, "".join(parts), above) for tag, parts, above in elements]


def test_each_guide_question_is_a_heading_of_its_own(kit: Path) -> None:
    bank = yaml.safe_load((SHIPPED / "bank.yaml").read_text(encoding="utf-8"))
    names = {c["id"]: c["name"] for c in bank["competencies"]}
    competency = {q["id"]: q["competency"] for q in shipped_questions()}
    for stage in json.loads((kit / "kit.json").read_text())["stages"]:
        questions = [f"Question {n} · {names[competency[q]]}"
                     for n, q in enumerate(stage["questions"], 1)]
        tree = struct_text(kit / f"guide-{stage['stage']}.pdf")
        headings = [(text, above) for tag, text, above in tree if tag == "H2"]
        assert [text for text, _ in headings] == ["Do not ask", "Time plan", *questions,
                                                  "How the panel decides"]
        for text, above in headings[2:]:
            assert "Sect" in above, text  # in a section of its own ...
        sections = [text for tag, text, _ in tree if tag == "Sect"]
        for question in questions:  # ... which holds no other heading
            holding = [section for section in sections if question in section]
            assert len(holding) == 1, question
            assert not [other for other in ["Time plan", *questions]
                        if other != question and other in holding[0]], question
