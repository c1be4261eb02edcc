"""Shared fixtures: a CLI runner and small banks written to disk as real YAML."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from interviewkit.cli import app

from .browser import CHROMIUM, CHROMIUM_FLAGS

TESTS = Path(__file__).parent
BAD_BANKS = TESTS / "bad_banks"

# The bank cache of this test run lives in a directory of its own (subprocesses inherit it),
# never in the user's ~/.cache.
os.environ["INTERVIEWKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="interviewkit-test-cache-")


def question(qid: str, competency: str = "design", **changes: Any) -> dict[str, Any]:
    """A complete, valid question as it would be written in YAML."""
    record: dict[str, Any] = {
        "id": qid,
        "competency": competency,
        "kind": "technical",
        "levels": ["senior"],
        "minutes": 10,
        "tags": ["testing"],
        "prompt": f"Prompt of {qid}.",
        "why": f"Why we ask {qid}.",
        "look_for": ["A first signal", "A second signal", "A third signal"],
        "follow_ups": ["A probe?", "Another probe?"],
        "red_flags": ["A flag", "Another flag"],
        "rubric": {1: "Does none of it.", 2: "Does some.", 3: "Does most.", 4: "Does all."},
        "sample_answer": f"What a strong answer to {qid} covers.",
    }
    record.update(changes)
    return record


def write_bank(directory: Path, questions: list[dict[str, Any]] = (),  # type: ignore[assignment]
               roles: list[dict[str, Any]] = (), settings: dict[str, Any] | None = None,  # type: ignore[assignment]
               ) -> Path:
    """Write a bank directory: bank.yaml (if settings), questions/q.yaml, roles/<id>.yaml."""
    directory.mkdir(parents=True, exist_ok=True)
    if settings is not None:
        (directory / "bank.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))
    if questions:
        (directory / "questions").mkdir(exist_ok=True)
        (directory / "questions" / "q.yaml").write_text(
            yaml.safe_dump({"questions": list(questions)}, sort_keys=False, allow_unicode=True))
    for role in roles:
        (directory / "roles").mkdir(exist_ok=True)
        (directory / "roles" / f"{role['id']}.yaml").write_text(yaml.safe_dump(role,
                                                                               sort_keys=False))
    return directory


def unscored_question(qid: str, competency: str, **changes: Any) -> dict[str, Any]:
    """A complete, valid unscored question (notes only): no rubric, as the loader asks."""
    record = question(qid, competency, kind="motivational", scored=False, minutes=5,
                      **changes)
    del record["rubric"]
    return record


NOTES_ROLE = "notes-loop"


def write_notes_bank(directory: Path) -> Path:
    """A team bank with unscored questions, of its own competencies so that nothing of the
    shipped bank is drawn. Role notes-loop: stage `mixed` asks craft-build (scored) and
    craft-chat (unscored) for craft and drive-why (unscored) for drive, so its card rates
    craft only; stage `screen` asks drive-next (unscored) alone, so its card rates nothing."""
    return write_bank(
        directory,
        questions=[question("craft-build", "craft"), unscored_question("craft-chat", "craft"),
                   unscored_question("drive-why", "drive"),
                   unscored_question("drive-next", "drive", family="next")],
        roles=[{"id": NOTES_ROLE, "title": "Notes engineer", "level": "senior",
                "summary": "A role whose loop asks unscored questions.",
                "stages": [{"id": "mixed", "name": "Craft and drive", "minutes": 45,
                            "competencies": {"craft": 2, "drive": 1},
                            "exclude": ["drive-next"], "description": "Craft and drive."},
                           {"id": "screen", "name": "Screen", "minutes": 30,
                            "families": ["next"], "description": "A short screen."}]}],
        settings={"competencies": [
            {"id": "craft", "name": "Craft", "description": "How you build things."},
            {"id": "drive", "name": "Drive", "description": "What moves you."}]})


def build_notes_kit(directory: Path, output: str = "both") -> Path:
    """The notes-loop kit for Dana Scully, built through the CLI from a notes bank written
    beside it, with YAML cards too; the kit's folder."""
    bank = write_notes_bank(directory / "bank")
    out = directory / "kit"
    built = CliRunner().invoke(app, ["kit", "build", "-r", NOTES_ROLE, "--candidate",
                                     "Dana Scully", "--bank", str(bank), "--out", str(out),
                                     "--format", output, "--yaml-scorecards", "--date",
                                     "2026-02-01"])
    assert built.exit_code == 0, built.stderr
    return out


def write_role_words(role_file: Path) -> None:
    """What a team does with a role `roles new` or `init` started: the marker and the
    instructions after it (models.STARTER_INSTRUCTIONS) replaced by words of its own."""
    from interviewkit.models import PLACEHOLDER, STARTER_INSTRUCTIONS

    text = role_file.read_text(encoding="utf-8").replace(f"{PLACEHOLDER} ", "")
    for words in STARTER_INSTRUCTIONS:  # as YAML folds them, over lines
        text = re.sub(r"\s+".join(map(re.escape, words.split())), "Written by the team.", text)
    role_file.write_text(text, encoding="utf-8")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run the CLI with no $INTERVIEWKIT_BANK from the environment leaking in."""
    monkeypatch.delenv("INTERVIEWKIT_BANK", raising=False)

    def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), env=env)

    return run


SHIPPED = TESTS.parent / "question_bank"


def shipped_questions() -> list[dict[str, Any]]:
    """The shipped bank's questions read with plain PyYAML, independently of interviewkit."""
    found: list[dict[str, Any]] = []
    for path in sorted((SHIPPED / "questions").glob("*.yaml")):
        found += yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    return found


