"""The rooms of the house (docs/CONVENTIONS.md): imports point one way and never go round.

From the bottom up: the data core (``escola_gui.core``), the data file's life
(``escola_gui.storage``), the views (``escola_gui.gui``), the entry points (``escola_gui.cli``,
``main.py``). A module imports only from its own room or the rooms below; the core and the
storage never import Qt; no modules import each other round, counting imports inside functions
(tests/helpers/imports.py says what counts).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from tests.helpers.imports import Edge, cycles, edges, modules

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "escola_gui"
#: Each room and what it may import, bottom first. ``escola_gui`` itself holds only the version.
ROOMS = ("escola_gui.core", "escola_gui.storage", "escola_gui.gui", "escola_gui.cli")


def room_of(module: str) -> int | None:
    """The room's rank (0 is the core), or None for the package itself and what is not ours."""
    for rank, room in enumerate(ROOMS):
        if module == room or module.startswith(room + "."):
            return rank
    return None


def our_graph(root: Path = REPO / PACKAGE, package: str = PACKAGE) -> tuple[dict[str, Path], list[Edge]]:
    found = {name: path for name, path in modules(root, package).items() if "._alembic" not in name}
    return found, edges(found, package)


def upward(graph_edges: list[Edge]) -> list[Edge]:
    bad = []
    for edge in graph_edges:
        source, target = room_of(edge.source), room_of(edge.target)
        if source is not None and target is not None and target > source:
            bad.append(edge)
    return bad


def qt_from_below(graph_edges: list[Edge]) -> list[Edge]:
    """Imports of Qt from the core or the storage."""
    return [
        edge
        for edge in graph_edges
        if room_of(edge.source) in (0, 1) and edge.target.split(".")[0] in {"PySide6", "shiboken6"}
    ]


def described(found_cycles: list[list[str]], graph_edges: list[Edge]) -> str:
    lines = []
    for members in found_cycles:
        inside = set(members)
        lines.append("cycle: " + ", ".join(members))
        lines += [f"  {edge}" for edge in graph_edges if edge.source in inside and edge.target in inside]
    return "\n".join(lines)


# --- the real tree -------------------------------------------------------------------------


def test_there_are_no_import_cycles() -> None:
    found, graph_edges = our_graph()
    assert {"escola_gui.core.db", "escola_gui.storage.file.upgrade", "escola_gui.gui.main_window"} <= set(found)
    found_cycles = cycles(found, graph_edges)
    assert not found_cycles, described(found_cycles, graph_edges)


def test_imports_point_down_the_rooms() -> None:
    _, graph_edges = our_graph()
    bad = upward(graph_edges)
    assert not bad, "imports up the rooms:\n" + "\n".join(map(str, bad))


def test_the_core_and_the_storage_never_import_qt() -> None:
    _, graph_edges = our_graph()
    bad = qt_from_below(graph_edges)
    assert not bad, "\n".join(map(str, bad))


def test_the_core_and_the_storage_load_without_qt() -> None:
    # Given every module of the two Qt-free rooms, imported in a fresh interpreter
    found, _ = our_graph()
    names = sorted(name for name in found if room_of(name) in (0, 1))
    script = "\n".join(
        [f"import {name}" for name in names]
        + ["import sys", "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"]
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False)
    # Then no Qt module was loaded
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _services_bundle(found: dict[str, Path]) -> str:
    for name, path in found.items():
        if room_of(name) == 0:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if any(isinstance(node, ast.ClassDef) and node.name == "Services" for node in tree.body):
                return name
    raise AssertionError("no core module defines the Services bundle")


def test_nothing_in_the_core_imports_the_services_bundle() -> None:
    # Type-only imports count here too: the bundle is the top of the core.
    found, _ = our_graph()
    bundle = _services_bundle(found)
    importers = []
    for name, path in found.items():
        if room_of(name) != 0 or name == bundle:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
            elif isinstance(node, ast.Import):
                targets = {alias.name for alias in node.names}
            else:
                continue
            if bundle in targets:
                importers.append(f"{name}, line {node.lineno}")
    assert not importers, f"{bundle} is imported by: " + "; ".join(importers)


def test_pages_get_services_not_the_main_window() -> None:
    """Widgets get the services they need, never the whole app: only the launcher builds the shell."""
    _, graph_edges = our_graph()
    importers = sorted(
        edge.source
        for edge in graph_edges
        if edge.target == "escola_gui.gui.main_window" and edge.source != "escola_gui.gui.launch.launcher"
    )
    assert not importers, importers


def test_every_package_is_shipped() -> None:
    """A subpackage missing from pyproject's list would be left out of a wheel."""
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / PACKAGE).rglob("__init__.py")
        if "_alembic" not in init.parts and "__pycache__" not in init.parts
    }
    assert on_disk - listed == set()


# --- the checks themselves: each finds what it is for -------------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> tuple[dict[str, Path], list[Edge]]:
    root = tmp_path / PACKAGE
    for relative, text in {"__init__.py": "", "cli.py": "", **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not (path.parent / "__init__.py").exists():
            (path.parent / "__init__.py").write_text("")
        path.write_text(textwrap.dedent(text))
    return our_graph(root)


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path: Path) -> None:
    found, graph_edges = _package(
        tmp_path,
        {
            "core/db.py": "from escola_gui.core import models\n",
            "core/models.py": "def f():\n    from escola_gui.core.auditoria import x\n",
            "core/auditoria.py": "from escola_gui.core import db\nx = 1\n",
        },
    )
    found_cycles = cycles(found, graph_edges)
    assert found_cycles == [["escola_gui.core.auditoria", "escola_gui.core.db", "escola_gui.core.models"]]
    assert "inside a function" in described(found_cycles, graph_edges)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("core/alunos.py", "from escola_gui.gui.pages import alunos\n"),
        ("core/alunos.py", "def f():\n    from escola_gui.storage.file import backups\n"),
        ("storage/file/upgrade.py", "import escola_gui.gui.launch.upgrade_dialog\n"),
        ("gui/pages/alunos.py", "from escola_gui import cli\n"),
    ],
)
def test_an_upward_import_is_found(tmp_path: Path, source: str, text: str) -> None:
    _, graph_edges = _package(tmp_path, {source: text})
    assert len(upward(graph_edges)) == 1


def test_qt_in_the_core_is_found_and_type_only_imports_do_not_count(tmp_path: Path) -> None:
    _, graph_edges = _package(
        tmp_path,
        {
            "core/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from escola_gui.core import b\n",
            "core/b.py": "from escola_gui.core import a\n\ndef f():\n    from PySide6.QtCore import QObject\n",
        },
    )
    assert cycles(["escola_gui.core.a", "escola_gui.core.b"], graph_edges) == []
    assert [edge.target for edge in qt_from_below(graph_edges)] == ["PySide6.QtCore"]
