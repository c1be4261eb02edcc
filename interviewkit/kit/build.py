"""Build a candidate's interview kit: plan -> views -> HTML -> PDF -> files and manifest."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

from interviewkit.errors import InterviewkitError
from interviewkit.escape import UNSAFE
from interviewkit.kit import scorecard as card
from interviewkit.kit.brand import branding
from interviewkit.kit.documents import Document, Format, document_files, markup
from interviewkit.kit.manifest import (
    KIT_JOURNAL,
    MANIFEST_NAME,
    BankRecord,
    FileRecord,
    GitRecord,
    InterviewRecord,
    KitManifest,
    StageRecord,
    find_kits,
    finish_interrupted,
    manifest_bytes,
    read_interviews,
    read_manifest,
)
from interviewkit.kit.render import Renderer
from interviewkit.kit.views import (
    Appointment,
    Branding,
    candidate_view,
    guide_view,
    handout_stem,
    handout_view,
    scorecard_view,
    stage_appointments,
    stage_competencies,
    stage_handouts,
    unscored_questions,
)
from interviewkit.models import Bank, KitPlan
from interviewkit.output import (
    directory_lock,
    file_digest,
    is_temporary,
    read_journal,
    remove_leftovers,
    replace_files,
    sha256_bytes,
    slugify,
)
from interviewkit.plan.schedule import Interview
from interviewkit.version import __version__


@dataclass(frozen=True)
class KitOptions:
    """How to render a kit; the CLI fills it from options and interviewkit.toml."""

    company: str = "Hiring team"
    accent: str = "#2f5d8a"
    logo: Path | None = None
    asset_dir: Path | None = None  # the logo must be inside it (default: working directory)
    page_size: Literal["A4", "letter"] = "A4"
    date: str = ""
    format: Format = "both"  # "md": guides, handouts and packet as Markdown, cards as YAML
    templates: tuple[Path, ...] = ()
    force: bool = False
    yaml_scorecards: bool = False  # also scorecard-<stage>.yaml, for interviewers who type
    jobs: int | None = None  # processes rendering PDFs (default: one per usable core)

    @property
    def yaml_cards(self) -> bool:
        """Whether the kit's scorecards include the YAML card: asked for, or the only card
        a Markdown kit has (a Markdown page cannot be filled in and read back)."""
        return self.yaml_scorecards or self.format == "md"




@dataclass(frozen=True)
class KitResult:
    directory: Path
    files: tuple[str, ...]
    manifest: KitManifest
    notes: tuple[str, ...] = ()  # things the user should know (a recovered earlier kit)


def kit_directory(out: Path | None, candidate: str | None, role_id: str) -> Path:
    """Where a kit goes: `--out`, else out/<candidate-slug> (out/blank-<role> for blanks)."""
    if out is not None:
        return out
    return Path("out") / (slugify(candidate) if candidate else f"blank-{role_id}")


def _git_commit(directories: Sequence[str]) -> GitRecord | None:
    """The commit checked out (HEAD) in the git repository of the first team bank directory
    that is in one; the shipped bank is known by interviewkit's version instead. Read from
    the repository's files, never by running git (see githead). Whether the work tree has
    changes is not asked of git, since that would run it; bank.sha256 pins the content."""
    from interviewkit.bank.files import default_bank_dir
    from interviewkit.bank.githead import git_head

    shipped = default_bank_dir().resolve()
    for directory in directories:
        if Path(directory).resolve() == shipped:
            continue
        head = git_head(Path(directory))
        if head is not None:
            return GitRecord(directory=directory, commit=head.commit,
                             head=head.ref or "detached")
    return None


def refuse_placeholders(bank: Bank, plan: KitPlan) -> None:
    """A candidate never reads the text `roles new` left for the team to write."""
    from interviewkit.bank.lint import placeholders

    if plan.candidate is not None and (found := placeholders(bank, plan.role)):
        raise InterviewkitError([*found, f"the role {plan.role} still has text from `roles "
                                 "new` to write; a candidate's kit is refused until it is"])


def render_kit(bank: Bank, plan: KitPlan, out_dir: Path, options: KitOptions,
               progress: Callable[[str], None] | None = None) -> KitResult:
    """Render every document of the plan and write them, with kit.json, into `out_dir`.

    Nothing is written until every document has rendered. An existing kit is rebuilt only
    with `options.force`, and a kit of another candidate never; a rebuild replaces the
    files the earlier kit wrote and keeps everything else (filled cards in scores/, a
    debrief, a team's own files) byte for byte."""
    refuse_placeholders(bank, plan)
    notes = _recover_set_aside(out_dir)
    with locked_folder(out_dir, "kit", partial(owned_kit_files, plan=plan,
                                               force=options.force)) as owned:
        renderer = Renderer(options.templates)
        documents = kit_documents(bank, plan, kit_branding(options), renderer,
                                  format=options.format)
        rendered = document_files(documents, renderer, options.format, progress, options.jobs)
        files, manifest = kit_files(bank, plan, options, rendered)
        write_kit(out_dir, files, owned)
    return KitResult(out_dir, tuple(sorted(files)), manifest, notes)


Owned = dict[str, set[str]]  # file name -> the hashes it may have (see owned_kit_files)


@contextlib.contextmanager
def locked_folder(out_dir: Path, what: str, owned: Callable[[Path], Owned]) -> Iterator[Owned]:
    """The folder of a kit (or a hiring day) made, with its parents, and locked for as long
    as the block runs, yielding `owned(out_dir)`: what an earlier build wrote there. When
    the block fails, the folders it made are removed again while empty: a failed first
    build leaves nothing behind."""
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise InterviewkitError([f"{out_dir}: exists and is not a directory"])
    created = [d for d in (out_dir, *out_dir.parents) if not os.path.lexists(d)]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)  # to hold the lock on it from here on
    except OSError as error:
        raise InterviewkitError([f"{out_dir}: cannot make the {what} folder "
                                 f"({error.strerror})"]) from None
    try:
        with directory_lock(out_dir) as held:
            if not held:
                raise InterviewkitError([f"{out_dir}: another interviewkit command is writing "
                                         f"this {what}; run this one again when it has "
                                         "finished"])
            yield owned(out_dir)
    except BaseException:
        with contextlib.suppress(OSError):
            for directory in created:  # deepest first, each only while empty
                directory.rmdir()
        raise


