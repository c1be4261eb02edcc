"""Where a bank is: the shipped bank, the team's directories in the order they apply, and
the files that make up each directory."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

BANK_ENV = "INTERVIEWKIT_BANK"
SETTINGS_NAMES = ("bank.yaml", "bank.yml")
HANDOUTS = "handouts"  # a bank directory's folder of handout files, which questions name


def default_bank_dir() -> Path:
    """The bank that ships with interviewkit (inside the wheel, or beside the package in a
    source checkout)."""
    package = Path(__file__).resolve().parent.parent
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


def same_directory(path: Path) -> str:
    """One name for a directory however it is named (two spellings, a link): what tells that
    two names are one bank. A link that leads to itself keeps its own name (loading it then
    says it is not found)."""
    return os.path.realpath(path)


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
    handouts: list[Path]  # read only when a question names one, but a change is a change

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
        handouts=sorted(p for p in (directory / HANDOUTS).iterdir() if not p.is_dir())
        if (directory / HANDOUTS).is_dir() else [],
    )


def check_team_dir(target: Path, configured: Sequence[Path], folder: str) -> None:
    """Refuse to write into a folder that no command would load: one that does not exist, or
    one that holds other things but no bank (no bank.yaml, questions/, roles/ or handouts/)
    and is not named in interviewkit.toml, $INTERVIEWKIT_BANK or --bank. An empty folder is
    taken as made for a new bank. A typo in --into would otherwise make a
    bank of its own that nothing reads, or report the team's own ids as unknown. `folder`
    is what the command writes in (questions, roles): the way to start a bank there."""
    from interviewkit.errors import InterviewkitError, display_path, suggest

    if same_directory(target) in {same_directory(d) for d in configured}:
        return
    if target.exists() and not target.is_dir():
        return  # the writer says that it is not a directory (as for questions/ as a file)
    if target.is_dir() and (_is_bank(target) or next(target.iterdir(), None) is None):
        return  # a bank, or an empty folder made for one
    shown = display_path(target)
    why = ("does not exist" if not target.exists() else
           "is not a bank directory (it has no bank.yaml, questions/ or roles/)")
    holder = Path(os.path.abspath(target)).parent
    if target.is_dir() and _is_bank(holder):  # --into bank/questions: the bank is above
        raise InterviewkitError([f"{shown} {why}, and no command would load what is written "
                                 f"there: it is inside the bank {display_path(holder)}; "
                                 f"name the bank itself (did you mean "
                                 f"'{display_path(holder)}'?)"])
    banks = [display_path(d) for d in configured]
    if not banks and target.parent.is_dir():  # the banks beside it, for a misspelt name
        beside = sorted(p for p in target.parent.iterdir() if p.is_dir())[:1000]
        banks = [display_path(p) for p in beside
                 if any(_present(p / name) for name in SETTINGS_NAMES)]
    close = suggest(shown, banks)
    go_on = (f"name the team's bank{close}" if close else
             f"name the team's bank: --into {' or '.join(banks)}" if configured else
             "name the team's bank with --into")
    raise InterviewkitError([f"{shown} {why}, and no command would load what is written "
                             f"there: {go_on}; or start a bank there: mkdir -p "
                             f"{shown}/{folder}"])


def _is_bank(directory: Path) -> bool:
    """A folder with a bank's settings or one of its folders (an empty bank is one too)."""
    return any(_present(directory / name)
               for name in (*SETTINGS_NAMES, "questions", "roles", HANDOUTS))
