"""Importing alunos and their responsáveis from the spreadsheets offices receive, and exporting them.

The flow is preview, then apply: :func:`preview` reads nothing but the database and says
what each line of the file would do (insert, update, nothing) or why it cannot be imported;
:func:`apply` writes that plan in one transaction, all or nothing, responsáveis included.

Matching a line to an aluno already registered:

1. by RA, the school's registration number: exactly as typed, or, for an all-digit RA that
   Excel turned into a number, by its digits without the leading zeros;
2. by CPF. A line whose RA and CPF belong to two different alunos is refused (the CPF is
   then "in use by another aluno");
3. a line with neither matching an aluno matches an aluno **without CPF** whose nome
   (ignoring accents, case and extra spaces) and data de nascimento are the same, when there
   is exactly one. This is what lets an exported list be completed in Excel and imported back;
4. otherwise the line is a new aluno (its RA is the file's, or a generated one).

Updating: the file is the truth for the cells it fills. A blank cell, or a column the file
does not have, keeps the stored value (a blank Ativo means Sim for a new aluno). A filled
Telefone cell replaces the aluno's phones, and a filled Outros e-mails cell its e-mails
besides the main one (several in a cell, separated as the phones by ``/``, ``;`` or ``,``).
The merged aluno is checked by :meth:`AlunoService.validate`, the aluno form's own check, so
that an imported aluno is never one the form would refuse; the values the line does not fill
are not checked again (a value kept from an old file stays, as in the form).

Responsáveis: the columns of the mãe (Nome da mãe, CPF da mãe, Telefone da mãe), of the pai,
and of one more responsável (Nome/CPF/Telefone/Parentesco do responsável), and Responsável
legal ("Mãe", "Pai", "Responsável" or a name). A responsável is the registered one with that
CPF; without a CPF, the one of this aluno with the same nome (ignoring accents and case);
otherwise a new one, shared by every line that gives the same new CPF (siblings). Phones are
added to the ones the responsável has, never removed; a nome that differs from the one
registered for that CPF replaces it. The link gets the parentesco (mãe, pai, or the
Parentesco cell, else "outro") and, when Responsável legal is filled, the legal flag, which
an aluno has for one responsável only. A blank cell keeps what is stored; the import never
unlinks or deletes a responsável.

Messages are Portuguese constants marked for translation (context ``"validation"``); the
column a problem is about and the value read (or the other lines) are kept apart in
``column`` and ``detail``.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, bindparam, delete, func, insert, select, update
from sqlalchemy import Table as Table_
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from escola_gui.core import auditoria
from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.alunos import ALUNO_COLUMNS as _ALUNO_ROW_FIELDS  # what new_aluno() copies
from escola_gui.core.alunos import (
    CONTATO_FIELDS,
    UNIQUE_ALUNO_FIELDS,
    AlunoData,
    AlunoLookup,
    AlunoService,
    new_aluno,
    next_ra,
    replace_contatos,
)
from escola_gui.core.common import EMAIL, TELEFONE
from escola_gui.core.db import is_read_only_error
from escola_gui.core.errors import IMPORTING, QT_TRANSLATE_NOOP, DiskFullError, EscolaError
from escola_gui.core.errors import message as core_message
from escola_gui.core.models import (
    DERIVED_COLUMNS,
    PARENTESCOS,
    Aluno,
    AlunoResponsavel,
    Contato,
    ContatoResponsavel,
    Responsavel,
)
from escola_gui.core.planilhas import Cell, Table, write_beside, write_table
from escola_gui.core.responsaveis import ResponsavelData, ResponsavelService
from escola_gui.core.text import normalize_text

# --- fields and headers -----------------------------------------------------------------

ALUNO_FIELDS = (
    "nome",
    "nome_social",
    "email",
    "cpf",
    "data_nascimento",
    "telefones",
    "outros_emails",
    "ativo",
    "ra",
    "sexo",
    "cor_raca",
    "rg",
    "certidao_nascimento",
    "nis",
    "codigo_inep",
    "cep",
    "logradouro",
    "numero",
    "complemento",
    "bairro",
    "municipio",
    "uf",
)
"""The aluno's fields a column can hold, in the order changes are listed."""

PAPEIS = ("mae", "pai", "responsavel")
"""Whose columns: the mãe's, the pai's, or another responsável's."""

RESPONSAVEL_FIELDS = (
    "mae_nome",
    "mae_cpf",
    "mae_telefones",
    "pai_nome",
    "pai_cpf",
    "pai_telefones",
    "responsavel_nome",
    "responsavel_cpf",
    "responsavel_telefones",
    "responsavel_parentesco",
    "responsavel_legal",
)

FIELDS = ALUNO_FIELDS + RESPONSAVEL_FIELDS
"""Fields a column can be mapped to."""

FIELD_LABELS = {
    "nome": "Nome",
    "nome_social": "Nome social",
    "email": "E-mail",
    "cpf": "CPF",
    "data_nascimento": "Data de nascimento",
    "telefones": "Telefones",
    "outros_emails": "Outros e-mails",
    "ativo": "Ativo",
    "ra": "RA",
    "sexo": "Sexo",
    "cor_raca": "Cor/raça",
    "rg": "RG",
    "certidao_nascimento": "Certidão de nascimento",
    "nis": "NIS",
    "codigo_inep": "Código INEP",
    "cep": "CEP",
    "logradouro": "Logradouro",
    "numero": "Número",
    "complemento": "Complemento",
    "bairro": "Bairro",
    "municipio": "Município",
    "uf": "UF",
    "mae_nome": "Nome da mãe",
    "mae_cpf": "CPF da mãe",
    "mae_telefones": "Telefone da mãe",
    "pai_nome": "Nome do pai",
    "pai_cpf": "CPF do pai",
    "pai_telefones": "Telefone do pai",
    "responsavel_nome": "Nome do responsável",
    "responsavel_cpf": "CPF do responsável",
    "responsavel_telefones": "Telefone do responsável",
    "responsavel_parentesco": "Parentesco do responsável",
    "responsavel_legal": "Responsável legal",
}

EXPORT_FIELDS = (
    ("nome", "email", "cpf", "data_nascimento", "telefones", "ativo", "ra", "nome_social", "sexo", "cor_raca", "rg")
    + ("certidao_nascimento", "nis", "codigo_inep", "cep", "logradouro", "numero", "complemento", "bairro")
    + ("municipio", "uf", "outros_emails")
    + RESPONSAVEL_FIELDS
)
EXPORT_HEADERS = tuple(FIELD_LABELS[name] for name in EXPORT_FIELDS)
"""The columns of :func:`export_alunos`: the first six are those of the 1.0 export; the ones
added since go before the responsáveis' columns."""

# The census categories and parentescos as the office writes them (and the export does).
SEXO_LABELS = {"F": "Feminino", "M": "Masculino"}
COR_RACA_LABELS = {
    "nao_declarada": "Não declarada",
    "branca": "Branca",
    "preta": "Preta",
    "parda": "Parda",
    "amarela": "Amarela",
    "indigena": "Indígena",
}
PARENTESCO_LABELS = {
    "mae": "Mãe",
    "pai": "Pai",
    "avo": "Avó/Avô",
    "tio": "Tio/Tia",
    "irmao": "Irmão/Irmã",
    "outro": "Outro",
}