def kit_branding(options: KitOptions) -> Branding:
    return branding(options.company, options.accent, options.logo, options.page_size,
                    options.date, options.asset_dir)


def kit_documents(bank: Bank, plan: KitPlan, brand: Branding, renderer: Renderer,
                  schedule: Sequence[Interview] = (), format: Format = "both"
                  ) -> list[Document]:
    """Every document of the kit, as HTML: a guide, the handouts of its questions that have
    one (shared during the interview, never sent before) and a scorecard per stage, and the
    candidate packet; with the time, place and interviewers of each interview when the kit
    is one of a hiring day's (`schedule`: its interviews); each guide names its handouts'
    files in the kit's `format`. As Markdown (format "md"), from the same views and the
    .md.j2 templates, without the scorecards: the YAML card is a Markdown kit's card."""
    at = stage_appointments(schedule)
    kind = markup(format)
    shared = {"md": ("md",), "html": ("html",), "pdf": ("pdf",), "both": ("pdf", "html")}
    documents: list[Document] = []
    for stage in plan.stages:
        documents.append(Document(f"guide-{stage.stage}", renderer.render(
            f"guide.{kind}.j2", view=guide_view(bank, plan, stage.stage, brand,
                                                  at.get(stage.stage), shared[format]))))
        for question_id in stage_handouts(bank, plan, stage.stage):
            documents.append(Document(handout_stem(question_id), renderer.render(
                f"handout.{kind}.j2", view=handout_view(bank, plan, stage.stage, question_id,
                                                     brand))))
        if kind == "md":
            continue
        documents.append(Document(f"scorecard-{stage.stage}", renderer.render(
            "scorecard.html.j2", view=scorecard_view(bank, plan, stage.stage, brand,
                                                     at.get(stage.stage))),
            form=True, identity={"kit_id": plan.kit_id, "role": plan.role,
                                 "candidate": plan.candidate or "", "stage": stage.stage}))
    if plan.candidate is not None:
        documents.append(Document("candidate-packet", renderer.render(
            f"packet.{kind}.j2", view=candidate_view(bank, plan, brand, at))))
    return documents


