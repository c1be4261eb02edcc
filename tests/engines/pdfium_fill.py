"""Fill a scorecard with PDFium, the engine of Chrome's PDF viewer, as a person would: focus
each field, select its text and type over it (a text field) or choose an item (a list), then
save. Run with the project's Python (pypdfium2):
    python pdfium_fill.py CARD.pdf OUT.pdf '{"field": "value", ...}'
A choice is selected by its label or the label's first word.
"""

import ctypes
import json
import sys
from collections.abc import Callable
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as c


def utf16(call: Callable[..., int], *args: Any) -> str:
    """A PDFium string getter's result: asked once for the size, then for the text."""
    size = call(*args, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    call(*args, buffer, size)
    return bytes(buffer)[:size - 2].decode("utf-16-le")


def fill(source: str, target: str, values: dict[str, str]) -> None:
    pdf = pdfium.PdfDocument(source)
    pdf.init_forms()
    form = pdf.formenv.raw
    for page in pdf:
        for index in range(c.FPDFPage_GetAnnotCount(page.raw)):
            annot = c.FPDFPage_GetAnnot(page.raw, index)
            value = values.get(utf16(c.FPDFAnnot_GetFormFieldName, form, annot))
            if value is not None:
                assert c.FORM_SetFocusedAnnot(form, annot)
                kind = c.FPDFAnnot_GetFormFieldType(form, annot)
                if kind == c.FPDF_FORMFIELD_TEXTFIELD:
                    c.FORM_SelectAllText(form, page.raw)
                    typed = (value + "\0").encode("utf-16-le")
                    buffer = ctypes.create_string_buffer(typed, len(typed))
                    c.FORM_ReplaceSelection(form, page.raw,
                                            ctypes.cast(buffer, c.FPDF_WIDESTRING))
                elif kind in (c.FPDF_FORMFIELD_COMBOBOX, c.FPDF_FORMFIELD_LISTBOX):
                    for item in range(c.FPDFAnnot_GetOptionCount(form, annot)):
                        label = utf16(c.FPDFAnnot_GetOptionLabel, form, annot, item)
                        if label == value or label.split()[:1] == [value]:
                            c.FORM_SetIndexSelected(form, page.raw, item, True)
                c.FORM_ForceToKillFocus(form)
            c.FPDFPage_CloseAnnot(annot)
    pdf.save(target)


if __name__ == "__main__":
    fill(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))
