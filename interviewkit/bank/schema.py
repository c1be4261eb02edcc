"""JSON Schemas of the bank's files, made from the models, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from interviewkit.models import BankSettings, QuestionFile, Role
from interviewkit.output import write_files

_MODELS: dict[str, type[BaseModel]] = {
    "questions": QuestionFile, "role": Role, "bank": BankSettings,
}
_TITLES = {
    "questions": "interviewkit questions file (questions/*.yaml)",
    "role": "interviewkit role file (roles/*.yaml)",
    "bank": "interviewkit bank settings (bank.yaml)",
}


def bank_file_schema(which: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of bank file."""
    schema = _MODELS[which].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **schema, "title": _TITLES[which]}


def write_schemas(directory: Path) -> list[Path]:
    """Write `<name>.schema.json` for every kind of bank file; return the paths."""
    return write_files(directory, {
        f"{which}.schema.json": (json.dumps(bank_file_schema(which), indent=2) + "\n").encode()
        for which in _MODELS})
