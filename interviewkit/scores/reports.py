"""The reports made from filled cards, written to files: a kit's debrief (JSON, HTML, PDF)
and the calibration across kits (JSON, HTML, CSV). The command line parses and prints; the
Python API calls these the same way."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from interviewkit.escape import spreadsheet_cell
from interviewkit.kit.documents import Document, Format, document_files
from interviewkit.kit.manifest import KitManifest
from interviewkit.kit.render import Renderer
from interviewkit.kit.views import Branding, calibration_view, debrief_view
from interviewkit.models import Bank
from interviewkit.output import write_files
from interviewkit.scores.calibrate import (
    LENIENCY_FLAG,
    MIN_KITS_FOR_LENIENCY,
    Calibration,
    build_calibration,
)
from interviewkit.scores.cards import Scorecard
from interviewkit.scores.debrief import Debrief, build_debrief

CalibrationPart = Literal["json", "html", "csv"]


@dataclass(frozen=True)
class ReportStyle:
    """How a report looks: the team's name and colours, and its own templates."""

    company: str = "Hiring team"
    accent: str = "#2f5d8a"
    page_size: str = "A4"
    templates: tuple[Path, ...] = ()
    logo: Path | None = None

    def branding(self, date: str = "") -> Branding:
        from interviewkit.kit.brand import branding

        return branding(self.company, self.accent, self.logo, self.page_size, date)


def _json(record: Any) -> bytes:
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode()


def write_debrief(bank: Bank, kit_dir: Path, manifest: KitManifest,
                  cards: Sequence[Scorecard], format: Format = "both",
                  style: ReportStyle = ReportStyle(), set_aside: Sequence[Scorecard] = ()
                  ) -> tuple[Debrief, list[Path]]:
    """debrief.json, and debrief.html and/or .pdf, beside the kit; the figures and the files
    written. `set_aside`: cards left out as incomplete, named in the flags."""
    figures = build_debrief(bank, manifest, cards, set_aside)
    renderer = Renderer(style.templates)
    html = renderer.render("debrief.html.j2", view=debrief_view(
        bank, figures, style.branding(manifest.date)))
    files = {"debrief.json": _json(figures.as_record()),
             **document_files([Document("debrief", html)], renderer, format)}
    return figures, write_files(kit_dir, files)


def write_calibration(bank: Bank, kits: Sequence[tuple[KitManifest, Sequence[Scorecard]]],
                      out: Path, parts: Sequence[CalibrationPart] = ("json", "html", "csv"),
                      style: ReportStyle = ReportStyle()) -> tuple[Calibration, list[Path]]:
    """calibration.json, calibration.html and interviewers.csv, questions.csv, roles.csv (the
    `parts` asked for) in `out`; the figures and the files written."""
    figures = build_calibration(bank, kits)
    files: dict[str, bytes] = {}
    if "json" in parts:
        files["calibration.json"] = _json(figures.as_record())
    if "html" in parts:
        view = calibration_view(figures, style.branding(), MIN_KITS_FOR_LENIENCY, LENIENCY_FLAG)
        files["calibration.html"] = Renderer(style.templates).render(
            "calibration.html.j2", view=view).encode()
    if "csv" in parts:
        record = figures.as_record()
        for name in ("interviewers", "questions", "roles"):
            files[f"{name}.csv"] = _csv(record[name])
    return figures, write_files(out, files)


def _csv(rows: list[dict[str, Any]]) -> bytes:
    """Rows as CSV a spreadsheet shows as written: nested values as JSON, formula-looking
    text neutralised."""
    import csv
    import io

    buffer = io.StringIO()
    flat = [{k: spreadsheet_cell(json.dumps(v) if isinstance(v, dict) else v)
             for k, v in row.items()} for row in rows]
    writer = csv.DictWriter(buffer, fieldnames=list(flat[0]) if flat else ["none"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return buffer.getvalue().encode()
