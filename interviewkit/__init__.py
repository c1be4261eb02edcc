"""interviewkit: structured interviewing as code.

The public API is small; the command line uses the same functions:

    from interviewkit import load_bank, filter_questions, QuestionFilter
    bank = load_bank()
    senior_design = filter_questions(bank, QuestionFilter(competencies=("design",),
                                                          levels=("senior",)))
    plan = plan_kit(bank, "senior-python-engineer", "Ada Lovelace")
    render_kit(bank, plan, Path("out/ada"), KitOptions(company="Example Startup"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "BankError", "InterviewkitError", "KitOptions", "QuestionFilter", "build_calibration",
    "build_debrief", "filter_questions", "load_bank", "plan_kit", "read_scorecards",
    "render_kit",
]

if TYPE_CHECKING:
    from .bank import load_bank
    from .calibrate import build_calibration
    from .debrief import build_debrief
    from .errors import BankError, InterviewkitError
    from .kit import KitOptions, render_kit
    from .scores import read_scorecards
    from .selection import QuestionFilter, filter_questions, plan_kit

_LAZY = {
    "load_bank": "bank",
    "BankError": "errors",
    "InterviewkitError": "errors",
    "QuestionFilter": "selection",
    "filter_questions": "selection",
    "plan_kit": "selection",
    "KitOptions": "kit",
    "render_kit": "kit",
    "read_scorecards": "scores",
    "build_debrief": "debrief",
    "build_calibration": "calibrate",
}


def __getattr__(name: str) -> Any:
    # Imported on first use, so `interviewkit --version` does not pay for pydantic.
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'interviewkit' has no attribute {name!r}")
