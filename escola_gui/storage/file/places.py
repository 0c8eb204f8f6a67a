"""Odd places for the database, told plainly before anything is opened or created beside it."""

from __future__ import annotations

from pathlib import Path

from escola_gui.core.errors import QT_TRANSLATE_NOOP, EscolaError, message
from escola_gui.core.paths import DB_FILENAME


class OddPlaceError(EscolaError):
    """The database path names a folder, or lies under a file: nothing was opened or created."""


def check_database_place(database: Path) -> None:
    """Raise OddPlaceError when ``database`` is a folder or one of its folders is a file.

    Checked before the lock file is created beside it, so such a path leaves nothing behind.
    """
    database = Path(database)
    if database.is_dir():
        raise OddPlaceError(
            message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{path} é uma pasta, não um arquivo de dados do Escola. Indique o arquivo de dados (por "
                    "exemplo, {example}). Nada foi alterado.",
                ),
                path=database,
                example=database / DB_FILENAME,
            )
        )
    for parent in database.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise OddPlaceError(
                    message(
                        QT_TRANSLATE_NOOP(
                            "core",
                            "O arquivo de dados {path} não pode estar ali: {parent} é um arquivo, não uma pasta. "
                            "Indique outro lugar para o arquivo de dados. Nada foi alterado.",
                        ),
                        path=database,
                        parent=parent,
                    )
                )
            return
