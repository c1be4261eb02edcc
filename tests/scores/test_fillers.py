"""Cards filled by the tools interviewers and HR scripts really use come back exactly: pypdf
as its documentation shows (both recipes), PyMuPDF, pdftk-java (FDF and XFDF), poppler-glib
(as in Evince), PDFium (as in Chrome) and pdf.js (as in Firefox), with text that has
accents, an em dash, curly quotes, `&`, `<tag>`, two lines and CJK; and each shows its
values once flattened, as a printer or an archive sees them."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter

from ..conftest import build_kit, fill_with_pypdf
from .test_scores import fill_with_pymupdf

ROLE = "engineering-manager"
# The screen rates one competency and takes notes on its unscored question; delivery rates two.
STAGES = {"screen": ["leadership"], "delivery": ["leadership", "ops"]}
NOTES = {"screen"}  # the stages whose card has a notes field
EVIDENCE = "Zoë said “rollback first” — & kept <tag> as text.\r\nSecond line: 山田さんと話した。"
EXPECTED = EVIDENCE.replace("\r\n", "\n")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = build_kit(tmp_path_factory.mktemp("fillers") / "kit", ROLE, "pdf", *STAGES)
    manifest = json.loads((built / "kit.json").read_text())
    # what each card rates is what the kit says its stage rates
    assert {s["stage"]: s["competencies"] for s in manifest["stages"]} == STAGES
    return built


def values(stage: str) -> dict[str, str]:
    filled = {"interviewer": f"Ann Lee ({stage})", "overall": "3"}
    for n, competency in enumerate(STAGES[stage]):
        filled[f"rating_{competency}"] = str(2 + n)
        filled[f"evidence_{competency}"] = EVIDENCE
    if stage in NOTES:
        filled["notes"] = EVIDENCE
    return filled


def assert_read_back(invoke: Any, cards: list[Path], kit: Path, evidence: str) -> None:
    """`scores read` gives back each stage's card as `values` filled it, with its identity."""
    result = invoke("scores", "read", *map(str, cards), "--format", "json")
    assert result.exit_code == 0, result.stderr
    read = {card["stage"]: card for card in json.loads(result.stdout)}
    manifest = json.loads((kit / "kit.json").read_text())
    for stage, competencies in STAGES.items():
        card = read[stage]
        assert (card["kit_id"], card["role"], card["candidate"]) == (
            manifest["kit_id"], ROLE, "Dana Scully")
        assert card["interviewer"] == f"Ann Lee ({stage})"
        assert card["ratings"] == {c: 2 + n for n, c in enumerate(competencies)}
        assert card["evidence"] == {c: evidence for c in competencies}
        assert card["notes"] == (evidence if stage in NOTES else "")
        assert card["overall"] == 3


def pypdf_append(card: Path, target: Path, filled: dict[str, str]) -> None:
    """pypdf's documented recipe, which drops the document information."""
    writer = PdfWriter()
    writer.append(PdfReader(card))
    for page in writer.pages:
        writer.update_page_form_field_values(page, filled, auto_regenerate=False)
    writer.write(target)


def _utf16(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def pdftk_fdf(card: Path, target: Path, filled: dict[str, str]) -> None:
    """pdftk fill_form with an FDF whose strings are UTF-16 (as FDF exporters write)."""
    fields = " ".join(f"<< /T ({name}) /V {_utf16(value)} >>" for name, value in filled.items())
    fdf = target.with_suffix(".fdf")
    fdf.write_bytes(b"%FDF-1.2\n1 0 obj\n<< /FDF << /Fields [ " + fields.encode() +
                    b" ] >> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    subprocess.run(["pdftk", str(card), "fill_form", str(fdf), "output", str(target)],
                   check=True, capture_output=True)


def pdftk_xfdf(card: Path, target: Path, filled: dict[str, str]) -> None:
    from xml.sax.saxutils import escape

    fields = "".join(f'<field name="{name}"><value>{escape(value)}</value></field>'
                     for name, value in filled.items())
    xfdf = target.with_suffix(".xfdf")
    xfdf.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xfdf xmlns="http://ns.adobe.com/'
                    f'xfdf/" xml:space="preserve"><fields>{fields}</fields></xfdf>\n',
                    encoding="utf-8")
    subprocess.run(["pdftk", str(card), "fill_form", str(xfdf), "output", str(target)],
                   check=True, capture_output=True)


