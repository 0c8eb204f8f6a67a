"""Rows that only an upgraded old file can hold, written straight into a database."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def insert_matricula_without_date(database: Path, aluno_id: int, curso_id: int) -> int:
    """What an upgraded 0.x file holds where the old date could not be read."""
    with closing(sqlite3.connect(database)) as connection, connection:
        cursor = connection.execute(
            "INSERT INTO matriculas (aluno_id, curso_id, data_matricula, observacoes) VALUES (?, ?, NULL, ?)",
            (aluno_id, curso_id, "Data original: 31/02/2021"),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid
