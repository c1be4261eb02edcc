"""The layout holds: imports go from the command line to the stages and from later stages to
earlier ones (bank -> plan -> kit -> scores), never back and never in a circle; the tests
mirror the package's folders."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "interviewkit"
TESTS = Path(__file__).resolve().parent

# Lower layers never import higher ones. Modules of one layer may import each other (in no
# circle). The foundation is what every stage shares: the contract, errors, file reading and
# writing, the team's settings.
LAYERS = {
    "interviewkit.version": 0, "interviewkit.errors": 0, "interviewkit.models": 0,
    "interviewkit.safefiles": 0, "interviewkit.output": 0, "interviewkit.config": 0,
    "interviewkit.escape": 0,
    "interviewkit.bank": 1, "interviewkit.plan": 2, "interviewkit.kit": 3,
    "interviewkit.scores": 4, "interviewkit.cli": 5,
    "interviewkit.entry": 6, "interviewkit.__main__": 6, "interviewkit": 7,
}
STAGES = ("bank", "plan", "kit", "scores", "cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int:
    while module not in LAYERS:
        module = module.rpartition(".")[0]
    return LAYERS[module]


def imports() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports (anywhere in it:
    at the top, inside a function, or for type checking only)."""
    known = {module_name(p) for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] != "interviewkit":
                    continue
                for alias in node.names:  # `from interviewkit.bank import cache`
                    child = f"{node.module}.{alias.name}"
                    found.add(child if child in known else node.module)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.split(".")[0] == "interviewkit"}
            elif isinstance(node, ast.ImportFrom) and node.level:
                raise AssertionError(f"{path}: relative import; the package uses absolute ones")
        graph[name] = {m for m in found if m != name}
    return graph


def test_every_module_has_a_layer() -> None:
    for module in imports():
        assert layer(module) >= 0


def test_no_import_runs_against_the_flow() -> None:
    upward = [f"{module} (layer {layer(module)}) imports {target} (layer {layer(target)})"
              for module, targets in imports().items() for target in sorted(targets)
              if layer(target) > layer(module)]
    assert upward == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    graph = imports()
    state: dict[str, str] = {}
    circles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                circles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_the_rule_is_not_empty() -> None:
    """The checks above see real imports: the CLI reaches every stage, and the stages build
    on each other as the flow says."""
    graph = imports()
    assert "interviewkit.kit.manifest" in graph["interviewkit.scores.debrief"]
    assert "interviewkit.bank.yamlsource" in graph["interviewkit.kit.manifest"]
    reached = {target.split(".")[1] for m, ts in graph.items() if m.startswith(
        "interviewkit.cli") for target in ts if target.count(".") >= 1}
    assert {"bank", "plan", "kit", "scores"} <= reached


def test_tests_mirror_the_package() -> None:
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(STAGES)
    for folder in folders:
        assert (PACKAGE / folder).is_dir(), folder
