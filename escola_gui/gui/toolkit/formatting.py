"""Values as the office writes them, for the views: dates, moments and the situação of an aluno.

Numbers with one decimal place (notas, the frequência) are written by the core, so that a
printed document and the screen agree: :func:`escola_gui.core.avaliacao.format_nota` ("7,5")
and :func:`escola_gui.core.avaliacao.format_percentual` ("97,5 %").
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from escola_gui.gui.toolkit.text import translate, translate_validation

if TYPE_CHECKING:  # the Alunos list imports this module before its first paint; avaliacao may wait
    from escola_gui.core.avaliacao import Situacao


def format_date(value: date | None) -> str:
    """Dates as the office writes them: dd/mm/aaaa; ``None`` → ``""``."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_datetime(value: object) -> str:
    """A moment saved by SQLite (UTC, without a zone) as the local dd/mm/aaaa hh:mm."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone().strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def situacao_label(situacao: Situacao | None) -> str:
    """The situação as the office reads it; ``None`` (no manual one) is the computed situação."""
    if situacao is None:
        return translate("turmas", "Calculada pelas notas")
    return translate_validation(situacao.label)
