"""The import graph of a package, read from its source (no module is imported).

Every ``import`` and ``from … import`` counts, at the top of a module or inside a function or
method, except those under ``if TYPE_CHECKING:`` (they never run). An edge goes to the module
named; ``from pkg import name`` goes to ``pkg.name`` when that is a module of the package, else to
``pkg``. Python also runs a package's ``__init__`` before its submodules; that implied edge is
not counted, so a package may expose its modules' names without making a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    in_function: bool

    def __str__(self) -> str:
        where = "inside a function" if self.in_function else "at the top"
        return f"{self.source} -> {self.target} (line {self.line}, {where})"


def modules(root: Path, package: str) -> dict[str, Path]:
    """``{"escola_gui.core.db": Path(...)}`` for every module under ``root`` (the package's folder)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join((package, *parts))] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Each import node with whether it sits inside a function; TYPE_CHECKING blocks skipped."""

    def walk(node: ast.AST, in_function: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    yield from walk(other, in_function)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, in_function
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from walk(child, inner)

    yield from walk(tree, False)


def edges(found: dict[str, Path], package: str) -> list[Edge]:
    """Every import between modules of ``found`` (and of anything outside, as its dotted name)."""
    result = []
    for name, path in found.items():
        is_package = path.name == "__init__.py"
        here = name if is_package else name.rpartition(".")[0]
        for node, in_function in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = here.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                targets = []
                for alias in node.names:
                    full = f"{module}.{alias.name}"
                    targets.append(full if full in found else module)
            for target in dict.fromkeys(targets):
                if target != name:
                    result.append(Edge(name, target, node.lineno, in_function))
    return result


def cycles(nodes: Iterable[str], graph_edges: Iterable[Edge]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    nodes = list(nodes)
    adjacent: dict[str, set[str]] = {n: set() for n in nodes}
    for edge in graph_edges:
        if edge.source in adjacent and edge.target in adjacent:
            adjacent[edge.source].add(edge.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:  # iterative, so a deep graph cannot overflow the stack
        nonlocal counter
        work = [(start, iter(sorted(adjacent[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(adjacent[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))

    for node in nodes:
        if node not in index:
            visit(node)
    return sorted(found)
