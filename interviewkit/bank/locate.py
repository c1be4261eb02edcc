"""Pydantic's errors, located in the file they came from: `file:line:column: field: message`,
matched on the error's type and its exact location, with "did you mean". Used for bank files,
kit.json and anything else read through yamlsource."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from interviewkit.errors import BankError, suggest
from interviewkit.models import KINDS

if TYPE_CHECKING:
    from interviewkit.bank.yamlsource import FieldPath, YamlDocument

M = TypeVar("M", bound=BaseModel)


def _model_at(model: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The model class that validates the value at `loc`, following fields and containers."""
    current: Any = model
    for item in loc:
        while get_origin(current) is not None or hasattr(current, "__metadata__"):
            args = [a for a in get_args(current) if a is not type(None) and a is not Ellipsis]
            if not args:
                return None
            current = args[-1]  # tuple[X, ...] -> X; dict[K, V] -> V; Annotated[X, ...] -> X
        if isinstance(item, int):
            continue  # an index into the container just unwrapped
        if not (isinstance(current, type) and issubclass(current, BaseModel)
                and item in current.model_fields):
            return None
        current = current.model_fields[item].annotation
    while get_origin(current) is not None or hasattr(current, "__metadata__"):
        current = next(a for a in get_args(current) if a is not type(None))
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _describe(value: Any) -> str:
    kind = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list",
            dict: "a mapping", type(None): "nothing"}.get(type(value), type(value).__name__)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        return f"{kind} {shown}"
    return kind


_EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "bool_type": "true or false", "bool_parsing":
    "true or false", "list_type": "a list", "tuple_type": "a list", "dict_type": "a mapping",
    "model_type": "a mapping of fields", "model_attributes_type": "a mapping of fields",
}


def error_message(error: Mapping[str, Any], root: type[BaseModel]) -> str:
    """One pydantic error of validating `root`, in the words of someone who writes the file
    (a spreadsheet's cells are checked with the same words)."""
    kind, loc = error["type"], tuple(error["loc"])
    if kind == "missing":
        return "required field missing"
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        fields = model.model_fields if model else {}
        return f"unknown field '{loc[-1]}'{suggest(str(loc[-1]), fields)}"
    if kind == "literal_error" and (loc[-1:] == ("kind",) or loc[-2:-1] == ("kinds",)):
        value = str(error["input"])
        return f"unknown kind '{value}'{suggest(value, KINDS)}; valid kinds: {', '.join(KINDS)}"
    if kind == "string_pattern_mismatch":
        return (f"'{error['input']}' is not a valid id: use lowercase letters, digits and "
                "hyphens, starting with a letter or digit")
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_describe(error['input'])}"
    msg = str(error["msg"])
    return msg[:1].lower() + msg[1:]


def _readable_loc(loc: tuple[Any, ...], data: Any) -> FieldPath:
    """Drop pydantic's own loc items (validator names, '[key]') that are not in the data."""
    kept: list[str | int] = []
    for item in loc:
        in_dict = isinstance(data, dict) and item in data
        in_list = isinstance(data, list) and isinstance(item, int) and 0 <= item < len(data)
        if in_dict or in_list:
            data = data[item]
        elif isinstance(item, str | int) and not str(item).startswith(("function-", "[")):
            data = None  # a field that is missing from the data: keep its name
        else:
            continue
        kept.append(item)
    return tuple(kept)


def validate_document(doc: YamlDocument, model: type[M], data: Any = None,
                      locate: Callable[[FieldPath], FieldPath] | None = None) -> M:
    """Validate a file's data (or `data` built from it, whose paths `locate` maps back into
    the file) as `model`; every error is located in the file."""
    data = doc.data if data is None else data
    if data is None:
        raise BankError([doc.problem((), "the file is empty")])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = []
        errors = error.errors(include_url=False)
        for item in errors:
            if item["type"] == "too_short" and any(
                    len(other["loc"]) > len(item["loc"])
                    and tuple(other["loc"][:len(item["loc"])]) == tuple(item["loc"])
                    for other in errors):
                continue  # pydantic counts only the valid items; the others are reported
            loc = _readable_loc(tuple(item["loc"]), data)
            problems.append(doc.problem(locate(loc) if locate else loc,
                                        error_message(item, model)))
        raise BankError(problems) from None


