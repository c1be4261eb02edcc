"""Which characters no installed font can draw, so we warn instead of printing empty boxes."""

from __future__ import annotations

import shutil
import subprocess


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` that no font known to fontconfig covers (spaces and ASCII
    aside).

    Asks `fc-list` (fontconfig, which Pango and so WeasyPrint use); without it, nothing can
    be told and nothing is reported."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    missing = []
    # ASCII is in every text font, so only the rest is asked about (one fc-list run each).
    for char in dict.fromkeys(c for c in text if not c.isspace() and ord(c) > 127):
        try:
            found = subprocess.run([fc_list, f":charset={ord(char):x}", "family"],
                                   capture_output=True, text=True, timeout=20, check=False)
        except (OSError, subprocess.SubprocessError):
            return []
        if not found.stdout.strip():
            missing.append(char)
    return missing
