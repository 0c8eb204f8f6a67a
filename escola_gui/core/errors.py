"""Errors of the data core, each with a plain Portuguese message for the user.

All of them live here, from the bottom of the core (nothing of the app below this module): the
environment's (a full disk, a file in use, a backup that failed), the services' (a record
deleted meanwhile, a value to fix, nothing to print, the Lixeira's refusals) and the
spreadsheets'. Only the import keeps its own family beside its planner, in importacao.

The split follows qutebrowser's sql module: faults of the environment (a full disk, a
file in use) tell the user what to do; anything else is a bug to report with the log.
The messages are Portuguese; an error built from a :class:`Message` (a template marked with
:func:`QT_TRANSLATE_NOOP` in the ``"core"`` context, plus its values) can also be shown in the
user's language: the GUI calls :meth:`EscolaError.translated` with Qt's translator.
"""

from __future__ import annotations

import errno
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

SQLITE_FULL = 13  # "database or disk is full"
_NO_SPACE_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}  # EDQUOT: a full disk quota


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context`` and return it unchanged (the core has no Qt)."""
    return text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@dataclass(frozen=True)
class Message:
    """A Portuguese ``template`` (marked in the ``"core"`` context, ``{name}`` slots) and its values.

    A value is data (shown as ``str(value)``) or another Message, translated with its parent.
    """

    template: str
    params: tuple[tuple[str, object], ...] = ()

    def format(self, translate: Callable[[str], str] | None = None) -> str:
        """The text; with ``translate``, in the user's language. A translation whose ``{slots}``
        differ from the template's is ignored (the Portuguese text is shown, never a crash)."""
        values = {k: v.format(translate) if isinstance(v, Message) else str(v) for k, v in self.params}
        if translate is not None:
            translated = translate(self.template)
            if translated != self.template and _fields(translated) == _fields(self.template):
                return translated.format(**values)
        return self.template.format(**values)

    def __str__(self) -> str:
        return self.format()


def message(template: str, **params: object) -> Message:
    """``message(QT_TRANSLATE_NOOP("core", "O arquivo {path} ..."), path=path)``."""
    return Message(template, tuple(params.items()))


class EscolaError(Exception):
    """Base class: ``user_message`` is what the secretary reads (Portuguese).

    Built from a :class:`Message`, the error can also be shown translated (:meth:`translated`).
    """

    def __init__(self, user_message: str | Message) -> None:
        self.message = user_message if isinstance(user_message, Message) else None
        text = str(user_message)
        super().__init__(text)
        self.user_message = text

    @classmethod
    def from_template(cls, template: str, **params: object) -> EscolaError:
        """``EscolaError.from_template(QT_TRANSLATE_NOOP("core", "..."), path=path)``."""
        return cls(message(template, **params))

    def translated(self, translate: Callable[[str], str]) -> str:
        """The message in the user's language: the translated template filled with the values;
        without a template, ``translate(user_message)`` (a plain marked sentence still matches)."""
        if self.message is None:
            return translate(self.user_message)
        return self.message.format(translate)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc``, or an error it wraps, says the disk is full: SQLite's SQLITE_FULL
    (which ``PRAGMA max_page_count`` raises too) or the system's ENOSPC/EDQUOT; or that the
    file-size limit was reached (:func:`is_file_size_limit`), which the user meets the same way."""
    first = exc
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
    return is_file_size_limit(first)


SQLITE_IOERR = 10  # "disk I/O error"; the extended codes keep it in their low byte


def file_size_limit() -> int | None:
    """The largest file this process may write (``ulimit -f``, RLIMIT_FSIZE), or None without one."""
    if sys.platform == "win32":
        return None
    import resource

    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def is_file_size_limit(exc: BaseException | None) -> bool:
    """Whether ``exc``, or an error it wraps, is a write past the file-size limit: EFBIG from the
    system (Python ignores SIGXFSZ, so the write fails instead of killing the process), or
    SQLite's "disk I/O error" while such a limit is set (SQLite does not tell EFBIG apart)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
            return True
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF == SQLITE_IOERR and file_size_limit() is not None:
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


