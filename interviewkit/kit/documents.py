"""Rendered documents into files: HTML, PDF or both, for kits and reports alike."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from interviewkit.kit.render import Renderer

Format = Literal["html", "pdf", "both"]


@dataclass(frozen=True)
class Document:
    stem: str  # the file name without its extension: guide-system-design
    html: str
    form: bool = False  # a fillable PDF form (the scorecard)
    identity: Mapping[str, str] | None = None  # a scorecard's kit, role, candidate, stage


def document_files(documents: Sequence[Document], renderer: Renderer, format: Format,
                   progress: Callable[[str], None] | None = None) -> dict[str, bytes]:
    """Each document as `<stem>.html` and/or `<stem>.pdf`, by `format`. The PDFs share one
    WeasyPrint renderer (fonts are loaded once) under the renderer's locked-down fetcher."""
    files: dict[str, bytes] = {}
    if format in ("html", "both"):
        for document in documents:
            files[f"{document.stem}.html"] = document.html.encode("utf-8")
    if format in ("pdf", "both"):
        from interviewkit.kit.pdf import PdfRenderer

        pdf = PdfRenderer(renderer.search_path)
        for document in documents:
            if progress:
                progress(f"{document.stem}.pdf")
            files[f"{document.stem}.pdf"] = pdf.write_pdf(
                document.html, base_dir=renderer.search_path[0], name=f"{document.stem}.pdf",
                forms=document.form, identity=document.identity)
    return files