def kit_files(bank: Bank, plan: KitPlan, options: KitOptions, rendered: dict[str, bytes],
              schedule: Sequence[Interview] = (), extra: Mapping[str, bytes] | None = None
              ) -> tuple[dict[str, bytes], KitManifest]:
    """The kit's files: its rendered documents, the YAML cards when asked for, `extra` files
    (a hiring day's candidate calendar), and kit.json last, as the bytes to write."""
    files = dict(rendered)
    booked = stage_appointments(schedule)
    if options.yaml_cards:
        for stage in plan.stages:
            files[f"scorecard-{stage.stage}.yaml"] = yaml_scorecard(
                bank, plan, stage.stage, options.date, booked.get(stage.stage)).encode()
    files.update(extra or {})
    manifest = KitManifest(
        kit_id=plan.kit_id, role=plan.role, candidate=plan.candidate, seed=plan.seed,
        date=options.date,
        bank=BankRecord(sha256=plan.bank_hash, directories=bank.directories,
                        git=_git_commit(bank.directories)),
        stages=tuple(StageRecord(stage=s.stage, questions=tuple(q.id for q in s.questions),
                                 reasons={q.id: q.reason for q in s.questions},
                                 competencies=tuple(stage_competencies(bank, plan,
                                                                       s.stage)[0]))
                     for s in plan.stages),
        pins=plan.pins, excludes=plan.excludes, avoided=plan.avoided,
        files=tuple(FileRecord(name=name, sha256=sha256_bytes(data))
                    for name, data in sorted(files.items())),
        company=options.company, page_size=options.page_size,
        interviewkit=__version__,
        schedule=tuple(InterviewRecord(
            stage=i.stage, start=i.start.isoformat(), minutes=i.minutes,
            time_zone=i.time_zone, interviewers=i.interviewers, location=i.location)
            for i in sorted(schedule, key=lambda i: i.start)),
    )
    files[MANIFEST_NAME] = manifest_bytes(manifest)
    return files, manifest


