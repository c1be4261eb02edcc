"""PDFs are rendered by a pool of worker processes (one per core): the same bytes as one
process renders, and a worker's refusal reaches the command line whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interviewkit.bank.load import load_bank
from interviewkit.errors import InterviewkitError, Problem
from interviewkit.kit.build import KitOptions, render_kit
from interviewkit.plan.selection import plan_kit


def test_a_pool_renders_the_same_pdfs_as_one_process(tmp_path: Path) -> None:
    bank = load_bank()
    plan = plan_kit(bank, "engineering-manager", "Dana Scully", None)
    kits = {jobs: render_kit(bank, plan, tmp_path / f"jobs{jobs}",
                             KitOptions(format="pdf", date="2026-02-01", jobs=jobs))
            for jobs in (1, 3)}
    names = kits[1].files
    handouts = [q.id for stage in plan.stages for q in stage.questions if q.id in bank.handouts]
    assert handouts  # a handout is rendered in the pool too
    # a guide and a scorecard per stage, the handouts, the packet and kit.json
    assert names == kits[3].files and len(names) == 2 * len(plan.stages) + len(handouts) + 2
    for name in names:
        assert (tmp_path / "jobs1" / name).read_bytes() == (tmp_path / "jobs3" / name
                                                             ).read_bytes(), name


def test_a_workers_refusal_reaches_the_command_whole(invoke: Any, tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "packet.html.j2").write_text('{% extends "base.html.j2" %}{% block body %}'
                                         '<img src="https://example.com/x.png" alt="x">'
                                         '{% endblock %}')
    result = invoke("kit", "build", "-r", "engineering-manager", "--candidate", "Dana Scully",
                    "--out", str(tmp_path / "kit"), "--format", "pdf", "--templates",
                    str(team))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: candidate-packet.pdf: refused to fetch "
                                    "https://example.com/x.png")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "kit").exists()


def test_an_error_crosses_processes_with_its_problems() -> None:
    import pickle

    error = InterviewkitError([Problem("a.csv", 2, 3, "date", "not a date"), "whole"])
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is InterviewkitError and again.problems == error.problems


def test_jobs_on_the_command_line(invoke: Any, tmp_path: Path) -> None:
    built = {jobs: invoke("kit", "build", "-r", "backend-engineer", "--candidate", "Jo",
                          "--out", str(tmp_path / jobs), "--format", "pdf", "--date",
                          "2026-02-01", "--jobs", jobs) for jobs in ("1", "2")}
    assert all(result.exit_code == 0 for result in built.values())
    for pdf in sorted((tmp_path / "1").glob("*.pdf")):
        assert pdf.read_bytes() == (tmp_path / "2" / pdf.name).read_bytes()
    refused = invoke("kit", "build", "-r", "backend-engineer", "--candidate", "Jo", "--out",
                     str(tmp_path / "0"), "--jobs", "0")
    assert refused.exit_code == 2 and not (tmp_path / "0").exists()


def test_one_parsed_stylesheet_serves_every_document_and_draws_the_same(tmp_path: Path
                                                                          ) -> None:
    import subprocess

    from interviewkit.kit.pdf import PdfRenderer
    from interviewkit.kit.render import Renderer

    bank = load_bank()
    plan = plan_kit(bank, "engineering-manager", "Dana Scully", None)
    kit = render_kit(bank, plan, tmp_path / "kit", KitOptions(format="html", date="2026-02-01"))
    pages = [tmp_path / "kit" / name for name in kit.files if name.endswith(".html")][:3]
    renderer = PdfRenderer(Renderer(()).search_path)

    def png(pdf: bytes, name: str) -> bytes:
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                        str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True)
        return (tmp_path / f"{name}.png").read_bytes()

    for page in pages:
        html = page.read_text(encoding="utf-8")
        shared = renderer.write_pdf(html, base_dir=tmp_path, name=page.name)
        # a second (empty) stylesheet keeps the page's own in the page, parsed for it alone
        own = renderer.write_pdf(html.replace("</head>", "<style></style></head>"),
                                 base_dir=tmp_path, name=page.name)
        assert png(shared, "shared") == png(own, "own"), page.name
    assert len(renderer._stylesheets) == 1  # parsed once for the three documents


def test_identical_documents_are_rendered_once(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A hiring day's kits share the handouts of the questions they have in common: the same
    page, rendered once, under each kit's name. Counted at WeasyPrint, which still renders."""
    import weasyprint

    from interviewkit.kit.pool import Document, render_pdfs
    from interviewkit.kit.render import Renderer

    bank = load_bank()
    plan = plan_kit(bank, "senior-python-engineer", "Dana Scully", None)
    kit = render_kit(bank, plan, tmp_path / "kit", KitOptions(format="html", date="2026-02-01"))
    handout = next(name for name in kit.files if name.startswith("handout-"))
    guide = next(name for name in kit.files if name.startswith("guide-"))
    html = {name: (tmp_path / "kit" / name).read_text(encoding="utf-8")
            for name in (handout, guide)}
    documents = [Document("ada/handout", html[handout]), Document("ada/guide", html[guide]),
                 Document("bo/handout", html[handout])]
    calls = []
    real = weasyprint.HTML.write_pdf

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", counted)
    reported: list[str] = []
    pdfs = render_pdfs(documents, tuple(Renderer(()).search_path), 1, reported.append)
    assert len(calls) == 2  # the handout once, the guide once
    assert pdfs["ada/handout"] == pdfs["bo/handout"] != pdfs["ada/guide"]
    # every document is reported done, a twin with the one rendered for it
    assert sorted(reported) == ["ada/guide.pdf", "ada/handout.pdf", "bo/handout.pdf"]