def _responsavel_aliases(papel: str, owners: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``"Nome da mãe"``, ``"CPF mãe"``, ``"Celular da mãe"``... for one papel."""
    phone_words = ("telefone", "telefones", "celular", "celulares", "fone", "tel", "whatsapp", "contato")
    return {
        f"{papel}_nome": tuple(f"nome{o}" for o in owners) + tuple(f"{o}nome" for o in owners),
        f"{papel}_cpf": tuple(f"cpf{o}" for o in owners),
        f"{papel}_telefones": tuple(f"{w}{o}" for w in phone_words for o in owners),
    }


_ALIASES: dict[str, tuple[str, ...]] = {
    "nome": ("nome", "nomecompleto", "nomedoaluno", "nomedaaluna", "nomealuno", "aluno", "aluna", "estudante"),
    "nome_social": ("nomesocial", "nomesocialdoaluno"),
    "email": ("email", "emaildoaluno", "correioeletronico"),
    "cpf": ("cpf", "cpfdoaluno", "cpfdaaluna", "cpfaluno"),
    "data_nascimento": (
        "datadenascimento",
        "datanascimento",
        "nascimento",
        "dtnasc",
        "dtnascimento",
        "dtdenascimento",
        "datanasc",
        "datadenasc",
    ),
    "telefones": ("telefone", "telefones", "celular", "celulares", "fone", "fones", "tel", "whatsapp"),
    "outros_emails": (
        "outrosemails",
        "outroemail",
        "outrosemail",
        "emailsextras",
        "emailsadicionais",
        "emailadicional",
        "emailsecundario",
        "emailalternativo",
    ),
    "ativo": ("ativo", "ativa", "situacao", "status"),
    "ra": ("ra", "rm", "registrodoaluno", "registroaluno", "numerodematricula", "numeromatricula", "nmatricula"),
    "sexo": ("sexo",),
    "cor_raca": ("corraca", "racacor", "raca", "cor", "cordapele"),
    "rg": ("rg", "identidade", "rgdoaluno", "carteiradeidentidade", "numerodorg"),
    "certidao_nascimento": (
        "certidao",
        "certidaodenascimento",
        "certidaonascimento",
        "matriculadacertidao",
        "matriculadacertidaodenascimento",
        "numerodacertidao",
    ),
    "nis": ("nis", "pis", "nispis", "pispasep", "nispispasep", "numerodonis"),
    "codigo_inep": ("inep", "codigoinep", "codigodoinep", "idinep", "inepdoaluno", "codigoinepdoaluno"),
    "cep": ("cep",),
    "logradouro": ("logradouro", "endereco", "rua", "enderecoresidencial"),
    "numero": ("numero", "n", "no", "num", "numerodaresidencia", "numerodacasa"),
    "complemento": ("complemento", "compl"),
    "bairro": ("bairro",),
    "municipio": ("municipio", "cidade", "municipioderesidencia"),
    "uf": ("uf", "estado"),
    **_responsavel_aliases("mae", ("damae", "mae")),
    **_responsavel_aliases("pai", ("dopai", "pai")),
    **_responsavel_aliases("responsavel", ("doresponsavel", "daresponsavel", "responsavel")),
    "responsavel_parentesco": (
        "parentesco",
        "parentescodoresponsavel",
        "parentescoresponsavel",
        "graudeparentesco",
        "grauparentesco",
    ),
    "responsavel_legal": ("responsavellegal", "nomedoresponsavellegal"),
}
_ALIASES["mae_nome"] += ("mae",)
_ALIASES["pai_nome"] += ("pai",)
_ALIASES["responsavel_nome"] += ("responsavel",)
_FIELD_BY_KEY = {key: name for name, keys in _ALIASES.items() for key in keys}
_MULTI_COLUMN_FIELDS = frozenset(
    {"telefones", "outros_emails", "mae_telefones", "pai_telefones", "responsavel_telefones"}
)


@lru_cache(maxsize=4096)  # (cells such as Sexo and Cor/raça repeat the same few words)
def header_key(header: str) -> str:
    """``"Data de Nascimento"``, ``"data_nascimento"``, ``"DT-NASC."`` → letters and digits, no accents."""
    return re.sub(r"[^0-9a-z]", "", normalize_text(header))


@dataclass(frozen=True)
class HeaderMap:
    """Which column holds which field.

    Attributes:
        columns: field → column indexes (0-based). One column per field, except the phones,
            whose columns (Telefone, Celular...) are read together, and the other e-mails.
        unmapped: headers of the columns that are not imported.
        ignored: headers recognized but not imported (none since every field is imported).
        problems: Portuguese messages; the file cannot be imported while there are any.
        headers: the file's headers, to name the column of a problem.
    """

    columns: dict[str, tuple[int, ...]]
    unmapped: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    _names: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    """column_name()'s answers (asked for every line of a file)."""

    def fields(self) -> dict[str, int]:
        """field → its (first) column index."""
        return {name: indexes[0] for name, indexes in self.columns.items()}

    def column_name(self, name: str) -> str:
        """The header(s) of the field's column as in the file, else the field's label."""
        if (found := self._names.get(name)) is not None:
            return found
        self._names[name] = self._column_name(name)
        return self._names[name]

    def _column_name(self, name: str) -> str:
        indexes = self.columns.get(name, ())
        headers = [self.headers[i] for i in indexes if i < len(self.headers) and self.headers[i]]
        return " / ".join(headers) if headers else FIELD_LABELS.get(name, name)


def map_headers(headers: Sequence[str], override: Mapping[str, str | None] | None = None) -> HeaderMap:
    """Map the file's headers to fields, ignoring accents, case, spaces, ``_``, ``-`` and dots.

    Args:
        override: the user's choice for some headers: header text (as in the file, or
            differing only as above) → a field of :data:`FIELDS`, or ``None`` to skip it.

    Raises:
        ValueError: ``override`` names a field that does not exist (a programming error).
    """
    override = dict(override or {})
    for target in override.values():
        if target is not None and target not in FIELDS:
            raise ValueError(f"unknown field {target!r}")
    override_by_key = {header_key(h): target for h, target in override.items()}
    found = {header_key(h) for h in headers} | set(headers)
    problems = [
        f"A coluna “{h}” do mapeamento não existe no arquivo."
        for h in override
        if h not in found and header_key(h) not in found
    ]
    columns: dict[str, list[int]] = defaultdict(list)
    unmapped: list[str] = []
    for index, header in enumerate(headers):
        if header in override:
            target = override[header]
        elif header_key(header) in override_by_key:
            target = override_by_key[header_key(header)]
        else:
            target = _FIELD_BY_KEY.get(header_key(header))
        if target is None:
            if header.strip():
                unmapped.append(header)
        else:
            columns[target].append(index)
    for name, indexes in columns.items():
        if len(indexes) > 1 and name not in _MULTI_COLUMN_FIELDS:
            names = " e ".join(f"“{headers[i]}”" for i in indexes)
            problems.append(
                f"As colunas {names} são todas de {FIELD_LABELS[name]}: escolha uma só no mapeamento de colunas."
            )
    if not columns:
        problems.append(
            "Nenhuma coluna foi reconhecida. A primeira linha deve ter os nomes das colunas: "
            "Nome, E-mail, CPF, Data de nascimento, Telefone, Ativo."
        )
    elif "nome" not in columns:
        problems.append("Falta a coluna Nome, obrigatória. Indique qual coluna traz o nome do aluno.")
    ordered = {name: tuple(columns[name]) for name in FIELDS if name in columns}
    return HeaderMap(ordered, tuple(unmapped), (), tuple(problems), tuple(headers))


# --- messages and errors ----------------------------------------------------------------

DATA_INVALIDA = QT_TRANSLATE_NOOP("validation", "Data de nascimento inválida. Use dd/mm/aaaa, como 04/03/2010.")
DATA_INEXISTENTE = QT_TRANSLATE_NOOP("validation", "Esta data de nascimento não existe no calendário.")
ATIVO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Valor inválido em Ativo. Use Sim ou Não (ou Ativo e Inativo).")
SEXO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Sexo inválido. Use F, M, Feminino ou Masculino.")
COR_RACA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "Cor/raça inválida. Use Branca, Preta, Parda, Amarela, Indígena ou Não declarada."
)
PARENTESCO_INVALIDO = QT_TRANSLATE_NOOP(
    "validation", "Parentesco inválido. Use Mãe, Pai, Avó, Avô, Tio, Tia, Irmão, Irmã ou Outro."
)
CPF_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP("validation", "Este CPF aparece em mais de uma linha do arquivo.")
EMAIL_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP("validation", "Este e-mail aparece em mais de uma linha do arquivo.")
DOCUMENTO_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP("validation", "Este número aparece em mais de uma linha do arquivo.")
ALUNO_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP(
    "validation", "Este aluno (mesmo nome e data de nascimento, sem CPF) aparece em mais de uma linha do arquivo."
)
MESMO_ALUNO_EM_VARIAS_LINHAS = QT_TRANSLATE_NOOP(
    "validation", "Mais de uma linha do arquivo corresponde ao mesmo aluno cadastrado."
)
ALUNO_AMBIGUO = QT_TRANSLATE_NOOP(
    "validation",
    "Há mais de um aluno cadastrado sem CPF com este nome e esta data de nascimento. Informe o CPF na planilha.",
)
RESPONSAVEL_SEM_NOME = QT_TRANSLATE_NOOP(
    "validation", "Informe o nome do responsável: a linha traz o CPF ou o telefone, mas não o nome."
)
RESPONSAVEL_CPF_COM_OUTRO_NOME = QT_TRANSLATE_NOOP(
    "validation", "Este CPF de responsável aparece com outro nome no arquivo."
)
RESPONSAVEL_LEGAL_DESCONHECIDO = QT_TRANSLATE_NOOP(
    "validation",
    "Responsável legal não reconhecido. Escreva Mãe, Pai, Responsável ou o nome de um dos responsáveis da linha.",
)
RESPONSAVEL_LEGAL_SEM_NOME = QT_TRANSLATE_NOOP("validation", "A linha não traz o nome do responsável legal indicado.")


class ImportacaoError(EscolaError):
    """An import that cannot go on; nothing was written."""


class MapeamentoInvalidoError(ImportacaoError):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = tuple(problems)


class ImportacaoRecusadaError(ImportacaoError):
    def __init__(self, bad_rows: int) -> None:
        if bad_rows == 1:
            template = QT_TRANSLATE_NOOP(
                "core",
                "A importação não foi feita: 1 linha tem problemas. Corrija o arquivo e tente de novo. Nada foi "
                "alterado.",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "core",
                "A importação não foi feita: {count} linhas têm problemas. Corrija o arquivo e tente de novo. Nada "
                "foi alterado.",
            )
        super().__init__(core_message(template, count=bad_rows))
        self.bad_rows = bad_rows


class ImportacaoSomenteLeituraError(ImportacaoError):
    def __init__(self, reason: str = "") -> None:
        template = (
            QT_TRANSLATE_NOOP(
                "core",
                "A importação não foi feita: o arquivo de dados não pode ser gravado ({reason}). Nada foi alterado.",
            )
            if reason
            else QT_TRANSLATE_NOOP(
                "core", "A importação não foi feita: o arquivo de dados está somente para leitura. Nada foi alterado."
            )
        )
        super().__init__(core_message(template, reason=reason) if reason else core_message(template))


class ImportacaoCanceladaError(ImportacaoError):
    def __init__(self) -> None:
        super().__init__(core_message(QT_TRANSLATE_NOOP("core", "A importação foi cancelada. Nada foi alterado.")))


class ImportacaoDesatualizadaError(ImportacaoError):
    def __init__(self) -> None:
        super().__init__(
            core_message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Os alunos ou os responsáveis cadastrados mudaram desde a conferência do arquivo. Confira o "
                    "arquivo de novo antes de importar. Nada foi alterado.",
                )
            )
        )


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    """A constant of this module or of :mod:`~escola_gui.core.validation` (translatable)."""
    detail: str = ""
    """The value read, or the other lines: shown after the message."""
    column: str = ""
    """The column of the file (its header) the problem is in; empty for the line as a whole."""

    @property
    def text(self) -> str:
        text = f"{self.message} ({self.detail})" if self.detail else self.message
        return f"{self.column}: {text}" if self.column else text


@dataclass(frozen=True)
class BadRow:
    line: int
    problems: tuple[Problem, ...]
    nome: str = ""
    """The aluno's nome as the line gives it (maybe blank): the secretary finds a line by it."""

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.problems)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class ResponsavelAction:
    """What a line does with one responsável of its aluno.

    ``key`` names the person within the import: lines with the same key are the same person
    (a new responsável shared by siblings is created once).
    """

    papel: str
    """Whose columns: ``"mae"``, ``"pai"`` or ``"responsavel"``."""
    key: str
    data: ResponsavelData
    """The person after the import: normalized, the stored values with the file's over them."""
    responsavel_id: int | None
    """The registered responsável, or None for a new one."""
    parentesco: str
    legal: bool
    """The link's responsável legal flag after the import."""
    new_link: bool
    responsavel_changes: tuple[FieldChange, ...] = ()
    """Changes to a registered responsável: nome, cpf, telefones."""
    link_changes: tuple[FieldChange, ...] = ()
    """Changes to a registered link: parentesco, responsavel_legal."""

    @property
    def new_responsavel(self) -> bool:
        return self.responsavel_id is None

    @property
    def changed(self) -> bool:
        return self.new_responsavel or self.new_link or bool(self.responsavel_changes or self.link_changes)


@dataclass(frozen=True)
class Conflict:
    """A line that matches a registered aluno whose identifying fields say otherwise: maybe
    another child. Applied only when the user confirms that line."""

    matched_by: str
    """``"ra"``, ``"cpf"`` or ``"nome"`` (nome and data de nascimento)."""
    differences: tuple[FieldChange, ...]
    """The identifying fields that differ: ``before`` registered, ``after`` in the file.
    Fields: nome, data_nascimento, cpf, mae_nome, mae_cpf."""


CONFLITO_TEXTO = {
    "ra": "o RA é o de um aluno cadastrado",
    "cpf": "o CPF é o de um aluno cadastrado",
    "nome": "nome e data de nascimento são os de um aluno cadastrado sem CPF",
}
"""Why a conflicting line matched a registered aluno (Portuguese, for the command line)."""


@dataclass(frozen=True)
class RowAction:
    """A good line: the aluno it becomes (``aluno_id`` None) or updates, what changes, and its responsáveis."""

    line: int
    data: AlunoData
    """Normalized; for an update, the stored values with the file's filled cells over them."""
    aluno_id: int | None = None
    changes: tuple[FieldChange, ...] = ()
    responsaveis: tuple[ResponsavelAction, ...] = ()
    legal_removed: tuple[tuple[int, str], ...] = ()
    """(id, nome) of the aluno's registered responsáveis that stop being the responsável legal."""
    conflict: Conflict | None = None
    """Set for an update whose identifying fields disagree with the registered aluno."""

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.legal_removed) or any(r.changed for r in self.responsaveis)


@dataclass(frozen=True)
class _Slot:
    """The mãe, the pai or the other responsável of a line, as parsed (several when the same person)."""

    papeis: tuple[str, ...]
    nome: str | None
    cpf: str | None
    telefones: tuple[str, ...]
    parentesco: str | None
    """The mãe's and the pai's are fixed; the other one's comes from its Parentesco cell, if filled."""
    legal: bool
    columns: tuple[tuple[str, str], ...]
    """(nome|cpf|telefones, the column's header), to name the column of a problem."""

    def column(self, name: str) -> str:
        return dict(self.columns).get(name, "")

    def field(self, name: str) -> str:
        return f"{self.papeis[0]}_{name}"


@dataclass(frozen=True)
class _Candidate:
    """A line as parsed: the normalized values of its filled cells and its parse problems."""

    line: int
    values: dict[str, object]
    raw: dict[str, str]
    problems: tuple[Problem, ...]
    slots: tuple[_Slot, ...] = ()
    legal_given: bool = False
    """Responsável legal was filled: the line says who is (and so who is not) the legal one."""


