"""Filled scorecards back in, and the debrief: numbers worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from ..conftest import fill_with_pypdf

ROLE = "engineering-manager"  # leadership and ops are each rated in two stages


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from interviewkit.cli import app

    out = tmp_path_factory.mktemp("em") / "kit"
    result = CliRunner().invoke(app, ["kit", "build", "-r", ROLE, "--candidate", "Dana Scully",
                                      "--out", str(out), "--format", "pdf", "--date",
                                      "2026-02-01"])
    assert result.exit_code == 0, result.stderr
    return out


def fill_with_pymupdf(card: Path, target: Path, values: dict[str, str]) -> Path:
    import pymupdf

    document: Any = pymupdf.open(card)  # type: ignore[no-untyped-call]  # no type hints
    for page in document:
        for widget in page.widgets():
            if widget.field_name in values:
                widget.field_value = values[widget.field_name]
                widget.update()
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(target)
    return target


CARDS = {  # stage -> (interviewer, field values)
    "screen": ("Ann Lee", {"rating_leadership": "2",
                                      "evidence_leadership": "Gave feedback once, late.",
                                      "overall": "2"}),
    "delivery": ("Bob Ray", {"rating_leadership": "4", "evidence_leadership": "",
                             "rating_ops": "3", "evidence_ops": "Staged rollout with flags.",
                             "overall": "3"}),
    "technical-judgement": ("Cy Doe", {"rating_design": "1", "evidence_design": "No data model.",
                                       "rating_ops": "3", "evidence_ops": "Named SLO alerts.",
                                       "overall": "1"}),
}


@pytest.fixture(scope="module")
def filled(kit: Path) -> Path:
    for n, (stage, (who, values)) in enumerate(CARDS.items()):
        fill = fill_with_pymupdf if n == 1 else fill_with_pypdf  # one card via MuPDF
        fill(kit / f"scorecard-{stage}.pdf", kit / "scores" / f"{stage}.pdf",
             {"interviewer": who, **values})
    return kit


def test_scores_read_gets_every_field_back(filled: Path, invoke: Any) -> None:
    result = invoke("scores", "read", *sorted(map(str, (filled / "scores").glob("*.pdf"))),
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    cards = {c["stage"]: c for c in json.loads(result.stdout)}
    manifest = json.loads((filled / "kit.json").read_text())
    for stage, (who, values) in CARDS.items():
        card = cards[stage]
        assert (card["kit_id"], card["candidate"], card["interviewer"], card["date"]) == (
            manifest["kit_id"], "Dana Scully", who, "2026-02-01")
        assert card["overall"] == int(values["overall"])
        for field, value in values.items():
            if field.startswith("rating_"):
                assert card["ratings"][field[7:]] == int(value)
            if field.startswith("evidence_"):
                assert card["evidence"][field[9:]] == value


def test_debrief_numbers_and_flags(filled: Path, invoke: Any) -> None:
    result = invoke("debrief", str(filled), "--format", "html")
    assert result.exit_code == 0, result.stderr
    debrief = json.loads((filled / "debrief.json").read_text())
    figures = {c["competency"]: c for c in debrief["competencies"]}
    # by hand: leadership 2 and 4; ops 3 and 3; design 1; people and culture never rated
    assert (figures["leadership"]["mean"], figures["leadership"]["lowest"],
            figures["leadership"]["highest"], figures["leadership"]["spread"]) == (3, 2, 4, 2)
    assert (figures["ops"]["mean"], figures["ops"]["spread"]) == (3, 0)
    assert (figures["design"]["mean"], figures["design"]["lowest"]) == (1, 1)
    for unrated in ("people", "culture"):
        assert figures[unrated]["mean"] is None and figures[unrated]["ratings"] == []
    assert debrief["overall_counts"] == {"1": 1, "2": 1, "3": 1, "4": 0}
    assert [(f["kind"], f["message"]) for f in debrief["flags"]] == [
        ("no-evidence", "Bob Ray (delivery) rated Leadership and ownership 4 with no "
                        "evidence written"),
        ("lowest-rating", "Cy Doe (technical-judgement) rated System and software design 1 "
                          "Strong no"),
        ("lowest-rating", "Cy Doe (technical-judgement) gave an overall 1 Strong no"),
        ("spread", "Leadership and ownership: ratings from 2 to 4 (2 points apart)"),
        ("unrated", "People management: nobody rated it"),
        ("unrated", "Values and motivation: nobody rated it"),
        ("spread", "Overall recommendation: from 1 to 3 (2 points apart)"),
        ("missing-scorecard", "no scorecard for stage hiring-and-team"),
        ("missing-scorecard", "no scorecard for stage people-development"),
        ("missing-scorecard", "no scorecard for stage values"),
    ]
    html = (filled / "debrief.html").read_text()
    assert "<svg" in html and "it does not decide" in html
    assert "Gave feedback once, late." in html


def test_debrief_pdf(filled: Path, invoke: Any) -> None:
    result = invoke("debrief", str(filled), "--format", "pdf")
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(filled / "debrief.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Flags to discuss" in text and "Cy Doe" in text


def test_yaml_cards_and_their_errors(kit: Path, invoke: Any, tmp_path: Path) -> None:
    manifest = json.loads((kit / "kit.json").read_text())
    card = {"kit_id": manifest["kit_id"], "role": ROLE, "candidate": "Dana Scully",
            "stage": "values", "interviewer": "Eve Ng", "date": "2026-02-02",
            "ratings": {"culture": 3}, "evidence": {"culture": "Ran the blameless review."},
            "overall": 3}
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(card, sort_keys=False))
    result = invoke("scores", "read", str(good), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["ratings"] == {"culture": 3}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({**card, "ratings": {"culture": 5}}, sort_keys=False))
    result = invoke("scores", "read", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:8:3: rating_culture: '5' is not on the rating "
                                    "scale (1, 2, 3, 4)")


def test_bad_cards_name_file_and_field(kit: Path, filled: Path, invoke: Any,
                                       tmp_path: Path) -> None:
    from pypdf import PdfWriter as Writer

    one = filled / "scores" / "screen.pdf"
    cases: dict[str, tuple[Path, str]] = {}
    (tmp_path / "text.pdf").write_text("not a pdf at all")
    cases["non-pdf"] = (tmp_path / "text.pdf", "not a readable PDF")
    (tmp_path / "cut.pdf").write_bytes(one.read_bytes()[:2000])
    cases["truncated"] = (tmp_path / "cut.pdf", "not a readable PDF")
    locked = Writer(clone_from=PdfReader(one))
    locked.encrypt("secret")
    locked.write(tmp_path / "locked.pdf")
    cases["encrypted"] = (tmp_path / "locked.pdf", "the PDF is encrypted")
    cases["not ours"] = (kit / "guide-values.pdf", "not an interviewkit scorecard")
    unrated = fill_with_pypdf(kit / "scorecard-delivery.pdf", tmp_path / "unrated.pdf",
                              {"interviewer": "Zed", "rating_leadership": "3",
                               "overall": "3"})
    cases["unrated"] = (unrated, "rating_ops: not rated")
    off = fill_with_pypdf(kit / "scorecard-values.pdf", tmp_path / "off.pdf",
                          {"interviewer": "Zed", "rating_culture": "7", "overall": "2"})
    cases["off scale"] = (off, "rating_culture: '7' is not on the rating scale")
    for name, (path, message) in cases.items():
        result = invoke("scores", "read", str(path))
        assert result.exit_code == 2, name
        assert str(path) in result.stderr and message in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr


def test_cards_must_belong_to_the_kit_and_not_repeat(filled: Path, invoke: Any,
                                                     tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert invoke("kit", "build", "-r", ROLE, "--candidate", "Fox Mulder", "--out", str(other),
                  "--format", "pdf", "--stage", "values").exit_code == 0
    stray = fill_with_pypdf(other / "scorecard-values.pdf", tmp_path / "stray.pdf",
                            {"interviewer": "Eve", "rating_culture": "3", "overall": "3"})
    twice = tmp_path / "twice.pdf"
    twice.write_bytes((filled / "scores" / "delivery.pdf").read_bytes())
    files = [*sorted(map(str, (filled / "scores").glob("*.pdf"))), str(stray), str(twice)]
    result = invoke("debrief", str(filled), *files, "--format", "html")
    assert result.exit_code == 2
    other_kit = json.loads((other / "kit.json").read_text())["kit_id"]
    mine = json.loads((filled / "kit.json").read_text())["kit_id"]
    assert f"kit_id: this card belongs to kit {other_kit}, not {mine}" in result.stderr
    assert "a second card from Bob Ray for stage delivery" in result.stderr
    partial = invoke("debrief", str(filled), *files, "--format", "html", "--partial")
    assert partial.exit_code == 0, partial.stderr
    assert "2 incomplete cards set aside" in partial.stderr
    assert "3 scorecards" in partial.stdout


def test_export_rows(filled: Path, invoke: Any) -> None:
    result = invoke("scores", "export", str(filled.parent), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 5  # one per card and competency
    assert {(r["stage"], r["competency"], r["rating"]) for r in rows} == {
        ("screen", "leadership", 2), ("delivery", "leadership", 4),
        ("delivery", "ops", 3), ("technical-judgement", "design", 1),
        ("technical-judgement", "ops", 3)}
    csv = invoke("scores", "export", str(filled.parent))
    assert csv.stdout.splitlines()[0] == ("kit_id,role,candidate,stage,interviewer,date,"
                                          "competency,rating,evidence,overall")
    assert len(csv.stdout.splitlines()) == 6


def test_yaml_skeletons_fill_and_read(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    built = invoke("kit", "build", "-r", ROLE, "--candidate", 'Zoë "Z" O\'Neil', "--out",
                   str(out), "--format", "html", "--yaml-scorecards", "--stage", "delivery")
    assert built.exit_code == 0, built.stderr
    skeleton = out / "scorecard-delivery.yaml"
    empty = invoke("scores", "read", str(skeleton))
    assert empty.exit_code == 2
    for message in ("interviewer: missing", "rating_leadership: not rated",
                    "rating_ops: not rated", "overall: no overall recommendation"):
        assert message in empty.stderr
    card = yaml.safe_load(skeleton.read_text())
    card.update(interviewer="Hal", overall=3, ratings={"leadership": 3, "ops": 2},
                evidence={"leadership": "Ran the planning.", "ops": "Knew the pipeline."})
    (out / "scores").mkdir(exist_ok=True)
    (out / "scores" / "hal.yaml").write_text(yaml.safe_dump(card, allow_unicode=True))
    result = invoke("debrief", str(out), "--format", "html")
    assert result.exit_code == 0, result.stderr
    debrief = json.loads((out / "debrief.json").read_text())
    assert debrief["candidate"] == 'Zoë "Z" O\'Neil'
    assert debrief["cards"][0]["ratings"] == {"leadership": 3, "ops": 2}


def test_evidence_is_escaped_in_the_debrief(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    assert invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out", str(out),
                  "--format", "html", "--yaml-scorecards", "--stage", "values").exit_code == 0
    card = yaml.safe_load((out / "scorecard-values.yaml").read_text())
    hostile = '<script>alert(1)</script><img src="file:///etc/passwd">'
    card.update(interviewer="<b>Mallory</b>", overall=3, ratings={"culture": 3},
                evidence={"culture": hostile})
    (out / "scores").mkdir(exist_ok=True)
    (out / "scores" / "m.yaml").write_text(yaml.safe_dump(card))
    result = invoke("debrief", str(out))
    assert result.exit_code == 0, result.stderr
    html = (out / "debrief.html").read_text()
    assert hostile not in html and "<b>Mallory</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = " ".join(page.extract_text() for page in PdfReader(out / "debrief.pdf").pages)
    assert "<script>alert(1)</script>" in text.replace("\n", "")


def test_the_python_api_writes_the_same_debrief_as_the_command(filled: Path, tmp_path: Path,
                                                              invoke: Any) -> None:
    import shutil

    from interviewkit import load_bank, read_scorecards, write_debrief
    from interviewkit.kit.manifest import read_manifest

    by_api, by_cli = tmp_path / "api", tmp_path / "cli"
    for copy in (by_api, by_cli):
        shutil.copytree(filled, copy)
    bank = load_bank()
    manifest = read_manifest(by_api / "kit.json")
    cards = read_scorecards(sorted((by_api / "scores").glob("*.pdf")), bank,
                            kit_id=manifest.kit_id)
    figures, written = write_debrief(bank, by_api, manifest, cards.cards, "html")
    assert [p.name for p in written] == ["debrief.json", "debrief.html"]
    result = invoke("debrief", str(by_cli), "--format", "html")
    assert result.exit_code == 0, result.stderr
    for name in ("debrief.json", "debrief.html"):
        api = (by_api / name).read_text().replace(str(by_api), "KIT")
        cli = (by_cli / name).read_text().replace(str(by_cli), "KIT")
        assert api == cli, name
    assert len(figures.cards) == len(CARDS)