# What a full disk prevented, and what that left as it was (see DiskFullError).
SAVING = (
    QT_TRANSLATE_NOOP("core", "gravar as alterações"),
    QT_TRANSLATE_NOOP("core", "As alterações não foram gravadas; o que já estava salvo continua como estava."),
)
BACKING_UP = (QT_TRANSLATE_NOOP("core", "fazer a cópia de segurança"), QT_TRANSLATE_NOOP("core", "Nada foi alterado."))
UPGRADING = (
    QT_TRANSLATE_NOOP("core", "atualizar o arquivo de dados"),
    QT_TRANSLATE_NOOP("core", "A atualização foi desfeita; o arquivo continua como estava."),
)
IMPORTING = (
    QT_TRANSLATE_NOOP("core", "importar os alunos"),
    QT_TRANSLATE_NOOP("core", "Nenhum aluno foi importado; nada foi alterado."),
)
DOWNGRADING = (
    QT_TRANSLATE_NOOP("core", "voltar a uma versão anterior"),
    QT_TRANSLATE_NOOP("core", "A volta foi desfeita; o arquivo continua como estava."),
)
RESTORING = (
    QT_TRANSLATE_NOOP("core", "restaurar a cópia de segurança"),
    QT_TRANSLATE_NOOP("core", "O arquivo de dados não foi alterado."),
)
OPENING = (
    QT_TRANSLATE_NOOP("core", "abrir o arquivo de dados"),
    QT_TRANSLATE_NOOP("core", "O arquivo de dados não foi alterado."),
)


class DiskFullError(EscolaError):
    """The disk filled up while writing; the transaction was undone (see ``is_disk_full``).

    Args:
        folder: where the writing was.
        doing: what could not be done and the state it left, one of ``SAVING``,
            ``BACKING_UP``, ``UPGRADING``, ``IMPORTING``, ``RESTORING``.
    """

    def __init__(self, folder: Path | None, doing: tuple[str, str] = SAVING) -> None:
        values = {"doing": Message(doing[0]), "state": Message(doing[1])}
        limit = file_size_limit()
        # Raised while handling the error it stands for: a write past the file-size limit is
        # told as such (freeing disk space would not help).
        if limit is not None and is_file_size_limit(sys.exc_info()[1]):
            text = message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "O arquivo ficaria maior do que o limite de tamanho de arquivo que este computador impõe ao "
                    "Escola ({limit}): não foi possível {doing}. Peça ao responsável pelo computador que aumente "
                    "esse limite. {state}",
                ),
                limit=_megabytes(limit),
                **values,
            )
        elif folder is not None:
            text = message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "O disco está cheio: não houve espaço em {folder} para {doing}. Libere espaço no disco "
                    "(apague arquivos de que não precisa ou esvazie a lixeira) e tente de novo. {state}",
                ),
                folder=folder,
                **values,
            )
        else:
            text = message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "O disco está cheio: não houve espaço para {doing}. Libere espaço no disco "
                    "(apague arquivos de que não precisa ou esvazie a lixeira) e tente de novo. {state}",
                ),
                **values,
            )
        super().__init__(text)
        self.folder = folder
        self.doing = doing


class NotEnoughSpaceError(DiskFullError):
    """The check before writing found less free space than the work needs; nothing was written
    (so the message ends "Nada foi alterado." whatever ``doing`` says)."""

    def __init__(self, folder: Path, needed: int, free: int, doing: tuple[str, str] = BACKING_UP) -> None:
        EscolaError.__init__(
            self,
            message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Espaço em disco insuficiente em {folder} para {doing}: são necessários {needed} livres e há "
                    "{free}. Libere espaço no disco (apague arquivos de que não precisa ou esvazie a lixeira) e tente "
                    "de novo. Nada foi alterado.",
                ),
                folder=folder,
                doing=Message(doing[0]),
                needed=_megabytes(needed),
                free=_megabytes(free),
            ),
        )
        self.folder = folder
        self.doing = doing
        self.needed = needed
        self.free = free


class BackupFailedError(EscolaError):
    def __init__(self, reason: str | Message) -> None:
        super().__init__(
            message(
                QT_TRANSLATE_NOOP("core", "Não foi possível fazer a cópia de segurança: {reason}. Nada foi alterado."),
                reason=reason,
            )
        )


class DatabaseInUseError(EscolaError):
    def __init__(self, database: Path, pid: int | None) -> None:
        if pid:
            text = message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "O arquivo {database} já está aberto em outra janela do Escola (processo {pid}). "
                    "Feche a outra janela antes de abrir de novo.",
                ),
                database=database,
                pid=pid,
            )
        else:
            text = message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "O arquivo {database} já está aberto em outra janela do Escola. "
                    "Feche a outra janela antes de abrir de novo.",
                ),
                database=database,
            )
        super().__init__(text)
        self.pid = pid


