"""Text from banks, cards and names, made safe for where it goes: a terminal (no control
characters), a spreadsheet (no live formulas) and Markdown (no markup). HTML is escaped by
Jinja's autoescape."""

from __future__ import annotations

import re
from typing import TypeVar
from urllib.parse import quote

_Cell = TypeVar("_Cell")

# Text from banks, cards and file names is printed without these: C0 controls but tab and
# newline (ESC starts every escape sequence: cursor moves, screen clears, clipboard writes,
# window titles), DEL, C1 controls (0x9b is a one-character CSI), and the bidirectional
# embeddings, overrides and isolates, which make text display otherwise than it reads.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def terminal_text(text: str) -> str:
    """`text` made safe to print on a terminal: a carriage return becomes a line break (it
    would let text overwrite its own line) and the characters above are removed."""
    return UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def spreadsheet_cell(value: _Cell) -> _Cell | str:
    """A CSV cell that a spreadsheet shows as written: text that would start a formula gets
    a leading apostrophe; control characters go as for a terminal, since CSV is often read on
    one. Numbers stay numbers: -0.75 is a value, not a formula."""
    if not isinstance(value, str):
        return value
    text = terminal_text(value)
    # checked before and after cleaning: "\r=1" and "\x1b=1" are both neutralised
    if value.startswith(FORMULA_STARTS) or text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


# CommonMark's inline syntax: code, emphasis, links and images, raw HTML and autolinks,
# GFM's tables and strikethrough, GitHub's math ($x$); a backslash before any of them prints
# it as written. An underscore inside a word (created_at) starts no emphasis, so it is left
# as written.
_MARKDOWN_INLINE = re.compile(r"([\\`*\[\]<>|~$]|_(?![^\W_])|(?<![^\W_])_)")
# GFM links an address it finds in text (https://..., www....), reading the escapes in it as
# part of it: "https://x.example/\\~ann" would show its backslash and lead elsewhere. With its
# colon or dot escaped it is text, and prints as written. (An e-mail address is linked all
# the same, to the address it shows.)
_MARKDOWN_ADDRESS = re.compile(r":(?=//)|(?<=(?<![^\W_])www)\.")
# Markdown's white space, which ends lines and blocks; a no-break space is text to it, and
# stays (a handout's indented line).
_MARKDOWN_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_MARKDOWN_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" would print as "&"
# What starts a block when it begins a line: a heading, a list item, a setext underline.
_MARKDOWN_BLOCK = re.compile(r"^(?:([#+=-])(?=[\s#+=-]|$)|(\d+)([.)])(?=\s|$))")
# What ends a heading's line and is dropped from it: a run of # after a space (its optional
# closing sequence), so "Pairing round #" would print as "Pairing round".
_MARKDOWN_CLOSING = re.compile(r"(?<= )#+$")


def markdown_text(value: str) -> str:
    """`value` as Markdown that prints it as written, on one line: a Markdown file of ours
    puts bank and card text in paragraphs, list items, headings and table cells, where a
    line break would end the block and markup would take effect (a link, raw HTML, a table
    cell's end). Control characters go as everywhere."""
    text = _MARKDOWN_SPACE.sub(" ", UNSAFE.sub("", value)).strip(" ")
    text = _MARKDOWN_ENTITY.sub(r"\\&", _MARKDOWN_INLINE.sub(r"\\\1", text))
    text = _MARKDOWN_CLOSING.sub(r"\\\g<0>", _MARKDOWN_ADDRESS.sub(r"\\\g<0>", text))
    return _MARKDOWN_BLOCK.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


# A web address we link, in HTML and Markdown alike: http(s), its scheme in any case, and
# RFC 3986's characters only. So nothing in it can read otherwise than where it leads (a
# right-to-left override, a lookalike letter), or end a Markdown link's destination (<, >, a
# space), a table's cell (|) or the line.
_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.IGNORECASE)


def is_web_address(text: str) -> bool:
    """Whether a place (a schedule's location) is a web address we show as a link."""
    return _WEB_ADDRESS.fullmatch(text) is not None


def markdown_link(address: str) -> str:
    """A web address as a Markdown link to it, shown as written; anything else (another
    scheme, a character no address has) as text, escaped like any other.

    Not an autolink, <https://…>: a renderer shows an autolink's text as it decodes the
    address (markdown-it turns %E2%80%AE into a right-to-left override that reverses what
    follows, and xn--pypal-4ve.com into a paypal with a Cyrillic a), so the text could read
    otherwise than the link leads. A link's text is our escaped text, which prints as
    written; its destination, in <>, takes the address as it is but for `&`, which would
    start a character reference there."""
    if is_web_address(address):
        destination = address.replace("&", "\\&")
        return f"[{markdown_text(address)}](<{destination}>)"
    return markdown_text(address)


def markdown_href(path: str) -> str:
    """A link to one of our own files, relative to the page, as a Markdown link destination:
    percent-encoded but for a path's plain characters, so that it is a path and only that."""
    return quote(path, safe="/-._~")


def markdown_fence(lines: list[str] | tuple[str, ...]) -> str:
    """The backtick fence a code block of `lines` needs: longer than any run of backticks in
    them, so that no line can end the block early."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    return "`" * max(3, longest + 1)
