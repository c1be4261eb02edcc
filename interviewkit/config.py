"""Team defaults from ./interviewkit.toml: company, logo, accent colour, page size, banks and
templates. Options on the command line win over the file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interviewkit.errors import InterviewkitError, suggest

CONFIG_NAME = "interviewkit.toml"
MAX_CONFIG_BYTES = 1024 * 1024  # a few settings; anything bigger is not one


class TeamConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    company: str | None = None
    logo: Path | None = None
    accent: str | None = Field(None, pattern=r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$",
                               description="A hex colour such as #2f5d8a.")
    page_size: Literal["A4", "letter"] | None = None
    banks: tuple[Path, ...] = ()
    templates: tuple[Path, ...] = ()


def load_config(directory: Path | None = None) -> TeamConfig:
    """The team's interviewkit.toml in `directory` (default: the working directory), with its
    paths made relative to the file; an empty config when there is none."""
    from interviewkit.safefiles import RefusedFile, read_inside

    path = (directory or Path.cwd()) / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        return TeamConfig()
    try:
        raw = read_inside(path, path.parent, "its directory", MAX_CONFIG_BYTES)
        data = tomllib.loads(raw.decode("utf-8"))
    except RefusedFile as error:
        raise InterviewkitError([f"{CONFIG_NAME}: {error.reason}"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InterviewkitError([f"{CONFIG_NAME}: {error}"]) from None
    try:
        config = TeamConfig.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            field = ".".join(str(part) for part in item["loc"])
            if item["type"] == "extra_forbidden":
                message = f"unknown setting{suggest(field, TeamConfig.model_fields)}"
            else:
                message = str(item["msg"])
            problems.append(f"{CONFIG_NAME}: {field}: {message}")
        raise InterviewkitError(problems) from None
    base = path.parent

    def here(p: Path) -> Path:
        return p if p.is_absolute() else base / p

    return config.model_copy(update={
        "logo": here(config.logo) if config.logo else None,
        "banks": tuple(here(p) for p in config.banks),
        "templates": tuple(here(p) for p in config.templates),
    })