def yaml_scorecard(bank: Bank, plan: KitPlan, stage_id: str, date: str,
                   booked: Appointment | None = None) -> str:
    """A scorecard to fill in by typing: the same fields as the PDF form, as YAML that
    `scores read` and `debrief` take; with a hiring day's interview (`booked`), its time,
    place and panel, and its interviewer's name when it has one, as the form has them."""
    import json as _json

    scale = ", ".join(f"{p.value} {p.label}" for p in bank.rating_scale)
    competencies = stage_competencies(bank, plan, stage_id)[0]
    noted = unscored_questions(bank, plan, stage_id)  # the card takes notes on them
    none = "" if competencies else " {}"  # a card of unscored questions only rates nothing

    def text(value: str | None) -> str:
        # A JSON string is valid YAML, and quoted: an id such as `no` or `1_0` stays text.
        return _json.dumps(value or "", ensure_ascii=False)

    identity = {"kit_id": plan.kit_id, "role": plan.role, "candidate": plan.candidate,
                "stage": stage_id}
    assert set(identity) == set(card.IDENTITY)  # the contract and this writer agree
    def comment(value: str) -> str:
        # on the comment's line: YAML ends a line at more than \n (NEL, U+2028, U+2029)
        return UNSAFE.sub("", " ".join(value.split()))

    values = ", ".join(str(p.value) for p in bank.rating_scale)
    interview = [] if booked is None else [
        f"# The interview: {comment(booked.when)}, with {comment(booked.panel)}, at "
        f"{comment(booked.location or 'a place to be confirmed')}"]
    panel = booked.interviewers if booked else ()
    lines = [
        f"# Scorecard for {comment(plan.candidate or 'the candidate')}, stage "
        f"{stage_id}. Fill in your",
        f"# name, a rating for each competency ({scale}) and the evidence behind it,",
        "# then put this file in the kit's scores/ folder. Score before the debrief.",
        *interview,
        *(f"{key}: {text(identity[key])}" for key in card.IDENTITY),
        f"{card.INTERVIEWER}: {text(panel[0] if len(panel) == 1 else '')}",
        f"{card.DATE}: {text(date)}",
        f"{card.RATINGS_KEY}:{none}",
        *(f"  {text(c)}:      # {values}" for c in competencies),
        f"{card.EVIDENCE_KEY}:{none}",
        *(f"  {text(c)}: \"\"" for c in competencies),
        *([f"# Not rated: notes on {', '.join(noted)}, for the panel; they enter no rating.",
           f"{card.NOTES}: \"\""] if noted else []),
        f"{card.OVERALL}:        # the same scale",
    ]
    return "\n".join(lines) + "\n"


def _kit_exists(out_dir: Path) -> InterviewkitError:
    return InterviewkitError([f"{out_dir}: a kit is already there; add --force to rebuild it "
                              "(filled cards in scores/ and files you added are kept)"])


def owned_kit_files(out_dir: Path, *, plan: KitPlan, force: bool) -> Owned:
    """The files in `out_dir` that an earlier build of this kit wrote: name -> the hashes
    they may have (as written, or as an interrupted rebuild was writing them). Raises when
    the directory may not be built into: another candidate's kit, or filled cards of a kit
    that `plan` would replace with another."""
    # a build killed during its renames (even a first one, before kit.json was in place)
    finish_interrupted(out_dir, holding_lock=True)
    manifest_path = out_dir / MANIFEST_NAME
    if not manifest_path.exists():
        strangers = [p for p in out_dir.iterdir()
                     if not (p.name == card.SCORES_DIR and p.is_dir()) and not is_temporary(p)
                     and p.name != KIT_JOURNAL]
        if strangers:
            raise InterviewkitError([f"{out_dir}: holds files that are not a kit; choose "
                                     "another --out"])
        # a first build never finds cards (they are filled from a kit): these are of a kit
        # whose files were cleared away, and a new draw would leave them without it
        if cards := card.find_score_files(out_dir):
            held, named = _cards_held(cards)
            raise InterviewkitError([
                f"{out_dir}: {card.SCORES_DIR}/ holds {held} ({named}) but the kit "
                f"{'it was' if len(cards) == 1 else 'they were'} filled for is gone (no "
                f"{MANIFEST_NAME}); put the kit back, build this one elsewhere (--out), or "
                f"move the cards out of {card.SCORES_DIR}/ to start this one here"])
        return {}
    if not force:
        raise _kit_exists(out_dir)
    try:
        earlier = read_manifest(manifest_path)
    except InterviewkitError as error:
        raise InterviewkitError([*error.problems, f"{out_dir}: without a readable "
                                 f"{MANIFEST_NAME} the files the kit wrote cannot be told "
                                 "from yours; repair it or choose another --out"]) from None
    if earlier.candidate != plan.candidate:
        raise InterviewkitError([f"{out_dir}: holds the kit of {earlier.candidate!r}, "
                                 f"not {plan.candidate!r}; choose another --out"])
    if earlier.kit_id != plan.kit_id and (cards := card.find_score_files(out_dir)):
        raise InterviewkitError([_orphaned_cards(out_dir, earlier, plan, cards)])
    return owned_by(out_dir, earlier.files)


