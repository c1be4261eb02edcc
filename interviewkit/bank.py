"""Find, read and check a question bank; every problem names its file, line and field."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import BankError, Problem, suggest
from .models import (
    KINDS,
    Bank,
    BankSettings,
    Competency,
    Level,
    Question,
    QuestionFile,
    RatingValue,
    Role,
)

if TYPE_CHECKING:
    from .yamlsource import YamlDocument

# Where a value stands in a file's data: ("questions", 3, "rubric", 4).
FieldPath = tuple[str | int, ...]

BANK_ENV = "INTERVIEWKIT_BANK"
# Roles extending roles extending roles: deeper than this is a mistake, and each level's
# errors are reported further from the file that caused them.
MAX_EXTENDS_DEPTH = 32
SETTINGS_NAMES = ("bank.yaml", "bank.yml")

M = TypeVar("M", bound=BaseModel)


def default_bank_dir() -> Path:
    """The bank that ships with interviewkit (inside the wheel, or beside the package in a
    source checkout)."""
    package = Path(__file__).resolve().parent
    installed = package / "question_bank"
    return installed if installed.is_dir() else package.parent / "question_bank"


def overlay_dirs(
    extra: Sequence[Path] = (), environ: Mapping[str, str] | None = None
) -> list[Path]:
    """A team's bank directories in the order they apply: $INTERVIEWKIT_BANK (a list joined
    with os.pathsep), then `extra`. A later directory may replace an earlier entry that it
    names with `replaces: true`."""
    environ = os.environ if environ is None else environ
    dirs = [Path(p) for p in environ.get(BANK_ENV, "").split(os.pathsep) if p.strip()]
    return dirs + [Path(p) for p in extra]


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


def _message(error: Mapping[str, Any], doc: YamlDocument, root: type[BaseModel]) -> str:
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
                                        _message(item, doc, model)))
        raise BankError(problems) from None


@dataclass
class _Entry:
    """Something with an id, and where it was read from."""

    value: Any
    doc: YamlDocument
    loc: FieldPath

    @property
    def where(self) -> str:
        line, _ = self.doc.position(self.loc)
        return f"{self.doc.name}:{line}"

    def problem(self, field: FieldPath, message: str) -> Problem:
        return self.doc.problem(self.loc + field, message)


def _yaml_files(directory: Path) -> list[Path]:
    """The .yaml and .yml entries directly in a directory, in a stable order. Links, FIFOs
    and devices are listed too, so that reading refuses them by name instead of skipping
    them unsaid."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml")
                  and not p.is_dir())


@dataclass(frozen=True)
class BankFiles:
    """The files that make up one bank directory; the loader reads these and the cache key
    is made from these, so the two can never disagree."""

    settings: list[Path]
    questions: list[Path]
    roles: list[Path]

    @property
    def all(self) -> list[Path]:
        return [*self.settings, *self.questions, *self.roles]


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()  # a dangling link is reported, not skipped


def bank_files(directory: Path) -> BankFiles:
    return BankFiles(
        settings=[directory / n for n in SETTINGS_NAMES
                  if not (directory / n).is_dir() and _present(directory / n)],
        questions=_yaml_files(directory / "questions"),
        roles=_yaml_files(directory / "roles"),
    )


