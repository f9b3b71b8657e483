"""The house in order: validator/ is a few wings named after the stages of a run, each importing
only the wings below it; no import circle between its modules (counting the imports made inside
functions: they run too, only later); no module over ~400 lines and no function over ~80."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "validator"
MAX_LINES = 400
MAX_FUNCTION_LINES = 80

WINGS = ("command", "run", "scale", "report", "checking", "contracts", "inputs")
"""The wings, highest first: a module of a wing imports only wings after it here."""
GROUND = ("validator.problems", "validator.near_miss", "validator.sinks")
"""The ground floor: imported by every wing, importing no module of the package."""
FACES = (
    "validator",
    "validator.__main__",
    "validator.api",
    "validator.dask",
    "validator.spark",
    "validator.pytest_plugin",
    "validator.testing",
    "validator.traffic",
)
"""The public faces, beside the command wing at the top: no wing imports them."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path], typing_too: bool = False) -> set[str]:
    """The package's modules that ``path`` imports, anywhere in it (TYPE_CHECKING blocks
    aside, since they never run, unless ``typing_too``)."""
    tree = ast.parse(path.read_text())
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if typing_too:
            break
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING",):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for name in (node.module, *(f"{node.module}.{a.name}" for a in node.names)):
                if name in modules:
                    found.add(name)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle, or []."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_no_module_is_over_the_limit() -> None:
    sizes = {name: len(path.read_text().splitlines()) for name, path in _modules().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_there_is_no_import_circle() -> None:
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    # a package's __init__ is imported with each of its modules: an edge from the module to it
    for name in modules:
        parent = name.rpartition(".")[0]
        if parent in modules and parent != "validator":
            graph[name].add(parent)
    assert _cycle(graph) == []


def test_the_circle_finder_finds_circles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def _floor(module: str) -> int:
    """Where a module stands: 0 for a face, 1 + its wing's index for a wing's, and the ground
    floor last."""
    if module in FACES:
        return 0
    if module in GROUND:
        return len(WINGS) + 1
    wing = module.split(".")[1]
    assert wing in WINGS, f"{module} is in no wing: add it to one (or to GROUND)"
    return 1 + WINGS.index(wing)


def _violations(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a module by one that stands on the same floor or higher and in another
    wing (within a wing, modules import each other freely; circles are a test of their own)."""
    found = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            here, there = _floor(module), _floor(target)
            same_wing = here == there and here not in (0, len(WINGS) + 1)
            upward = there == 0 and here != 0  # only a face uses a face
            if module in GROUND or upward or (0 < there <= here and not same_wing):
                found.append(f"{module} -> {target}")
    return found


def test_every_module_is_in_a_wing() -> None:
    stray = [
        name
        for name in _modules()
        if name not in FACES and name not in GROUND and name.split(".")[1] not in WINGS
    ]
    assert stray == []


def test_a_wing_imports_only_the_wings_below_it() -> None:
    modules = _modules()
    graph = {name: _imports(p, modules, typing_too=True) - {name} for name, p in modules.items()}
    # importing a wing's module names its package too: only the module itself counts here
    graph = {
        n: {t for t in ts if t not in (f"validator.{w}" for w in WINGS)} for n, ts in graph.items()
    }
    assert _violations(graph) == []


def test_the_layering_rule_catches_an_upward_import() -> None:
    assert _violations({"validator.inputs.parse": {"validator.checking.engine"}}) == [
        "validator.inputs.parse -> validator.checking.engine"
    ]
    assert _violations({"validator.report.groups": {"validator.report.common"}}) == []
    assert _violations({"validator.checking.engine": {"validator.api"}}) == [
        "validator.checking.engine -> validator.api"
    ]
    assert _violations({"validator.problems": {"validator.near_miss"}}) == [
        "validator.problems -> validator.near_miss"
    ]
    assert _violations({"validator.dask": {"validator.run.on_dask", "validator.problems"}}) == []
    assert _violations({"validator": {"validator.api"}}) == []
    assert _violations({"validator.run.runner": {"validator.command.options"}}) == [
        "validator.run.runner -> validator.command.options"
    ]


def test_a_wing_package_imports_nothing_and_says_what_it_may_use() -> None:
    for wing in WINGS:
        init = PACKAGE / wing / "__init__.py"
        tree = ast.parse(init.read_text())
        assert [type(n).__name__ for n in tree.body] == ["Expr"], (
            f"{wing}/__init__.py: only a docstring"
        )
        assert "May use" in (ast.get_docstring(tree) or ""), wing


def test_no_function_is_over_the_limit() -> None:
    long = {}
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{name}.{node.name}"] = length
    assert long == {}