class LockUnavailableError(EscolaError):
    def __init__(self, lock: Path, reason: str) -> None:
        super().__init__(
            message(
                QT_TRANSLATE_NOOP("core", "Não foi possível reservar o arquivo de dados ({lock}): {reason}."),
                lock=lock,
                reason=reason,
            )
        )


# --- errors of the services: a record gone, a value to fix, nothing to print ---------------


class RecordNotFoundError(LookupError):
    """The record was deleted meanwhile (or never existed)."""


class ValidationError(ValueError):
    """A value the user can fix: which form field, and what to tell them.

    Attributes:
        field: the form field at fault, such as ``"nome"``, ``"email"`` or ``"cpf"``.
        message: an untranslated Portuguese message, one of the constants of
            :mod:`escola_gui.core.validation` or of a service's module.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class Worded(Protocol):
    """A sentence that can be said in the user's language (:class:`~escola_gui.core.relatorios.Texto`)."""

    def formatado(self, traduzir: Callable[[str], str] | None = None) -> str: ...


class NadaParaImprimirError(LookupError):
    """There is nothing to print (an aluno in no turma, a turma without alunos).

    ``texto`` says why in Portuguese (a :class:`~escola_gui.core.relatorios.Texto`); the GUI
    translates its pattern.
    """

    def __init__(self, motivo: Worded) -> None:
        super().__init__(motivo.formatado())
        self.texto = motivo


class RestauracaoRecusadaError(EscolaError):
    """The item cannot go back as it was; nothing was changed."""

    def __init__(self, descricao: str, motivo: str) -> None:
        super().__init__(f"Não foi possível restaurar {descricao}: {motivo} Nada foi alterado.")
        self.motivo = motivo


class ExclusaoRecusadaError(EscolaError):
    """The item cannot be deleted for good yet; nothing was changed."""

    def __init__(self, descricao: str, motivo: str) -> None:
        super().__init__(f"Não foi possível excluir definitivamente {descricao}: {motivo} Nada foi alterado.")
        self.motivo = motivo


# --- errors of the spreadsheets (core/planilhas.py) ----------------------------------------


class PlanilhaError(EscolaError):
    """A table file that cannot be used; ``user_message`` says why, in Portuguese."""


class FormatoNaoSuportadoError(PlanilhaError):
    def __init__(self, path: Path) -> None:
        extra = ""
        if path.suffix.lower() in (".xls", ".ods"):
            extra = " Abra-o no Excel ou no LibreOffice e salve como Pasta de Trabalho do Excel (.xlsx)."
        super().__init__(
            f"O arquivo {path.name} não é uma planilha que o Escola lê. Use um arquivo .csv ou .xlsx.{extra}"
        )


class PlanilhaIlegivelError(PlanilhaError):
    def __init__(self, path: Path, reason: str | OSError) -> None:
        if isinstance(reason, OSError):
            reason = _file_reason(reason, reading=True)
        super().__init__(f"Não foi possível ler o arquivo {path.name}: {reason}.")
        self.reason = reason


class PlanilhaVaziaError(PlanilhaError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"O arquivo {path.name} está vazio.")


class CabecalhoAusenteError(PlanilhaError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"O arquivo {path.name} não tem cabeçalho: a primeira linha deve trazer os nomes das colunas, "
            "como Nome, CPF, E-mail, Data de nascimento."
        )


class PlanilhaNaoGravadaError(PlanilhaError):
    def __init__(self, path: Path, reason: str | OSError) -> None:
        if isinstance(reason, OSError):
            reason = _file_reason(reason)
        super().__init__(f"Não foi possível gravar o arquivo {path.name}: {reason}. Nada foi gravado.")


def _file_reason(exc: OSError, *, reading: bool = False) -> str:
    """Why the system refused a read or a write, in the secretary's words (strerror is English)."""
    if exc.errno == errno.EISDIR or isinstance(exc, IsADirectoryError):
        return "é uma pasta, não um arquivo"
    if reading and exc.errno == errno.ENOENT:
        return "o arquivo não existe"
    if reading and exc.errno in (errno.EACCES, errno.EPERM):
        return "o Escola não tem permissão para ler esse arquivo"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            "o Escola não tem permissão para gravar nessa pasta, ou o disco é só de leitura (um pen drive "
            "travado contra gravação, por exemplo); escolha outra pasta"
        )
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):
        return "não há espaço livre no disco"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "a pasta não existe"
    return exc.strerror or str(exc)
