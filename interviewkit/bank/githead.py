"""The commit checked out in the git repository that holds a directory, read from the
repository's own files.

git itself is never run: a repository can make git run programs of its choosing during
even a read-only command (`core.fsmonitor`, a clean filter named in `.gitattributes`, the
`post-index-change` hook when `git status` refreshes the index), and a bank folder may
arrive, unpacked or shared, with a `.git` of anyone's making. Reading HEAD needs no program:
HEAD names a ref or a commit; a ref is a file under refs/ or a line of packed-refs. Every
file is read through safefiles (small, regular, inside the repository). Anything this does
not understand (the reftable format, a branch with no commit yet) gives no commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from interviewkit.safefiles import RefusedFile, open_inside, read_inside

_SMALL = 4096  # HEAD, a loose ref, a .git file, commondir: one short line each
_SYMREF_DEPTH = 5  # as git: HEAD -> ref -> ... at most five links deep
_COMMIT = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1 or SHA-256
_REF_PART = re.compile(r"[^\x00-\x20\x7f~^:?*\[\\]+")
_PER_WORKTREE = ("refs/bisect/", "refs/worktree/", "refs/rewritten/")


@dataclass(frozen=True)
class Head:
    commit: str
    ref: str | None  # the branch HEAD is on, such as refs/heads/main; None when detached


def git_head(directory: Path) -> Head | None:
    """HEAD of the repository that holds `directory` (searched upwards, as git does), or None
    when there is none or it cannot be read."""
    gitdir = _find_gitdir(directory)
    if gitdir is None:
        return None
    try:
        return _read_head(gitdir, _common_dir(gitdir))
    except (RefusedFile, UnicodeDecodeError, OSError):  # OSError: a ref's name too long
        return None


def _small(path: Path, inside: Path) -> str:
    return read_inside(path, inside, "the repository", _SMALL).decode("utf-8")


def _common_dir(gitdir: Path) -> Path:
    """Where a linked worktree's shared refs and objects are (the main .git directory)."""
    if not (gitdir / "commondir").exists():
        return gitdir
    return gitdir / _small(gitdir / "commondir", gitdir).strip()


def _is_repository(gitdir: Path) -> bool:
    try:
        common = _common_dir(gitdir)
        return ((gitdir / "HEAD").is_file() and (common / "objects").is_dir()
                and (common / "refs").is_dir())
    except (RefusedFile, UnicodeDecodeError, OSError):
        return False


def _find_gitdir(directory: Path) -> Path | None:
    """The git directory of the nearest folder at or above `directory` that has a `.git`
    (a directory, or a file saying `gitdir: PATH` in a linked worktree or submodule). Like
    git, the search does not cross into another file system."""
    try:
        start = directory.resolve(strict=True)
        device = start.stat().st_dev
    except (OSError, RuntimeError):
        return None
    for folder in (start, *start.parents):
        try:
            if folder.stat().st_dev != device:
                return None
            dotgit = folder / ".git"
            if dotgit.is_dir():
                gitdir = dotgit
            elif dotgit.is_file():
                text = _small(dotgit, folder)
                if not text.startswith("gitdir:"):
                    continue
                gitdir = folder / text.removeprefix("gitdir:").strip()
            else:
                continue
        except (OSError, RefusedFile, UnicodeDecodeError):
            continue
        if _is_repository(gitdir):
            return gitdir
    return None


def _ref_path(name: str, gitdir: Path, common: Path) -> tuple[Path, Path] | None:
    """Where the loose file of ref `name` is, and the directory it must stay in; None for a
    name git would not make (so no name leads out of the repository)."""
    parts = name.split("/")
    if parts[0] != "refs" or len(parts) < 2 or "@{" in name or not all(
            _REF_PART.fullmatch(p) and not p.startswith(".") and not p.endswith(".lock")
            for p in parts):
        return None
    home = gitdir if name.startswith(_PER_WORKTREE) else common
    return home.joinpath(*parts), home


def _ref_value(name: str, gitdir: Path, common: Path) -> str | None:
    """What a ref holds: its loose file's text, else its line in packed-refs."""
    where = _ref_path(name, gitdir, common)
    if where is None:
        return None
    path, home = where
    if path.exists() or path.is_symlink():
        return _small(path, home)
    packed = common / "packed-refs"
    if not packed.exists():
        return None
    wanted = name.encode()
    with open_inside(packed, common, "the repository") as handle:
        # Line by line with a bounded length: packed-refs may be large, its lines are not.
        while line := handle.readline(_SMALL):
            commit, _, ref = line.rstrip(b"\r\n").partition(b" ")
            if ref == wanted:
                return commit.decode("ascii", "replace")
    return None


def _read_head(gitdir: Path, common: Path) -> Head | None:
    text: str | None = _small(gitdir / "HEAD", gitdir)
    branch: str | None = None
    for _ in range(_SYMREF_DEPTH + 1):
        if text is None:
            return None  # a branch with no commit yet, or a ref that is not there
        text = text.strip()
        if not text.startswith("ref:"):
            return Head(text, branch) if _COMMIT.fullmatch(text) else None
        name = text.removeprefix("ref:").strip()
        branch = branch or name
        text = _ref_value(name, gitdir, common)
    return None
