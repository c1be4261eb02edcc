"""The Jinja environment, rendering HTML and Markdown. Templates decide layout, never
content."""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import FilterArgumentError, SecurityError
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from markupsafe import Markup, escape

from interviewkit.errors import InterviewkitError, Problem, display_path, one_line
from interviewkit.escape import UNSAFE, markdown_fence, markdown_href, markdown_link, markdown_text
from interviewkit.kit.views import Appointment
from interviewkit.safefiles import RefusedFile, read_inside

MAX_TEMPLATE_BYTES = 1024 * 1024
_PACKAGE = Path(__file__).resolve().parent.parent  # all of interviewkit's own code
# A printf conversion's width and precision: "%-08.3f", "%(name)5s", "%*d".
_PRINTF_SIZES = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d*)(?:\.(\*|\d*))?")


def default_template_dir() -> Path:
    """The templates that ship with interviewkit (inside the wheel, or in a checkout)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, reading every template (and every file a template includes)
    through safefiles: one that leads outside its directory, is not a regular file or is
    larger than MAX_TEMPLATE_BYTES is refused, named by its path."""

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses ".." pieces
        for searchpath in self.searchpath:
            directory = Path(searchpath)
            path = directory.joinpath(*pieces)
            if not path.is_dir() and (path.exists() or path.is_symlink()):
                return _template_source(directory, path)
        raise jinja2.TemplateNotFound(template)


def _template_source(directory: Path, path: Path) -> tuple[str, str, Callable[[], bool]]:
    def refused(reason: str) -> InterviewkitError:
        return InterviewkitError([Problem(display_path(path), 0, 0, "", reason)])

    try:
        data = read_inside(path, directory, f"the template directory {display_path(directory)}",
                           MAX_TEMPLATE_BYTES)
        mtime = path.stat().st_mtime_ns
    except RefusedFile as error:
        raise refused(error.reason) from None
    except OSError as error:  # gone since it was read
        raise refused(f"cannot be read ({error.strerror})") from None
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        raise refused("not valid UTF-8; save the template as UTF-8") from None

    def uptodate() -> bool:
        try:
            return path.stat().st_mtime_ns == mtime
        except OSError:
            return False

    return source, str(path.resolve()), uptodate


def _oversized(operator: str, left: Any, right: Any) -> bool:
    """Whether `left operator right` would make more than MAX_RANGE characters, items or
    bits: the bound Jinja's sandbox already puts on range()."""
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, str | bytes | list | tuple) and isinstance(times, int):
                return len(sequence) * times > MAX_RANGE
        if isinstance(left, int) and isinstance(right, int):
            return left.bit_length() + right.bit_length() > MAX_RANGE
    if operator == "**" and isinstance(left, int) and isinstance(right, int):
        return abs(left) > 1 and abs(left).bit_length() * right > MAX_RANGE
    if operator == "%" and isinstance(left, str):
        arguments = right if isinstance(right, tuple) else (right,)
        for width, precision in _PRINTF_SIZES.findall(left):
            for size in (width, precision):
                if size == "*" and any(isinstance(a, int) and a > MAX_RANGE for a in arguments):
                    return True
                if size.isdigit() and int(size) > MAX_RANGE:
                    return True
    return False


class _TeamSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with the operators that can ask for gigabytes in one short expression
    held to a bound: `"x" * 10**9`, `9 ** 999999999`, `"%0999999999d" % 1`. Jinja's docs
    suggest intercepting operators this way; unintercepted, `*` and `**` on constants are
    even worked out while the template compiles."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if _oversized(operator, left, right):
            raise SecurityError(f"the result of {operator} would be too large (a template may "
                                f"make at most {MAX_RANGE} characters, items or bits at once)")
        return super().call_binop(context, operator, left, right)


MARKDOWN_SUFFIX = ".md.j2"  # a Markdown document; every other one is HTML


def _printable(value: Any) -> Any:
    """What a `{{ }}` prints in HTML, without the characters escape.UNSAFE names: controls
    (NUL, ESC, C1) are no text on a page, and a bidirectional override in a name or evidence
    from a card would reorder the sentence it sits in. Markup keeps its type (they are never
    part of HTML's syntax); autoescape does the rest."""
    if isinstance(value, str):
        return type(value)(UNSAFE.sub("", value)) if UNSAFE.search(value) else value
    return value


def _markdown_printable(value: Any) -> Any:
    """What a `{{ }}` prints in Markdown (no autoescape): text escaped here, as autoescape
    does for HTML, on one line, its markup printed as written. Only Markup is printed as it
    is: what `verbatim` marks (a code block's lines) or `safe` asks for. A macro's, a
    `caller()`'s or a `super()`'s output is plain text to Jinja when autoescape is off, so it
    is escaped again: print it with `verbatim`."""
    if isinstance(value, Markup):
        return _printable(value)
    return markdown_text(str(value))


