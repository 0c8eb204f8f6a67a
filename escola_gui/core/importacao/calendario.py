"""Reading an ano letivo's dias não letivos from a spreadsheet (``.csv`` or ``.xlsx``), as
secretarias receive the municipal calendar: one day a line, its date and its descrição, and
optionally its tipo (feriado, recesso or anything else, read as outro; blank: feriado).

The columns are found by their headers (Data; Descrição, Feriado, Evento or Nome; Tipo);
without those, the first column is the date and the second the descrição, and a first line
that is itself a day is read as one. Nothing is written: the form adds the days read to its
list, and the lines that cannot be read come back with the reason, one sentence each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from escola_gui.core.calendario import DESCRICAO_MAX, DiaNaoLetivoData, format_data
from escola_gui.core.errors import QT_TRANSLATE_NOOP
from escola_gui.core.importacao.cells import DataInexistenteError, cell_text, parse_date
from escola_gui.core.importacao.headers import header_key
from escola_gui.core.planilhas import Cell, read_table

_DATA = {"data", "dia", "datas"}
_DESCRICAO = {"descricao", "feriado", "evento", "nome", "motivo", "descricaododia"}
_TIPO = {"tipo"}

LINHA_DATA_ILEGIVEL = QT_TRANSLATE_NOOP(
    "validation", "Linha {linha}: “{texto}” não é uma data; escreva como 21/04/2026."
)
LINHA_DATA_INEXISTENTE = QT_TRANSLATE_NOOP("validation", "Linha {linha}: a data {texto} não existe.")
LINHA_SEM_DESCRICAO = QT_TRANSLATE_NOOP("validation", "Linha {linha}: falta a descrição do dia {data}.")
LINHA_DESCRICAO_LONGA = QT_TRANSLATE_NOOP(
    "validation", "Linha {linha}: a descrição do dia {data} tem mais de 100 caracteres."
)
LINHA_REPETIDA = QT_TRANSLATE_NOOP("validation", "Linha {linha}: o dia {data} já apareceu na linha {antes}.")


@dataclass(frozen=True)
class DiasLidos:
    """The days read, by date, and the reason for each line left out."""

    dias: tuple[DiaNaoLetivoData, ...]
    problemas: tuple[str, ...]


def _text(cell: Cell) -> str:
    return "" if cell is None else cell_text(cell)


def _tipo(cell: Cell) -> str:
    key = header_key(_text(cell))
    if not key or key.startswith("feriado"):
        return "feriado"
    return "recesso" if key.startswith("recesso") else "outro"


def _column(headers: list[str], names: set[str]) -> int | None:
    return next((i for i, h in enumerate(headers) if header_key(h) in names), None)


def ler_dias_nao_letivos(path: Path | str) -> DiasLidos:
    """The dias não letivos of the spreadsheet at ``path`` (see the module's docstring).

    Raises what :func:`~escola_gui.core.planilhas.read_table` raises for a file that cannot
    be read at all (another format, corrupt, empty, too big).
    """
    table = read_table(path)
    headers = list(table.headers)
    data_col, descricao_col, tipo_col = _column(headers, _DATA), _column(headers, _DESCRICAO), _column(headers, _TIPO)
    linhas: list[tuple[int, tuple[Cell, ...]]] = [(row.line, row.values) for row in table.rows]
    if data_col is None:  # no header: the first line is a day too
        data_col = 0
        descricao_col = 1 if descricao_col is None else descricao_col
        linhas.insert(0, (table.header_line, tuple(headers)))
    if descricao_col is None:
        descricao_col = next((i for i in range(len(headers)) if i not in (data_col, tipo_col)), 1)

    dias: dict[object, tuple[int, DiaNaoLetivoData]] = {}
    problemas: list[str] = []
    for linha, values in linhas:

        def cell(index: int | None) -> Cell:
            return values[index] if index is not None and index < len(values) else None  # noqa: B023

        texto = _text(cell(data_col)).strip()
        descricao = " ".join(_text(cell(descricao_col)).split())
        if not texto and not descricao:
            continue  # a blank line
        try:
            quando = parse_date(cell(data_col))
        except DataInexistenteError:
            problemas.append(LINHA_DATA_INEXISTENTE.format(linha=linha, texto=texto))
            continue
        except ValueError:
            problemas.append(LINHA_DATA_ILEGIVEL.format(linha=linha, texto=texto))
            continue
        assert quando is not None
        data = format_data(quando)
        if not descricao:
            problemas.append(LINHA_SEM_DESCRICAO.format(linha=linha, data=data))
        elif len(descricao) > DESCRICAO_MAX:
            problemas.append(LINHA_DESCRICAO_LONGA.format(linha=linha, data=data))
        elif quando in dias:
            problemas.append(LINHA_REPETIDA.format(linha=linha, data=data, antes=dias[quando][0]))
        else:
            dias[quando] = (linha, DiaNaoLetivoData(quando, descricao, _tipo(cell(tipo_col))))
    return DiasLidos(tuple(sorted((d for _l, d in dias.values()), key=lambda d: d.data)), tuple(problemas))
