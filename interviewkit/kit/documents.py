"""Rendered documents into files: HTML, PDF or both, for kits and reports alike; or
Markdown, for a kit's documents made from Markdown templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from interviewkit.kit.pool import Document, render_pdfs
from interviewkit.kit.render import Renderer

__all__ = ["Document", "Format", "document_files", "markup"]

Format = Literal["html", "pdf", "both", "md"]


def markup(format: Format) -> Literal["html", "md"]:
    """What a document of `format` is rendered from: a Markdown template (*.md.j2) for a
    Markdown kit or day, else an HTML one (for the HTML page and its PDF alike)."""
    return "md" if format == "md" else "html"


def document_files(documents: Sequence[Document], renderer: Renderer, format: Format,
                   progress: Callable[[str], None] | None = None, jobs: int | None = None
                   ) -> dict[str, bytes]:
    """Each document as `<stem>.html` and/or `<stem>.pdf`, by `format` (as `<stem>.md` for
    "md": its documents are Markdown, rendered from .md.j2 templates). The PDFs share one
    WeasyPrint renderer (imported and its fonts loaded once) under the renderer's locked-down
    fetcher; WeasyPrint renders a document on one core, so several are rendered by `jobs`
    worker processes forked with that renderer (default: one per core the process may use).
    The command's render host does this when it has one (see renderhost), else this
    process."""
    files: dict[str, bytes] = {}
    if format == "md":
        return {f"{document.stem}.md": document.html.encode("utf-8") for document in documents}
    if format in ("html", "both"):
        for document in documents:
            files[f"{document.stem}.html"] = document.html.encode("utf-8")
    if format in ("pdf", "both"):
        from interviewkit.kit import renderhost

        pdfs = renderhost.render(documents, renderer.search_path, jobs, progress)
        if pdfs is None:  # no host: this process renders them
            pdfs = render_pdfs(documents, tuple(renderer.search_path), jobs, progress)
        files.update((f"{document.stem}.pdf", pdfs[document.stem]) for document in documents)
    return files