def poppler(card: Path, target: Path, filled: dict[str, str]) -> None:
    """poppler-glib, the engine of Evince, through Debian's python3-gi."""
    script = Path(__file__).parents[1] / "engines" / "poppler_fill.py"
    subprocess.run(["/usr/bin/python3", str(script), str(card), str(target),
                    json.dumps(filled)], check=True, capture_output=True, timeout=120)


def pdfium(card: Path, target: Path, filled: dict[str, str]) -> None:
    """PDFium, the engine of Chrome's viewer (pypdfium2): it stores Enter as CR LF."""
    import sys

    script = Path(__file__).parents[1] / "engines" / "pdfium_fill.py"
    subprocess.run([sys.executable, str(script), str(card), str(target), json.dumps(filled)],
                   check=True, capture_output=True, timeout=120)


def pdfjs(card: Path, target: Path, filled: dict[str, str]) -> None:
    """pdf.js, the engine of Firefox's viewer (pdfjs-dist under Node): values go into its
    annotation storage and saveDocument() writes the card."""
    engines = Path(__file__).parents[1] / "engines"
    subprocess.run(["node", "pdfjs_fill.mjs", str(card), str(target), json.dumps(filled)],
                   cwd=engines, check=True, capture_output=True, timeout=120)


FILLERS = {"pypdf-clone": fill_with_pypdf, "pypdf-append": pypdf_append,
           "pymupdf": fill_with_pymupdf, "pdftk-fdf": pdftk_fdf, "pdftk-xfdf": pdftk_xfdf,
           "poppler-glib": poppler, "pdfium": pdfium, "pdfjs": pdfjs}


@pytest.mark.parametrize("filler", sorted(FILLERS))
def test_a_card_filled_by_each_tool_reads_back_exactly(filler: str, kit: Path, tmp_path: Path,
                                                       invoke: Any) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy)
    for stage in STAGES:
        target = copy / "scores" / f"{stage}.pdf"
        FILLERS[filler](kit / f"scorecard-{stage}.pdf", target, values(stage))
    assert_read_back(invoke, sorted((copy / "scores").glob("*.pdf")), kit, EXPECTED)
    debrief = invoke("debrief", str(copy), "--format", "html")
    assert debrief.exit_code == 0, debrief.stderr
    for stage in STAGES:
        shown = shown_when_flattened(copy / "scores" / f"{stage}.pdf", tmp_path / "flat.pdf")
        for name, value in values(stage).items():
            # Latin text must show; the standard field font has no glyphs for CJK and a
            # reader may draw it only if it brings a font of its own (poppler and MuPDF do).
            words = [word.strip("“”—") for word in value.split()]
            words = [word for word in words if word and not any(
                unicodedata.east_asian_width(character) in "WF" for character in word)]
            assert all(word in shown[name] for word in words), (stage, name, shown[name])


def shown_when_flattened(card: Path, flat: Path) -> dict[str, str]:
    """The text drawn inside each field once `card` is flattened as `qpdf
    --flatten-annotations=all` does it (pikepdf runs qpdf 12; Debian's qpdf 11.3 skips a
    text field whose appearance poppler marks with /AS, fixed in qpdf 11.6)."""
    import pikepdf

    with pikepdf.open(card) as pdf, warnings.catch_warnings():
        # pdf.js saves changed widgets as new objects; pikepdf notes they are not in the
        # form's field list (they are, by their parents). Irrelevant once flattened.
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        pdf.flatten_annotations("all")
        pdf.save(flat)
    assert not PdfReader(flat).get_fields()  # the values are page content now
    shown: dict[str, str] = {}
    reader = PdfReader(card)
    for number, page in enumerate(reader.pages, start=1):
        height = float(page.mediabox.height)
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            name = str(widget.get("/T", ""))
            if not name or name == "interviewkit_identity":
                continue
            x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
            box = [str(round(v)) for v in (min(x1, x2), height - max(y1, y2), abs(x2 - x1),
                                           abs(y2 - y1))]
            text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-x",
                                   box[0], "-y", box[1], "-W", box[2], "-H", box[3], str(flat),
                                   "-"], capture_output=True, text=True, check=True).stdout
            shown[name] = unicodedata.normalize("NFKC", text)
    return shown


def test_pdftk_writes_choices_as_lists_and_they_are_read(kit: Path, tmp_path: Path) -> None:
    """The reason for the one-item list rule: what pdftk really stores for a choice."""
    target = tmp_path / "card.pdf"
    pdftk_fdf(kit / "scorecard-screen.pdf", target, values("screen"))
    stored = (PdfReader(target).get_fields() or {})["overall"].get("/V")
    assert isinstance(stored, list) and [str(v) for v in stored] == ["3"]