@dataclass(frozen=True)
class ImportPreview:
    path: Path
    header_map: HeaderMap
    inserts: tuple[RowAction, ...]
    updates: tuple[RowAction, ...]
    unchanged: tuple[RowAction, ...]
    bad_rows: tuple[BadRow, ...]
    today: date
    _candidates: tuple[_Candidate, ...] = field(repr=False, default=())
    _snapshot: _Snapshot | None = field(repr=False, compare=False, default=None)
    """The database as the preview read it: apply() plans again only if it changed."""
    conflicts: tuple[RowAction, ...] = ()
    """Updates whose identifying fields disagree (see :class:`Conflict`): written only for the
    lines the user confirms (``apply(confirmed=...)``); the others are left out."""
    set_aside: tuple[BadRow, ...] = ()
    """A plan of the valid lines only (:func:`valid_lines`): the lines left out, with their reasons."""

    @property
    def can_apply(self) -> bool:
        return not self.bad_rows

    def _responsavel_actions(self) -> Iterable[ResponsavelAction]:
        return (r for action in self.inserts + self.updates for r in action.responsaveis)

    def confirming(self, lines: Iterable[int]) -> ImportPreview:
        """This plan with the conflicts of ``lines`` as updates and the other conflicts left out."""
        chosen = set(lines)
        updates = sorted(self.updates + tuple(a for a in self.conflicts if a.line in chosen), key=lambda a: a.line)
        return replace(self, updates=tuple(updates), conflicts=())

    @property
    def responsaveis_novos(self) -> int:
        """How many responsáveis the import creates (one shared by siblings counts once)."""
        return len({r.key for r in self._responsavel_actions() if r.new_responsavel})

    @property
    def responsaveis_atualizados(self) -> int:
        """How many registered responsáveis change (nome, CPF or a new phone)."""
        return len({r.responsavel_id for r in self._responsavel_actions() if r.responsavel_changes})

    @property
    def vinculos_novos(self) -> int:
        """How many links between an aluno and a responsável the import creates."""
        return sum(r.new_link for r in self._responsavel_actions())

    @property
    def vinculos_alterados(self) -> int:
        """How many registered links change (parentesco, responsável legal)."""
        removed = sum(len(action.legal_removed) for action in self.inserts + self.updates)
        return removed + sum(bool(r.link_changes) for r in self._responsavel_actions())


@dataclass(frozen=True)
class ImportResult:
    inserted: int
    updated: int
    unchanged: int
    inserted_ids: tuple[int, ...] = ()
    responsaveis_novos: int = 0
    responsaveis_atualizados: int = 0
    vinculos_novos: int = 0
    vinculos_alterados: int = 0
    conflicts_skipped: int = 0
    """Conflicting lines the user did not confirm: left out."""
    set_aside: int = 0
    """Lines with problems left out (an import of the valid lines only)."""


# --- parsing cells ----------------------------------------------------------------------


def _is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _cell_text(cell: Cell) -> str:
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
    text = _cell_text(cell)
    if text.isdigit() and 9 <= len(text) < 11 and v.is_valid_cpf(text.zfill(11)):
        return text.zfill(11)
    return text


def parse_cep(cell: Cell) -> str:
    """The CEP text to validate; a CEP that lost its leading zero (``1310100``) gets it back."""
    if (number := _whole_number(cell)) is not None and number < 10**8:
        return f"{number:08d}"
    text = _cell_text(cell)
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
    return v.normalize_telefones(_LIST_SEPARATORS_RE.split(_cell_text(cell)))


def parse_emails(cell: Cell) -> tuple[str, ...]:
    """Several e-mails in one cell, separated as the phones are; trimmed and lowercased,
    without blanks or repeats (checked once the aluno is known, like the main e-mail)."""
    emails: list[str] = []
    for part in _LIST_SEPARATORS_RE.split(_cell_text(cell)):
        email = v.normalize_email(part)
        if email and email not in emails:
            emails.append(email)
    return tuple(emails)


_TRUE_WORDS = frozenset({"sim", "s", "1", "ativo", "ativa", "verdadeiro", "true", "x"})
_FALSE_WORDS = frozenset({"nao", "n", "0", "inativo", "inativa", "falso", "false"})


def parse_ativo(cell: Cell) -> bool:
    """Sim/Não, S/N, 1/0, Ativo/Inativo (accents and case ignored).

    Raises:
        ValueError: any other value.
    """
    if isinstance(cell, bool):
        return cell
    word = normalize_text(_cell_text(cell))
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ValueError(f"not a yes/no: {cell!r}")


_SEXO_WORDS = {"f": "F", "fem": "F", "feminino": "F", "m": "M", "masc": "M", "masculino": "M"}


def parse_sexo(cell: Cell) -> str:
    """F, M, Feminino, Masculino (accents and case ignored) → ``"F"`` or ``"M"``.

    Raises:
        ValueError: any other value.
    """
    try:
        return _SEXO_WORDS[header_key(_cell_text(cell))]
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
        return _COR_RACA_WORDS[header_key(_cell_text(cell))]
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
    words = re.findall(r"[a-z]+", normalize_text(_cell_text(cell)))
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
    text = _cell_text(cell)
    return _UF_BY_NAME.get(header_key(text), text.upper())


_LEGAL_WORDS = {
    "mae": "mae",
    "amae": "mae",
    "pai": "pai",
    "opai": "pai",
    "responsavel": "responsavel",
    "oresponsavel": "responsavel",
    "aresponsavel": "responsavel",
}

# Aluno fields whose cell is kept as text, checked by the aluno form's validation.
_TEXT_FIELDS = (
    "nome_social",
    "ra",
    "rg",
    "certidao_nascimento",
    "nis",
    "codigo_inep",
    "logradouro",
    "numero",
    "complemento",
    "bairro",
    "municipio",
)


def _parse_row(line: int, values: Sequence[Cell], header_map: HeaderMap) -> _Candidate:
    # (_is_blank inlined: this runs for every cell of the file)
    cells: dict[str, list[Cell]] = {
        name: [
            c for c in map(values.__getitem__, indexes) if c is not None and not (isinstance(c, str) and not c.strip())
        ]
        for name, indexes in header_map.columns.items()
    }
    parsed: dict[str, object] = {}
    raw: dict[str, str] = {}
    problems: list[Problem] = []

    def problem(name: str, message: str, detail: str = "") -> None:
        problems.append(Problem(name, message, detail, header_map.column_name(name)))

    nome = cells.get("nome", [])
    raw["nome"] = _cell_text(nome[0]) if nome else ""
    if message := v.validate_nome(raw["nome"]):
        problem("nome", message, raw["nome"] if nome else "")
    else:
        parsed["nome"] = v.normalize_nome(raw["nome"])

    for name in _TEXT_FIELDS:
        if found := cells.get(name):
            raw[name] = parsed[name] = _cell_text(found[0])

    if email := cells.get("email"):
        raw["email"] = _cell_text(email[0])
        parsed["email"] = v.normalize_email(raw["email"])  # validated once the aluno is known

    if cpf := cells.get("cpf"):
        raw["cpf"] = parse_cpf(cpf[0])
        if message := v.validate_cpf(raw["cpf"]):
            problem("cpf", message, _cell_text(cpf[0]))
        else:
            parsed["cpf"] = v.normalize_cpf(raw["cpf"])

    if nascimento := cells.get("data_nascimento"):
        raw["data_nascimento"] = _cell_text(nascimento[0])
        try:
            parsed["data_nascimento"] = parse_date(nascimento[0])
        except DataInexistenteError:
            problem("data_nascimento", DATA_INEXISTENTE, raw["data_nascimento"])
        except ValueError:
            problem("data_nascimento", DATA_INVALIDA, raw["data_nascimento"])

    if telefones := cells.get("telefones"):
        phones: list[str] = []
        for cell in telefones:
            phones.extend(parse_telefones(cell))
        parsed["telefones"] = v.normalize_telefones(phones)
        raw["telefones"] = " / ".join(_cell_text(c) for c in telefones)

    if emails := cells.get("outros_emails"):
        parsed["outros_emails"] = tuple(dict.fromkeys(e for cell in emails for e in parse_emails(cell)))
        raw["outros_emails"] = " / ".join(_cell_text(c) for c in emails)

    if ativo := cells.get("ativo"):
        raw["ativo"] = _cell_text(ativo[0])
        try:
            parsed["ativo"] = parse_ativo(ativo[0])
        except ValueError:
            problem("ativo", ATIVO_INVALIDO, raw["ativo"])

    for name, parse, message in (("sexo", parse_sexo, SEXO_INVALIDO), ("cor_raca", parse_cor_raca, COR_RACA_INVALIDA)):
        if found := cells.get(name):
            raw[name] = _cell_text(found[0])
            try:
                parsed[name] = parse(found[0])
            except ValueError:
                problem(name, message, raw[name])

    if cep := cells.get("cep"):
        raw["cep"] = _cell_text(cep[0])
        parsed["cep"] = parse_cep(cep[0])
    if uf := cells.get("uf"):
        raw["uf"] = _cell_text(uf[0])
        parsed["uf"] = parse_uf(uf[0])

    slots, legal_given = _parse_responsaveis(cells, header_map, problem)
    return _Candidate(line, parsed, raw, tuple(problems), slots, legal_given)


_Report = Callable[..., None]


def _parse_responsaveis(
    cells: Mapping[str, list[Cell]], header_map: HeaderMap, problem: _Report
) -> tuple[tuple[_Slot, ...], bool]:
    """The line's mãe, pai and other responsável (merged when the same person) and whether
    Responsável legal was filled."""
    found: dict[str, dict[str, object]] = {}
    for papel in PAPEIS:
        slot: dict[str, object] = {"nome": None, "cpf": None, "telefones": (), "columns": {}}
        for name in ("nome", "cpf", "telefones"):
            if f"{papel}_{name}" in header_map.columns:
                slot["columns"][name] = header_map.column_name(f"{papel}_{name}")  # type: ignore[index]
        if nome := cells.get(f"{papel}_nome"):
            text = _cell_text(nome[0])
            if message := v.validate_nome(text):
                problem(f"{papel}_nome", message, text)
            else:
                slot["nome"] = v.normalize_nome(text)
        if cpf := cells.get(f"{papel}_cpf"):
            text = parse_cpf(cpf[0])
            if message := v.validate_cpf(text):
                problem(f"{papel}_cpf", message, _cell_text(cpf[0]))
            else:
                slot["cpf"] = v.normalize_cpf(text)
        if telefones := cells.get(f"{papel}_telefones"):
            phones = v.normalize_telefones([p for cell in telefones for p in parse_telefones(cell)])
            if message := v.validate_telefones(phones):
                problem(f"{papel}_telefones", message, " / ".join(_cell_text(c) for c in telefones))
            else:
                slot["telefones"] = phones
        slot["parentesco"] = papel if papel in PARENTESCOS else None
        if papel == "responsavel" and (parentesco := cells.get("responsavel_parentesco")):
            try:
                slot["parentesco"] = parse_parentesco(parentesco[0])
            except ValueError:
                problem("responsavel_parentesco", PARENTESCO_INVALIDO, _cell_text(parentesco[0]))
        if cells.get(f"{papel}_nome") or cells.get(f"{papel}_cpf") or cells.get(f"{papel}_telefones"):
            found[papel] = slot

    legal: str | None = None
    legal_cells = cells.get("responsavel_legal")
    if legal_cells:
        text = _cell_text(legal_cells[0])
        key = header_key(text)
        if key in _LEGAL_WORDS:
            legal = _LEGAL_WORDS[key]
        elif normalize_text(text) in _TRUE_WORDS:
            legal = "responsavel"
        elif normalize_text(text) in _FALSE_WORDS:
            legal_cells = []  # "Não": says nothing about who is
        else:
            nome = v.normalize_nome(text)
            same = [p for p, s in found.items() if s["nome"] and normalize_text(str(s["nome"])) == normalize_text(nome)]
            if same:
                legal = same[0]
            elif "responsavel" not in found and not v.validate_nome(nome):
                # A name alone: the responsável legal is someone the other columns do not name.
                parentesco: str | None = None
                with contextlib.suppress(ValueError, IndexError):  # a bad one is reported above
                    parentesco = parse_parentesco(cells.get("responsavel_parentesco", [])[0])
                found["responsavel"] = {
                    "nome": nome,
                    "cpf": None,
                    "telefones": (),
                    "columns": {"nome": header_map.column_name("responsavel_legal")},
                    "parentesco": parentesco,
                }
                legal = "responsavel"
            else:
                problem("responsavel_legal", RESPONSAVEL_LEGAL_DESCONHECIDO, text)
                legal_cells = []
        if legal in ("mae", "pai") and legal not in found:
            # "Mãe" when the other responsável's Parentesco says mãe.
            other = found.get("responsavel")
            if other is not None and other["parentesco"] == legal:
                legal = "responsavel"
        if legal is not None and legal not in found:
            problem("responsavel_legal", RESPONSAVEL_LEGAL_SEM_NOME, text)
            legal, legal_cells = None, []

    slots = [
        _Slot(
            (papel,),
            s["nome"],  # type: ignore[arg-type]
            s["cpf"],  # type: ignore[arg-type]
            s["telefones"],  # type: ignore[arg-type]
            s["parentesco"],  # type: ignore[arg-type]
            papel == legal,
            tuple(s["columns"].items()),  # type: ignore[attr-defined]
        )
        for papel, s in found.items()
    ]
    return _merge_slots(slots, problem), bool(legal_cells)


