"""Rendered documents into files: HTML, PDF or both, for kits and reports alike."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from interviewkit.kit.render import Renderer

Format = Literal["html", "pdf", "both"]


@dataclass(frozen=True)
class Document:
    stem: str  # the file name without its extension: guide-system-design
    html: str
    form: bool = False  # a fillable PDF form (the scorecard)
    identity: Mapping[str, str] | None = None  # a scorecard's kit, role, candidate, stage


def document_files(documents: Sequence[Document], renderer: Renderer, format: Format,
                   progress: Callable[[str], None] | None = None, jobs: int | None = None
                   ) -> dict[str, bytes]:
    """Each document as `<stem>.html` and/or `<stem>.pdf`, by `format`. WeasyPrint renders a
    document on one core, so the PDFs are rendered by `jobs` worker processes (default: one
    per core the process may use), each with one renderer (fonts loaded once) under the
    locked-down fetcher; a single document, or one core, renders here."""
    files: dict[str, bytes] = {}
    if format in ("html", "both"):
        for document in documents:
            files[f"{document.stem}.html"] = document.html.encode("utf-8")
    if format in ("pdf", "both"):
        workers = min(jobs or usable_cores(), len(documents))
        render = _render_in_pool if workers > 1 else _render_here
        pdfs = render(documents, renderer.search_path, progress, workers)
        files.update((f"{document.stem}.pdf", pdfs[document.stem]) for document in documents)
    return files


def usable_cores() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _render_here(documents: Sequence[Document], search_path: Sequence[Path],
                 progress: Callable[[str], None] | None, workers: int) -> dict[str, bytes]:
    from interviewkit.kit.pdf import PdfRenderer

    pdf = PdfRenderer(search_path)
    rendered = {}
    for document in documents:
        if progress:
            progress(f"{document.stem}.pdf")
        rendered[document.stem] = pdf.write_pdf(
            document.html, base_dir=search_path[0], name=f"{document.stem}.pdf",
            forms=document.form, identity=document.identity)
    return rendered


def _render_in_pool(documents: Sequence[Document], search_path: Sequence[Path],
                    progress: Callable[[str], None] | None, workers: int) -> dict[str, bytes]:
    """The documents rendered by worker processes forked from this one once it has made the
    renderer: WeasyPrint is imported and the fonts are loaded once, and every worker starts
    with them (forking runs no main module again, as the other start methods do)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from interviewkit.kit.pdf import PdfRenderer

    global _worker_renderer
    _worker_renderer = PdfRenderer(search_path)
    context = multiprocessing.get_context("fork")
    rendered = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_start_worker) as pool:
        pending = {pool.submit(_render_one, document): document.stem for document in documents}
        try:
            for done in as_completed(pending):
                rendered[pending[done]] = done.result()
                if progress:
                    progress(f"{pending[done]}.pdf")
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return rendered


_worker_renderer: Any = None  # made by the parent just before it forks the workers


def _start_worker() -> None:
    """In a worker: signals are the parent's to handle (it stops the pool)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # not the parent's handlers, forked with it
        signal.signal(getattr(signal, name), signal.SIG_DFL)


def _render_one(document: Document) -> bytes:
    pdf: bytes = _worker_renderer.write_pdf(
        document.html, base_dir=_worker_renderer.search_path[0], name=f"{document.stem}.pdf",
        forms=document.form, identity=document.identity)
    return pdf