def _orphaned_cards(out_dir: Path, earlier: KitManifest, plan: KitPlan, cards: list[Path]
                    ) -> str:
    """Why a rebuild may not replace a kit whose cards are filled: they carry its id, and
    the debrief reads them only with their own kit."""
    held, named = _cards_held(cards)
    return (f"{out_dir}: {card.SCORES_DIR}/ holds {held} of kit {earlier.kit_id} ({named}); this "
            f"build would draw kit {plan.kit_id} in its place ({_another_draw(earlier, plan)}), "
            "and the cards would be left without their kit. Keep the kit as it is, build the "
            f"new one elsewhere (--out), or move the cards out of {card.SCORES_DIR}/ to start "
            "this one again")


def _cards_held(cards: list[Path]) -> tuple[str, str]:
    """How many filled cards, and the first few by name."""
    named = ", ".join(p.name for p in cards[:3]) + (", ..." if len(cards) > 3 else "")
    return ("a filled card" if len(cards) == 1 else f"{len(cards)} filled cards"), named


def _another_draw(earlier: KitManifest, plan: KitPlan) -> str:
    """What makes `plan` another kit than `earlier`: each input of the draw that differs, so
    that the way back to the kit of the cards is plain."""
    def listed(values: Sequence[str]) -> str:
        return ", ".join(values) or "none"

    differences = []
    if earlier.role != plan.role:
        differences.append(f"role {plan.role}, not {earlier.role}")
    if earlier.bank.sha256 != plan.bank_hash:
        differences.append("the bank has changed since")
    if earlier.seed != plan.seed:
        differences.append(f"seed {plan.seed}, not {earlier.seed}")
    for what, now, before in (
            ("stages", [s.stage for s in plan.stages], [s.stage for s in earlier.stages]),
            ("pins", plan.pins, earlier.pins), ("excludes", plan.excludes, earlier.excludes)):
        if list(now) != list(before):
            differences.append(f"{what} {listed(now)}, not {listed(before)}")
    # none of those: what the draw avoided (--history, a day's earlier kits) has moved
    return "; ".join(differences) or "other questions drawn"


def owned_by(out_dir: Path, files: Sequence[FileRecord]) -> Owned:
    """The files a manifest lists, with the hashes they may have: as written, or as a
    rebuild that could not be completed was writing them (its journal)."""
    owned = {entry.name: {entry.sha256} for entry in files}
    unfinished = read_journal(out_dir / KIT_JOURNAL)
    for name, digest, _ in unfinished[0] if unfinished else ():
        owned.setdefault(name, set()).add(digest)
    return owned


def write_kit(out_dir: Path, files: dict[str, bytes], owned: Owned) -> None:
    """Write the kit's files into `out_dir`, replacing only files the earlier kit wrote
    that nobody has changed since, and removing those the new kit no longer writes."""
    problems = replace_problems(out_dir, files, owned)
    if problems:
        raise InterviewkitError(problems)
    put_files(out_dir, files, owned)


def replace_problems(out_dir: Path, files: dict[str, bytes], owned: Owned,
                     last: str = MANIFEST_NAME, what: str = "kit") -> list[str]:
    """Why `files` may not be written into `out_dir`: a file there that the earlier build
    did not write, or that someone changed since (and, for a kit, a scores/ that is not a
    folder)."""
    problems = []
    for name in files:
        path = out_dir / name
        if name == last or not os.path.lexists(path):
            continue
        if name not in owned:
            problems.append(f"{path}: this {what} did not write it and would replace it; "
                            "move it away, then rebuild")
        elif file_digest(path) not in owned[name]:
            problems.append(f"{path}: changed since the {what} wrote it (a filled card? put "
                            f"filled cards in {card.SCORES_DIR}/); move it away, then rebuild")
    scores = out_dir / card.SCORES_DIR
    if last == MANIFEST_NAME and os.path.lexists(scores) and not scores.is_dir():
        problems.append(f"{scores}: is there and is not a folder; filled cards go in a "
                        f"{card.SCORES_DIR}/ folder: move it away, then rebuild")
    return problems


