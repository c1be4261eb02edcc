"""Load and cross-check a question bank: read every file, merge roles that extend roles, turn
budgets into counts, check every reference; every problem names its file, line and field."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from interviewkit.bank.extends import MAX_EXTENDS_DEPTH, child_locator, merge_role
from interviewkit.bank.files import bank_files, default_bank_dir, same_directory
from interviewkit.bank.locate import validate_document
from interviewkit.errors import BankError, Problem, suggest
from interviewkit.models import (
    Bank,
    BankSettings,
    Competency,
    Level,
    Question,
    QuestionFile,
    RatingValue,
    Role,
    unwritten,
)

if TYPE_CHECKING:
    from interviewkit.bank.yamlsource import FieldPath, YamlDocument


M = TypeVar("M", bound=BaseModel)
MAX_HANDOUT_BYTES = 64 * 1024  # a handout is read in an interview: a page or a few


def unknown_message(what: str, value: str, known: Iterable[str]) -> str:
    """What the bank says of a name it does not know, with the closest and the known ones
    (the loader's words, and the spreadsheet import's for a cell)."""
    names = list(known)
    return (f"unknown {what} '{value}'{suggest(value, names)}; "
            f"known: {', '.join(names) or 'none'}")


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


class _Loader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.placeholders: dict[str, str] = {}
        self.hasher = hashlib.sha256()
        self.competencies: dict[str, _Entry] = {}
        self.levels: dict[str, _Entry] = {}
        self.scale: _Entry | None = None
        self.questions: dict[str, _Entry] = {}
        self.roles: dict[str, _Entry] = {}
        self.extending: list[YamlDocument] = []  # role files that extend another role
        self.bank_dirs: dict[str, Path] = {}  # question id: the bank directory it is from
        self.handouts: dict[str, str] = {}  # question id: its handout's text

    def read(self, path: Path, model: type[M], bank_dir: Path
             ) -> tuple[YamlDocument, M] | None:
        from interviewkit.bank.yamlsource import (
            read_yaml,  # here, so that a cached bank never imports YAML
        )

        try:
            doc = read_yaml(path, inside=bank_dir)
            self.hasher.update(path.name.encode() + b"\0" + doc.digest)
            if model is QuestionFile and isinstance(doc.data, list):
                # the most likely slip of a new questions file: the list without its key
                self.problems.append(doc.problem((), "expected the questions under a "
                                                 "`questions:` key: write `questions:` on the "
                                                 "first line and indent the list under it"))
                return None
            return doc, validate_document(doc, model)
        except BankError as error:
            self.problems += error.located
            return None

    def question_values(self) -> list[Question]:
        return [entry.value for entry in self.questions.values()]

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
                    self.bank_dirs[question.id] = directory
        for path in files.roles:
            self.load_role(path, directory)

    def load_role(self, path: Path, bank_dir: Path) -> None:
        from interviewkit.bank.yamlsource import read_yaml

        try:
            doc = read_yaml(path, inside=bank_dir)
        except BankError as error:
            self.problems += error.located
            return
        self.hasher.update(path.name.encode() + b"\0" + doc.digest)
        if isinstance(doc.data, dict) and "extends" in doc.data:
            self.extending.append(doc)  # resolved once every bank directory is read
            return
        try:
            role = validate_document(doc, Role)
        except BankError as error:
            self.problems += error.located
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
        merged = merge_role(parent, doc.data)
        try:
            role = validate_document(doc, Role, merged, child_locator(doc.data, merged))
        except BankError as error:
            self.problems += error.located
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
                    lengths = [q.minutes for q in stage.pool(self.question_values(),
                                                              competency, role.level)]
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
                self.problems.append(entry.problem(("competency",), unknown_message(
                    "competency", question.competency, self.competencies)))
            for index, level in enumerate(question.levels):
                if level not in self.levels:
                    self.problems.append(entry.problem(("levels", index), unknown_message(
                        "level", level, self.levels)))
            self.check_rubrics(entry, scale_values)
            self.check_exercise(entry)

    def check_rubrics(self, entry: _Entry, scale_values: list[int]) -> None:
        question: Question = entry.value
        if not question.scored:
            for field in ("rubric", "level_rubrics"):
                if getattr(question, field):
                    self.problems.append(entry.problem((field,), "an unscored question "
                                                       "(scored: false) is not rated: remove "
                                                       "its anchors, or make it scored"))
            return
        if scale_values and sorted(question.rubric) != scale_values:
            missing = [v for v in scale_values if v not in question.rubric]
            extra = sorted(k for k in question.rubric if k not in scale_values)
            parts = [f"missing {', '.join(map(str, missing))}" if missing else "",
                     f"not on the scale: {', '.join(map(str, extra))}" if extra else ""]
            self.problems.append(entry.problem(("rubric",), "the rubric needs exactly one "
                                               "anchor per rating value "
                                               f"{', '.join(map(str, scale_values))}; "
                                               + "; ".join(p for p in parts if p)))
        lowest = min(question.levels, key=lambda level: list(self.levels).index(level)
                     if level in self.levels else 0)
        for level, anchors in question.level_rubrics.items():
            at: FieldPath = ("level_rubrics", level)
            if level not in question.levels:
                self.problems.append(entry.problem(at, f"level '{level}' is not one of the "
                                                   f"question's levels "
                                                   f"({', '.join(question.levels)})"))
            elif level == lowest:
                self.problems.append(entry.problem(at, f"'{level}' is the question's lowest "
                                                   "level, whose anchors are the rubric's; "
                                                   "give the higher levels' here"))
            for value in anchors:
                if scale_values and value not in scale_values:
                    self.problems.append(entry.problem(at + (value,), f"{value} is not on the "
                                                       "rating scale "
                                                       f"({', '.join(map(str, scale_values))})"))

    def check_exercise(self, entry: _Entry) -> None:
        """An exercise has a handout and a timed plan that fills its minutes; a handout names
        a file in the handouts folder of the question's own bank directory."""
        from interviewkit.bank.files import HANDOUTS
        from interviewkit.safefiles import RefusedFile, read_inside

        question: Question = entry.value
        exercise = question.kind == "exercise"
        if exercise and question.handout is None:
            self.problems.append(entry.problem(("kind",), "an exercise needs a handout: the "
                                               f"code or text the candidate works on, in "
                                               f"{HANDOUTS}/"))
        if exercise and not question.timing:
            self.problems.append(entry.problem(("kind",), "an exercise needs timing: its "
                                               "steps, each with minutes and what happens"))
        elif question.timing and not exercise:
            self.problems.append(entry.problem(("timing",), "only an exercise (kind: "
                                               "exercise) has timing"))
        elif question.timing and sum(s.minutes for s in question.timing) != question.minutes:
            self.problems.append(entry.problem(("timing",), "the steps add up to "
                                               f"{sum(s.minutes for s in question.timing)} "
                                               f"minutes; the question takes {question.minutes}"))
        if question.handout is None:
            return
        name = question.handout
        folder = self.bank_dirs[question.id] / HANDOUTS
        if "/" in name or "\\" in name or name.startswith("."):
            self.problems.append(entry.problem(("handout",), f"'{name}' is not a file name: "
                                               f"name a file in {HANDOUTS}/, without folders"))
            return
        try:
            # inside the bank directory, links resolved: a handouts folder that is a link
            # to another directory (a home's .ssh) would let a question print any file there
            data = read_inside(folder / name, self.bank_dirs[question.id],
                               "the bank directory", MAX_HANDOUT_BYTES)
            self.handouts[question.id] = data.decode("utf-8")
        except RefusedFile as error:
            self.problems.append(entry.problem(("handout",), f"{HANDOUTS}/{name} "
                                               f"{error.reason}"))
        except UnicodeDecodeError:
            self.problems.append(entry.problem(("handout",), f"{HANDOUTS}/{name} is not "
                                               "UTF-8 text"))

    def check_roles(self) -> None:
        for entry in self.roles.values():
            role: Role = entry.value
            self.find_placeholders(entry, role)
            if role.level not in self.levels:
                self.problems.append(entry.problem(("level",), unknown_message(
                    "level", role.level, self.levels)))
            asked: dict[str, int] = {}
            for s_index in range(len(role.stages)):
                self.check_stage(entry, role, s_index, asked)

    def find_placeholders(self, entry: _Entry, role: Role) -> None:
        """The role's text that still holds `roles new`'s placeholder: allowed in the bank
        (the file is valid as written), remembered with where it is."""
        texts: list[tuple[FieldPath, str]] = [(("title",), role.title),
                                              (("summary",), role.summary)]
        for index, stage in enumerate(role.stages):
            texts += [(("stages", index, "name"), stage.name),
                      (("stages", index, "description"), stage.description)]
        for loc, text in texts:
            if unwritten(text):
                found = self.written_at(entry, loc)
                self.placeholders[f"{role.id} {entry.problem(loc, '').field}"] = \
                    f"{found.file}:{found.line}:{found.column}"

    def written_at(self, entry: _Entry, loc: FieldPath) -> Problem:
        """Where a role's text at `loc` is written: in its own file, or, when it extends a
        role and does not write that text, where the parent (or its parent) does."""
        role: Role = entry.value
        parent = self.roles.get(role.extends) if role.extends else None
        if parent is None:
            return entry.problem(loc, "")
        written = child_locator(entry.doc.data, role.model_dump(mode="json"))(loc)
        if written != ("extends",) and written in entry.doc.positions:
            return entry.doc.problem(written, "")
        if loc[0] == "stages":  # the same stage in the parent, by its id
            stage_id = role.stages[int(loc[1])].id
            index = next((i for i, stage in enumerate(parent.value.stages)
                          if stage.id == stage_id), None)
            if index is None:
                return entry.doc.problem(written, "")
            loc = ("stages", index, *loc[2:])
        return self.written_at(parent, loc)

    def check_stage(self, entry: _Entry, role: Role, s_index: int, asked: dict[str, int]) -> None:
        stage = role.stages[s_index]
        at: FieldPath = ("stages", s_index)
        for field in ("pinned", "exclude"):
            for index, qid in enumerate(getattr(stage, field)):
                if qid not in self.questions:
                    self.problems.append(entry.problem(at + (field, index), unknown_message(
                        "question", qid, self.questions).split("; known")[0]))
        pinned_per: dict[str, int] = {}
        for qid in stage.pinned:
            pinned = self.questions.get(qid)
            if pinned and pinned.value.family in stage.families:
                continue  # it stands for its family in this stage
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
                                                   unknown_message("competency", competency,
                                                                 self.competencies)))
                continue
            pool = stage.pool(self.question_values(), competency, role.level)
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
        pinned_families = {pin.value.family for qid in stage.pinned
                           if (pin := self.questions.get(qid))}
        for index, family in enumerate(stage.families):
            if family in pinned_families:
                continue  # a pinned question stands for it
            members = stage.family_pool(self.question_values(), family, role.level)
            key = f"family {family}"
            asked[key] = asked.get(key, 0) + 1
            if not any(q.family == family for q in self.question_values()):
                known = {q.family: None for q in self.question_values() if q.family}
                self.problems.append(entry.problem(at + ("families", index), unknown_message(
                    "family", family, known)))
            elif not members:
                self.problems.append(entry.problem(
                    at + ("families", index), f"family '{family}' has no question this "
                    f"{stage.kind} stage may ask at level '{role.level}'"))
            elif asked[key] > len(members):
                self.problems.append(entry.problem(
                    at + ("families", index), f"the stages up to here ask family '{family}' "
                    f"{asked[key]} times, but it has {len(members)} question"
                    f"{'s' * (len(members) != 1)} at level '{role.level}', and no question is "
                    "asked twice in one loop"))
            else:
                shortest_total += min(q.minutes for q in members)
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
            placeholders=dict(sorted(self.placeholders.items())),
            handouts=self.handouts,
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


def once(directories: list[Path]) -> list[Path]:
    """Each directory once, at its first place, however it was named (two spellings, a link,
    $INTERVIEWKIT_BANK and --bank): loading one twice would report its own entries as
    duplicates of themselves."""
    seen: set[str] = set()
    kept = []
    for directory in directories:
        if (name := same_directory(directory)) not in seen:
            seen.add(name)
            kept.append(directory)
    return kept


def load_bank(*directories: Path, include_default: bool = True, use_cache: bool = True) -> Bank:
    """Load and cross-check a bank: the shipped one (unless `include_default` is false), then
    each directory in order, each once. Raises BankError listing every problem found.

    A bank that loaded cleanly is cached (see bankcache), so that loading it again while no
    file has changed skips reading YAML and validating."""
    from interviewkit.bank import cache as bankcache

    dirs = once(([default_bank_dir()] if include_default else [])
                + [Path(d) for d in directories])
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
