"""One cell of the file → the value to check: CPF and CEP that lost their leading zeros, dates
as offices write them, Sim/Não, sexo, cor/raça, parentesco, UF, several phones or e-mails in
one cell. A cell holds text, a number, a bool or a date (see :data:`~escola_gui.core.planilhas.Cell`)."""

from __future__ import annotations

import re
from datetime import date

from escola_gui.core import validation as v
from escola_gui.core.db import normalize_text
from escola_gui.core.importacao.fields import COR_RACA_LABELS
from escola_gui.core.importacao.headers import header_key
from escola_gui.core.planilhas import Cell


def cell_text(cell: Cell) -> str:
    if isinstance(cell, bool):
        return "Sim" if cell else "Não"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    return str(cell).strip()


def _whole_number(cell: Cell) -> int | None:
    """A number cell holding a whole, non-negative number (Excel keeps documents as numbers)."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return cell if isinstance(cell, int) and cell >= 0 else None


def parse_cpf(cell: Cell) -> str:
    """The CPF text to validate. Excel drops leading zeros of a CPF typed as a number: an
    ``int`` cell is zero-padded to 11 digits, and so is a text of 9 or 10 digits when the
    padded number has valid check digits."""
    if (number := _whole_number(cell)) is not None:
        return f"{number:011d}"
    text = cell_text(cell)
    if text.isdigit() and 9 <= len(text) < 11 and v.is_valid_cpf(text.zfill(11)):
        return text.zfill(11)
    return text


def parse_cep(cell: Cell) -> str:
    """The CEP text to validate; a CEP that lost its leading zero (``1310100``) gets it back."""
    if (number := _whole_number(cell)) is not None and number < 10**8:
        return f"{number:08d}"
    text = cell_text(cell)
    return text.zfill(8) if text.isascii() and text.isdigit() and len(text) == 7 else text


_DMY_RE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")


def parse_date(cell: Cell) -> date | None:
    """dd/mm/aaaa, d/m/aaaa (also with ``-`` or ``.``), aaaa-mm-dd, or a date cell.

    Raises:
        ValueError: anything else, two-digit years included (the century is a guess).
    """
    if isinstance(cell, date):
        return cell
    if isinstance(cell, str):
        text = cell.strip()
        if match := _DMY_RE.fullmatch(text):
            day, month, year = (int(g) for g in match.groups())
            return _existing_date(year, month, day)
        if match := _ISO_RE.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
            return _existing_date(year, month, day)
    raise ValueError(f"not a date: {cell!r}")


class DataInexistenteError(ValueError):
    """A date written as a date should be, that the calendar does not have (31/02/2013)."""


def _existing_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DataInexistenteError(f"no such date: {day}/{month}/{year}") from exc


_LIST_SEPARATORS_RE = re.compile(r"[/;,\n]")


def parse_telefones(cell: Cell) -> tuple[str, ...]:
    """Several phones in one cell, separated by ``/``, ``;``, ``,`` or line breaks."""
    return v.normalize_telefones(_LIST_SEPARATORS_RE.split(cell_text(cell)))


def parse_emails(cell: Cell) -> tuple[str, ...]:
    """Several e-mails in one cell, separated as the phones are; trimmed and lowercased,
    without blanks or repeats (checked once the aluno is known, like the main e-mail)."""
    emails: list[str] = []
    for part in _LIST_SEPARATORS_RE.split(cell_text(cell)):
        email = v.normalize_email(part)
        if email and email not in emails:
            emails.append(email)
    return tuple(emails)


TRUE_WORDS = frozenset({"sim", "s", "1", "ativo", "ativa", "verdadeiro", "true", "x"})
FALSE_WORDS = frozenset({"nao", "n", "0", "inativo", "inativa", "falso", "false"})


def parse_ativo(cell: Cell) -> bool:
    """Sim/Não, S/N, 1/0, Ativo/Inativo (accents and case ignored).

    Raises:
        ValueError: any other value.
    """
    if isinstance(cell, bool):
        return cell
    word = normalize_text(cell_text(cell))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"not a yes/no: {cell!r}")


_SEXO_WORDS = {"f": "F", "fem": "F", "feminino": "F", "m": "M", "masc": "M", "masculino": "M"}


def parse_sexo(cell: Cell) -> str:
    """F, M, Feminino, Masculino (accents and case ignored) → ``"F"`` or ``"M"``.

    Raises:
        ValueError: any other value.
    """
    try:
        return _SEXO_WORDS[header_key(cell_text(cell))]
    except KeyError:
        raise ValueError(f"not a sexo: {cell!r}") from None


_COR_RACA_WORDS = {
    **{header_key(label): code for code, label in COR_RACA_LABELS.items()},
    **{header_key(code): code for code in COR_RACA_LABELS},
    "branco": "branca",
    "preto": "preta",
    "pardo": "parda",
    "amarelo": "amarela",
    "naodeclarado": "nao_declarada",
    # "Não informada" is the empty choice of the aluno form.
    "naoinformada": None,
    "naoinformado": None,
}


def parse_cor_raca(cell: Cell) -> str | None:
    """The census label (Branca, Preta, Parda, Amarela, Indígena, Não declarada) → its code.

    Accents, case and the masculine form are ignored; "Não informada" is ``None``.

    Raises:
        ValueError: any other value.
    """
    try:
        return _COR_RACA_WORDS[header_key(cell_text(cell))]
    except KeyError:
        raise ValueError(f"not a cor/raça: {cell!r}") from None


_PARENTESCO_WORDS = {
    "mae": "mae",
    "pai": "pai",
    "avo": "avo",
    "avos": "avo",
    "tio": "tio",
    "tia": "tio",
    "irmao": "irmao",
    "irma": "irmao",
    "outro": "outro",
    "outra": "outro",
    "outros": "outro",
    "padrasto": "outro",
    "madrasta": "outro",
    "padrinho": "outro",
    "madrinha": "outro",
    "tutor": "outro",
    "tutora": "outro",
    "guardiao": "outro",
    "guardia": "outro",
    "responsavel": "outro",
    "bisavo": "outro",
    "primo": "outro",
    "prima": "outro",
}


def parse_parentesco(cell: Cell) -> str:
    """Mãe, Pai, Avó/Avô, Tio/Tia, Irmão/Irmã, Outro (and padrasto, madrinha, tutor...) → a
    code of models.PARENTESCOS. The first word decides: "Avó materna" is avo.

    Raises:
        ValueError: any other value.
    """
    words = re.findall(r"[a-z]+", normalize_text(cell_text(cell)))
    code = _PARENTESCO_WORDS.get(words[0]) if words else None
    if code is None:
        raise ValueError(f"not a parentesco: {cell!r}")
    return code


_UF_BY_NAME = {
    header_key(name): uf
    for name, uf in (
        ("Acre", "AC"),
        ("Alagoas", "AL"),
        ("Amazonas", "AM"),
        ("Amapá", "AP"),
        ("Bahia", "BA"),
        ("Ceará", "CE"),
        ("Distrito Federal", "DF"),
        ("Espírito Santo", "ES"),
        ("Goiás", "GO"),
        ("Maranhão", "MA"),
        ("Minas Gerais", "MG"),
        ("Mato Grosso do Sul", "MS"),
        ("Mato Grosso", "MT"),
        ("Pará", "PA"),
        ("Paraíba", "PB"),
        ("Pernambuco", "PE"),
        ("Piauí", "PI"),
        ("Paraná", "PR"),
        ("Rio de Janeiro", "RJ"),
        ("Rio Grande do Norte", "RN"),
        ("Rondônia", "RO"),
        ("Roraima", "RR"),
        ("Rio Grande do Sul", "RS"),
        ("Santa Catarina", "SC"),
        ("Sergipe", "SE"),
        ("São Paulo", "SP"),
        ("Tocantins", "TO"),
    )
}


def parse_uf(cell: Cell) -> str:
    """The UF to validate: ``"sp"`` → ``"SP"``; a state's name ("São Paulo") → its UF."""
    text = cell_text(cell)
    return _UF_BY_NAME.get(header_key(text), text.upper())
