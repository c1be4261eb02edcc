"""A hiring day (`kit batch`): every candidate's kit with the time, place and interviewers of
each interview; each interviewer's stack (one PDF) and calendar; the candidates' calendars;
the day's index page and day.json. Every document is rendered by one pool of worker
processes, and the day is written whole or not at all.

The day's folder:

    index.html, day.json                     the day, for the hiring team (index.md, as
                                             Markdown for a wiki, with --format md)
    stack-<interviewer>.pdf                  an interviewer's guides, handouts, scorecards
                                             (with PDFs)
    calendar-<interviewer>.ics               an interviewer's interviews
    <candidate>/                             the candidate's kit, as `kit build` makes it,
        calendar.ics                         with the candidate's calendar beside the packet
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from interviewkit.errors import InterviewkitError
from interviewkit.kit.build import (
    KitOptions,
    Owned,
    kit_branding,
    kit_documents,
    kit_files,
    locked_folder,
    owned_by,
    owned_kit_files,
    put_files,
    refuse_placeholders,
    replace_problems,
)
from interviewkit.kit.calendar import candidate_calendar, interviewer_calendar
from interviewkit.kit.documents import Document, Format, document_files, markup
from interviewkit.kit.manifest import (
    DAY_NAME,
    KIT_JOURNAL,
    DayInterviewerRecord,
    DayKitRecord,
    DayManifest,
    FileRecord,
    finish_interrupted,
    manifest_bytes,
    read_day,
)
from interviewkit.kit.render import Renderer
from interviewkit.kit.stack import page_count, stack_pdf
from interviewkit.kit.views import (
    DayCandidate,
    DayInterview,
    DayInterviewer,
    DayView,
    Link,
    StackCoverView,
    StackEntry,
    appointment,
    handout_stem,
    stage_handouts,
)
from interviewkit.models import Bank, KitPlan
from interviewkit.output import is_temporary, sha256_bytes, slugify
from interviewkit.plan.schedule import DayPlan, Interview, Schedule
from interviewkit.version import __version__

CANDIDATE_CALENDAR = "calendar.ics"


def index_name(format: Format) -> str:
    """The day's index page: HTML, or Markdown for a day written as Markdown."""
    return f"index.{markup(format)}"


@dataclass(frozen=True)
class DayResult:
    directory: Path
    manifest: DayManifest
    documents: int  # rendered documents: HTML pages and PDFs of the kits
    pages: int  # of the kits' PDFs
    stack_pages: int


def day_directory(out: Path | None, schedule: Schedule) -> Path:
    """Where a day goes: `--out`, else out/day-<the date of its first interview>."""
    if out is not None:
        return out
    first = min(interview.start for interview in schedule.interviews)
    return Path("out") / f"day-{first.date().isoformat()}"


@dataclass(frozen=True)
class _Kit:
    plan: KitPlan
    interviews: tuple[Interview, ...]  # in time order
    folder: str  # its folder's name in the day's folder
    date: str  # of its first interview: the date its documents carry