def _same_person(a: _Slot, b: _Slot) -> bool:
    if a.cpf and b.cpf:
        return a.cpf == b.cpf
    return bool(a.nome and b.nome and normalize_text(a.nome) == normalize_text(b.nome))


def _merge_slots(slots: Sequence[_Slot], problem: _Report) -> tuple[_Slot, ...]:
    """One slot per person: "Nome do responsável" is often the mãe again."""
    merged: list[_Slot] = []
    for slot in slots:
        twin = next((m for m in merged if _same_person(m, slot)), None)
        if twin is None:
            merged.append(slot)
            continue
        if twin.nome and slot.nome and normalize_text(twin.nome) != normalize_text(slot.nome):
            problem(slot.field("cpf"), RESPONSAVEL_CPF_COM_OUTRO_NOME, v.format_cpf(slot.cpf))
            continue
        merged[merged.index(twin)] = _Slot(
            twin.papeis + slot.papeis,
            twin.nome or slot.nome,
            twin.cpf or slot.cpf,
            _add_phones(twin.telefones, slot.telefones),
            twin.parentesco or slot.parentesco,
            twin.legal or slot.legal,
            twin.columns + tuple(c for c in slot.columns if c[0] not in dict(twin.columns)),
        )
    return tuple(merged)


def _digits(text: str) -> str:
    return "".join(filter(str.isdigit, text))


def _add_phones(stored: Sequence[str], new: Iterable[str]) -> tuple[str, ...]:
    """``stored`` and then each of ``new`` whose digits are not there yet."""
    result = list(stored)
    seen = {_digits(p) for p in result}
    for phone in new:
        if _digits(phone) not in seen:
            result.append(phone)
            seen.add(_digits(phone))
    return tuple(result)


@dataclass
class _Ref:
    """A responsável of a line and who they turn out to be (see ``_Planner.resolve``)."""

    line: int
    slot: _Slot
    key: str
    """``"id:7"`` for a registered responsável; ``"cpf:..."`` or ``"linha:3:mae"`` for a new one."""
    responsavel_id: int | None
    by_cpf: bool
    """Found by its CPF: then the line's nome, if it differs, is a new nome for them."""


_Person = tuple[ResponsavelData, int | None, tuple[FieldChange, ...]]
"""A person after the import, their registered id (None: new), and what changes for them."""


# --- the database as the import sees it -------------------------------------------------


def _identity(nome: str, born: date | None) -> tuple[str, date | None]:
    return normalize_text(v.normalize_nome(nome)), born


def _ra_number(ra: str) -> str | None:
    """An all-digit RA without its leading zeros, which Excel drops."""
    return ra.lstrip("0") or "0" if ra.isascii() and ra.isdigit() else None


# The AlunoData fields that are columns of Aluno with the same name (as services._copy_fields).
_ALUNO_COLUMNS = tuple(
    f.name for f in fields(AlunoData) if f.name not in ("ra", "ativo", *(name for _tipo, name in CONTATO_FIELDS))
)


@dataclass
class _Snapshot:
    alunos: dict[int, AlunoData]
    by_cpf: dict[str, int]
    by_ra: dict[str, int]
    by_ra_number: dict[str, list[int]]
    without_cpf: dict[tuple[str, date | None], list[int]]
    responsaveis: dict[int, ResponsavelData]
    responsavel_by_cpf: dict[str, int]
    links: dict[int, dict[int, tuple[str, bool]]]
    """aluno id → responsável id → (parentesco, legal)."""
    alunos_of: dict[int | None, list[int]]
    """responsável id → the ids of its alunos."""
    responsavel_cpf_holders: dict[str, list[int]] = field(default_factory=dict)
    """CPF as stored → the ids of the responsáveis with it (see ResponsavelService.validate)."""

    @classmethod
    def load(cls, session: Session) -> _Snapshot:
        aluno_contatos: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for aluno_id, tipo, valor in session.execute(
            select(Contato.aluno_id, Contato.tipo, Contato.valor).order_by(Contato.id)
        ):
            aluno_contatos[aluno_id][tipo].append(valor)
        alunos: dict[int, AlunoData] = {}
        for a in session.scalars(select(Aluno).order_by(Aluno.id)):
            alunos[a.id] = AlunoData(
                **{name: getattr(a, name) for name in _ALUNO_COLUMNS},
                ativo=bool(a.ativo),
                **{name: tuple(aluno_contatos[a.id][tipo]) for tipo, name in CONTATO_FIELDS},
                ra=a.ra,
            )
        without_cpf: dict[tuple[str, date | None], list[int]] = defaultdict(list)
        by_ra_number: dict[str, list[int]] = defaultdict(list)
        for aluno_id, data in alunos.items():
            if not data.cpf:
                without_cpf[_identity(data.nome, data.data_nascimento)].append(aluno_id)
            if data.ra and (number := _ra_number(data.ra)) is not None:
                by_ra_number[number].append(aluno_id)

        contatos: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for responsavel_id, tipo, valor in session.execute(
            select(ContatoResponsavel.responsavel_id, ContatoResponsavel.tipo, ContatoResponsavel.valor).order_by(
                ContatoResponsavel.id
            )
        ):
            contatos[responsavel_id][tipo].append(valor)
        responsaveis = {
            r.id: ResponsavelData(r.nome, r.cpf, tuple(contatos[r.id][TELEFONE]), tuple(contatos[r.id][EMAIL]))
            for r in session.scalars(select(Responsavel).order_by(Responsavel.id))
        }
        links: dict[int, dict[int, tuple[str, bool]]] = defaultdict(dict)
        alunos_of: dict[int | None, list[int]] = defaultdict(list)
        for aluno_id, responsavel_id, parentesco, legal in session.execute(
            select(
                AlunoResponsavel.aluno_id,
                AlunoResponsavel.responsavel_id,
                AlunoResponsavel.parentesco,
                AlunoResponsavel.responsavel_legal,
            ).order_by(AlunoResponsavel.id)
        ):
            links[aluno_id][responsavel_id] = (parentesco, bool(legal))
            alunos_of[responsavel_id].append(aluno_id)
        cpf_holders: dict[str, list[int]] = defaultdict(list)
        for rid, data in responsaveis.items():
            if data.cpf:
                cpf_holders[data.cpf].append(rid)
        return cls(
            alunos,
            {d.cpf: i for i, d in alunos.items() if d.cpf},
            {d.ra: i for i, d in alunos.items() if d.ra},
            dict(by_ra_number),
            dict(without_cpf),
            responsaveis,
            {d.cpf: i for i, d in responsaveis.items() if d.cpf},
            dict(links),
            dict(alunos_of),
            dict(cpf_holders),
        )

    def find_ra(self, ra: str) -> int | None:
        if ra in self.by_ra:
            return self.by_ra[ra]
        number = _ra_number(ra)
        same = self.by_ra_number.get(number, []) if number is not None else []
        return same[0] if len(same) == 1 else None


# --- planning ---------------------------------------------------------------------------


SHOWN_LINES = 5
"""Line numbers named in a message about lines that repeat a value; the others are counted."""


def thousands(number: int) -> str:
    """``49.998``: a count as the office writes it."""
    return f"{number:,}".replace(",", ".")


def _lines(lines: Sequence[int], total: int | None = None) -> str:
    """``linhas 2, 3 e 9``; with more than :data:`SHOWN_LINES`, ``linhas 2, 3, 4, 5, 6 e mais 4.998``.
    ``lines`` may hold only the first ones, ``total`` saying how many there are."""
    total = len(lines) if total is None else total
    numbers = [str(n) for n in sorted(lines)[:SHOWN_LINES]]
    if total > len(numbers):
        return "linhas " + ", ".join(numbers) + f" e mais {thousands(total - len(numbers))}"
    return "linhas " + ", ".join(numbers[:-1]) + " e " + numbers[-1]


def _also_in(line: int, lines: Sequence[int]) -> str:
    """The other lines that repeat a value, for one of them: a few, and how many more (so that
    20,000 lines repeating one value make 20,000 short messages, not 20,000 lists of 20,000)."""
    first = sorted(lines[: SHOWN_LINES + 1]) if len(lines) > SHOWN_LINES + 1 else sorted(lines)
    others = [n for n in first if n != line][:SHOWN_LINES]
    count = len(lines) - 1
    if count == 1:
        return f"também na linha {others[0]}"
    return "também nas " + _lines(others, count)


# Values no two alunos may share, and the message for a repeat inside the file.
_UNIQUE_IN_FILE = (
    ("ra", DOCUMENTO_REPETIDO_NO_ARQUIVO),
    ("cpf", CPF_REPETIDO_NO_ARQUIVO),
    ("email", EMAIL_REPETIDO_NO_ARQUIVO),
    ("certidao_nascimento", DOCUMENTO_REPETIDO_NO_ARQUIVO),
    ("nis", DOCUMENTO_REPETIDO_NO_ARQUIVO),
    ("codigo_inep", DOCUMENTO_REPETIDO_NO_ARQUIVO),
)


