"""Values as Brazilian documents write them: dates, notas, frequência, turno, dates in full."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from escola_gui.core import avaliacao as av
from escola_gui.core.relatorios.documento import CabecalhoEscola
from escola_gui.core.relatorios.textos import MESES, NAO, NAO_INFORMADA, PERIODO_ABREVIADO, SEM_VALOR, SIM
from escola_gui.core.text import normalize_text
from escola_gui.core.turmas import TURNO_LABELS


def format_date(value: date | None, missing: str = NAO_INFORMADA) -> str:
    """``date(2010, 3, 4)`` → ``"04/03/2010"``; ``None`` → ``missing``."""
    return value.strftime("%d/%m/%Y") if value is not None else missing


def format_bool(value: bool) -> str:
    return SIM if value else NAO


def file_name_part(text: str) -> str:
    """``"João D'Ávila"`` → ``"joao-d-avila"``: lower-case ASCII words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", normalize_text(text).encode("ascii", "ignore").decode())
    return slug.strip("-") or "sem-nome"


def format_nota(nota: Decimal | str | None, missing: str = "") -> str:
    """``Decimal("7.5")`` → ``"7,5"``; ``None`` → ``missing``; a conceito or a parecer (under
    a rule of conceitos or pareceres, revision 0017) as typed."""
    if isinstance(nota, str):
        return nota
    return missing if nota is None else av.format_nota(nota)


def format_frequencia(aulas_dadas: int, frequencia: Decimal) -> str:
    """The frequência, or ``"—"`` while no aula was given (nothing to measure yet)."""
    return av.format_percentual(frequencia) if aulas_dadas else SEM_VALOR


def data_por_extenso(value: date) -> str:
    """``date(2026, 11, 24)`` → ``"24 de novembro de 2026"``; the first day is ``"1º"``."""
    dia = "1º" if value.day == 1 else str(value.day)
    return f"{dia} de {MESES[value.month - 1]} de {value.year}"


def local_e_data(escola: CabecalhoEscola, value: date) -> str:
    """``"Taubaté, 24 de novembro de 2026"``; only the date when the município is not known."""
    quando = data_por_extenso(value)
    return f"{escola.municipio}, {quando}" if escola.municipio else quando


def turno_texto(turno: str) -> str:
    """``"matutino"`` → ``"Matutino"`` (the label the turma form shows)."""
    return TURNO_LABELS.get(turno, turno)


def periodo_abreviado(nome: str) -> str:
    """``"1º bimestre"`` → ``"1º bim."``: narrow column names for the boletim."""
    numero, _, tipo = nome.partition(" ")
    return f"{numero} {PERIODO_ABREVIADO[tipo]}" if tipo in PERIODO_ABREVIADO else nome


def artigo(serie: str) -> str:
    """``"no"`` 6º ano, ``"na"`` 1ª série: the contraction before the série's name."""
    words = normalize_text(serie)
    feminine = "ª" in serie or any(w in words for w in ("serie", "etapa", "fase", "classe", "turma"))
    return "na" if feminine else "no"