def test_a_choice_given_by_its_label_is_read(kit: Path, tmp_path: Path, invoke: Any) -> None:
    filled = {**values("screen"), "rating_leadership": "4 Strong yes",
              "overall": "1 Strong no"}
    target = tmp_path / "card.pdf"
    pdftk_fdf(kit / "scorecard-screen.pdf", target, filled)
    result = invoke("scores", "read", str(target), "--format", "json")
    assert result.exit_code == 0, result.stderr
    card = json.loads(result.stdout)[0]
    assert (card["ratings"], card["overall"]) == ({"leadership": 4}, 1)


def test_the_identity_survives_when_the_document_information_does_not(kit: Path,
                                                                       tmp_path: Path) -> None:
    target = tmp_path / "card.pdf"
    pypdf_append(kit / "scorecard-delivery.pdf", target, values("delivery"))
    reader = PdfReader(target)
    assert "/interviewkitkitid" not in (reader.metadata or {})  # the recipe dropped it
    field = (reader.get_fields() or {})["interviewkit_identity"]
    identity = json.loads(str(field.get("/V")))
    assert identity["stage"] == "delivery" and identity["candidate"] == "Dana Scully"
    assert int(field.get("/Ff", 0)) & 1  # read-only


def test_the_debrief_keeps_paragraphs(kit: Path, tmp_path: Path, invoke: Any) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy)
    for stage in STAGES:
        pdftk_fdf(kit / f"scorecard-{stage}.pdf", copy / "scores" / f"{stage}.pdf",
                  values(stage))
    result = invoke("debrief", str(copy), "--format", "both")
    assert result.exit_code == 0, result.stderr
    record = json.loads((copy / "debrief.json").read_text())
    assert "\r" not in json.dumps(record)
    text = subprocess.run(["pdftotext", "-layout", str(copy / "debrief.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    first = next(n for n, line in enumerate(lines) if "kept <tag> as text." in line)
    assert any("Second line" in line for line in lines[first + 1:first + 3])
    assert not any("as text. Second line" in line for line in lines)


def test_pdfium_really_stores_enter_as_cr_lf(kit: Path, tmp_path: Path) -> None:
    """Why line breaks are normalised: typed as one line break, stored as two characters."""
    target = tmp_path / "card.pdf"
    pdfium(kit / "scorecard-screen.pdf", target,
           {"evidence_leadership": "first\nsecond"})
    stored = (PdfReader(target).get_fields() or {})["evidence_leadership"].get("/V")
    assert str(stored) == "first\r\nsecond"


def test_blank_cards_are_small_and_their_fields_speak_a_standard_font(kit: Path) -> None:
    for stage in STAGES:
        card = kit / f"scorecard-{stage}.pdf"
        assert card.stat().st_size < 100 * 1024, (card.name, card.stat().st_size)
        reader = PdfReader(card)
        form = reader.trailer["/Root"]["/AcroForm"]
        fonts = form["/DR"]["/Font"]
        assert fonts["/Helv"].get_object()["/BaseFont"] == "/Helvetica"
        for name, field in (reader.get_fields() or {}).items():
            widget = field.indirect_reference.get_object() if field.indirect_reference else field
            assert "/Helv" in str(widget.get("/DA")), name
            assert "/N" in widget.get("/AP", {}), name


def test_a_pdftk_filled_card_shows_its_values_when_flattened(kit: Path, tmp_path: Path) -> None:
    """pdftk draws each value with the field's font into the saved appearance; a printer or
    `qpdf --flatten-annotations=all` shows exactly that (with WeasyPrint's own font for the
    fields, pdftk drew every character as glyph 0: empty boxes)."""
    latin = {"interviewer": "Ann Zoe Lee", "overall": "3", "rating_leadership": "2",
             "rating_ops": "3", "evidence_leadership": "Named the rollback first",
             "evidence_ops": "Kept the pager quiet"}
    filled, flat = tmp_path / "filled.pdf", tmp_path / "flat.pdf"
    pdftk_fdf(kit / "scorecard-delivery.pdf", filled, latin)
    subprocess.run(["qpdf", "--flatten-annotations=all", str(filled), str(flat)], check=True,
                   capture_output=True)
    reader = PdfReader(flat)
    assert not reader.get_fields()  # flattened: the values are page content now
    text = subprocess.run(["pdftotext", str(flat), "-"], capture_output=True, text=True,
                          check=True).stdout
    for value in ("Ann Zoe Lee", "Named the rollback first", "Kept the pager quiet"):
        assert value in text