def shipped_role(role_id: str) -> dict[str, Any]:
    role: dict[str, Any] = yaml.safe_load((SHIPPED / "roles" / f"{role_id}.yaml").read_text(
        encoding="utf-8"))
    return role


# What a question's JSON record says for each optional field its YAML may leave out.
QUESTION_DEFAULTS: dict[str, Any] = {"rubric": {}, "level_rubrics": {}, "scored": True,
                                     "family": None, "handout": None, "timing": []}


def as_json(record: dict[str, Any]) -> dict[str, Any]:
    """A question's YAML record as `questions list --format json` gives it: every optional
    field the YAML left out at its default, after a JSON round trip (mapping keys become
    text)."""
    result: dict[str, Any] = json.loads(json.dumps({**QUESTION_DEFAULTS, **record}))
    return result


def snapshot(directory: Path) -> dict[str, bytes | None]:
    """Every entry below `directory`, hidden ones too: a file's bytes, None for a folder."""
    return {str(p.relative_to(directory)): None if p.is_dir() else p.read_bytes()
            for p in sorted(directory.rglob("*"))}


def build_kit(out: Path, role: str, output: str, *stages: str,
              candidate: str = "Dana Scully") -> Path:
    """A kit built through the CLI at `out`: the role's given stages (default all)."""
    built = CliRunner().invoke(app, ["kit", "build", "-r", role, "--candidate", candidate,
                                     "--out", str(out), "--format", output,
                                     *(arg for stage in stages for arg in ("--stage", stage))])
    assert built.exit_code == 0, built.stderr
    return out


def fill_with_pypdf(card: Path, target: Path, values: dict[str, str]) -> Path:
    """Fill a scorecard PDF as pypdf's documentation shows, and save it at `target`."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(card))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    writer.write(target)
    return target


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bank cache of the test's own, empty to begin with."""
    from interviewkit.bank import cache as bankcache

    directory = tmp_path / "cache"
    monkeypatch.setenv(bankcache.CACHE_ENV, str(directory))
    return directory



@pytest.fixture(scope="session")
def chromium() -> Any:
    """One headless Chromium for the test run (Playwright driving the system browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# -- tagged PDFs, read as assistive technology reads them ------------------------------------


@dataclass(frozen=True)
class StructElement:
    """One element of a tagged PDF's structure tree."""

    tag: str  # "H2", "Figure", "TH"
    attributes: dict[str, str]  # its /A attributes ("Scope": "Column"), all owners merged
    alt: str | None  # its /Alt text
    ancestors: tuple[str, ...]  # the tags above it, the document's first


@dataclass(frozen=True)
class TaggedPdf:
    """What a PDF tells a screen reader about itself, read with pikepdf."""

    title: str | None  # XMP dc:title
    ua_part: str | None  # XMP pdfuaid:part: "1" for PDF/UA-1
    marked: bool  # /MarkInfo /Marked
    has_structure: bool  # a /StructTreeRoot in the catalog
    elements: tuple[StructElement, ...]  # the structure tree in document order

    def tagged(self, tag: str) -> list[StructElement]:
        return [e for e in self.elements if e.tag == tag]


def read_tagged_pdf(path: Path) -> TaggedPdf:
    import pikepdf

    def attributes(value: Any) -> dict[str, str]:
        owners = value if isinstance(value, pikepdf.Array) else [value] if value else []
        return {str(k)[1:]: str(v).lstrip("/") for owner in owners
                for k, v in owner.items() if k != "/O"}

    def walk(node: Any, above: tuple[str, ...]) -> list[StructElement]:
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return []  # a marked-content id or an annotation: content, not structure
        tag = str(node.S)[1:]
        kids = node.get("/K")
        found = [StructElement(tag, attributes(node.get("/A")),
                               str(node.Alt) if "/Alt" in node else None, above)]
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            found += walk(kid, (*above, tag))
        return found

    with pikepdf.open(path) as pdf:
        with pdf.open_metadata() as xmp:
            title, part = xmp.get("dc:title"), xmp.get("pdfuaid:part")
        root = pdf.Root.get("/StructTreeRoot")
        elements: list[StructElement] = []
        if root is not None:
            kids = root.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                elements += walk(kid, ())
        mark_info = pdf.Root.get("/MarkInfo")
        marked = bool(mark_info is not None and mark_info.get("/Marked", False))
        return TaggedPdf(str(title) if title else None, str(part) if part else None, marked,
                         root is not None, tuple(elements))


def html_title(page: Path) -> str:
    """The <title> of one of our HTML pages, as a person reads it."""
    found = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
    assert found, page
    return html.unescape(found[1])


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or of one page) as poppler's pdftotext extracts it."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
