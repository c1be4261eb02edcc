"""Read a YAML file safely into plain values, remembering the line and column of each one.

libyaml (when PyYAML was built with it) parses the file into nodes; our own small constructor
then builds plain dicts, lists and scalars from them. Building the values ourselves is what lets
us keep a position for every field, refuse every non-standard tag (Python objects are never
constructed), reject duplicate keys, and bound what aliases may expand to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from interviewkit.errors import BankError, Problem, display_path

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ALIAS_VALUES = 10_000
# Characters of text (keys included) that aliases may repeat in one file: with the file limit,
# this bounds what a file can expand to, however few aliases it takes to get there.
MAX_ALIAS_CHARS = 1_000_000
MAX_DEPTH = 64

_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null")}
_KEPT_AS_TEXT = {_TAG + "timestamp"}  # a date in a question stays the text that was written
_constructor = SafeConstructor()

FieldPath = tuple[str | int, ...]  # ("questions", 3, "rubric", 4)


@dataclass(frozen=True)
class YamlDocument:
    """A file's plain data and where each value of it stands in the file."""

    path: Path
    data: Any
    positions: dict[FieldPath, tuple[int, int]]  # 1-based (line, column); a mapping entry's key
    digest: bytes = b""  # sha256 of the file's bytes, for the bank's content hash

    @cached_property
    def name(self) -> str:
        return display_path(self.path)

    def position(self, loc: FieldPath) -> tuple[int, int]:
        """The position of `loc`, or of the nearest enclosing value that exists."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(loc[:end])
            if found:
                return found
        return (1, 1)

    def problem(self, loc: FieldPath, message: str) -> Problem:
        line, column = self.position(loc)
        return Problem(self.name, line, column, format_field_path(self.data, loc), message)


def format_field_path(data: Any, loc: FieldPath) -> str:
    """`questions[3].rubric.4`: list indices in brackets, mapping keys after dots."""
    text = ""
    for item in loc:
        if isinstance(data, list) and isinstance(item, int):
            text += f"[{item}]"
            data = data[item] if 0 <= item < len(data) else None
        else:
            text += f".{item}" if text else str(item)
            data = data.get(item) if isinstance(data, dict) else None
    return text


class _Builder:
    def __init__(self, path: Path, text: str, as_text: bool) -> None:
        self.path = path
        self.text = text
        self.as_text = as_text
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.alias_values = 0
        self.alias_chars = 0
        # Aliases written in the file and met so far: we meet them in the order they are
        # written, so the n-th is the n-th alias event of the parser, which knows its place.
        self.aliases_met = 0

    def fail(self, node: Node, message: str) -> BankError:
        mark = node.start_mark
        return BankError([Problem(display_path(self.path), mark.line + 1, mark.column + 1, "",
                                  message)])

    def alias_error(self, node: Node, message: str) -> BankError:
        """`message` at the alias being expanded (the composer keeps only the anchored node,
        so the file is parsed again, on this error path only, to find the alias's place)."""
        events = (e for e in yaml.parse(self.text, Loader=_Loader)
                  if isinstance(e, yaml.AliasEvent))
        alias = next(islice(events, self.aliases_met - 1, None), None)
        mark = node.start_mark
        if alias is not None and alias.start_mark is not None:
            mark = alias.start_mark
        return BankError([Problem(display_path(self.path), mark.line + 1, mark.column + 1, "",
                                  message)])

    def meet(self, node: Node, seen: set[int], via_alias: bool) -> bool:
        """Count `node` against the alias limits; whether it was reached through an alias."""
        aliased = via_alias or id(node) in seen
        if not aliased:
            seen.add(id(node))
            return False
        if not via_alias:
            self.aliases_met += 1
        self.alias_values += 1
        if self.alias_values > MAX_ALIAS_VALUES:
            raise self.alias_error(node, f"aliases expand to more than {MAX_ALIAS_VALUES} "
                                   "values; write the values out instead of nesting aliases")
        if isinstance(node, ScalarNode):
            self.alias_chars += len(node.value)
            if self.alias_chars > MAX_ALIAS_CHARS:
                raise self.alias_error(node, f"aliases expand to more than {MAX_ALIAS_CHARS:,} "
                                       "characters; write the text out instead of repeating it")
        return True

    def tag_error(self, node: Node) -> BankError:
        return self.fail(node, f"the tag {_short(node.tag)} is not allowed; only plain YAML "
                         "values (text, numbers, true/false, lists, mappings) are read")

    def build(self, node: Node, loc: FieldPath, seen: set[int], via_alias: bool) -> Any:
        if len(loc) > MAX_DEPTH:
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep")
        # A node met again is an alias; count every value and character it expands to.
        aliased = self.meet(node, seen, via_alias)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                raise self.tag_error(node)
            items = []
            for index, child in enumerate(node.value):
                self.positions.setdefault(loc + (index,), _position(child))
                items.append(self.build(child, loc + (index,), seen, aliased))
            return items
        if isinstance(node, MappingNode):
            if node.tag != _TAG + "map":
                raise self.tag_error(node)
            mapping: dict[Any, Any] = {}
            first_seen: dict[Any, Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _TAG + "merge":
                    raise self.fail(key_node, "merge keys (<<) are not supported; "
                                    "write the fields out")
                if not isinstance(key_node, ScalarNode):
                    raise self.fail(key_node, "a mapping key must be a plain value")
                self.meet(key_node, seen, aliased)
                key = self.scalar(key_node)
                if self.as_text:
                    key = key_node.value  # a key `null` is that text too
                if not isinstance(key, str | int) or isinstance(key, bool):
                    raise self.fail(key_node, f"the key {key_node.value!r} must be text or a "
                                    "whole number")
                if key in first_seen:
                    raise self.fail(key_node, f"duplicate key '{key}' (first at line "
                                    f"{first_seen[key].start_mark.line + 1})")
                first_seen[key] = key_node
                self.positions.setdefault(loc + (key,), _position(key_node))
                mapping[key] = self.build(value_node, loc + (key,), seen, aliased)
            return mapping
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover - no other node kinds

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag in _KEPT_AS_TEXT:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            raise self.tag_error(node)
        if self.as_text:
            return None if node.tag == _TAG + "null" else node.value
        try:
            return _constructor.construct_object(node)
        except (yaml.YAMLError, ValueError) as error:
            raise self.fail(node, f"cannot read {node.value!r} as {node.tag[len(_TAG):]}: "
                            f"{error}") from None


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _position(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[error.start : error.start + 1].hex().upper()
        raise BankError([Problem(display_path(path), line, column, "",
                                 f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8")]
                        ) from None


def read_yaml(path: Path, inside: Path | None = None, *, as_text: bool = False
              ) -> YamlDocument:
    """Read one YAML file. Every problem is raised as a BankError that names file and line.

    The file must resolve, links followed, inside `inside` (a bank directory; by default the
    directory the path names it in); a link leading out of it is refused unread.

    With `as_text`, keys and values are the text as written, except that an empty value or
    `null` is still None: for files of ids and free text, where `no` must stay "no" and
    `1_0` must not become 10. Tags are refused all the same."""
    from interviewkit.safefiles import FileTooLarge, RefusedFile, read_inside

    directory = path.parent if inside is None else inside
    try:
        raw = read_inside(path, directory, "its directory" if inside is None
                          else f"the bank directory {display_path(directory)}", MAX_FILE_BYTES)
    except FileTooLarge as error:
        raise BankError([Problem(display_path(path), 0, 0, "", f"file is "
                                 f"{error.size / 1024 / 1024:.1f} MiB; the limit is "
                                 f"{MAX_FILE_BYTES // 1024 // 1024} MiB, split it into "
                                 "several files")]) from None
    except RefusedFile as error:
        raise BankError([Problem(display_path(path), 0, 0, "", error.reason)]) from None
    return parse_yaml(path, _decode(path, raw), hashlib.sha256(raw).digest(), as_text=as_text)


def parse_yaml(path: Path, text: str, digest: bytes = b"", *, as_text: bool = False
               ) -> YamlDocument:
    """Parse text read from `path` (YAML, or JSON, which YAML reads too) into a document
    whose values keep their positions (`as_text` as for read_yaml). Problems are raised as a
    BankError naming the file."""
    name = display_path(path)
    try:
        root = yaml.compose(text, Loader=_Loader)  # a safe loader, and compose only
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise BankError([Problem(name, line, column, "", f"YAML syntax error: {message}")]
                        ) from None
    except yaml.YAMLError as error:
        raise BankError([Problem(name, 0, 0, "", f"YAML error: {error}")]) from None
    if root is None:
        return YamlDocument(path, None, {}, digest)
    builder = _Builder(path, text, as_text)
    data = builder.build(root, (), set(), False)
    return YamlDocument(path, data, builder.positions, digest)
