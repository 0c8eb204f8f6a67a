"""Importing alunos from a spreadsheet and exporting them, over one engine.

:class:`PlanilhaService` is a thin facade over :mod:`~escola_gui.core.planilhas` (reading and
writing files) and :mod:`~escola_gui.core.importacao` (the planner and the writer), so that
the GUI gets the engine's work without the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from sqlalchemy import Engine

from escola_gui.core import planilhas
from escola_gui.core.importacao import export, flow, reporting
from escola_gui.core.importacao.results import ImportPreview, ImportResult
from escola_gui.core.planilhas import Table


class PlanilhaService:
    """Importing alunos from a spreadsheet and exporting them, over one engine.

    A thin wrapper over :mod:`~escola_gui.core.planilhas` and
    :mod:`~escola_gui.core.importacao`, so that the GUI gets the engine's work without the engine.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def read(path: Path | str) -> Table:
        """The file's header and rows; see :func:`~escola_gui.core.planilhas.read_table` for the errors."""
        return planilhas.read_table(path)

    def preview(
        self,
        table: Table,
        mapping: Mapping[str, str | None] | None = None,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportPreview:
        """What importing ``table`` would do; writes nothing. See :func:`~escola_gui.core.importacao.flow.preview`."""
        return flow.preview(self._engine, table, mapping, progress=progress, cancelled=cancelled)

    def apply(
        self,
        plan: ImportPreview,
        *,
        confirmed: Iterable[int] = (),
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Write ``plan`` in one transaction, with the conflicts of the ``confirmed`` lines. See
        :func:`~escola_gui.core.importacao.flow.apply`."""
        return flow.apply(self._engine, plan, confirmed=confirmed, progress=progress, cancelled=cancelled)

    def apply_valid_lines(
        self,
        table: Table,
        plan: ImportPreview,
        *,
        confirmed: Iterable[int] = (),
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[ImportResult, Path | None]:
        """Import the lines of ``plan`` without problems and write the others, with their reasons,
        to a new file beside ``table``'s (removed again if the import fails); the result and that
        file. See :func:`~escola_gui.core.importacao.flow.valid_lines`."""
        valid = flow.valid_lines(self._engine, plan, cancelled=cancelled)
        kept = reporting.write_set_aside(table, valid.set_aside) if valid.set_aside else None
        try:
            result = flow.apply(self._engine, valid, confirmed=confirmed, progress=progress, cancelled=cancelled)
        except BaseException:
            if kept is not None:
                kept.unlink(missing_ok=True)
            raise
        return result, kept

    def export_alunos(self, path: Path | str) -> int:
        """Write every aluno to a new ``.csv`` or ``.xlsx``; returns how many."""
        return export.export_alunos(self._engine, path)
