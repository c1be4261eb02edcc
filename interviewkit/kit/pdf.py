"""HTML to PDF with WeasyPrint: the only module that imports it, and only when a PDF is made.

Rendering is locked down: the URL fetcher serves `data:` URLs and files inside the template
and asset directories (read through safefiles: symlinks resolved, regular files of at most
MAX_ASSET_BYTES), and refuses everything else (every network scheme, any other file).
Anything WeasyPrint logs as an error while we render, a refused fetch included, fails the
document instead of leaving a silent gap in it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from interviewkit.errors import InterviewkitError
from interviewkit.safefiles import RefusedFile, read_inside

MAX_ASSET_BYTES = 32 * 1024 * 1024
_ONLY_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
OUTSIDE = "only files in the template and asset directories are read"


@contextmanager
def _fonts_subset(weasyprint: Any) -> Iterator[None]:
    """Fonts subset even in a document with form fields. WeasyPrint embeds a font whole when
    a field uses it, so that any text can be typed in that font; our fields speak Helvetica
    instead (kit/cardpdf.py), so the page's fonts need only the glyphs the page shows. This
    reaches into WeasyPrint (weasyprint.pdf.build_fonts_dictionary, v65-70); the scorecard
    size test fails if a new version stops honouring it."""
    module = weasyprint.pdf
    original = module.build_fonts_dictionary

    def subset_all(pdf: Any, fonts: Any, *args: Any, **kwargs: Any) -> Any:
        for font in fonts.values():
            font.used_in_forms = False
        return original(pdf, fonts, *args, **kwargs)

    module.build_fonts_dictionary = subset_all
    try:
        yield
    finally:
        module.build_fonts_dictionary = original


def _scope_table_headers(document: Any) -> None:
    """Each /TH carries the /Scope PDF/UA asks of a table header. WeasyPrint 70 tags <th> as
    /TH without one (it reads scope="row" only to link cells to their headers), so this
    finisher step gives each the scope its HTML says, as WeasyPrint read it: a row header for
    scope="row", else a column header. It reaches into WeasyPrint: the structure element a
    cell's box was tagged with (`box.mark`, set by weasyprint.pdf.tags, v65-70); the PDF
    accessibility tests fail if a new version stops setting it."""
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)
            if element is not None and box.element_tag == "th":
                row = box.element.get("scope") == "row"
                element["A"]["Scope"] = "/Row" if row else "/Column"


class _ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class PdfRenderer:
    """Turns our HTML into PDF; reuse one for many documents (fonts and imports are shared)."""

    def __init__(self, allowed_dirs: Sequence[Path]) -> None:
        import mimetypes

        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcherResponse

        self._weasyprint = weasyprint
        self.search_path = list(allowed_dirs)
        self.allowed = [p.resolve() for p in allowed_dirs]
        self.fonts = FontConfiguration()
        self.refused: dict[str, str] = {}  # url: why
        self._stylesheets: dict[str, Any] = {}  # a <style>'s text: it parsed
        renderer = self

        class LockedFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> Any:
                parts = urlsplit(url)
                if parts.scheme == "data":
                    return super().fetch(url, headers)
                path = root = None
                if parts.scheme == "file":
                    path = Path(unquote(parts.path)).resolve()
                    root = next((r for r in renderer.allowed if path.is_relative_to(r)), None)
                if path is None or root is None:
                    renderer.refused[url] = OUTSIDE
                    raise ValueError(f"interviewkit does not fetch {url}")
                try:
                    data = read_inside(path, root, "the template directory", MAX_ASSET_BYTES)
                except RefusedFile as error:
                    renderer.refused[url] = (f"the file {error.reason}" if error.reason
                                             .startswith("is ") else error.reason)
                    raise ValueError(f"interviewkit does not fetch {url}") from None
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": kind})

        self.fetcher = LockedFetcher(allowed_protocols=("data", "file"), allow_redirects=False)

    def write_pdf(self, html: str, *, base_dir: Path, name: str, forms: bool = False,
                  identity: Mapping[str, str] | None = None) -> bytes:
        """One document's tagged PDF (form fields too when `forms`, and a scorecard's
        `identity` field). `name` is the document's file name, for messages."""
        from interviewkit.kit.cardpdf import form_finisher

        finish_form = form_finisher(identity) if forms else None

        def finish(document: Any, pdf: Any) -> None:
            _scope_table_headers(document)
            if finish_form is not None:
                finish_form(document, pdf)

        self.refused.clear()
        log = _ErrorLog()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(log)
        base_url = base_dir.resolve().as_uri() + "/"
        try:
            html, stylesheets = self._shared_stylesheet(html, base_url)
            document = self._weasyprint.HTML(string=html, base_url=base_url,
                                             url_fetcher=self.fetcher)
            with _fonts_subset(self._weasyprint):
                pdf: bytes = document.write_pdf(
                    stylesheets=stylesheets, font_config=self.fonts, pdf_forms=forms,
                    pdf_tags=True,
                    custom_metadata=True,
                    pdf_variant="pdf/ua-1",  # tagged, with XMP metadata (dc:title, PDF/UA id)
                    finisher=finish)
        finally:
            logger.removeHandler(log)
        problems = [f"{name}: refused to fetch {url} ({reason})"
                    for url, reason in self.refused.items()]
        problems += [f"{name}: {message}" for message in log.messages
                     if not any(url in message for url in self.refused)]
        if problems:
            raise InterviewkitError(problems)
        return pdf

    def _shared_stylesheet(self, html: str, base_url: str) -> tuple[str, list[Any]]:
        """The page's one stylesheet parsed once and reused: every document of a kit (and of
        a hiring day) carries the same <style>, and parsing it costs about a tenth of a
        scorecard's rendering. Taken out of the page only when it is the page's only
        stylesheet: WeasyPrint applies it as a user stylesheet, which ranks as the page's own
        would when there is no other (a team's template with more keeps them as written)."""
        found = _ONLY_STYLE.search(html)
        if found is None or html.count("<style") != 1 or "<link" in html:
            return html, []
        css = found.group(1)
        parsed = self._stylesheets.get(css)
        if parsed is None:
            parsed = self._stylesheets[css] = self._weasyprint.CSS(
                string=css, base_url=base_url, url_fetcher=self.fetcher,
                font_config=self.fonts)
        return html[:found.start()] + html[found.end():], [parsed]