class _Planner:
    """Works out a plan from the parsed lines and a snapshot of the database (see :func:`_plan`)."""

    def __init__(
        self, engine: Engine, snapshot: _Snapshot, candidates: Sequence[_Candidate], header_map: HeaderMap, today: date
    ) -> None:
        self.snapshot = snapshot
        self.candidates = candidates
        self.header_map = header_map
        self.today = today
        self.alunos = AlunoService(engine)
        self.responsaveis = ResponsavelService(engine)
        self.problems: dict[int, list[Problem]] = {c.line: list(c.problems) for c in candidates}
        self.matched_by: dict[int, str] = {}

    def add(self, line: int, name: str, message: str, detail: str = "", column: str | None = None) -> None:
        found = self.problems[line]
        if any(p.field == name and p.message == message for p in found):
            return
        found.append(Problem(name, message, detail, self.header_map.column_name(name) if column is None else column))

    # -- alunos

    def repeats_in_file(self) -> None:
        groups: dict[tuple[str, object], list[int]] = defaultdict(list)
        for c in self.candidates:
            for name, _message in _UNIQUE_IN_FILE:
                if value := self._unique_value(c, name):
                    groups[(name, value)].append(c.line)
                elif name == "cpf" and not c.values.get("ra") and "nome" in c.values:
                    # Without RA or CPF, nome and data de nascimento say who the aluno is.
                    identity = _identity(str(c.values["nome"]), c.values.get("data_nascimento"))
                    groups[("aluno", identity)].append(c.line)
        messages = dict(_UNIQUE_IN_FILE) | {"aluno": ALUNO_REPETIDO_NO_ARQUIVO}
        for (name, _value), lines in groups.items():
            if len(lines) > 1:
                for line in lines:
                    self.add(line, name, messages[name], _also_in(line, lines), "" if name == "aluno" else None)

    @staticmethod
    def _unique_value(c: _Candidate, name: str) -> object:
        value = c.values.get(name)
        if not value:
            return None
        if name == "certidao_nascimento":
            return doc.normalize_certidao(str(value))
        if name == "nis":
            return doc.normalize_nis(str(value))
        if name == "codigo_inep":
            return doc.normalize_inep(str(value))
        if name == "ra":
            number = _ra_number(str(value))
            return number if number is not None else value
        return value

    def targets(self) -> dict[int, int | None]:
        """Which registered aluno each line is: by RA, then CPF, then nome and data de nascimento."""
        snapshot = self.snapshot
        targets: dict[int, int | None] = {}
        for c in self.candidates:
            ra, cpf = c.values.get("ra"), c.values.get("cpf")
            target = snapshot.find_ra(str(ra)) if ra else None
            if target is not None:
                self.matched_by[c.line] = "ra"
            if target is None and cpf:
                target = snapshot.by_cpf.get(str(cpf))
                if target is not None:
                    self.matched_by[c.line] = "cpf"
            if target is None and "nome" in c.values and not ("cpf" in c.raw and cpf is None):
                same = snapshot.without_cpf.get(_identity(str(c.values["nome"]), c.values.get("data_nascimento")), [])
                if len(same) == 1:
                    target = same[0]
                    self.matched_by[c.line] = "nome"
                elif len(same) > 1:
                    self.add(c.line, "nome", ALUNO_AMBIGUO, column="")
            targets[c.line] = target
        by_target: dict[int, list[int]] = defaultdict(list)
        for line, target in targets.items():
            if target is not None:
                by_target[target].append(line)
        for lines in by_target.values():
            if len(lines) > 1:
                detail = _lines(lines)
                for line in lines:
                    self.add(line, "nome", MESMO_ALUNO_EM_VARIAS_LINHAS, detail, "")
        return targets

    def conflict(self, c: _Candidate, target: int) -> Conflict | None:
        """The identifying fields of the line that disagree with the registered aluno it matched.

        Matched by RA or CPF: the nome (accents, case and spaces aside), the data de nascimento
        or the CPF differ. Matched by nome and data de nascimento: the mãe (nome or CPF) differs,
        or the line's CPF is another one. A blank cell, or a field not registered, never disagrees.
        """
        stored = self.snapshot.alunos[target]
        how = self.matched_by.get(c.line, "ra")
        differences: list[FieldChange] = []
        nome = c.values.get("nome")
        if nome and normalize_text(str(nome)) != normalize_text(v.normalize_nome(stored.nome)):
            differences.append(FieldChange("nome", stored.nome, nome))
        born = c.values.get("data_nascimento")
        if born and stored.data_nascimento and born != stored.data_nascimento:
            differences.append(FieldChange("data_nascimento", stored.data_nascimento, born))
        cpf = c.values.get("cpf")
        if cpf and stored.cpf and cpf != stored.cpf:
            differences.append(FieldChange("cpf", stored.cpf, cpf))
        if how == "nome":
            mae = next((slot for slot in c.slots if "mae" in slot.papeis), None)
            links = self.snapshot.links.get(target, {})
            registered = next((rid for rid, (parentesco, _legal) in links.items() if parentesco == "mae"), None)
            if mae is not None and registered is not None:
                stored_mae = self.snapshot.responsaveis[registered]
                if mae.nome and normalize_text(mae.nome) != normalize_text(stored_mae.nome):
                    differences.append(FieldChange("mae_nome", stored_mae.nome, mae.nome))
                if mae.cpf and stored_mae.cpf and mae.cpf != stored_mae.cpf:
                    differences.append(FieldChange("mae_cpf", stored_mae.cpf, mae.cpf))
        return Conflict(how, tuple(differences)) if differences else None

    def merge(self, c: _Candidate, target: int | None) -> AlunoData:
        """The aluno after the line: normalized, the stored values with the file's filled cells over them."""
        stored = self.snapshot.alunos[target] if target is not None else None
        values = {name: value for name, value in c.values.items() if name in ALUNO_FIELDS}
        if stored is not None and stored.ra and "ra" in values and self.snapshot.find_ra(str(values["ra"])) == target:
            values["ra"] = stored.ra  # the same RA, without the zeros Excel dropped
        return AlunoService.normalize(
            replace(stored, **values) if stored is not None else AlunoData(**{"nome": "", **values})
        )  # type: ignore[arg-type]

    def lookup(self, session: Session, merged: Iterable[tuple[AlunoData, int | None]]) -> AlunoLookup:
        """What the aluno form's validation reads from the database, for every line at once."""
        merged = list(merged)
        values = {name: [getattr(data, name) for data, _target in merged] for name in UNIQUE_ALUNO_FIELDS}
        found = AlunoLookup.load(session, values)
        stored = {
            target: (data.email, data.ra, data.telefones, data.outros_emails)
            for target, data in ((t, self.snapshot.alunos[t]) for _d, t in merged if t is not None)
        }
        return AlunoLookup(stored, found.holders)

    def aluno(
        self, c: _Candidate, target: int | None, merged: AlunoData, lookup: AlunoLookup | None = None
    ) -> tuple[AlunoData, tuple[FieldChange, ...]]:
        """The aluno after the line, checked by the aluno form's validation, and what changes."""
        stored = self.snapshot.alunos[target] if target is not None else None
        errors = self.alunos.validate(merged, target, self.today, lookup=lookup, normalized=True)
        for name, message in errors.items():
            # Values the line does not fill are the stored ones, not checked again (as in the form).
            if name in c.raw:
                self.add(c.line, name, message, c.raw[name])
        if stored is None:
            return merged, ()
        before = AlunoService.normalize(stored)
        changes = tuple(
            FieldChange(name, getattr(stored, name), getattr(merged, name))
            for name in ALUNO_FIELDS
            if getattr(before, name) != getattr(merged, name)
        )
        return merged, changes

    # -- responsáveis

    def resolve(self, c: _Candidate, target: int | None) -> list[_Ref]:
        """Who each responsável of the line is: registered (by CPF, else by nome among the
        aluno's responsáveis and its siblings') or new."""
        snapshot = self.snapshot
        refs: dict[int, _Ref] = {}
        for i, slot in enumerate(c.slots):
            if slot.cpf and slot.cpf in snapshot.responsavel_by_cpf:
                rid = snapshot.responsavel_by_cpf[slot.cpf]
                refs[i] = _Ref(c.line, slot, f"id:{rid}", rid, by_cpf=True)
        # The aluno's own responsáveis first, then those of its siblings: the alunos of the
        # responsáveis this line names by CPF (the pai without CPF of a younger brother).
        own = snapshot.links.get(target, {}) if target is not None else {}
        siblings = {a for ref in refs.values() for a in snapshot.alunos_of.get(ref.responsavel_id, ())} - {target}
        pool = list(own) + [rid for a in sorted(siblings) for rid in snapshot.links.get(a, {}) if rid not in own]
        for i, slot in enumerate(c.slots):
            if i in refs:
                continue
            same_name = [
                rid
                for rid in pool
                if slot.nome
                and normalize_text(snapshot.responsaveis[rid].nome) == normalize_text(slot.nome)
                and not (slot.cpf and snapshot.responsaveis[rid].cpf)
            ]
            # Two with the same nome: the one this aluno already has in that parentesco.
            same_name.sort(key=lambda rid: (rid not in own, own.get(rid, ("",))[0] != slot.parentesco))
            if same_name:
                refs[i] = _Ref(c.line, slot, f"id:{same_name[0]}", same_name[0], by_cpf=False)
            elif slot.cpf:
                refs[i] = _Ref(c.line, slot, f"cpf:{slot.cpf}", None, by_cpf=False)
            else:
                refs[i] = _Ref(c.line, slot, f"linha:{c.line}:{slot.papeis[0]}", None, by_cpf=False)
        return [refs[i] for i in range(len(c.slots))]

    def unify(self, refs: Mapping[int, list[_Ref]]) -> None:
        """Make the lines that mean one person say so, by giving their refs the same key."""
        snapshot = self.snapshot
        # A registered responsável that gets its CPF here is the one every line with that CPF means.
        owner: dict[str, int] = {}
        for ref in (ref for line_refs in refs.values() for ref in line_refs):
            cpf, rid = ref.slot.cpf, ref.responsavel_id
            completes = rid is not None and cpf and not snapshot.responsaveis[rid].cpf
            if completes and owner.setdefault(cpf, rid) != rid:  # type: ignore[arg-type]
                self.add(
                    ref.line,
                    ref.slot.field("cpf"),
                    RESPONSAVEL_CPF_COM_OUTRO_NOME,
                    v.format_cpf(cpf),
                    ref.slot.column("cpf"),
                )
        for ref in (ref for line_refs in refs.values() for ref in line_refs):
            if ref.responsavel_id is None and ref.slot.cpf in owner:
                ref.responsavel_id = owner[ref.slot.cpf]  # type: ignore[index]
                ref.key = f"id:{ref.responsavel_id}"
        # Siblings in the file: a responsável without CPF with the same nome on two lines
        # that share a responsável with CPF (their mãe) is one person.
        seen: dict[tuple[str, str], _Ref] = {}
        ordered = sorted(
            (ref for line_refs in refs.values() for ref in line_refs if not ref.slot.cpf and ref.slot.nome),
            key=lambda ref: (ref.responsavel_id is None, ref.line),  # registered ones first
        )
        for ref in ordered:
            anchors = sorted({other.key for other in refs[ref.line] if other.slot.cpf})
            for anchor in anchors:
                first = seen.setdefault((anchor, normalize_text(ref.slot.nome)), ref)  # type: ignore[arg-type]
                if first is not ref and ref.responsavel_id is None:
                    ref.key, ref.responsavel_id = first.key, first.responsavel_id
                    break

    def people(self, refs: Mapping[int, list[_Ref]]) -> dict[str, _Person]:
        """Each person the lines name, by key: their data after the import and what changes."""
        snapshot = self.snapshot
        self.unify(refs)
        by_key: dict[str, list[_Ref]] = defaultdict(list)
        for ref in (ref for line_refs in refs.values() for ref in line_refs):
            by_key[ref.key].append(ref)
        people: dict[str, _Person] = {}
        for key, uses in by_key.items():
            rid = uses[0].responsavel_id
            stored = snapshot.responsaveis[rid] if rid is not None else None
            # The nomes the lines give for the person: one person may not have two.
            named = [ref for ref in uses if ref.slot.nome and (stored is None or ref.by_cpf)]
            nomes = {normalize_text(ref.slot.nome) for ref in named}  # type: ignore[arg-type]
            if len(nomes) > 1:
                for ref in named:
                    self.add(
                        ref.line,
                        ref.slot.field("nome"),
                        RESPONSAVEL_CPF_COM_OUTRO_NOME,
                        ref.slot.nome or "",
                        ref.slot.column("nome"),
                    )
            nome = stored.nome if stored is not None else ""
            if named and (stored is None or normalize_text(stored.nome) not in nomes):
                nome = named[0].slot.nome or ""
            cpf = (stored.cpf if stored is not None else None) or next((r.slot.cpf for r in uses if r.slot.cpf), None)
            phones: tuple[str, ...] = stored.telefones if stored is not None else ()
            for ref in uses:
                phones = _add_phones(phones, ref.slot.telefones)
            data = ResponsavelService.normalize(
                ResponsavelData(nome, cpf, phones, stored.emails if stored is not None else ())
            )
            people[key] = (data, rid, ())
            if not data.nome:
                for ref in uses:
                    column = ref.slot.column("nome") or ref.slot.column("cpf") or ref.slot.column("telefones")
                    self.add(ref.line, ref.slot.field("nome"), RESPONSAVEL_SEM_NOME, column=column)
                continue
            # The responsável form's own check, the last word on what may be saved.
            checked = self.responsaveis.validate(data, rid, cpf_holders=snapshot.responsavel_cpf_holders)
            for name, message in checked.items():
                for ref in uses:
                    self.add(ref.line, ref.slot.field(name), message, "", ref.slot.column(name))
            if stored is not None:
                before = ResponsavelService.normalize(stored)
                changes = tuple(
                    FieldChange(name, getattr(stored, name), getattr(data, name))
                    for name in ("nome", "cpf", "telefones")
                    if getattr(before, name) != getattr(data, name)
                )
                people[key] = (data, rid, changes)
        return people

    def actions(
        self,
        c: _Candidate,
        target: int | None,
        refs: Sequence[_Ref],
        people: Mapping[str, _Person],
    ) -> tuple[tuple[ResponsavelAction, ...], tuple[tuple[int, str], ...]]:
        linked = self.snapshot.links.get(target, {}) if target is not None else {}
        # Two columns that turn out to be one registered person make one link.
        merged: dict[str, tuple[_Slot, bool]] = {}
        for ref in refs:
            if ref.key in merged:
                first, legal = merged[ref.key]
                merged[ref.key] = (first, legal or ref.slot.legal)
            else:
                merged[ref.key] = (ref.slot, ref.slot.legal)
        result: list[ResponsavelAction] = []
        for key, (slot, is_legal) in merged.items():
            data, rid, person_changes = people[key]
            link = linked.get(rid) if rid is not None else None
            parentesco = slot.parentesco or (link[0] if link else "outro")
            # A filled Responsável legal says who is and who is not; a blank one keeps the stored flag.
            legal = is_legal if c.legal_given else bool(link and link[1])
            link_changes: tuple[FieldChange, ...] = ()
            if link is not None:
                link_changes = tuple(
                    FieldChange(name, before, after)
                    for name, before, after in (
                        ("parentesco", link[0], parentesco),
                        ("responsavel_legal", link[1], legal),
                    )
                    if before != after
                )
            result.append(
                ResponsavelAction(
                    slot.papeis[0], key, data, rid, parentesco, legal, link is None, person_changes, link_changes
                )
            )
        removed: tuple[tuple[int, str], ...] = ()
        if c.legal_given and any(a.legal for a in result):
            named = {a.responsavel_id for a in result}
            removed = tuple(
                (rid, self.snapshot.responsaveis[rid].nome)
                for rid, (_parentesco, legal) in linked.items()
                if legal and rid not in named
            )
        return tuple(result), removed


