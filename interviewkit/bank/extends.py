"""Roles that extend roles: a child role over its parent's fields, stage by stage, and where
in the child's file a problem of the merged role belongs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interviewkit.bank.yamlsource import FieldPath

# Roles extending roles extending roles: deeper than this is a mistake, and each level's
# errors are reported further from the file that caused them.
MAX_EXTENDS_DEPTH = 32


def merge_role(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """The child's fields over a (validated) parent role's; a child stage whose id is a
    parent stage's changes only the fields it gives."""
    merged = {**parent, "replaces": False}
    merged.update({k: v for k, v in child.items() if k != "stages"})
    changes = child.get("stages")
    if changes is not None and not isinstance(changes, list):
        merged["stages"] = changes  # not a list of stages: the model says so, at the child
        return merged
    stages = [dict(stage) for stage in parent.get("stages", ())]
    by_id = {stage["id"]: stage for stage in stages}
    for change in changes or ():
        stage_id = change.get("id") if isinstance(change, Mapping) else None
        if not isinstance(stage_id, str) or stage_id not in by_id:
            stages.append(change)  # a new stage, or one the model reports
            continue
        stage = by_id[stage_id]
        counts = change.get("competencies")
        stage.update({k: v for k, v in change.items() if k != "competencies"})
        if isinstance(counts, Mapping) and isinstance(stage.get("competencies"), Mapping):
            combined = {**stage["competencies"], **counts}
            stage["competencies"] = {c: n for c, n in combined.items() if n != 0}
        elif counts is not None:
            stage["competencies"] = counts
    merged["stages"] = stages
    return merged


def child_locator(child: Mapping[str, Any], merged: Mapping[str, Any]
                   ) -> Callable[[FieldPath], FieldPath]:
    """Map a path in the merged role back to the child's file: a stage by its id, and
    anything the child does not write to its `extends` line."""
    written = child.get("stages")
    child_stages = [s.get("id") if isinstance(s, Mapping) else None
                    for s in (written if isinstance(written, list) else ())]

    def locate(loc: FieldPath) -> FieldPath:
        stages = merged.get("stages")
        if loc[:1] == ("stages",) and len(loc) > 1 and isinstance(loc[1], int) \
                and isinstance(stages, list):
            stage_id = stages[loc[1]].get("id") if loc[1] < len(stages) and isinstance(
                stages[loc[1]], Mapping) else None
            if stage_id in child_stages:
                return ("stages", child_stages.index(stage_id), *loc[2:])
            return ("extends",)
        return loc if loc[:1] and loc[0] in child else ("extends",)

    return locate