def _as_written(value: Any) -> Markup:
    """`verbatim` in a Markdown document: printed as it is, as a code block's lines inside
    the fence `markdown_fence` makes for them. (In HTML, `verbatim` escapes all the same: it
    is no way to print raw markup.)"""
    return Markup(str(value))


def _markdown_escape(value: Any) -> Markup:
    """`e` and `escape` in a Markdown document: text escaped for Markdown, as printing does
    (HTML's escaping would leave a Markdown link or emphasis working); Markup stays as it
    is, as with HTML's."""
    return value if isinstance(value, Markup) else _markdown_forceescape(value)


def _markdown_forceescape(value: Any) -> Markup:
    return Markup(markdown_text(str(value)))


def _filter_takes(name: str, what: str, value: Any) -> FilterArgumentError:
    """A filter of ours given a value it does not take: the template's error, located at
    its line, rather than an exception of our code (a traceback)."""
    return FilterArgumentError(f"{name} takes {what}, not {type(value).__name__}")


def _fence(lines: Any) -> str:
    """`fence`: see escape.markdown_fence."""
    if not isinstance(lines, list | tuple) or not all(isinstance(x, str) for x in lines):
        raise _filter_takes("fence", "a code block's lines (text)", lines)
    return markdown_fence(lines)


def _markdown_place(appointment: Any) -> Markup:
    """`place` in a Markdown document: where an interview is (a views.Appointment), its web
    address as a link, a room or an address as text."""
    if not isinstance(appointment, Appointment):
        raise _filter_takes("place", "an interview's appointment (such as "
                            "stage.appointment)", appointment)
    if appointment.is_link:
        return Markup(markdown_link(appointment.location))
    return Markup(markdown_text(appointment.location or "to be confirmed"))


