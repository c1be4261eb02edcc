"""Text typed on a terminal that is not set to UTF-8: Python keeps each byte it cannot decode
as a lone surrogate ('José' in Latin-1 arrives as 'Jos\\udce9'), which no document, kit.json
or card can hold. A name, company or date printed on documents says so, exit 2; it was a
UnicodeEncodeError traceback, after the bank had loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

NOT_UTF8 = b"Jos\xe9".decode("utf-8", "surrogateescape")  # as Python decodes sys.argv


@pytest.mark.parametrize("args", [
    ("kit", "build", "-r", "backend-engineer", "--candidate", NOT_UTF8),
    ("kit", "build", "-r", "backend-engineer", "--candidate", "Ada", "--company", NOT_UTF8),
    ("kit", "build", "-r", "backend-engineer", "--candidate", "Ada", "--date", NOT_UTF8),
    ("kit", "blank", "-r", "backend-engineer", "--date", NOT_UTF8),
])
def test_text_that_is_not_utf8_is_refused_in_words(args: tuple[str, ...], tmp_path: Path,
                                                   invoke: Any) -> None:
    result = invoke(*args, "--out", str(tmp_path / "kit"), "--format", "html")
    assert result.exit_code == 2, result.exception
    assert "not UTF-8 text" in result.stderr and "0xE9" in result.stderr
    assert not (tmp_path / "kit").exists()


def test_on_a_real_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "interviewkit", "debrief", str(tmp_path), "--company",
         os.fsencode(NOT_UTF8)], capture_output=True, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 2, result.stderr.decode(errors="replace")
    assert b"not UTF-8 text" in result.stderr and b"Traceback" not in result.stderr