_PlanParts = tuple[
    tuple[RowAction, ...], tuple[RowAction, ...], tuple[RowAction, ...], tuple[BadRow, ...], tuple[RowAction, ...]
]


def _plan(
    engine: Engine,
    session: Session,
    snapshot: _Snapshot,
    candidates: Sequence[_Candidate],
    header_map: HeaderMap,
    today: date,
    steps: _Steps | None = None,
) -> _PlanParts:
    """Inserts, updates, lines that change nothing, bad lines, and conflicts.

    Reads the database through ``snapshot`` and, for the aluno form's checks of every line, in
    one batch of queries on ``session``; writes nothing.
    """
    steps = steps or _Steps(len(candidates))
    planner = _Planner(engine, snapshot, candidates, header_map, today)
    planner.repeats_in_file()
    targets = planner.targets()
    merged = {c.line: planner.merge(c, targets[c.line]) for c in candidates}
    lookup = planner.lookup(session, ((merged[c.line], targets[c.line]) for c in candidates))
    alunos: dict[int, tuple[AlunoData, tuple[FieldChange, ...]]] = {}
    for c in candidates:
        alunos[c.line] = planner.aluno(c, targets[c.line], merged[c.line], lookup)
        steps.advance()
    refs = {c.line: planner.resolve(c, targets[c.line]) for c in candidates}
    people = planner.people(refs)

    inserts: list[RowAction] = []
    updates: list[RowAction] = []
    unchanged: list[RowAction] = []
    conflicts: list[RowAction] = []
    for c in candidates:
        if planner.problems[c.line]:
            continue
        target = targets[c.line]
        data, changes = alunos[c.line]
        responsaveis, removed = planner.actions(c, target, refs[c.line], people)
        conflict = planner.conflict(c, target) if target is not None else None
        action = RowAction(c.line, data, target, changes, responsaveis, removed, conflict)
        if target is None:
            inserts.append(action)
        elif conflict is not None:
            conflicts.append(action)
        else:
            (updates if action.changed else unchanged).append(action)
    nomes = {c.line: c.raw.get("nome", "") for c in candidates}
    bad = tuple(BadRow(line, tuple(found), nomes[line]) for line, found in sorted(planner.problems.items()) if found)
    return tuple(inserts), tuple(updates), tuple(unchanged), bad, tuple(conflicts)


# --- preview and apply ------------------------------------------------------------------

Progress = Callable[[int, int], None]
"""Called with (done, total) as an import goes; total does not change during a call."""
Cancelled = Callable[[], bool]
"""Asked between batches of lines; True stops the import (nothing is written)."""

_BATCH = 500
"""Lines between two progress reports (and cancellation checks), and per INSERT batch."""