class Renderer:
    """Renders our documents; a team's template directories are searched first, by file name.

    With a team directory the whole environment is Jinja's sandbox, since those templates are
    not ours. StrictUndefined holds either way, and so does escaping: HTML's autoescape for an
    HTML document, Markdown's escaping of every printed value for a Markdown one (*.md.j2).
    """

    def __init__(self, team_dirs: Sequence[Path] = ()) -> None:
        for directory in team_dirs:
            if not directory.is_dir():
                raise InterviewkitError([f"{directory}: template directory not found"])
        self.search_path = [*team_dirs, default_template_dir()]
        self.sandboxed = bool(team_dirs)
        # One environment for each kind of document, so that everything a document
        # includes, imports or extends is escaped as the document is, whatever its file is
        # called: an HTML page that includes a partial named *.md.j2 still escapes for HTML.
        self.env = self._environment(markdown=False)
        self.markdown_env = self._environment(markdown=True)

    def _environment(self, markdown: bool) -> jinja2.Environment:
        environment = _TeamSandbox if self.sandboxed else jinja2.Environment
        env = environment(
            loader=_ConfinedLoader([str(p) for p in self.search_path]),
            autoescape=not markdown,
            finalize=_markdown_printable if markdown else _printable,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["fence"] = _fence
        if markdown:
            env.filters.update(verbatim=_as_written, e=_markdown_escape,
                               escape=_markdown_escape, forceescape=_markdown_forceescape,
                               place=_markdown_place,
                               href=lambda path: Markup(markdown_href(str(path))))
        else:
            env.filters["verbatim"] = escape
        return env

    def render(self, template: str, **context: Any) -> str:
        """`template` rendered with `context`. A team's templates (the sandbox) render in a
        child process with bounded memory, processor time and output, since Jinja's sandbox
        stops a template from reaching outside it but not from asking for gigabytes
        (`"x"|center(10**9)`, a string doubled in a loop): whatever a template does, the
        worst it can cause is a located error."""
        if self.sandboxed and hasattr(os, "fork"):
            return _render_in_child(lambda: self._render_here(template, **context),
                                    self._template_file(template))
        return self._render_here(template, **context)

    def _template_file(self, template: str) -> str:
        found = [d / template for d in self.search_path if (d / template).is_file()]
        return display_path(found[0]) if found else template

    def _render_here(self, template: str, **context: Any) -> str:
        try:
            env = self.markdown_env if template.endswith(MARKDOWN_SUFFIX) else self.env
            return env.get_template(template).render(**context)
        except jinja2.TemplateSyntaxError as error:
            where = f"{display_path(Path(error.filename))}:{error.lineno}" if error.filename \
                else f"{template}:{error.lineno}"
            raise InterviewkitError([f"{where}: template syntax error: {error.message}"]
                                    ) from None
        except jinja2.TemplateNotFound as error:
            raise InterviewkitError([f"template '{error.name}' not found in "
                                     f"{', '.join(map(str, self.search_path))}"]) from None
        except Exception as error:
            # A team's template can raise almost anything: ZeroDivisionError, RecursionError
            # from a macro that calls itself, the sandbox's OverflowError for a huge range(),
            # LookupError for an unknown codec. Each is the template's error, located. Views
            # are built before rendering, so the only code of ours a template runs is a view's
            # property: an exception raised there is our bug and keeps its traceback (the
            # sandbox's refusals are TemplateErrors, raised on purpose).
            ours = not isinstance(error, jinja2.TemplateError) and self._raised_by_us(error)
            expected = (jinja2.UndefinedError, SecurityError, TypeError, ValueError)
            if ours or not (self.sandboxed or isinstance(error, expected)):
                raise
            message = one_line(str(error) or type(error).__name__)
            if isinstance(error, MemoryError):
                message = f"it needs more than the {CHILD_MEMORY // MIB} MiB a template may use"
            if isinstance(error, RecursionError):  # Python's wording varies with where it hit
                message = ("maximum recursion depth exceeded: a macro, include or extends "
                           "that never ends, or nesting too deep")
            raise InterviewkitError([f"{self._where(error, template)}: template error: "
                                     f"{message}"]) from None

    @staticmethod
    def _raised_by_us(error: BaseException) -> bool:
        frames = traceback.extract_tb(error.__traceback__)
        return bool(frames) and frames[-1].filename.endswith(".py") and Path(
            frames[-1].filename).resolve().is_relative_to(_PACKAGE)

    def _where(self, error: BaseException, template: str) -> str:
        # Jinja rewrites tracebacks so that template frames carry the template's file and line.
        roots = [p.resolve() for p in self.search_path]
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            path = Path(frame.filename)
            if path.suffix != ".py" and any(path.resolve().is_relative_to(r) for r in roots):
                return f"{display_path(path)}:{frame.lineno}"
        # raised while compiling (a template nested too deeply): the file, without a line
        return self._template_file(template)


# What one team template may use while it renders, in a process of its own.
MIB = 1024 * 1024
CHILD_MEMORY = 512 * MIB  # beyond what the process had when it forked
CHILD_SECONDS = 30  # of processor time; our documents take a few hundredths of a second
MAX_HTML_BYTES = 32 * MIB  # one rendered document


def _render_in_child(render: Callable[[], str], name: str) -> str:
    """Run `render` in a forked child under resource limits and return what it made. Its
    InterviewkitError comes back as one; any other exception of the child (our bug) as a
    RuntimeError carrying the child's traceback."""
    import json
    import signal

    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's exit handlers
        status = 0
        try:
            os.close(reader)
            _limit_this_process()
            try:
                result: dict[str, Any] = {"html": render()}
            except InterviewkitError as error:
                result = {"problems": [p.__dict__ if isinstance(p, Problem) else p
                                       for p in error.problems]}
            except BaseException:
                result = {"crash": traceback.format_exc()}
            payload = json.dumps(result).encode()
            if len(payload) > MAX_HTML_BYTES + MIB:
                payload = json.dumps({"problems": [f"{name}: template error: it made more "
                                                   f"than {MAX_HTML_BYTES // MIB} MiB of "
                                                   "HTML"]}).encode()
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as pipe:
            payload = pipe.read(MAX_HTML_BYTES + 2 * MIB)
        _, status = os.waitpid(pid, 0)
        pid = 0
    finally:
        if pid:  # interrupted while the child runs: stop it too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        raise InterviewkitError([f"{name}: template error: it took more than "
                                 f"{CHILD_SECONDS} s of processor time"])
    try:
        result = json.loads(payload)
    except ValueError:
        raise InterviewkitError([f"{name}: template error: the template's process ended "
                                 "without a result (it may have run out of memory)"]) from None
    if "crash" in result:
        raise RuntimeError(f"rendering {name} failed in its process:\n{result['crash']}")
    if "problems" in result:
        raise InterviewkitError([Problem(**p) if isinstance(p, dict) else str(p)
                                 for p in result["problems"]])
    return str(result["html"])


def _limit_this_process() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_SECONDS, CHILD_SECONDS + 5))
    try:  # the address space it has now (Linux), plus what a template may add
        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # elsewhere the processor-time and output limits still hold
    resource.setrlimit(resource.RLIMIT_AS, (size + CHILD_MEMORY, size + CHILD_MEMORY))
