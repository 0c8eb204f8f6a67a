"""Errors of the data core, each with a plain Portuguese message for the user.

The split follows qutebrowser's sql module: faults of the environment (a full disk, a
file in use) tell the user what to do; anything else is a bug to report with the log.
The messages are Portuguese source strings; the GUI passes them through Qt's translator.
"""

from __future__ import annotations

from pathlib import Path


class EscolaError(Exception):
    """Base class: ``user_message`` is what the secretary reads."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")


class NotEnoughSpaceError(EscolaError):
    def __init__(self, folder: Path, needed: int, free: int) -> None:
        super().__init__(
            f"Espaço em disco insuficiente em {folder}: são necessários {_megabytes(needed)} livres "
            f"e há {_megabytes(free)}. Libere espaço e abra o Escola de novo. Nada foi alterado."
        )
        self.needed = needed
        self.free = free


class BackupFailedError(EscolaError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"Não foi possível fazer a cópia de segurança: {reason}. Nada foi alterado.")


class DatabaseInUseError(EscolaError):
    def __init__(self, database: Path, pid: int | None) -> None:
        who = f" (processo {pid})" if pid else ""
        super().__init__(
            f"O arquivo {database} já está aberto em outra janela do Escola{who}. "
            "Feche a outra janela antes de abrir de novo."
        )
        self.pid = pid


class LockUnavailableError(EscolaError):
    def __init__(self, lock: Path, reason: str) -> None:
        super().__init__(f"Não foi possível reservar o arquivo de dados ({lock}): {reason}.")


class ReadOnlyError(EscolaError):
    """A write asked of a file open read-only (see ``db.write_problem``)."""

    def __init__(self, reason: str | None = None) -> None:
        why = f" ({reason})" if reason else ""
        super().__init__(
            f"O arquivo está aberto somente para leitura{why}: as alterações estão desativadas. Nada foi gravado."
        )
