"""Errors of the data core, each with a plain Portuguese message for the user.

The split follows qutebrowser's sql module: faults of the environment (a full disk, a
file in use) tell the user what to do; anything else is a bug to report with the log.
The messages are Portuguese source strings; the GUI passes them through Qt's translator.
"""

from __future__ import annotations

import errno
from pathlib import Path

SQLITE_FULL = 13  # "database or disk is full"
_NO_SPACE_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}  # EDQUOT: a full disk quota


class EscolaError(Exception):
    """Base class: ``user_message`` is what the secretary reads."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc``, or an error it wraps, says the disk is full: SQLite's SQLITE_FULL
    (which ``PRAGMA max_page_count`` raises too) or the system's ENOSPC/EDQUOT."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DiskFullError):
            return True
        if getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL or "database or disk is full" in str(exc):
            return True
        if isinstance(exc, OSError) and exc.errno in _NO_SPACE_ERRNOS:
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


# What a full disk prevented, and what that left as it was (see DiskFullError).
SAVING = ("gravar as alterações", "As alterações não foram gravadas; o que já estava salvo continua como estava.")
BACKING_UP = ("fazer a cópia de segurança", "Nada foi alterado.")
UPGRADING = ("atualizar o arquivo de dados", "A atualização foi desfeita; o arquivo continua como estava.")
IMPORTING = ("importar os alunos", "Nenhum aluno foi importado; nada foi alterado.")
DOWNGRADING = ("voltar a uma versão anterior", "A volta foi desfeita; o arquivo continua como estava.")
RESTORING = ("restaurar a cópia de segurança", "O arquivo de dados não foi alterado.")


class DiskFullError(EscolaError):
    """The disk filled up while writing; the transaction was undone (see ``is_disk_full``).

    Args:
        folder: where the writing was.
        doing: what could not be done and the state it left, one of ``SAVING``,
            ``BACKING_UP``, ``UPGRADING``, ``IMPORTING``, ``RESTORING``.
    """

    def __init__(self, folder: Path | None, doing: tuple[str, str] = SAVING) -> None:
        where = f" em {folder}" if folder is not None else ""
        super().__init__(
            f"O disco está cheio: não houve espaço{where} para {doing[0]}. Libere espaço no disco "
            f"(apague arquivos de que não precisa ou esvazie a lixeira) e tente de novo. {doing[1]}"
        )
        self.folder = folder
        self.doing = doing


class NotEnoughSpaceError(DiskFullError):
    """The check before writing found less free space than the work needs; nothing was written
    (so the message ends "Nada foi alterado." whatever ``doing`` says)."""

    def __init__(self, folder: Path, needed: int, free: int, doing: tuple[str, str] = BACKING_UP) -> None:
        EscolaError.__init__(
            self,
            f"Espaço em disco insuficiente em {folder} para {doing[0]}: são necessários {_megabytes(needed)} "
            f"livres e há {_megabytes(free)}. Libere espaço no disco (apague arquivos de que não precisa ou "
            "esvazie a lixeira) e tente de novo. Nada foi alterado.",
        )
        self.folder = folder
        self.doing = doing
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