def put_files(out_dir: Path, files: dict[str, bytes], owned: Owned,
              last: str = MANIFEST_NAME) -> None:
    """`files` into `out_dir` (checked by `replace_problems`), `last` after the others, as
    one change that a killed run completes next time (the folder's journal); the files an
    earlier build wrote that are no longer written are removed while unchanged. A kit gets
    its (empty) scores/ folder."""
    retire = {name: digest for name, digests in owned.items() if name not in files
              and (digest := file_digest(out_dir / name)) in digests}  # a changed one is kept
    try:
        if last == MANIFEST_NAME:
            (out_dir / card.SCORES_DIR).mkdir(exist_ok=True)
        remove_leftovers(out_dir)  # of a run that was killed
        replace_files(out_dir, files, retire=retire, last=last, journal=KIT_JOURNAL)
    except OSError as error:
        raise InterviewkitError([f"{out_dir}: cannot write the files ({error.strerror})"]
                                ) from None


def _recover_set_aside(out_dir: Path) -> tuple[str, ...]:
    """Leftovers of interviewkit 0.1, which rebuilt a kit by swapping whole directories: a
    run killed between its two renames left the kit in `.<name>.<random>.old/<name>` and a
    new one in `.<name>.<random>.partial`. The set-aside kit (with its filled cards) is put
    back when the kit path is empty; otherwise it is pointed out and left for the user."""
    import shutil

    notes: list[str] = []
    parent = out_dir.parent
    if not parent.is_dir():
        return ()
    # tempfile.mkdtemp's names, as 0.1 made them: only these are ours
    named = re.compile(rf"\.{re.escape(out_dir.name)}\.[a-z0-9_]{{8}}\.(old|partial)")
    for leftover in sorted(parent.iterdir()):
        if not named.fullmatch(leftover.name) or leftover.is_symlink():
            continue
        if leftover.name.endswith(".old") and (leftover / out_dir.name / MANIFEST_NAME
                                               ).is_file():
            if not os.path.lexists(out_dir):
                os.replace(leftover / out_dir.name, out_dir)
                leftover.rmdir()
                notes.append(f"{out_dir}: put back the kit an interrupted rebuild had set "
                             f"aside in {leftover.name}")
            else:
                notes.append(f"{leftover}: an earlier kit set aside by an interrupted "
                             "rebuild; look in it for filled cards, then remove it")
        elif leftover.name.endswith(".partial") and leftover.is_dir() and all(
                stat.S_ISREG(p.lstat().st_mode) and (p.suffix in (".html", ".pdf", ".yaml", ".tmp")
                                                     or p.name == MANIFEST_NAME)
                for p in leftover.iterdir()):
            shutil.rmtree(leftover)  # only documents a build was writing: ours
    return tuple(notes)


def usage_history(directory: Path, role_id: str, leaving_out: Path | None = None
                  ) -> tuple[dict[str, int], int]:
    """How often each question was asked in the role's kits below `directory`, and how many
    kits that was; the kits below `leaving_out` (a hiring day being rebuilt) not counted."""
    if not directory.is_dir():
        raise InterviewkitError([f"{directory}: history directory not found"])
    usage: dict[str, int] = {}
    kits = 0
    skip = os.path.join(os.path.realpath(leaving_out), "") if leaving_out else None
    for path, manifest in read_interviews(find_kits([directory]))[0]:
        if manifest.role != role_id or (skip and os.path.realpath(path).startswith(skip)):
            continue
        kits += 1
        for qid in manifest.asked:
            usage[qid] = usage.get(qid, 0) + 1
    return usage, kits
