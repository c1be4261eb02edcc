"""Every way a bank can be wrong gets one exact, located error line and exit code 2.

Each case is a directory under tests/bad_banks/, laid over the small valid bank in
tests/bad_banks/base/, with the exact error lines expected in its expected.txt.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interviewkit.bank.load import load_bank
from interviewkit.errors import BankError

from ..conftest import BAD_BANKS

CASES = sorted(p.name for p in BAD_BANKS.iterdir() if (p / "expected.txt").is_file())


def test_every_failure_mode_the_issue_names_has_a_case() -> None:
    assert set(CASES) >= {
        "yaml_syntax", "wrong_type", "missing_field", "unknown_field", "duplicate_id",
        "unknown_competency", "unknown_level", "unknown_kind", "rubric_keys", "blank_text",
        "role_unknown_question", "role_unknown_competency", "stage_too_many", "non_utf8",
        "billion_laughs", "python_tag",
    }


@pytest.mark.parametrize("case", CASES)
def test_bad_bank_reports_exact_lines(case: str, invoke: Any, monkeypatch: pytest.MonkeyPatch
                                      ) -> None:
    monkeypatch.chdir(BAD_BANKS)
    result = invoke("bank", "validate", "--no-default-bank", "--bank", "base", "--bank", case)
    expected = (BAD_BANKS / case / "expected.txt").read_text(encoding="utf-8")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == expected
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("case", CASES)
def test_bad_bank_raises_bank_error_from_the_api(case: str, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    monkeypatch.chdir(BAD_BANKS)
    with pytest.raises(BankError) as caught:
        load_bank(Path("base"), Path(case), include_default=False)
    expected = (BAD_BANKS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert caught.value.lines == [line for line in expected if not line.endswith("found")]


def test_the_base_bank_alone_is_valid(invoke: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD_BANKS)
    result = invoke("bank", "validate", "--no-default-bank", "--bank", "base")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ok: 2 questions, 0 roles, 2 competencies\n"


def test_python_tag_is_never_executed(invoke: Any, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("bank", "validate", "--no-default-bank", "--bank", str(BAD_BANKS / "base"),
                    "--bank", str(BAD_BANKS / "python_tag"))
    assert result.exit_code == 2
    assert "!!python/object/apply:os.system is not allowed" in result.stderr
    assert not (tmp_path / "PYTHON_TAG_RAN").exists()