def render_day(bank: Bank, schedule: Schedule, day: DayPlan, out_dir: Path,
               options: KitOptions, history: str | None = None,
               progress: Callable[[str, int], None] | None = None) -> DayResult:
    """Render the whole day and write it into `out_dir`: each kit into its folder, then the
    day's own files. Every problem (a kit folder that may not be rebuilt, a file someone
    changed, a template that fails) is found before anything is written, so either the day
    is written whole or nothing changes. A rebuild (`options.force`) replaces the files the
    earlier day and its kits wrote, and keeps filled cards and anything a team added."""
    kits = _kits(day)
    problems: list[str] = []
    for kit in kits:
        try:
            refuse_placeholders(bank, kit.plan)
        except InterviewkitError as error:
            problems += [str(p) for p in error.problems if str(p) not in problems]
        # the kit is written into its folder: a link there would take it out of the day
        if (out_dir / kit.folder).is_symlink():
            problems.append(f"{out_dir / kit.folder}: is a link, not the kit's folder in the "
                            "day; move it away, then rebuild")
    if problems:
        raise InterviewkitError(problems)
    people = _interviewers(kits)
    with contextlib.ExitStack() as held:
        day_owned = held.enter_context(locked_folder(out_dir, "hiring day", partial(
            _owned_day_files, force=options.force, kit_folders={k.folder for k in kits})))
        owned: dict[str, Owned] = {}
        for kit in kits:
            try:
                owned[kit.folder] = held.enter_context(locked_folder(
                    out_dir / kit.folder, "kit", partial(
                        owned_kit_files, plan=kit.plan, force=options.force)))
            except InterviewkitError as error:
                problems += [str(p) for p in error.problems]
        if problems:
            raise InterviewkitError(problems)
        rendered = _Rendered(bank, kits, people, options, progress)
        day_files = rendered.day_files(schedule.source, history, day)
        for kit in kits:
            problems += replace_problems(out_dir / kit.folder, rendered.kit_files[kit.folder],
                                         owned[kit.folder])
        problems += replace_problems(out_dir, day_files, day_owned, last=DAY_NAME,
                                     what="hiring day")
        if problems:
            raise InterviewkitError(problems)
        for kit in kits:
            put_files(out_dir / kit.folder, rendered.kit_files[kit.folder], owned[kit.folder])
        put_files(out_dir, day_files, day_owned, last=DAY_NAME)
    return DayResult(out_dir, read_day(out_dir / DAY_NAME), rendered.documents,
                     rendered.pages, rendered.stack_pages)


def _kits(day: DayPlan) -> list[_Kit]:
    """The day's kits, each with the name of its folder (the schedule has seen that no two
    candidates' names make one)."""
    kits = []
    for plan, interviews in day.kits:
        assert plan.candidate is not None
        kits.append(_Kit(plan, interviews, slugify(plan.candidate),
                         interviews[0].start.date().isoformat()))
    return kits


def _interviewers(kits: Sequence[_Kit]) -> dict[str, list[tuple[Interview, _Kit]]]:
    """Each interviewer's interviews, in time order; interviewers in the order of their first
    interview (the schedule writes each person's name one way)."""
    people: dict[str, list[tuple[Interview, _Kit]]] = {}
    rows = sorted(((i, kit) for kit in kits for i in kit.interviews),
                  key=lambda item: (item[0].start, item[0].row))
    for interview, kit in rows:
        for person in interview.interviewers:
            people.setdefault(person, []).append((interview, kit))
    return people


