"""Helpers the core's services share: optional text, pick-list codes, LIKE patterns that
ignore accents and case, the first error of a validation, a record by id or
:class:`~escola_gui.core.errors.RecordNotFoundError`, and the contatos' tipos.

Public, since every domain module uses them; nothing of one domain lives here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import Session

from escola_gui.core import validation as v
from escola_gui.core.errors import RecordNotFoundError, ValidationError
from escola_gui.core.models import Contato, ContatoResponsavel
from escola_gui.core.text import normalize_text

# The tipos of the contatos rows, an aluno's (``contatos``) and a responsável's (``contatos_responsavel``).
TELEFONE = "telefone"
EMAIL = "email"


# --- helpers ----------------------------------------------------------------------------


def escape_like(text: str) -> str:
    """``text`` with LIKE's wildcards and the escape character escaped (for ``escape="\\"``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(text: str) -> str:
    """A LIKE pattern for "contains ``text``"."""
    return f"%{escape_like(text)}%"


def name_matches(column: ColumnElement[str], search: str) -> ColumnElement[bool]:
    """``escola_normaliza(column) LIKE '%' || escola_normaliza(:q) || '%'``, wildcards escaped."""
    return func.escola_normaliza(column).like(like_pattern(normalize_text(search)), escape="\\")


def optional_text(value: str | None) -> str | None:
    """The text trimmed; ``None`` when nothing is left."""
    text = (value or "").strip()
    return text or None


def too_long(value: str | None, limit: int, message: str) -> str | None:
    """``message`` when ``value`` has more than ``limit`` characters, else ``None``."""
    return message if value is not None and len(value) > limit else None


def choice(value: str | None, allowed: tuple[str, ...], fold: str) -> str | None:
    """A code of a pick list as stored; anything not in ``allowed`` is returned for validate to refuse."""
    text = (value or "").strip()
    if not text:
        return None
    folded = text.upper() if fold == "upper" else text.lower()
    return folded if folded in allowed else text


def first_error(errors: dict[str, str]) -> None:
    """Raise the first of ``errors`` (field → message) as a ValidationError; nothing when empty."""
    for name, message in errors.items():
        raise ValidationError(name, message)


def replace_rows(
    session: Session,
    stored: Sequence[Contato] | Sequence[ContatoResponsavel],
    valores: Sequence[str],
    make: Callable[[str], Contato | ContatoResponsavel],
) -> None:
    """Make the ``stored`` rows hold ``valores``, in order, touching only what changed (so
    that the audit log records the phone removed or added, not every phone again): rows whose
    value goes are deleted and new values appended; a new order rewrites them all."""
    current = [row.valor for row in stored]
    if current == list(valores):
        return
    kept = [row for row in stored if row.valor in valores]
    added = [valor for valor in valores if valor not in current]
    if [row.valor for row in kept] + added != list(valores):
        kept, added = [], list(valores)
    for row in stored:
        if row not in kept:
            session.delete(row)
    session.add_all(make(valor) for valor in added)


def normalize_emails(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """One e-mail per item, trimmed and lowercased, without blanks or repeats, in order."""
    result: list[str] = []
    for value in values:
        email = v.normalize_email(value)
        if email and email not in result:
            result.append(email)
    return tuple(result)


def get_record(session: Session, model: type, record_id: int) -> object:
    """The row of ``model`` with ``record_id``, or RecordNotFoundError (deleted meanwhile)."""
    record = session.get(model, record_id)
    if record is None:
        raise RecordNotFoundError(record_id)
    return record
