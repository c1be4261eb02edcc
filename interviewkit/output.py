"""Writing files safely: atomic replace, never a half-written file at a final path."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same directory, then rename it over `path`."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
MAX_SLUG = 60


def slugify(name: str) -> str:
    """A safe directory name for a person's name, on every operating system.

    Lowercase ASCII letters, digits and hyphens only, so no path separators, dots or
    reserved device names get through. When the name loses anything on the way (letters with
    no ASCII form, such as CJK or Arabic; a cut to 60 characters; a reserved name), a short
    hash of the full name is added, so two different names never meet in one directory.
    """
    import hashlib
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    lost = any(ord(c) > 127 for c in ascii_only)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.encode("ascii", "ignore").decode().lower())
    slug = slug.strip("-")
    if len(slug) > MAX_SLUG:
        slug, lost = slug[:MAX_SLUG].rstrip("-"), True
    if not slug or slug in _RESERVED:
        slug, lost = slug or "candidate", True
    if lost:
        slug += "-" + hashlib.sha256(name.encode()).hexdigest()[:8]
    return slug


def sha256_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def write_directory_atomic(final: Path, files: dict[str, bytes], *, force: bool) -> None:
    """Write every file into a new directory beside `final`, then put it in place.

    If anything fails before the swap, the new directory is removed and whatever was at
    `final` is untouched; no half-written file is ever at a final path.
    """
    import shutil
    import tempfile

    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".partial",
                                    dir=final.parent))
    try:
        for name, data in files.items():
            write_bytes_atomic(staging / name, data)
        if final.exists():
            if not force:
                raise FileExistsError(final)
            retired = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".old",
                                            dir=final.parent))
            os.replace(final, retired / final.name)
            os.replace(staging, final)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
