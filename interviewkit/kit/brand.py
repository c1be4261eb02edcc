"""How every document looks, kits and reports alike: the company, the accent colour, the logo
(read inside the directory it must stay in, its type known from its bytes) and the page."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from interviewkit.errors import InterviewkitError, display_path
from interviewkit.kit.views import Branding
from interviewkit.safefiles import RefusedFile, read_inside

MAX_LOGO_BYTES = 2 * 1024 * 1024
# A data: URI declares its type; it is taken from the bytes, never from the file's name.
_SVG = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?"  # byte order mark, declaration
                  rb"(?:(?:<!--.*?-->|<!DOCTYPE svg[^>]*>)\s*)*<svg[\s/>]", re.DOTALL)


def image_kind(data: bytes) -> str | None:
    """The media type of an image from its first bytes: PNG, JPEG, GIF, WebP or SVG."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if _SVG.match(data):
        return "image/svg+xml"
    return None


def branding(company: str, accent: str, logo: Path | None, page_size: str, date: str,
             asset_dir: Path | None = None) -> Branding:
    """How every document looks, kits and reports alike: the one place a Branding is made,
    with the logo read (inside `asset_dir`, default the working directory) and embedded."""
    return Branding(company=company, accent=accent,
                    logo_data_uri=_logo_data_uri(logo, asset_dir), page_size=page_size,
                    date=date)


def _logo_data_uri(logo: Path | None, asset_dir: Path | None) -> str | None:
    if logo is None:
        return None
    directory = Path.cwd() if asset_dir is None else asset_dir
    where = "the working directory" if asset_dir is None else \
        f"the directory {display_path(asset_dir)}"
    try:
        data = read_inside(logo, directory, where, MAX_LOGO_BYTES)
    except RefusedFile as error:
        reason = error.reason
        message = f"the logo {reason}" if reason.startswith("is ") else \
            f"cannot read the logo ({reason})"
        raise InterviewkitError([f"{display_path(logo)}: {message}"]) from None
    kind = image_kind(data)
    if kind is None:
        raise InterviewkitError([f"{display_path(logo)}: the logo is not a PNG, JPEG, GIF, WebP or "
                                 "SVG image"])
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"
