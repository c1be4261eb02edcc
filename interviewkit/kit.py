"""Build a candidate's interview kit: plan -> views -> HTML -> PDF -> files and manifest."""

from __future__ import annotations

import base64
import json
import mimetypes
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import __version__
from .errors import InterviewkitError
from .models import Bank, KitPlan
from .output import sha256_bytes, slugify, write_directory_atomic
from .render import Renderer
from .views import Branding, candidate_view, guide_view, scorecard_view

Format = Literal["html", "pdf", "both"]


@dataclass(frozen=True)
class KitOptions:
    """How to render a kit; the CLI fills it from options and interviewkit.toml."""

    company: str = "Hiring team"
    accent: str = "#2f5d8a"
    logo: Path | None = None
    page_size: Literal["A4", "letter"] = "A4"
    date: str = ""
    format: Format = "both"
    templates: tuple[Path, ...] = ()
    force: bool = False
    yaml_scorecards: bool = False  # also scorecard-<stage>.yaml, for interviewers who type


@dataclass(frozen=True)
class KitResult:
    directory: Path
    files: tuple[str, ...]
    manifest: dict[str, object]


def kit_directory(out: Path | None, candidate: str | None, role_id: str) -> Path:
    """Where a kit goes: `--out`, else out/<candidate-slug> (out/blank-<role> for blanks)."""
    if out is not None:
        return out
    return Path("out") / (slugify(candidate) if candidate else f"blank-{role_id}")


