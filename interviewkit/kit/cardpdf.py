"""What a scorecard PDF carries beyond the form WeasyPrint writes: its identity once more, in
a hidden read-only form field, since some fillers keep form fields but drop the document
information (pypdf's append recipe, pdftk). Added to WeasyPrint's PDF objects just before
they are written (its `finisher`), so nothing is parsed or written twice."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from interviewkit.kit import scorecard as contract


def identity_finisher(identity: Mapping[str, str]) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher that adds the card's identity field to the form."""

    def finish(document: Any, pdf: Any) -> None:
        import pydyf  # WeasyPrint's own PDF writer: loaded already when this runs

        form = pdf.catalog.get("AcroForm")
        if form is None:  # a document without form fields is no scorecard
            return
        page = pdf.objects[pdf.pages["Kids"][0]]  # Kids holds "number 0 R" as three items
        field = pydyf.Dictionary({
            "Type": "/Annot",
            "Subtype": "/Widget",
            "FT": "/Tx",
            "T": pydyf.String(contract.IDENTITY_FIELD),
            "TU": pydyf.String("Kit identity (not to be filled)"),
            "V": pydyf.String(contract.identity_text(identity)),
            "Ff": 1,  # ReadOnly
            "F": 2,  # Hidden: never shown, never printed
            "Rect": pydyf.Array([0, 0, 0, 0]),
            "P": page.reference,
        })
        pdf.add_object(field)
        page["Annots"].append(field.reference)
        form["Fields"].append(field.reference)

    return finish
