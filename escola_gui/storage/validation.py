"""The check a changed file must pass before its transaction commits.

Shared by the upgrade and the downgrade (and, later, by a server's upgrade).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from escola_gui.core.models import Base, in_models
from escola_gui.core.text import format_count
from escola_gui.storage.migrations import UpgradeFailedError

if TYPE_CHECKING:
    from sqlalchemy import Connection

log = logging.getLogger(__name__)


def validate_schema(conn: Connection) -> None:
    """Raise UpgradeFailedError unless the file, as this transaction sees it, is sound.

    ``quick_check``, not ``integrity_check``: quick_check verifies every page, b-tree, record and
    NOT NULL/CHECK constraint, as integrity_check does; it leaves out only the comparison of each
    index with the rows of its table, which costs about four times as much (1.3 s against 0.3 s
    on the upgraded 200,000-aluno file). At this point every index is either one SQLite itself built in
    this transaction from the rows (CREATE INDEX, the batch rebuilds, REINDEX), or one carried
    from the file as it was, and that file passed ``integrity_check`` (the comparison included)
    on its backup moments before (back_up_verified; damaged indexes are REINDEXed above).
    """
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if orphans:
        tables = sorted({row[0] for row in orphans})
        raise UpgradeFailedError(
            f"Verificação: {format_count(len(orphans))} "
            f"{'registro' if len(orphans) == 1 else 'registros'} sem o registro relacionado em {', '.join(tables)}."
        )
    integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    if integrity != ["ok"]:
        raise UpgradeFailedError("Verificação de integridade: " + "; ".join(integrity[:3]))
    context = MigrationContext.configure(
        conn,
        opts={
            "compare_type": True,
            "target_metadata": Base.metadata,
            "include_object": lambda obj, name, type_, *a: in_models(name, type_),
        },
    )
    differences = compare_metadata(context, Base.metadata)
    if differences:
        log.error("schema differs from the models after upgrade: %r", differences)
        raise UpgradeFailedError("O esquema resultante não confere com o desta versão do Escola.")
