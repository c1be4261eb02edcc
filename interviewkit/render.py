"""The Jinja environment and HTML rendering. Templates decide layout, never content."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from .errors import InterviewkitError, Problem, display_path
from .safefiles import RefusedFile, read_inside, shown

MAX_TEMPLATE_BYTES = 1024 * 1024


def default_template_dir() -> Path:
    """The templates that ship with interviewkit (inside the wheel, or in a checkout)."""
    package = Path(__file__).resolve().parent
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
        return InterviewkitError([Problem(shown(path), 0, 0, "", reason)])

    try:
        data = read_inside(path, directory, f"the template directory {shown(directory)}",
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


class Renderer:
    """Renders our documents; a team's template directories are searched first, by file name.

    With a team directory the whole environment is Jinja's sandbox, since those templates are
    not ours. Autoescaping and StrictUndefined hold either way.
    """

    def __init__(self, team_dirs: Sequence[Path] = ()) -> None:
        for directory in team_dirs:
            if not directory.is_dir():
                raise InterviewkitError([f"{directory}: template directory not found"])
        self.search_path = [*team_dirs, default_template_dir()]
        environment = SandboxedEnvironment if team_dirs else jinja2.Environment
        self.env = environment(
            loader=_ConfinedLoader([str(p) for p in self.search_path]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def render(self, template: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateSyntaxError as error:
            where = f"{display_path(Path(error.filename))}:{error.lineno}" if error.filename \
                else f"{template}:{error.lineno}"
            raise InterviewkitError([f"{where}: template syntax error: {error.message}"]
                                    ) from None
        except jinja2.TemplateNotFound as error:
            raise InterviewkitError([f"template '{error.name}' not found in "
                                     f"{', '.join(map(str, self.search_path))}"]) from None
        except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError,
                ValueError) as error:
            raise InterviewkitError([f"{self._where(error, template)}: template error: "
                                     f"{error}"]) from None

    def _where(self, error: BaseException, template: str) -> str:
        # Jinja rewrites tracebacks so that template frames carry the template's file and line.
        roots = [str(p.resolve()) for p in self.search_path]
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if any(frame.filename.startswith(root) for root in roots):
                return f"{display_path(Path(frame.filename))}:{frame.lineno}"
        return template