class _Rendered:
    """Every document of the day, rendered: the kits' files by folder, the stacks."""

    def __init__(self, bank: Bank, kits: Sequence[_Kit],
                 people: dict[str, list[tuple[Interview, _Kit]]], options: KitOptions,
                 progress: Callable[[str, int], None] | None) -> None:
        self.bank, self.kits, self.people, self.options = bank, kits, people, options
        self.renderer = Renderer(options.templates)
        self.brand = kit_branding(options)
        documents: list[Document] = []
        for kit in kits:
            brand = replace(self.brand, date=kit.date)
            documents += [replace(d, stem=f"{kit.folder}/{d.stem}") for d in kit_documents(
                bank, kit.plan, brand, self.renderer, kit.interviews, options.format)]
        # the formats the day's pages link to, as the kits are written: HTML and PDF, or
        # Markdown with YAML cards
        self.formats = ["md"] if options.format == "md" else [
            f for f in ("html", "pdf") if options.format in (f, "both")]
        self.with_pdf = "pdf" in self.formats
        total = (len(documents) + len(people)) if self.with_pdf else 0
        report = (lambda name: progress(name, total)) if progress and total else None
        files = document_files(documents, self.renderer, options.format, report, options.jobs)
        self.documents = len(files)
        # each PDF's pages, counted once: for the summary and the stacks' page numbers
        self.page_counts = {name: page_count(data) for name, data in files.items()
                            if name.endswith(".pdf")}
        self.pages = sum(self.page_counts.values())
        stamp = datetime.now(UTC).replace(microsecond=0)
        self.kit_files: dict[str, dict[str, bytes]] = {}
        for kit in kits:
            own = {name.split("/", 1)[1]: data for name, data in files.items()
                   if name.startswith(f"{kit.folder}/")}
            assert kit.plan.candidate is not None
            calendar = candidate_calendar(kit.plan.candidate, kit.interviews, bank, stamp,
                                          options.company)
            self.kit_files[kit.folder], _ = kit_files(
                bank, kit.plan, replace(options, date=kit.date), own, kit.interviews,
                {CANDIDATE_CALENDAR: calendar})
        self.calendars = {name: interviewer_calendar(name, [i for i, _ in rows], bank, stamp)
                          for name, rows in people.items()}
        self.stacks = self._stacks(report) if self.with_pdf else {}
        self.stack_pages = sum(page_count(data) for data in self.stacks.values())

    def _interview(self, interview: Interview, kit: _Kit) -> DayInterview:
        role = self.bank.role(interview.role)
        stage = role.stage(interview.stage) if role else None
        return DayInterview(
            appointment=appointment(interview), candidate=interview.candidate,
            role_title=role.title if role else interview.role,
            stage_name=stage.name if stage else interview.stage, minutes=interview.minutes,
            guide=tuple(Link(f.upper(), f"{kit.folder}/guide-{interview.stage}.{f}")
                        for f in self.formats),
            handouts=tuple((stem, tuple(Link(f.upper(), f"{kit.folder}/{stem}.{f}")
                                        for f in self.formats))
                           for stem in map(handout_stem, stage_handouts(
                               self.bank, kit.plan, interview.stage))),
            scorecard=tuple(Link(f.upper(), f"{kit.folder}/scorecard-{interview.stage}.{f}")
                            for f in self.formats) if "md" not in self.formats else (
                Link("YAML", f"{kit.folder}/scorecard-{interview.stage}.yaml"),))

    def _documents(self, interview: Interview, kit: _Kit) -> list[str]:
        """What the interviewer of an interview needs, in the order a stack holds it (file
        stems): its guide, the handouts they give the candidate during it, its scorecard."""
        return [f"guide-{interview.stage}", *map(handout_stem, stage_handouts(
            self.bank, kit.plan, interview.stage)), f"scorecard-{interview.stage}"]

    def _stacks(self, report: Callable[[str], None] | None) -> dict[str, bytes]:
        """Each interviewer's stack: a cover listing their interviews with the pages where
        each one's documents start, then for each interview in time order its guide, the
        handouts the interviewer gives the candidate, and its scorecard."""
        parts: dict[str, list[bytes]] = {}
        # per interview: where each of its documents starts, counted from 0 after the cover
        covers: dict[str, tuple[list[tuple[Interview, _Kit, list[int]]], int]] = {}
        for name, rows in self.people.items():
            docs, places, page = [], [], 0
            for interview, kit in rows:
                starts = []
                for stem in self._documents(interview, kit):
                    starts.append(page)
                    page += self.page_counts[f"{kit.folder}/{stem}.pdf"]
                    docs.append(self.kit_files[kit.folder][f"{stem}.pdf"])
                places.append((interview, kit, starts))
            parts[name] = docs
            covers[name] = (places, page)

        def cover(name: str, cover_pages: int) -> Document:
            places, pages = covers[name]
            entries = []
            for interview, kit, starts in places:
                guide, *handouts, card = (start + cover_pages + 1 for start in starts)
                entries.append(StackEntry(self._interview(interview, kit), guide,
                                          tuple(handouts), card))
            view = StackCoverView(brand=self.brand, title=f"Interviews of {name}",
                                  interviewer=name, entries=tuple(entries),
                                  pages=pages + cover_pages)
            return Document(f"stack-{slugify(name)}", self.renderer.render("stack.html.j2",
                                                                           view=view))

        rendered = document_files([cover(name, 1) for name in self.people], self.renderer,
                                  "pdf", report, self.options.jobs)
        stacks = {}
        for name in self.people:
            first = rendered[f"stack-{slugify(name)}.pdf"]
            if (count := page_count(first)) != 1:  # a long day's cover: its pages counted
                first = document_files([cover(name, count)], self.renderer, "pdf",
                                       jobs=1)[f"stack-{slugify(name)}.pdf"]
            stacks[f"stack-{slugify(name)}.pdf"] = stack_pdf(
                [first, *parts[name]], f"Interviews of {name}", self.options.company)
        return stacks

    def day_files(self, source: str, history: str | None, day: DayPlan) -> dict[str, bytes]:
        """The day's own files: stacks, interviewers' calendars, index.html, day.json."""
        files = dict(self.stacks)
        files.update((f"calendar-{slugify(name)}.ics", data)
                     for name, data in self.calendars.items())
        candidates = tuple(DayCandidate(
            name=kit.plan.candidate or "", role_title=(role.title if (role := self.bank.role(
                kit.plan.role)) else kit.plan.role), kit_id=kit.plan.kit_id, folder=kit.folder,
            packet=tuple(Link(f.upper(), f"{kit.folder}/candidate-packet.{f}")
                         for f in self.formats),
            calendar=f"{kit.folder}/{CANDIDATE_CALENDAR}",
            interviews=tuple(self._interview(i, kit) for i in kit.interviews))
            for kit in self.kits)
        interviewers = tuple(DayInterviewer(
            name=name, interviews=tuple(self._interview(i, kit) for i, kit in rows),
            stack=f"stack-{slugify(name)}.pdf" if self.with_pdf else None,
            calendar=f"calendar-{slugify(name)}.ics") for name, rows in self.people.items())
        dates = tuple(sorted({i.start.date().isoformat() for kit in self.kits
                              for i in kit.interviews}))
        view = DayView(
            brand=replace(self.brand, date=dates[0]), title=_title(dates), schedule=source,
            dates=dates, zones=tuple(sorted({i.time_zone for kit in self.kits
                                             for i in kit.interviews})),
            candidates=candidates, interviewers=interviewers,
            repeats=tuple(day.repeats.items()), shared=day.shared,
            independent_shared=day.independent_shared)
        files[index_name(self.options.format)] = self.renderer.render(
            f"day.{markup(self.options.format)}.j2", view=view).encode("utf-8")
        manifest = DayManifest(
            schedule=source, dates=dates,
            kits=tuple(DayKitRecord(candidate=kit.plan.candidate or "", role=kit.plan.role,
                                    kit_id=kit.plan.kit_id, directory=kit.folder)
                       for kit in self.kits),
            interviewers=tuple(DayInterviewerRecord(
                name=person.name, interviews=len(person.interviews), stack=person.stack,
                calendar=person.calendar) for person in interviewers),
            repeats=day.repeats, history=history,
            files=tuple(FileRecord(name=name, sha256=sha256_bytes(data))
                        for name, data in sorted(files.items())),
            interviewkit=__version__)
        files[DAY_NAME] = manifest_bytes(manifest)
        return files


