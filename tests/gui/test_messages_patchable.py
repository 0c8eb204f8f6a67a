"""The message boxes are replaced in tests through the module that holds them
(``monkeypatch.setattr(messages, "ask_yes_no", ...)``). A module that imported one by name
(``from escola_gui.gui.toolkit.messages import ask_yes_no``) would keep the real box: a test
replacing it would silently not reach that module, and the box would wait for a click."""

from __future__ import annotations

import ast
from pathlib import Path

import escola_gui
from escola_gui.gui.toolkit import messages

PACKAGE = Path(escola_gui.__file__).parent
# Not a box: nothing to replace.
IMPORTABLE_BY_NAME = {"wait_cursor"}


def _imported_by_name(tree: ast.AST) -> list[str]:
    return [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == messages.__name__
        for alias in node.names
        if alias.name not in IMPORTABLE_BY_NAME
    ]


def test_no_module_imports_a_message_box_by_name() -> None:
    found = {
        str(path.relative_to(PACKAGE)): names
        for path in sorted(PACKAGE.rglob("*.py"))
        if (names := _imported_by_name(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_check_sees_a_box_imported_by_name() -> None:
    planted = ast.parse("from escola_gui.gui.toolkit.messages import ask_yes_no, wait_cursor\n")
    assert _imported_by_name(planted) == ["ask_yes_no"]
