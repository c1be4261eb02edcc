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

from interviewkit.version import __version__ as __version__

__all__ = [
    "BankError", "InterviewkitError", "KitOptions", "QuestionFilter", "build_calibration",
    "build_debrief", "filter_questions", "load_bank", "plan_kit", "read_scorecards",
    "render_kit", "write_calibration", "write_debrief",
]

if TYPE_CHECKING:
    from interviewkit.bank.load import load_bank
    from interviewkit.errors import BankError, InterviewkitError
    from interviewkit.kit.build import KitOptions, render_kit
    from interviewkit.plan.selection import QuestionFilter, filter_questions, plan_kit
    from interviewkit.scores.calibrate import build_calibration
    from interviewkit.scores.cards import read_scorecards
    from interviewkit.scores.debrief import build_debrief
    from interviewkit.scores.reports import write_calibration, write_debrief

_LAZY = {
    "load_bank": "bank.load",
    "BankError": "errors",
    "InterviewkitError": "errors",
    "QuestionFilter": "plan.selection",
    "filter_questions": "plan.selection",
    "plan_kit": "plan.selection",
    "KitOptions": "kit.build",
    "render_kit": "kit.build",
    "read_scorecards": "scores.cards",
    "build_debrief": "scores.debrief",
    "build_calibration": "scores.calibrate",
    "write_debrief": "scores.reports",
    "write_calibration": "scores.reports",
}


def __getattr__(name: str) -> Any:
    # Imported on first use, so `interviewkit --version` does not pay for pydantic.
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'interviewkit' has no attribute {name!r}")
