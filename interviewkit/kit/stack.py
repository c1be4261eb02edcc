"""An interviewer's stack for a hiring day: a cover page, then the guide and scorecard of
each of their interviews, in time order, as one PDF to print.

Merged with pikepdf (qpdf), which copies pages between documents and draws each form
field's saved appearance into its page ("flattening"): a stack holds several scorecards
whose fields share their names, which as one form would fill each other, and on paper a
field is only what it shows (the interviewer's name, the date)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from interviewkit.escape import UNSAFE


def page_count(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def stack_pdf(parts: Sequence[bytes], title: str, author: str) -> bytes:
    """`parts` (PDFs: a cover, then documents) as one PDF, every form field drawn into its
    page. The same parts give the same bytes."""
    import pikepdf

    stack = pikepdf.new()
    sources = []
    try:
        for data in parts:
            source = pikepdf.open(io.BytesIO(data))
            sources.append(source)
            source.flatten_annotations(mode="all")
            stack.pages.extend(source.pages)
        stack.Root.Lang = pikepdf.String("en")
        # a name's control characters and bidirectional overrides, as the pages drop them
        stack.docinfo["/Title"] = UNSAFE.sub("", title)
        stack.docinfo["/Author"] = UNSAFE.sub("", author)
        stack.docinfo["/Creator"] = "interviewkit"
        out = io.BytesIO()
        # pages are copied from their sources as the stack is written: they stay open till then
        stack.save(out, deterministic_id=True)
        return out.getvalue()
    finally:
        for source in sources:
            source.close()
        stack.close()
