"""PDFs from our HTML on every core: one WeasyPrint renderer per template path for the
process, and worker processes forked with it. Used by the command itself, or by its render
host (see renderhost)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interviewkit.kit.pdf import PdfRenderer


@dataclass(frozen=True)
class Document:
    stem: str  # the file name without its extension: guide-system-design
    html: str
    form: bool = False  # a fillable PDF form (the scorecard)
    identity: Mapping[str, str] | None = None  # a scorecard's kit, role, candidate, stage


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def render_pdfs(documents: Sequence[Document], search_path: tuple[Path, ...], jobs: int | None,
                progress: Callable[[str], None] | None = None) -> dict[str, bytes]:
    """Each document's PDF, by stem, rendered here and by `jobs` worker processes forked
    from here (default: one per core the process may use). Identical documents are rendered
    once: a hiring day's kits share the handouts of the questions they have in common."""
    twins: dict[tuple[str, bool, tuple[tuple[str, str], ...]], list[str]] = {}
    unique = []
    for document in documents:
        key = (document.html, document.form, tuple(sorted((document.identity or {}).items())))
        if key not in twins:
            twins[key] = []
            unique.append(document)
        twins[key].append(document.stem)
    same = {stems[0]: stems for stems in twins.values()}

    def report(name: str) -> None:  # a document rendered: it and its twins are done
        assert progress is not None
        for stem in same[name.removesuffix(".pdf")]:
            progress(f"{stem}.pdf")

    pdfs = _render_pdfs(unique, search_path, jobs, report if progress else None)
    return {stem: pdfs[stems[0]] for stems in twins.values() for stem in stems}


def _render_pdfs(documents: Sequence[Document], search_path: tuple[Path, ...],
                 jobs: int | None, progress: Callable[[str], None] | None) -> dict[str, bytes]:
    pdf = _pdf_renderer(search_path)
    workers = min(jobs or usable_cores(), len(documents))
    pdfs = {}
    # One process: every document here. A pool with more documents than workers: the
    # shortest first, here; it loads the fonts and parses the stylesheet that every
    # document uses, once, before the workers are forked with them.
    here = len(documents) if workers < 2 else 1 if len(documents) > workers else 0
    for document in sorted(documents, key=lambda d: len(d.html))[:here]:
        pdfs[document.stem] = _render(pdf, document)
        if progress:
            progress(f"{document.stem}.pdf")
    if workers > 1:
        pdfs.update(_render_in_pool(pdf, [d for d in documents if d.stem not in pdfs],
                                    progress, workers))
    return pdfs


@functools.lru_cache(maxsize=4)
def _pdf_renderer(search_path: tuple[Path, ...]) -> PdfRenderer:
    """One WeasyPrint renderer per template search path for the whole process: a command that
    renders twice (a hiring day: its kits, then the stacks' covers) keeps its loaded fonts and
    parsed stylesheet."""
    from interviewkit.kit.pdf import PdfRenderer

    return PdfRenderer(search_path)


def _render(pdf: PdfRenderer, document: Document) -> bytes:
    return pdf.write_pdf(document.html, base_dir=pdf.search_path[0],
                         name=f"{document.stem}.pdf", forms=document.form,
                         identity=document.identity)


def _render_in_pool(pdf: PdfRenderer, documents: Sequence[Document],
                    progress: Callable[[str], None] | None, workers: int) -> dict[str, bytes]:
    """The documents rendered by worker processes forked from this one, which start with its
    renderer (forking runs no main module again, as the other start methods do)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _worker_renderer
    _worker_renderer = pdf
    rendered = {}
    lifeline = os.pipe()  # see _start_worker
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                 initargs=lifeline,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            # the longest first (by the HTML's length, a good guess of the rendering time),
            # so that the workers finish together instead of one waiting for a long guide
            pending = {pool.submit(_render_in_worker, document): document.stem
                       for document in sorted(documents, key=lambda d: -len(d.html))}
            try:
                for done in as_completed(pending):
                    rendered[pending[done]] = done.result()
                    if progress:
                        progress(f"{pending[done]}.pdf")
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        for end in lifeline:
            os.close(end)
    return rendered


_worker_renderer: Any = None  # set by the parent just before it forks the workers


def _start_worker(lifeline: int, parent_end: int) -> None:
    """In a worker: signals are the parent's to handle (it stops the pool), and the worker
    ends with the parent. A parent killed outright (kill -9) stops nothing: its workers
    would wait for work for ever, holding the kit's or the day's folder lock they inherited,
    and every later build would find the folder busy. Each worker keeps only the reading end
    of a pipe whose writing end the parent alone holds, and its reading returns, with
    nothing, when the parent is gone however it went."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # not the parent's handlers, forked with it
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    os.close(parent_end)
    threading.Thread(target=_end_with_parent, args=(lifeline,), daemon=True).start()


def _end_with_parent(lifeline: int) -> None:
    os.read(lifeline, 1)  # the parent writes nothing: this returns when it has gone
    os._exit(1)


def _render_in_worker(document: Document) -> bytes:
    return _render(_worker_renderer, document)