def _title(dates: Sequence[str]) -> str:
    days = [datetime.fromisoformat(d) for d in dates]
    first = f"{days[0]:%A} {days[0].day} {days[0]:%B %Y}"
    return f"Hiring day, {first}" if len(days) == 1 else \
        f"Hiring days, {first} to {days[-1].day} {days[-1]:%B %Y}"


def _owned_day_files(out_dir: Path, *, force: bool, kit_folders: set[str]) -> Owned:
    """The files in the day's folder that an earlier build of the day wrote, as
    `owned_kit_files` finds a kit's. A first build wants a folder that holds nothing but
    folders of this day's kits, which their own check then judges: a first build killed
    before day.json leaves some kits written, and `kit build` may have made one."""
    finish_interrupted(out_dir, holding_lock=True)
    manifest_path = out_dir / DAY_NAME
    if not manifest_path.exists():
        strangers = [p for p in out_dir.iterdir() if not is_temporary(p)
                     and p.name != KIT_JOURNAL and not (p.name in kit_folders and p.is_dir())]
        if strangers:
            raise InterviewkitError([f"{out_dir}: holds files that are not a hiring day "
                                     "built by `kit batch`; choose another --out"])
        return {}
    if not force:
        raise InterviewkitError([f"{out_dir}: a hiring day is already there; add --force to "
                                 "rebuild it (filled cards in each kit's scores/ and files "
                                 "you added are kept)"])
    try:
        earlier = read_day(manifest_path)
    except InterviewkitError as error:
        raise InterviewkitError([*error.problems, f"{out_dir}: without a readable {DAY_NAME} "
                                 "the files the day wrote cannot be told from yours; repair "
                                 "it or choose another --out"]) from None
    return owned_by(out_dir, earlier.files)