class _Steps:
    """Counts the lines done, reports progress every :data:`_BATCH` of them and stops when asked."""

    def __init__(self, total: int, progress: Progress | None = None, cancelled: Cancelled | None = None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._reported = -1
        self._progress = progress
        self._cancelled = cancelled

    def check(self) -> None:
        """Report progress and raise ImportacaoCanceladaError if the user cancelled."""
        if self._progress is not None and self.done != self._reported:
            self._progress(min(self.done, self.total), self.total)
            self._reported = self.done
        if self._cancelled is not None and self._cancelled():
            raise ImportacaoCanceladaError()

    def advance(self, count: int = 1) -> None:
        before = self.done
        self.done += count
        if self.done // _BATCH != before // _BATCH:
            self.check()

    def finish(self) -> None:
        self.done = self.total
        self.check()


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while a file's lines are planned or written.

    Those steps make hundreds of thousands of small objects that live until the step ends (and
    none in cycles), so each automatic collection walks them all again for nothing: about 0.4 s of
    a 2.8 s import of 10,000 lines. Reference counting still frees everything as usual; the
    collector comes back as it was (a caller that turned it off keeps it off).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def preview(
    engine: Engine,
    table: Table,
    mapping: Mapping[str, str | None] | None = None,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPreview:
    """What importing ``table`` would do. Reads the database, writes nothing.

    Args:
        mapping: the user's header → field choices, see :func:`map_headers`.
        today: for the birth date check; the real today when omitted.
        progress: told (done, total) every few hundred lines, and (total, total) at the end.
        cancelled: asked as often; when it says True the preview stops.

    Raises:
        MapeamentoInvalidoError: no Nome column, two columns for one field...
        ImportacaoCanceladaError: ``cancelled`` said so.
    """
    header_map = map_headers(table.headers, mapping)
    if header_map.problems:
        raise MapeamentoInvalidoError(header_map.problems)
    today = today or date.today()
    steps = _Steps(2 * len(table.rows), progress, cancelled)
    steps.check()
    candidates: list[_Candidate] = []
    with _no_cycle_collection():
        for row in table.rows:
            candidates.append(_parse_row(row.line, row.values, header_map))
            steps.advance()
        with Session(engine) as session:
            snapshot = _Snapshot.load(session)
            inserts, updates, unchanged, bad, conflicts = _plan(
                engine, session, snapshot, candidates, header_map, today, steps
            )
    steps.finish()
    return ImportPreview(
        table.path, header_map, inserts, updates, unchanged, bad, today, tuple(candidates), snapshot, conflicts
    )


def valid_lines(
    engine: Engine, plan: ImportPreview, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ImportPreview:
    """The plan of ``plan``'s lines without problems, planned again without the bad ones.

    Leaving a line out can make another one bad (a sibling that counted on the new mãe the bad
    line shared with it is still fine, but a line that only made sense with it may not be), so
    the planning repeats until no line has a problem. The lines left out, with their reasons,
    are in ``set_aside``. Reads the database, writes nothing.
    """
    set_aside = {bad.line: bad for bad in plan.bad_rows}
    candidates = [c for c in plan._candidates if c.line not in set_aside]
    steps = _Steps(len(candidates), progress, cancelled)
    with _no_cycle_collection(), Session(engine) as session:
        snapshot = _Snapshot.load(session)
        while True:
            steps.done = 0
            inserts, updates, unchanged, bad, conflicts = _plan(
                engine, session, snapshot, candidates, plan.header_map, plan.today, steps
            )
            if not bad:
                break
            set_aside.update((b.line, b) for b in bad)
            candidates = [c for c in candidates if c.line not in set_aside]
    steps.finish()
    return ImportPreview(
        plan.path,
        plan.header_map,
        inserts,
        updates,
        unchanged,
        (),
        plan.today,
        tuple(candidates),
        snapshot,
        conflicts,
        tuple(set_aside[line] for line in sorted(set_aside)),
    )


def apply(
    engine: Engine,
    plan: ImportPreview,
    *,
    confirmed: Iterable[int] = (),
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Write ``plan`` in one transaction: every line, with its responsáveis, or none.

    A conflict (see :class:`Conflict`) is written only if its line is in ``confirmed``; the
    others are left out. A plan of the valid lines (:func:`valid_lines`) leaves out its
    ``set_aside`` lines.

    The database is read again inside the transaction; if it changed since the preview, the
    plan is worked out again (the database checks in one batch of queries) and, if the result
    would differ, nothing is written.

    Args:
        progress: told (done, total) every few hundred lines, and (total, total) once committed.
        cancelled: asked between batches of lines until the commit; when it says True the
            transaction is rolled back and nothing is written.

    Raises:
        ImportacaoRecusadaError: the preview has bad rows.
        ImportacaoDesatualizadaError: the alunos or responsáveis changed since the preview.
        ImportacaoCanceladaError: ``cancelled`` said so; nothing was written.
        DiskFullError: the disk filled up; nothing was written.
    """
    if plan.bad_rows:
        raise ImportacaoRecusadaError(len(plan.bad_rows))
    original = plan
    plan = plan.confirming(confirmed)
    actions = plan.inserts + plan.updates
    steps = _Steps(len(plan._candidates) + len(actions) + len(plan.inserts), progress, cancelled)
    steps.check()
    try:
        with _no_cycle_collection(), Session(engine) as session, session.begin(), auditoria.em_lote(session):
            snapshot = _Snapshot.load(session)
            if snapshot != plan._snapshot:
                # Everything the plan read is in the snapshot: when it is the same, so is the plan.
                again = _plan(engine, session, snapshot, plan._candidates, plan.header_map, plan.today, steps)
                if again != (original.inserts, original.updates, original.unchanged, (), original.conflicts):
                    raise ImportacaoDesatualizadaError()
                del again
            steps.advance(len(plan._candidates) - steps.done)
            del snapshot
            if _USE_ORM:
                aluno_ids = _write_alunos_orm(session, plan, steps)
                _write_responsaveis_orm(session, sorted(actions, key=lambda a: a.line), aluno_ids, steps)
            else:
                aluno_ids = _write_alunos(session, plan, steps)
                _write_responsaveis(session, sorted(actions, key=lambda a: a.line), aluno_ids, steps)
            steps.check()  # the last chance to cancel: the commit follows
    except IntegrityError as exc:
        raise ImportacaoDesatualizadaError() from exc
    except DiskFullError as exc:  # from the engine: the transaction was rolled back
        raise DiskFullError(exc.folder, IMPORTING) from exc
    except OperationalError as exc:
        if not is_read_only_error(exc):
            raise
        # "from None": the SQL error holds the statement's parameters, a child's nome and CPF,
        # which must reach neither the log nor the terminal.
        raise ImportacaoSomenteLeituraError() from None
    if progress is not None:
        progress(steps.total, steps.total)
    return ImportResult(
        len(plan.inserts),
        len(plan.updates),
        len(plan.unchanged),
        tuple(aluno_ids[a.line] for a in plan.inserts),
        plan.responsaveis_novos,
        plan.responsaveis_atualizados,
        plan.vinculos_novos,
        plan.vinculos_alterados,
        len(original.conflicts) - (len(plan.updates) - len(original.updates)),
        len(plan.set_aside),
    )


def _write_alunos_orm(session: Session, plan: ImportPreview, steps: _Steps) -> dict[int, int]:
    """Update and insert the alunos of ``plan`` through the ORM, in batches; line → aluno id.
    The reference for :func:`_write_alunos` (see :data:`_USE_ORM`)."""
    aluno_ids: dict[int, int] = {}
    updates = list(plan.updates)
    for start in range(0, len(updates), _BATCH):
        batch = updates[start : start + _BATCH]
        # One query loads the batch's alunos; get_one() then finds them in the session.
        loaded = session.scalars(select(Aluno).where(Aluno.id.in_([a.aluno_id for a in batch]))).all()
        for action in batch:
            assert action.aluno_id is not None
            aluno_ids[action.line] = action.aluno_id
            aluno = session.get_one(Aluno, action.aluno_id)
            changed = {change.field for change in action.changes}
            for name in changed - {name for _tipo, name in CONTATO_FIELDS}:
                setattr(aluno, name, getattr(action.data, name))
            for tipo, name in CONTATO_FIELDS:
                if name in changed:
                    replace_contatos(session, action.aluno_id, tipo, getattr(action.data, name))
        session.flush()
        del loaded
        steps.advance(len(batch))
    # The file's RAs first, so that the generated ones come after them; a batch of rows per
    # INSERT. The generated RAs go on from the highest after the file's ones, as next_ra() does.
    inserts = sorted(plan.inserts, key=lambda a: a.data.ra is None)
    with_ra = [a for a in inserts if a.data.ra is not None]
    without_ra = inserts[len(with_ra) :]
    for group in (with_ra, without_ra):
        number = int(next_ra(session)) if group is without_ra and group else 0
        for start in range(0, len(group), _BATCH):
            batch = group[start : start + _BATCH]
            alunos: list[Aluno] = []
            for action in batch:
                if action.data.ra is not None:
                    ra = action.data.ra
                else:
                    ra, number = f"{number:08d}", number + 1
                alunos.append(new_aluno(action.data, ra))
            session.add_all(alunos)
            session.flush()
            for action, aluno in zip(batch, alunos, strict=True):
                aluno_ids[action.line] = aluno.id
            steps.advance(len(batch))
    return aluno_ids


def _write_responsaveis_orm(
    session: Session, actions: Sequence[RowAction], aluno_ids: Mapping[int, int], steps: _Steps
) -> None:
    # The new responsáveis first, all in one flush, in the order the lines name them.
    new: dict[str, Responsavel] = {}
    for action in actions:
        for r in action.responsaveis:
            if r.responsavel_id is None and r.key not in new:
                new[r.key] = Responsavel(nome=r.data.nome, cpf=r.data.cpf)
    session.add_all(new.values())
    session.flush()
    ids: dict[str, int] = {key: responsavel.id for key, responsavel in new.items()}
    new_data: dict[str, ResponsavelData] = {}
    for action in actions:
        for r in action.responsaveis:
            if r.responsavel_id is None:
                new_data.setdefault(r.key, r.data)
    session.add_all(
        ContatoResponsavel(responsavel_id=ids[key], tipo=TELEFONE, valor=t)
        for key, data in new_data.items()
        for t in data.telefones
    )
    # The registered ones that change (the first line naming one says it all: the lines
    # naming a person share its data), and the links that change, loaded in batches.
    first_change: dict[int, ResponsavelAction] = {}
    for action in actions:
        for r in action.responsaveis:
            if r.responsavel_id is not None and r.responsavel_changes:
                first_change.setdefault(r.responsavel_id, r)
    rids = sorted(first_change)
    stored_phones: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(rids), _BATCH):
        chunk = rids[start : start + _BATCH]
        for rid, valor in session.execute(
            select(ContatoResponsavel.responsavel_id, ContatoResponsavel.valor).where(
                ContatoResponsavel.responsavel_id.in_(chunk), ContatoResponsavel.tipo == TELEFONE
            )
        ):
            stored_phones[rid].add(valor)
        for responsavel in session.scalars(select(Responsavel).where(Responsavel.id.in_(chunk))):
            r = first_change[responsavel.id]
            responsavel.nome = r.data.nome
            responsavel.cpf = r.data.cpf
            session.add_all(
                ContatoResponsavel(responsavel_id=responsavel.id, tipo=TELEFONE, valor=t)
                for t in r.data.telefones
                if t not in stored_phones[responsavel.id]
            )
    link_keys = [
        (aluno_ids[a.line], r.responsavel_id)
        for a in actions
        for r in a.responsaveis
        if not r.new_link and r.link_changes
    ]
    links: dict[tuple[int, int], AlunoResponsavel] = {}
    wanted = sorted(
        {aluno_id for aluno_id, _rid in link_keys} | {aluno_ids[a.line] for a in actions if a.legal_removed}
    )
    for start in range(0, len(wanted), _BATCH):
        for link in session.scalars(
            select(AlunoResponsavel).where(AlunoResponsavel.aluno_id.in_(wanted[start : start + _BATCH]))
        ):
            links[(link.aluno_id, link.responsavel_id)] = link
    for done, action in enumerate(actions, 1):
        aluno_id = aluno_ids[action.line]
        for r in action.responsaveis:
            rid = r.responsavel_id or ids[r.key]
            if r.new_link:
                session.add(
                    AlunoResponsavel(
                        aluno_id=aluno_id, responsavel_id=rid, parentesco=r.parentesco, responsavel_legal=r.legal
                    )
                )
            elif r.link_changes:
                link = links[(aluno_id, rid)]
                link.parentesco = r.parentesco
                link.responsavel_legal = r.legal
        # One responsável legal per aluno, as in ResponsavelService.
        for rid, _nome in action.legal_removed:
            if (aluno_id, rid) in links:
                links[(aluno_id, rid)].responsavel_legal = False
        if done % _BATCH == 0:
            session.flush()
        steps.advance()
    session.flush()


# --- writing with Core --------------------------------------------------------------------
#
# apply() writes with Core executemany statements, in batches, and records in the audit log
# exactly the rows the ORM listener would record for the same writes (auditoria.inclusao,
# alteracao, exclusao; core/auditoria.py resolves the aluno and the description). The ids are
# given explicitly, the ones SQLite would have given (the highest plus one), in the order the
# ORM path inserts the rows, so that both paths leave the same file.

_USE_ORM = False
"""Write through the ORM (:func:`_write_alunos_orm`), as before the Core path: the reference
the tests compare the Core path with."""

_ALUNO_TABLE = Aluno.__table__
_CONTATO_TABLE = Contato.__table__
_RESPONSAVEL_TABLE = Responsavel.__table__
_CONTATO_RESPONSAVEL_TABLE = ContatoResponsavel.__table__
_VINCULO_TABLE = AlunoResponsavel.__table__
_ALUNO_READ = [column for column in _ALUNO_TABLE.c if column.key != "foto"]  # (deferred by the model)
_CONTATO_NAMES = frozenset(name for _tipo, name in CONTATO_FIELDS)


def _aluno_row(data: AlunoData, names: Iterable[str] = _ALUNO_ROW_FIELDS, **columns: object) -> dict[str, object]:
    """The ``alunos`` columns written for ``data``: its fields ``names`` (every field the form
    edits, for a new aluno) and ``columns`` (id, ra). The one place the import builds an
    aluno's row, for inserts and updates alike: a column derived from others goes here."""
    row: dict[str, object] = {name: getattr(data, name) for name in names}
    row.update(columns)
    for column, derive in DERIVED_COLUMNS["alunos"].items():  # the sort keys of nome and RA (revision 0012)
        source = column.removesuffix("_ordem")
        if source in row:
            row[column] = derive(row)
    return row


def _next_id(session: Session, table: Table_) -> int:
    return (session.execute(select(func.max(table.c.id))).scalar() or 0) + 1


def _insert(session: Session, table: Table_, rows: Sequence[Mapping[str, object]]) -> None:
    """INSERT ``rows`` (one executemany per set of columns)."""
    groups: dict[tuple[str, ...], list[Mapping[str, object]]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(row)
    for group in groups.values():
        session.execute(insert(table), group)


def _update(session: Session, table: Table_, rows: Sequence[Mapping[str, object]]) -> None:
    """UPDATE the rows of ``table`` by ``id`` (one executemany per set of columns)."""
    groups: dict[tuple[str, ...], list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        values = {k: v for k, v in row.items() if k != "id"}
        groups[tuple(values)].append({"_id": row["id"], **values})
    for group in groups.values():
        session.execute(update(table).where(table.c.id == bindparam("_id")), group)


def _delete(session: Session, table: Table_, ids: Sequence[int]) -> None:
    for start in range(0, len(ids), _BATCH):
        session.execute(delete(table).where(table.c.id.in_(ids[start : start + _BATCH])))


def _replace(stored: Sequence[Mapping[str, object]], valores: Sequence[str]) -> tuple[list[int], list[str]]:
    """(ids to delete, values to add) to make the ``stored`` contato rows hold ``valores``, as
    services._replace_rows does it."""
    current = [row["valor"] for row in stored]
    if current == list(valores):
        return [], []
    kept = [row for row in stored if row["valor"] in valores]
    added = [valor for valor in valores if valor not in current]
    if [row["valor"] for row in kept] + added != list(valores):
        kept, added = [], list(valores)
    kept_ids = {row["id"] for row in kept}
    return [row["id"] for row in stored if row["id"] not in kept_ids], added  # type: ignore[misc]


def _write_alunos(session: Session, plan: ImportPreview, steps: _Steps) -> dict[int, int]:
    """Update and insert the alunos of ``plan``, in batches; line → aluno id."""
    aluno_ids: dict[int, int] = {}
    mudancas: list[auditoria.Mudanca] = []
    # Updates: the changed columns, and the contatos replaced, as the ORM path flushes them
    # (per aluno: the new phones, the phones gone, the new e-mails, the e-mails gone).
    operations: list[tuple[str, dict[str, object]]] = []  # ("insert" | "delete", contato row)
    updates = list(plan.updates)
    for start in range(0, len(updates), _BATCH):
        batch = updates[start : start + _BATCH]
        ids = [a.aluno_id for a in batch]
        stored = {
            row["id"]: row for row in session.execute(select(*_ALUNO_READ).where(_ALUNO_TABLE.c.id.in_(ids))).mappings()
        }
        contatos: dict[tuple[int, str], list[dict[str, object]]] = defaultdict(list)
        for row in session.execute(
            select(_CONTATO_TABLE).where(_CONTATO_TABLE.c.aluno_id.in_(ids)).order_by(_CONTATO_TABLE.c.id)
        ).mappings():
            contatos[(row["aluno_id"], row["tipo"])].append(dict(row))
        rows = []
        for action in batch:
            assert action.aluno_id is not None
            aluno_id = action.aluno_id
            aluno_ids[action.line] = aluno_id
            changed = {change.field for change in action.changes}
            names = sorted(changed - _CONTATO_NAMES)
            if names:
                row = _aluno_row(action.data, names, id=aluno_id)
                rows.append(row)
                mudanca = auditoria.alteracao(Aluno, stored[aluno_id], row, {**stored[aluno_id], **row})
                if mudanca is not None:
                    mudancas.append(mudanca)
            for tipo, name in CONTATO_FIELDS:
                if name in changed:
                    old = contatos[(aluno_id, tipo)]
                    gone, added = _replace(old, getattr(action.data, name))
                    operations.extend(("insert", {"aluno_id": aluno_id, "tipo": tipo, "valor": v}) for v in added)
                    operations.extend(("delete", row) for row in old if row["id"] in gone)
        _update(session, _ALUNO_TABLE, rows)
        steps.advance(len(batch))
    # SQLite gives a new row the highest id plus one: a contato deleted before the first one
    # added may free the highest id; the ones deleted after it cannot (the highest is then a
    # new one).
    first_insert = next((i for i, (kind, _row) in enumerate(operations) if kind == "insert"), len(operations))
    early = [row for _kind, row in operations[:first_insert]]
    _delete(session, _CONTATO_TABLE, [row["id"] for row in early])  # type: ignore[misc]
    next_contato = _next_id(session, _CONTATO_TABLE)
    new_contatos: list[dict[str, object]] = []
    late: list[dict[str, object]] = []
    for kind, row in operations[first_insert:]:
        if kind == "insert":
            row["id"] = next_contato
            next_contato += 1
            new_contatos.append(row)
        else:
            late.append(row)
    _insert(session, _CONTATO_TABLE, new_contatos)
    _delete(session, _CONTATO_TABLE, [row["id"] for row in late])  # type: ignore[misc]
    mudancas.extend(auditoria.inclusao(Contato, row) for row in new_contatos)
    mudancas.extend(auditoria.exclusao(Contato, row) for row in early + late)
    # Inserts: the file's RAs first, so that the generated ones come after them; the generated
    # RAs go on from the highest after the file's ones, as next_ra() does.
    inserts = sorted(plan.inserts, key=lambda a: a.data.ra is None)
    with_ra = [a for a in inserts if a.data.ra is not None]
    without_ra = inserts[len(with_ra) :]
    next_aluno = _next_id(session, _ALUNO_TABLE)
    for group in (with_ra, without_ra):
        number = int(next_ra(session)) if group is without_ra and group else 0
        for start in range(0, len(group), _BATCH):
            batch = group[start : start + _BATCH]
            alunos: list[dict[str, object]] = []
            new_contatos = []
            for action in batch:
                if action.data.ra is not None:
                    ra = action.data.ra
                else:
                    ra, number = f"{number:08d}", number + 1
                aluno = _aluno_row(action.data, ra=ra, id=next_aluno)
                aluno_ids[action.line] = next_aluno
                next_aluno += 1
                alunos.append(aluno)
                for tipo, name in CONTATO_FIELDS:
                    for valor in getattr(action.data, name):
                        new_contatos.append({"id": next_contato, "aluno_id": aluno["id"], "tipo": tipo, "valor": valor})
                        next_contato += 1
            _insert(session, _ALUNO_TABLE, alunos)
            _insert(session, _CONTATO_TABLE, new_contatos)
            mudancas.extend(auditoria.inclusao(Aluno, row) for row in alunos)
            mudancas.extend(auditoria.inclusao(Contato, row) for row in new_contatos)
            steps.advance(len(batch))
    auditoria.registrar(session, mudancas)
    return aluno_ids


def _write_responsaveis(
    session: Session, actions: Sequence[RowAction], aluno_ids: Mapping[int, int], steps: _Steps
) -> None:
    """Insert and update the responsáveis, their phones and their links to the alunos."""
    mudancas: list[auditoria.Mudanca] = []
    # The new responsáveis, in the order the lines name them, and their phones.
    new: dict[str, dict[str, object]] = {}
    new_data: dict[str, ResponsavelData] = {}
    next_responsavel = _next_id(session, _RESPONSAVEL_TABLE)
    for action in actions:
        for r in action.responsaveis:
            if r.responsavel_id is None and r.key not in new:
                new[r.key] = {"id": next_responsavel, "nome": r.data.nome, "cpf": r.data.cpf}
                new_data[r.key] = r.data
                next_responsavel += 1
    ids = {key: row["id"] for key, row in new.items()}
    next_phone = _next_id(session, _CONTATO_RESPONSAVEL_TABLE)
    phones: list[dict[str, object]] = []
    for key, data in new_data.items():
        for t in data.telefones:
            phones.append({"id": next_phone, "responsavel_id": ids[key], "tipo": TELEFONE, "valor": t})
            next_phone += 1
    # The registered ones that change (the first line naming one says it all: the lines
    # naming a person share its data), with the phones they do not have yet.
    first_change: dict[int, ResponsavelAction] = {}
    for action in actions:
        for r in action.responsaveis:
            if r.responsavel_id is not None and r.responsavel_changes:
                first_change.setdefault(r.responsavel_id, r)
    rids = sorted(first_change)
    changed: list[dict[str, object]] = []
    for start in range(0, len(rids), _BATCH):
        chunk = rids[start : start + _BATCH]
        stored_phones: dict[int, set[str]] = defaultdict(set)
        for rid, valor in session.execute(
            select(ContatoResponsavel.responsavel_id, ContatoResponsavel.valor).where(
                ContatoResponsavel.responsavel_id.in_(chunk), ContatoResponsavel.tipo == TELEFONE
            )
        ):
            stored_phones[rid].add(valor)
        for stored in session.execute(
            select(_RESPONSAVEL_TABLE).where(_RESPONSAVEL_TABLE.c.id.in_(chunk)).order_by(_RESPONSAVEL_TABLE.c.id)
        ).mappings():
            r = first_change[stored["id"]]
            row = {"id": stored["id"], "nome": r.data.nome, "cpf": r.data.cpf}
            changed.append(row)
            mudanca = auditoria.alteracao(Responsavel, stored, row, {**stored, **row})
            if mudanca is not None:
                mudancas.append(mudanca)
            for t in r.data.telefones:
                if t not in stored_phones[stored["id"]]:
                    phones.append({"id": next_phone, "responsavel_id": stored["id"], "tipo": TELEFONE, "valor": t})
                    next_phone += 1
    _insert(session, _RESPONSAVEL_TABLE, list(new.values()))
    _update(session, _RESPONSAVEL_TABLE, changed)
    _insert(session, _CONTATO_RESPONSAVEL_TABLE, phones)
    mudancas[:0] = [auditoria.inclusao(Responsavel, row) for row in new.values()]
    mudancas.extend(auditoria.inclusao(ContatoResponsavel, row) for row in phones)
    # The links: the registered ones that change, loaded in batches, and the new ones.
    wanted = sorted(
        {aluno_ids[a.line] for a in actions for r in a.responsaveis if not r.new_link and r.link_changes}
        | {aluno_ids[a.line] for a in actions if a.legal_removed}
    )
    links: dict[tuple[int, int], dict[str, object]] = {}
    for start in range(0, len(wanted), _BATCH):
        for link in session.execute(
            select(_VINCULO_TABLE).where(_VINCULO_TABLE.c.aluno_id.in_(wanted[start : start + _BATCH]))
        ).mappings():
            links[(link["aluno_id"], link["responsavel_id"])] = dict(link)
    original = {key: dict(link) for key, link in links.items()}
    next_link = _next_id(session, _VINCULO_TABLE)
    new_links: list[dict[str, object]] = []
    for done, action in enumerate(actions, 1):
        aluno_id = aluno_ids[action.line]
        for r in action.responsaveis:
            rid = r.responsavel_id or ids[r.key]
            if r.new_link:
                new_links.append(
                    {
                        "id": next_link,
                        "aluno_id": aluno_id,
                        "responsavel_id": rid,
                        "parentesco": r.parentesco,
                        "responsavel_legal": r.legal,
                    }
                )
                next_link += 1
            elif r.link_changes:
                links[(aluno_id, rid)].update(parentesco=r.parentesco, responsavel_legal=r.legal)
        # One responsável legal per aluno, as in ResponsavelService.
        for rid, _nome in action.legal_removed:
            if (aluno_id, rid) in links:
                links[(aluno_id, rid)]["responsavel_legal"] = False
        if done % _BATCH == 0:
            _insert(session, _VINCULO_TABLE, new_links)
            mudancas.extend(auditoria.inclusao(AlunoResponsavel, row) for row in new_links)
            new_links = []
        steps.advance()
    _insert(session, _VINCULO_TABLE, new_links)
    mudancas.extend(auditoria.inclusao(AlunoResponsavel, row) for row in new_links)
    link_rows = []
    for key, link in sorted(links.items(), key=lambda item: item[1]["id"]):  # type: ignore[arg-type, return-value]
        row = {"id": link["id"], "parentesco": link["parentesco"], "responsavel_legal": link["responsavel_legal"]}
        mudanca = auditoria.alteracao(AlunoResponsavel, original[key], row, link)
        if mudanca is not None:
            link_rows.append(row)
            mudancas.append(mudanca)
    _update(session, _VINCULO_TABLE, link_rows)
    auditoria.registrar(session, mudancas)


def import_file(engine: Engine, table: Table, mapping: Mapping[str, str | None] | None = None) -> ImportResult:
    """:func:`preview` then :func:`apply`, for the command line."""
    return apply(engine, preview(engine, table, mapping))


# --- reporting ------------------------------------------------------------------------

SET_ASIDE_SUFFIX = "linhas-com-problema"
SET_ASIDE_HEADER = "Problemas"


def write_set_aside(table: Table, set_aside: Sequence[BadRow]) -> Path:
    """Write the lines ``set_aside`` left out of an import to a new CSV file beside the file,
    with their reasons in a last column, ready to be fixed and imported again. See
    :func:`~escola_gui.core.planilhas.write_beside`; returns the new file."""
    reasons = {bad.line: "; ".join(bad.reasons) for bad in set_aside}
    rows = ((row, reasons[row.line]) for row in table.rows if row.line in reasons)
    return write_beside(table, SET_ASIDE_SUFFIX, SET_ASIDE_HEADER, rows)


def summarize(bad_rows: Sequence[BadRow], keep: int = 3) -> list[tuple[BadRow, int]]:
    """The bad lines to show, each with how many more lines have the same problems after it.

    Lines whose problems are the same (the same messages in the same columns, whatever the
    values) are one group: its first ``keep`` lines are shown, the last of them with the count
    of the others ("e mais 4.998 linhas com o mesmo problema"). In line order.
    """
    groups: dict[tuple[tuple[str, str], ...], list[BadRow]] = defaultdict(list)
    counts: dict[tuple[tuple[str, str], ...], int] = defaultdict(int)
    for bad in bad_rows:
        key = tuple((p.column, p.message) for p in bad.problems)
        counts[key] += 1
        if len(groups[key]) < keep:
            groups[key].append(bad)
    shown: list[tuple[BadRow, int]] = []
    for key, rows in groups.items():
        shown.extend((bad, 0) for bad in rows[:-1])
        shown.append((rows[-1], counts[key] - len(rows)))
    return sorted(shown, key=lambda item: item[0].line)


# --- export -----------------------------------------------------------------------------


def _responsavel_columns(
    snapshot: _Snapshot, aluno_id: int
) -> tuple[list[str | None], list[str | None], list[str | None], str | None, str | None]:
    """The mãe's, the pai's and one more responsável's (nome, CPF, phones), the parentesco of
    that one, and the Responsável legal cell, for an aluno."""
    links = snapshot.links.get(aluno_id, {})
    # The responsável legal first, so that they are in the file whoever else is left out.
    order = sorted(links, key=lambda rid: (not links[rid][1], normalize_text(snapshot.responsaveis[rid].nome), rid))
    chosen: dict[str, int] = {}
    for papel in ("mae", "pai"):
        rid = next((rid for rid in order if links[rid][0] == papel), None)
        if rid is not None:
            chosen[papel] = rid
    other = next((rid for rid in order if rid not in chosen.values()), None)
    if other is not None:
        chosen["responsavel"] = other

    def person(papel: str) -> list[str | None]:
        if papel not in chosen:
            return [None, None, None]
        data = snapshot.responsaveis[chosen[papel]]
        return [data.nome, v.format_cpf(data.cpf) or None, " / ".join(data.telefones) or None]

    parentesco = PARENTESCO_LABELS[links[other][0]] if other is not None else None
    legal = next((papel for papel, rid in chosen.items() if links[rid][1]), None)
    legal_text = {"mae": "Mãe", "pai": "Pai"}.get(legal or "")
    if legal == "responsavel":
        legal_text = snapshot.responsaveis[chosen["responsavel"]].nome
    return person("mae"), person("pai"), person("responsavel"), parentesco, legal_text


def export_alunos(engine: Engine, path: Path | str) -> int:
    """Write every aluno, with its documents, address and responsáveis, to ``path`` (``.csv``
    or ``.xlsx``, mode 0600); returns how many.

    Columns: :data:`EXPORT_HEADERS`. CPF as 000.000.000-00, phones and other e-mails joined
    by `` / ``, Ativo as Sim/Não, sexo, cor/raça and parentesco by their labels. One mãe, one
    pai and one more responsável fit in a line (the responsável legal always among them). The
    file imports back with no change.
    """
    with Session(engine) as session:
        snapshot = _Snapshot.load(session)
    rows = []
    # By nome as the alunos tab lists them: accents and case ignored.
    for aluno_id in sorted(snapshot.alunos, key=lambda i: (normalize_text(snapshot.alunos[i].nome), i)):
        a = snapshot.alunos[aluno_id]
        mae, pai, outro, parentesco, legal = _responsavel_columns(snapshot, aluno_id)
        rows.append(
            [
                a.nome,
                a.email,
                v.format_cpf(a.cpf) or None,
                a.data_nascimento,
                " / ".join(a.telefones) or None,
                "Sim" if a.ativo else "Não",
                a.ra,
                a.nome_social,
                SEXO_LABELS.get(a.sexo or ""),
                COR_RACA_LABELS.get(a.cor_raca or ""),
                a.rg,
                doc.format_certidao(a.certidao_nascimento) or None,
                doc.format_nis(a.nis) or None,
                a.codigo_inep,
                v.format_cep(a.cep) or None,
                a.logradouro,
                a.numero,
                a.complemento,
                a.bairro,
                a.municipio,
                a.uf,
                " / ".join(a.outros_emails) or None,
                *mae,
                *pai,
                *outro,
                parentesco,
                legal,
            ]
        )
    write_table(path, EXPORT_HEADERS, rows)
    return len(rows)


__all__ = [
    "ALUNO_FIELDS",
    "EXPORT_FIELDS",
    "EXPORT_HEADERS",
    "FIELDS",
    "PAPEIS",
    "RESPONSAVEL_FIELDS",
    "BadRow",
    "Conflict",
    "FieldChange",
    "HeaderMap",
    "ImportPreview",
    "ImportResult",
    "ImportacaoDesatualizadaError",
    "ImportacaoError",
    "ImportacaoRecusadaError",
    "ImportacaoSomenteLeituraError",
    "MapeamentoInvalidoError",
    "Problem",
    "ResponsavelAction",
    "RowAction",
    "apply",
    "summarize",
    "valid_lines",
    "write_set_aside",
    "export_alunos",
    "import_file",
    "map_headers",
    "preview",
]