def _logo_data_uri(logo: Path | None) -> str | None:
    if logo is None:
        return None
    kind = mimetypes.guess_type(logo.name)[0]
    if kind not in ("image/png", "image/jpeg", "image/svg+xml", "image/gif", "image/webp"):
        raise InterviewkitError([f"{logo}: the logo must be a PNG, JPEG, SVG, GIF or WebP "
                                 "image"])
    try:
        data = logo.read_bytes()
    except OSError as error:
        raise InterviewkitError([f"{logo}: cannot read the logo ({error.strerror})"]) from None
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def _git_commit(directories: Sequence[str]) -> dict[str, object] | None:
    """The git commit of the first bank directory that sits in a git work tree."""
    for directory in directories:
        try:
            head = subprocess.run(["git", "-C", directory, "rev-parse", "HEAD"], check=True,
                                  capture_output=True, text=True, timeout=10).stdout.strip()
            status = subprocess.run(["git", "-C", directory, "status", "--porcelain", "--",
                                     "."], check=True, capture_output=True, text=True,
                                    timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        return {"directory": directory, "commit": head, "modified": bool(status.strip())}
    return None


def render_kit(bank: Bank, plan: KitPlan, out_dir: Path, options: KitOptions,
               progress: Callable[[str], None] | None = None) -> KitResult:
    """Render every document of the plan and write them, with kit.json, into `out_dir`.

    Nothing is written until every document has rendered; an existing kit is replaced only
    with `options.force`, and a kit of another candidate never."""
    _check_target(out_dir, plan, options.force)
    brand = Branding(company=options.company, accent=options.accent,
                     logo_data_uri=_logo_data_uri(options.logo), page_size=options.page_size,
                     date=options.date)
    renderer = Renderer(options.templates)
    documents: list[tuple[str, str, bool]] = []  # (file stem, html, is a scorecard)
    for stage in plan.stages:
        documents.append((f"guide-{stage.stage}", renderer.render(
            "guide.html.j2", view=guide_view(bank, plan, stage.stage, brand)), False))
        documents.append((f"scorecard-{stage.stage}", renderer.render(
            "scorecard.html.j2", view=scorecard_view(bank, plan, stage.stage, brand)), True))
    if plan.candidate is not None:
        documents.append(("candidate-packet", renderer.render(
            "packet.html.j2", view=candidate_view(bank, plan, brand)), False))

    files: dict[str, bytes] = {}
    if options.format in ("html", "both"):
        for stem, html, _ in documents:
            files[f"{stem}.html"] = html.encode("utf-8")
    if options.yaml_scorecards:
        for stage in plan.stages:
            files[f"scorecard-{stage.stage}.yaml"] = yaml_scorecard(
                bank, plan, stage.stage, options.date).encode()
    if options.format in ("pdf", "both"):
        from .pdf import PdfRenderer

        pdf = PdfRenderer(renderer.search_path)
        for stem, html, is_scorecard in documents:
            if progress:
                progress(f"{stem}.pdf")
            files[f"{stem}.pdf"] = pdf.write_pdf(
                html, base_dir=renderer.search_path[0], name=f"{stem}.pdf", forms=is_scorecard)
    manifest: dict[str, object] = {
        "kit_id": plan.kit_id,
        "role": plan.role,
        "candidate": plan.candidate,
        "seed": plan.seed,
        "date": options.date,
        "bank": {"sha256": plan.bank_hash, "directories": list(bank.directories),
                 "git": _git_commit(bank.directories)},
        "stages": [{"stage": s.stage, "questions": [q.id for q in s.questions],
                    "reasons": {q.id: q.reason for q in s.questions},
                    "competencies": _stage_competencies(bank, plan.role, s.stage)}
                   for s in plan.stages],
        "pins": list(plan.pins),
        "excludes": list(plan.excludes),
        "avoided": list(plan.avoided),
        "files": [{"name": name, "sha256": sha256_bytes(data)}
                  for name, data in sorted(files.items())],
        "interviewkit": __version__,
    }
    files["kit.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    try:
        write_directory_atomic(out_dir, files, force=options.force)
    except FileExistsError:  # a kit appeared while this one rendered
        raise _kit_exists(out_dir) from None
    except OSError as error:
        raise InterviewkitError([f"{out_dir}: cannot write the kit ({error.strerror})"]
                                ) from None
    return KitResult(out_dir, tuple(sorted(files)), manifest)


def yaml_scorecard(bank: Bank, plan: KitPlan, stage_id: str, date: str) -> str:
    """A scorecard to fill in by typing: the same fields as the PDF form, as YAML that
    `scores read` and `debrief` take."""
    import json as _json

    scale = ", ".join(f"{p.value} {p.label}" for p in bank.rating_scale)
    competencies = _stage_competencies(bank, plan.role, stage_id)

    def text(value: str | None) -> str:
        # A JSON string is valid YAML, and quoted: an id such as `no` or `1_0` stays text.
        return _json.dumps(value or "", ensure_ascii=False)

    lines = [
        f"# Scorecard for {' '.join((plan.candidate or 'the candidate').split())}, stage "
        f"{stage_id}. Fill in your",
        f"# name, a rating for each competency ({scale}) and the evidence behind it,",
        "# then put this file in the kit's scores/ folder. Score before the debrief.",
        f"kit_id: {text(plan.kit_id)}",
        f"role: {text(plan.role)}",
        f"candidate: {text(plan.candidate)}",
        f"stage: {text(stage_id)}",
        "interviewer: \"\"",
        f"date: {text(date)}",
        "ratings:",
        *(f"  {text(c)}:      # {', '.join(str(p.value) for p in bank.rating_scale)}"
          for c in competencies),
        "evidence:",
        *(f"  {text(c)}: \"\"" for c in competencies),
        "overall:        # the same scale",
    ]
    return "\n".join(lines) + "\n"


def _stage_competencies(bank: Bank, role_id: str, stage_id: str) -> list[str]:
    """The competencies a stage's scorecard rates, kept in kit.json for the debrief."""
    role = bank.role(role_id)
    stage = next((s for s in role.stages if s.id == stage_id), None) if role else None
    return list(stage.competencies) if stage else []


def _kit_exists(out_dir: Path) -> InterviewkitError:
    return InterviewkitError([f"{out_dir}: a kit is already there; add --force to replace it"])


def _check_target(out_dir: Path, plan: KitPlan, force: bool) -> None:
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise InterviewkitError([f"{out_dir}: exists and is not a directory"])
    if not force:
        raise _kit_exists(out_dir)
    manifest = out_dir / "kit.json"
    if not manifest.is_file():
        if any(out_dir.iterdir()):
            raise InterviewkitError([f"{out_dir}: holds files that are not a kit; choose "
                                     "another --out"])
        return
    try:
        earlier = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InterviewkitError([f"{manifest}: unreadable; remove the directory or choose "
                                 "another --out"]) from None
    if earlier.get("candidate") != plan.candidate:
        raise InterviewkitError([f"{out_dir}: holds the kit of {earlier.get('candidate')!r}, "
                                 f"not {plan.candidate!r}; choose another --out"])


def read_manifest(path: Path) -> dict[str, object]:
    """An earlier kit's kit.json; a user error when it is missing or not a kit manifest."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InterviewkitError([f"{path}: file not found"]) from None
    except (OSError, ValueError) as error:
        raise InterviewkitError([f"{path}: not a readable kit.json ({error})"]) from None
    stages = data.get("stages") if isinstance(data, dict) else None
    if not isinstance(stages, list) or not all(
            isinstance(s, dict) and isinstance(s.get("questions"), list) for s in stages):
        raise InterviewkitError([f"{path}: not a kit.json made by interviewkit (no stages "
                                 "with questions)"])
    manifest: dict[str, object] = data
    return manifest


def asked_in(manifest: dict[str, object]) -> list[str]:
    """The question ids an earlier kit asked, stage by stage."""
    stages = manifest["stages"]
    assert isinstance(stages, list)
    return [str(qid) for stage in stages for qid in stage["questions"]]


def usage_history(directory: Path, role_id: str) -> tuple[dict[str, int], int]:
    """How often each question was asked in the role's kits below `directory`, and how many
    kits that was."""
    if not directory.is_dir():
        raise InterviewkitError([f"{directory}: history directory not found"])
    usage: dict[str, int] = {}
    kits = 0
    for path in sorted(directory.rglob("kit.json")):
        manifest = read_manifest(path)
        if manifest.get("role") != role_id:
            continue
        kits += 1
        for qid in asked_in(manifest):
            usage[qid] = usage.get(qid, 0) + 1
    return usage, kits
