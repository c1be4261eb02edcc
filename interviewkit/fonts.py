"""Which characters no installed font can draw, so we warn instead of printing empty boxes."""

from __future__ import annotations

import shutil
import subprocess


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` that no font known to fontconfig covers (spaces aside).

    Asks `fc-list` (fontconfig, which Pango and so WeasyPrint use); without it, nothing can
    be told and nothing is reported."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    missing = []
    for char in dict.fromkeys(c for c in text if not c.isspace()):
        try:
            found = subprocess.run([fc_list, f":charset={ord(char):x}", "family"],
                                   capture_output=True, text=True, timeout=20, check=False)
        except (OSError, subprocess.SubprocessError):
            return []
        if not found.stdout.strip():
            missing.append(char)
    return missing
