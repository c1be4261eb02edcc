"""What a scorecard PDF carries beyond the form WeasyPrint writes, added to WeasyPrint's PDF
objects just before they are written (its `finisher`), so nothing is parsed twice:

- its identity once more, in a hidden read-only form field, since some fillers keep form
  fields but drop the document information (pypdf's append recipe, pdftk);
- fields that any filler can write and any tool can draw: they speak Helvetica, a standard
  PDF font every reader has (readers fall back to their own fonts for other scripts), and
  each carries an appearance stream, so printers and flattening tools that draw saved
  appearances show what is in them; the form no longer asks readers to redraw fields
  (NeedAppearances), so fillers draw what they fill. WeasyPrint would otherwise point the
  fields at the page's font, which then has to be embedded whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from interviewkit.kit import scorecard as contract

FIELD_FONT = "Helv"
_FONT_IN_DA = re.compile(rb"/[^\s/]+\s+([\d.]+)\s+Tf")
_GRAPHICS_STATE_IN_DA = re.compile(rb"/[^\s/]+\s+gs\s*")


def form_finisher(identity: Mapping[str, str] | None) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher for a document with form fields (a scorecard)."""

    def finish(document: Any, pdf: Any) -> None:
        import pydyf  # WeasyPrint's own PDF writer: loaded already when this runs

        form = pdf.catalog.get("AcroForm")
        if form is None:
            return
        font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type1",
                                 "BaseFont": "/Helvetica", "Encoding": "/WinAnsiEncoding"})
        pdf.add_object(font)
        form["DR"] = pydyf.Dictionary({"Font": pydyf.Dictionary({FIELD_FONT: font.reference})})
        form["DA"] = pydyf.String(f"/{FIELD_FONT} 0 Tf 0 g".encode())
        # Every field carries its appearance, so none needs redrawing on opening. With the
        # flag set, poppler, PDFium, pdf.js and MuPDF save it set again, and flattening
        # tools then refuse the filled card ("document does not have updated appearance
        # streams"); without it they draw the appearances the fillers wrote.
        form.pop("NeedAppearances", None)
        if identity is not None:
            _add_identity_field(pdf, form, identity)
        for reference in form["Fields"]:
            field = pdf.objects[int(reference.split()[0])]
            da, size = _field_da(_as_bytes(field.get("DA")))
            field["DA"] = pydyf.String(da)
            field["AP"] = pydyf.Dictionary({"N": _appearance(pdf, field, font, size).reference})

    return finish


def _as_bytes(value: Any) -> bytes:
    text = getattr(value, "string", b"") or b""
    return text if isinstance(text, bytes) else str(text).encode()


def _field_da(da: bytes) -> tuple[bytes, float]:
    """WeasyPrint's default appearance pointed at Helvetica, and its font size (colour and
    size kept; its graphics state dropped: that lives in the page's resources, not the
    form's)."""
    found = _FONT_IN_DA.search(da)
    size = float(found.group(1)) if found else 0.0
    rest = _GRAPHICS_STATE_IN_DA.sub(b"", _FONT_IN_DA.sub(b"", da)).strip()
    return (rest + f" /{FIELD_FONT} {size:g} Tf".encode()).strip(), size


def _appearance(pdf: Any, field: Any, font: Any, size: float) -> Any:
    """The field drawn as it stands (empty, the date, or a list's "-"), in Helvetica."""
    import pydyf

    x1, y1, x2, y2 = (float(value) for value in field["Rect"])
    width, height = abs(x2 - x1), abs(y1 - y2)
    stream = pydyf.Stream(extra={
        "Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array([0, 0, width, height]),
        "Resources": pydyf.Dictionary({"Font": pydyf.Dictionary({FIELD_FONT: font.reference})}),
    })
    value = str(getattr(field.get("V"), "string", "") or "")
    stream.stream.append(b"/Tx BMC")
    if value and height > 0:
        size = size or 9
        text = value.encode("cp1252", errors="replace").replace(b"\\", b"\\\\")
        text = text.replace(b"(", b"\\(").replace(b")", b"\\)")
        baseline = max((height - size) / 2 + size * 0.22, 1)
        stream.stream.append(f"q BT /{FIELD_FONT} {size:g} Tf 2 {baseline:.2f} Td".encode()
                             + b" (" + text + b") Tj ET Q")
    stream.stream.append(b"EMC")
    pdf.add_object(stream)
    return stream


def _add_identity_field(pdf: Any, form: Any, identity: Mapping[str, str]) -> None:
    import pydyf

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