def _merge_role(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """The child's fields over a (validated) parent role's; a child stage whose id is a
    parent stage's changes only the fields it gives."""
    merged = {**parent, "replaces": False}
    merged.update({k: v for k, v in child.items() if k != "stages"})
    changes = child.get("stages")
    if changes is not None and not isinstance(changes, list):
        merged["stages"] = changes  # not a list of stages: the model says so, at the child
        return merged
    stages = [dict(stage) for stage in parent.get("stages", ())]
    by_id = {stage["id"]: stage for stage in stages}
    for change in changes or ():
        stage_id = change.get("id") if isinstance(change, Mapping) else None
        if not isinstance(stage_id, str) or stage_id not in by_id:
            stages.append(change)  # a new stage, or one the model reports
            continue
        stage = by_id[stage_id]
        counts = change.get("competencies")
        stage.update({k: v for k, v in change.items() if k != "competencies"})
        if isinstance(counts, Mapping) and isinstance(stage.get("competencies"), Mapping):
            combined = {**stage["competencies"], **counts}
            stage["competencies"] = {c: n for c, n in combined.items() if n != 0}
        elif counts is not None:
            stage["competencies"] = counts
    merged["stages"] = stages
    return merged


def _child_locator(child: Mapping[str, Any], merged: Mapping[str, Any]
                   ) -> Callable[[FieldPath], FieldPath]:
    """Map a path in the merged role back to the child's file: a stage by its id, and
    anything the child does not write to its `extends` line."""
    written = child.get("stages")
    child_stages = [s.get("id") if isinstance(s, Mapping) else None
                    for s in (written if isinstance(written, list) else ())]

    def locate(loc: FieldPath) -> FieldPath:
        stages = merged.get("stages")
        if loc[:1] == ("stages",) and len(loc) > 1 and isinstance(loc[1], int) \
                and isinstance(stages, list):
            stage_id = stages[loc[1]].get("id") if loc[1] < len(stages) and isinstance(
                stages[loc[1]], Mapping) else None
            if stage_id in child_stages:
                return ("stages", child_stages.index(stage_id), *loc[2:])
            return ("extends",)
        return loc if loc[:1] and loc[0] in child else ("extends",)

    return locate


class _Loader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.hasher = hashlib.sha256()
        self.competencies: dict[str, _Entry] = {}
        self.levels: dict[str, _Entry] = {}
        self.scale: _Entry | None = None
        self.questions: dict[str, _Entry] = {}
        self.roles: dict[str, _Entry] = {}
        self.extending: list[YamlDocument] = []  # role files that extend another role

    def read(self, path: Path, model: type[M], bank_dir: Path
             ) -> tuple[YamlDocument, M] | None:
        from .yamlsource import read_yaml  # here, so that a cached bank never imports YAML

        try:
            doc = read_yaml(path, inside=bank_dir)
            self.hasher.update(path.name.encode() + b"\0" + doc.digest)
            return doc, validate_document(doc, model)
        except BankError as error:
            self.problems += [p for p in error.problems if isinstance(p, Problem)]
            return None

    def add(self, table: dict[str, _Entry], what: str, entry: _Entry) -> None:
        ident = entry.value.id
        earlier = table.get(ident)
        if entry.value.replaces and earlier is None:
            self.problems.append(entry.problem(("replaces",), f"{what} '{ident}' says replaces: "
                                               "true, but no earlier bank defines it"))
        elif earlier is not None and not entry.value.replaces:
            self.problems.append(entry.problem(("id",), f"duplicate {what} id '{ident}' (also "
                                               f"at {earlier.where}; add replaces: true to "
                                               "replace it)"))
            return
        table[ident] = entry

    def load_dir(self, directory: Path) -> None:
        if not directory.is_dir():
            self.problems.append(Problem(str(directory), 0, 0, "", "bank directory not found"))
            return
        self.hasher.update(b"\1dir\0")
        files = bank_files(directory)
        if not files.all:
            self.problems.append(Problem(str(directory), 0, 0, "", "no bank files here "
                                         "(expected bank.yaml, questions/*.yaml or roles/*.yaml)"))
        for path in files.settings:
            self.load_settings(path, directory)
        for path in files.questions:
            if loaded := self.read(path, QuestionFile, directory):
                doc, question_file = loaded
                for index, question in enumerate(question_file.questions):
                    self.add(self.questions, "question", _Entry(question, doc, ("questions",
                                                                                index)))
        for path in files.roles:
            self.load_role(path, directory)

    def load_role(self, path: Path, bank_dir: Path) -> None:
        from .yamlsource import read_yaml

        try:
            doc = read_yaml(path, inside=bank_dir)
        except BankError as error:
            self.problems += [p for p in error.problems if isinstance(p, Problem)]
            return
        self.hasher.update(path.name.encode() + b"\0" + doc.digest)
        if isinstance(doc.data, dict) and "extends" in doc.data:
            self.extending.append(doc)  # resolved once every bank directory is read
            return
        try:
            role = validate_document(doc, Role)
        except BankError as error:
            self.problems += [p for p in error.problems if isinstance(p, Problem)]
            return
        self.add(self.roles, "role", _Entry(role, doc, ()))

    def resolve_extends(self) -> None:
        """Turn each role that `extends` another into a whole role: the parent's fields,
        then the child's; a child stage with a parent stage's id changes only the fields it
        gives (competency counts merge, and a count of 0 drops the competency). A child is
        built on its parent only once the parent is whole and valid."""
        by_id = {str(doc.data.get("id")): doc for doc in self.extending}
        # id(doc) -> (the whole role, how many roles extend one another up to it), or None
        # when it could not be made whole (its problem is reported once, at its own file)
        done: dict[int, tuple[dict[str, Any], int] | None] = {}
        for start in self.extending:
            # Climb to a role that is already whole, then build on the way down: a loop, not
            # recursion, so that a long chain cannot exhaust Python's stack.
            chain, in_chain = [start], {id(start)}
            while id(chain[-1]) not in done:
                parent_id = chain[-1].data["extends"]
                parent = by_id.get(parent_id) if isinstance(parent_id, str) else None
                if parent is None or id(parent) in in_chain:
                    break
                chain.append(parent)
                in_chain.add(id(parent))
            for doc in reversed(chain):
                if id(doc) not in done:
                    done[id(doc)] = self.extend_role(doc, chain, by_id, done)

    def extend_role(self, doc: YamlDocument, chain: list[YamlDocument],
                    by_id: Mapping[str, YamlDocument],
                    done: Mapping[int, tuple[dict[str, Any], int] | None]
                    ) -> tuple[dict[str, Any], int] | None:
        """One role merged over its whole parent, validated and added; None on failure."""
        parent_id = doc.data["extends"]
        if not isinstance(parent_id, str):
            self.problems.append(doc.problem(("extends",), "expected a role id"))
            return None
        if parent_id in by_id:
            parent_doc = by_id[parent_id]
            if id(parent_doc) not in done:  # only when the chain comes back to itself
                start = next(i for i, d in enumerate(chain) if d is parent_doc)
                cycle = " -> ".join(str(d.data.get("id")) for d in [*chain[start:], parent_doc])
                self.problems.append(doc.problem(("extends",), f"roles extend each other in "
                                                 f"a circle: {cycle}"))
                return None
            whole = done[id(parent_doc)]
            if whole is None:
                return None  # the parent's own problem is reported
            parent, depth = whole
        elif parent_id in self.roles:
            parent, depth = self.roles[parent_id].value.model_dump(), 0
        else:
            known = [*self.roles, *by_id]
            self.problems.append(doc.problem(("extends",), f"unknown role "
                                             f"'{parent_id}'{suggest(parent_id, known)}"))
            return None
        if depth >= MAX_EXTENDS_DEPTH:
            self.problems.append(doc.problem(("extends",), f"more than {MAX_EXTENDS_DEPTH} "
                                             "roles extend one another in a row "
                                             f"('{parent_id}' is number {depth}); extend a "
                                             "role earlier in the chain"))
            return None
        merged = _merge_role(parent, doc.data)
        try:
            role = validate_document(doc, Role, merged, _child_locator(doc.data, merged))
        except BankError as error:
            self.problems += [p for p in error.problems if isinstance(p, Problem)]
            return None
        self.add(self.roles, "role", _Entry(role, doc, ()))
        return role.model_dump(), depth + 1

    def resolve_budgets(self) -> None:
        """Turn each stage's minutes budgets into question counts, the same for every
        candidate: as many questions as the budget holds at the median length of the
        questions the stage may draw for that competency."""
        import statistics

        for role_id, entry in self.roles.items():
            role: Role = entry.value
            if not any(stage.budgets for stage in role.stages):
                continue
            stages = []
            for stage in role.stages:
                counts = dict(stage.competencies)
                for competency, minutes in stage.budgets.items():
                    lengths = [e.value.minutes for e in self.questions.values()
                               if e.value.competency == competency
                               and stage.may_draw(e.value, role.level)]
                    typical = statistics.median(lengths) if lengths else minutes
                    counts[competency] = max(1, int(minutes // typical))
                stages.append(stage.model_copy(update={"competencies": counts}))
            self.roles[role_id] = _Entry(role.model_copy(update={"stages": tuple(stages)}),
                                         entry.doc, entry.loc)

    def load_settings(self, path: Path, bank_dir: Path) -> None:
        loaded = self.read(path, BankSettings, bank_dir)
        if not loaded:
            return
        doc, settings = loaded
        for index, competency in enumerate(settings.competencies):
            self.add(self.competencies, "competency", _Entry(competency, doc,
                                                             ("competencies", index)))
        for index, level in enumerate(settings.levels):
            self.add(self.levels, "level", _Entry(level, doc, ("levels", index)))
        if settings.rating_scale is not None:
            entry = _Entry(settings.rating_scale, doc, ("rating_scale",))
            if self.scale is not None:
                self.problems.append(entry.problem((), "the rating scale is already defined at "
                                                   f"{self.scale.where}; a bank has one scale "
                                                   "(use --no-default-bank to use your own)"))
            else:
                self.scale = entry

    def check_questions(self, scale_values: list[int]) -> None:
        for entry in self.questions.values():
            question: Question = entry.value
            if question.competency not in self.competencies:
                self.problems.append(entry.problem(("competency",), self._unknown(
                    "competency", question.competency, self.competencies)))
            for index, level in enumerate(question.levels):
                if level not in self.levels:
                    self.problems.append(entry.problem(("levels", index), self._unknown(
                        "level", level, self.levels)))
            if scale_values and sorted(question.rubric) != scale_values:
                missing = [v for v in scale_values if v not in question.rubric]
                extra = sorted(k for k in question.rubric if k not in scale_values)
                parts = [f"missing {', '.join(map(str, missing))}" if missing else "",
                         f"not on the scale: {', '.join(map(str, extra))}" if extra else ""]
                self.problems.append(entry.problem(("rubric",), "the rubric needs exactly one "
                                                   "anchor per rating value "
                                                   f"{', '.join(map(str, scale_values))}; "
                                                   + "; ".join(p for p in parts if p)))

    @staticmethod
    def _unknown(what: str, value: str, known: Mapping[str, Any]) -> str:
        return (f"unknown {what} '{value}'{suggest(value, known)}; "
                f"known: {', '.join(known) or 'none'}")

    def check_roles(self) -> None:
        for entry in self.roles.values():
            role: Role = entry.value
            if role.level not in self.levels:
                self.problems.append(entry.problem(("level",), self._unknown(
                    "level", role.level, self.levels)))
            asked: dict[str, int] = {}
            for s_index in range(len(role.stages)):
                self.check_stage(entry, role, s_index, asked)

    def check_stage(self, entry: _Entry, role: Role, s_index: int, asked: dict[str, int]) -> None:
        stage = role.stages[s_index]
        at: FieldPath = ("stages", s_index)
        for field in ("pinned", "exclude"):
            for index, qid in enumerate(getattr(stage, field)):
                if qid not in self.questions:
                    self.problems.append(entry.problem(at + (field, index), self._unknown(
                        "question", qid, self.questions).split("; known")[0]))
        pinned_per: dict[str, int] = {}
        for qid in stage.pinned:
            pinned = self.questions.get(qid)
            if pinned and pinned.value.competency not in stage.competencies:
                self.problems.append(entry.problem(at + ("pinned",), f"pinned question '{qid}' "
                                                   f"is a {pinned.value.competency} question, "
                                                   "which this stage does not cover"))
            elif pinned:
                competency = pinned.value.competency
                pinned_per[competency] = pinned_per.get(competency, 0) + 1
                if pinned_per[competency] > stage.competencies[competency]:
                    self.problems.append(entry.problem(
                        at + ("pinned",), f"pins more {competency} questions than the "
                        f"{stage.competencies[competency]} the stage asks for"))
        # the pinned questions, then the shortest draw of each competency's remaining count
        shortest_total = stage.candidate_minutes + sum(
            pin.value.minutes for qid in stage.pinned if (pin := self.questions.get(qid)))
        for competency, count in stage.competencies.items():
            if competency not in self.competencies:
                self.problems.append(entry.problem(at + ("competencies", competency),
                                                   self._unknown("competency", competency,
                                                                 self.competencies)))
                continue
            pool = [e.value for e in self.questions.values()
                    if e.value.competency == competency and stage.may_draw(e.value, role.level)]
            count -= sum(1 for qid in stage.pinned if (pin := self.questions.get(qid))
                         and pin.value.competency == competency)
            asked[competency] = asked.get(competency, 0) + count
            if count > len(pool):
                self.problems.append(entry.problem(
                    at + ("competencies", competency),
                    f"asks for {count} {competency} question{'s' * (count != 1)} at level "
                    f"'{role.level}'"
                    + (f" of kind {', '.join(stage.kinds)}" if stage.kinds else "")
                    + f", but the bank has {len(pool)}"))
            elif asked[competency] > len(pool):
                self.problems.append(entry.problem(
                    at + ("competencies", competency),
                    f"the stages up to here ask for {asked[competency]} {competency} questions "
                    f"at level '{role.level}', but the bank has {len(pool)}, and no question "
                    "is asked twice in one loop"))
            else:
                shortest_total += sum(sorted(q.minutes for q in pool)[:count])
        if shortest_total > stage.minutes:
            self.problems.append(entry.problem(at + ("minutes",), f"{stage.minutes} minutes "
                                               f"cannot hold the shortest question set "
                                               f"({shortest_total} minutes with "
                                               f"{stage.candidate_minutes} kept for the "
                                               "candidate)"))

    def finish(self, directories: Sequence[Path]) -> Bank:
        if self.scale is None and not self.problems:
            self.problems.append(Problem(str(directories[0]) if directories else "", 0, 0, "",
                                         "no rating scale: bank.yaml needs rating_scale"))
        if not self.competencies and not self.problems:
            self.problems.append(Problem(str(directories[0]) if directories else "", 0, 0, "",
                                         "no competencies: bank.yaml needs competencies"))
        self.resolve_extends()
        self.resolve_budgets()
        scale: tuple[RatingValue, ...] = self.scale.value if self.scale else ()
        self.check_questions([point.value for point in scale])
        self.check_roles()
        if self.problems:
            raise BankError(sorted(set(self.problems)))
        competencies: tuple[Competency, ...] = tuple(e.value for e in self.competencies.values())
        levels: tuple[Level, ...] = tuple(e.value for e in self.levels.values())
        origins = {**{k: e.where for k, e in self.questions.items()},
                   **{f"role:{k}": e.where for k, e in self.roles.items()}}
        return Bank(
            competencies=competencies,
            levels=levels,
            rating_scale=scale,
            questions=tuple(e.value for e in self.questions.values()),
            roles=tuple(e.value for e in self.roles.values()),
            directories=tuple(str(d) for d in directories),
            content_hash=self.hasher.hexdigest(),
            origins=origins,
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Loading builds hundreds of thousands of small objects and no reference cycles; left on,
    # the cyclic garbage collector rescans them over and over (measured: 60% of the time to
    # load a 10,000-question bank).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_bank(*directories: Path, include_default: bool = True, use_cache: bool = True) -> Bank:
    """Load and cross-check a bank: the shipped one (unless `include_default` is false), then
    each directory in order. Raises BankError listing every problem found.

    A bank that loaded cleanly is cached (see bankcache), so that loading it again while no
    file has changed skips reading YAML and validating."""
    from . import bankcache

    dirs = ([default_bank_dir()] if include_default else []) + [Path(d) for d in directories]
    if not dirs:
        raise BankError(["no bank directories: give --bank DIR or drop --no-default-bank"])
    key = bankcache.fingerprint(dirs) if use_cache else None
    if key and (cached := bankcache.read(key)):
        return cached
    with _collector_paused():
        loader = _Loader()
        for directory in dirs:
            loader.load_dir(directory)
        bank = loader.finish(dirs)
    if key:
        bankcache.write(key, bank)
    return bank
