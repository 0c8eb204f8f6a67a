"""Importing alunos from the spreadsheets offices receive, and exporting the list.

The flow is preview, then apply: :func:`preview` reads nothing but the database and says
what each line of the file would do (insert, update, nothing) or why it cannot be imported;
:func:`apply` writes that plan in one transaction, all or nothing.

Matching a line to an aluno already registered:

1. by CPF, the only stable identifier in the current schema. (Matching by RA, the school's
   registration number, comes with the RA column in a later schema revision.)
2. a line whose CPF is not registered (or that has none) matches an aluno **without CPF**
   whose nome (ignoring accents, case and extra spaces) and data de nascimento are the same,
   when there is exactly one. This is what lets an exported list be completed with CPFs in
   Excel and imported back, and lets an exported list re-import with no change.
3. otherwise the line is a new aluno.

Updating: the file is the truth for the cells it fills. A blank cell, or a column the file
does not have, keeps the stored value (a blank Ativo means Sim for a new aluno). A filled
Telefone cell replaces the aluno's phones. Values are normalized by
:meth:`AlunoService.normalize` and checked with the validators of
:mod:`escola_gui.core.validation`, exactly as in the aluno form, including its leniency: an
e-mail or phone already stored for that aluno (from a 0.x file) is not checked again.

Messages are Portuguese constants marked for translation (context ``"validation"``); the
variable part of a problem (the value read, the other lines) is kept apart in ``detail``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from escola_gui.core import validation as v
from escola_gui.core.db import normalize_text
from escola_gui.core.errors import EscolaError
from escola_gui.core.models import Aluno, Contato
from escola_gui.core.planilhas import Cell, Table, write_table
from escola_gui.core.services import (
    EMAIL_EM_USO,
    TELEFONE,
    AlunoData,
    AlunoService,
    new_aluno,
    next_ra,
    replace_telefones,
)
from escola_gui.core.validation import QT_TRANSLATE_NOOP

# --- fields and headers -----------------------------------------------------------------

FIELDS = ("nome", "nome_social", "email", "cpf", "data_nascimento", "telefones", "ativo")
"""Fields a column can be mapped to. ``nome_social`` is recognized and not imported yet."""

FIELD_LABELS = {
    "nome": "Nome",
    "nome_social": "Nome social",
    "email": "E-mail",
    "cpf": "CPF",
    "data_nascimento": "Data de nascimento",
    "telefones": "Telefones",
    "ativo": "Ativo",
}

EXPORT_HEADERS = ("Nome", "E-mail", "CPF", "Data de nascimento", "Telefones", "Ativo")

_ALIASES = {
    "nome": ("nome", "nomecompleto", "nomedoaluno", "nomedaaluna", "nomealuno", "aluno", "aluna", "estudante"),
    "nome_social": ("nomesocial",),
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
    "ativo": ("ativo", "ativa", "situacao", "status"),
}
_FIELD_BY_KEY = {key: name for name, keys in _ALIASES.items() for key in keys}
_MULTI_COLUMN_FIELDS = frozenset({"telefones"})


def header_key(header: str) -> str:
    """``"Data de Nascimento"``, ``"data_nascimento"``, ``"DT-NASC."`` → letters and digits, no accents."""
    return re.sub(r"[^0-9a-z]", "", normalize_text(header))


@dataclass(frozen=True)
class HeaderMap:
    """Which column holds which field.

    Attributes:
        columns: field → column indexes (0-based). One column per field, except
            ``telefones``, whose columns (Telefone, Celular...) are read together.
        unmapped: headers of the columns that are not imported.
        ignored: headers recognized but not imported yet (Nome social).
        problems: Portuguese messages; the file cannot be imported while there are any.
    """

    columns: dict[str, tuple[int, ...]]
    unmapped: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    def fields(self) -> dict[str, int]:
        """field → its (first) column index."""
        return {name: indexes[0] for name, indexes in self.columns.items()}


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
    ignored: list[str] = []
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
        elif target == "nome_social":
            ignored.append(header)
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
    return HeaderMap(
        {name: tuple(indexes) for name, indexes in columns.items()}, tuple(unmapped), tuple(ignored), tuple(problems)
    )


# --- messages and errors ----------------------------------------------------------------

DATA_INVALIDA = QT_TRANSLATE_NOOP("validation", "Data de nascimento inválida. Use dd/mm/aaaa, como 04/03/2010.")
ATIVO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Valor inválido em Ativo. Use Sim ou Não (ou Ativo e Inativo).")
CPF_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP("validation", "Este CPF aparece em mais de uma linha do arquivo.")
EMAIL_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP("validation", "Este e-mail aparece em mais de uma linha do arquivo.")
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


class ImportacaoError(EscolaError):
    """An import that cannot go on; nothing was written."""


class MapeamentoInvalidoError(ImportacaoError):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = tuple(problems)


class ImportacaoRecusadaError(ImportacaoError):
    def __init__(self, bad_rows: int) -> None:
        linhas = "1 linha tem problemas" if bad_rows == 1 else f"{bad_rows} linhas têm problemas"
        super().__init__(f"A importação não foi feita: {linhas}. Corrija o arquivo e tente de novo. Nada foi alterado.")
        self.bad_rows = bad_rows


class ImportacaoDesatualizadaError(ImportacaoError):
    def __init__(self) -> None:
        super().__init__(
            "Os alunos cadastrados mudaram desde a conferência do arquivo. Confira o arquivo de novo antes de "
            "importar. Nada foi alterado."
        )


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    """A constant of this module or of :mod:`~escola_gui.core.validation` (translatable)."""
    detail: str = ""
    """The value read, or the other lines: shown after the message."""

    @property
    def text(self) -> str:
        return f"{self.message} ({self.detail})" if self.detail else self.message


@dataclass(frozen=True)
class BadRow:
    line: int
    problems: tuple[Problem, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.problems)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class RowAction:
    """A good line: the aluno it becomes (``aluno_id`` None) or updates, and what changes."""

    line: int
    data: AlunoData
    """Normalized; for an update, the stored values with the file's filled cells over them."""
    aluno_id: int | None = None
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class _Candidate:
    """A line as parsed: the normalized values of its filled cells and its parse problems."""

    line: int
    values: dict[str, object]
    raw: dict[str, str]
    problems: tuple[Problem, ...]


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

    @property
    def can_apply(self) -> bool:
        return not self.bad_rows


@dataclass(frozen=True)
class ImportResult:
    inserted: int
    updated: int
    unchanged: int
    inserted_ids: tuple[int, ...] = ()


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


def parse_cpf(cell: Cell) -> str:
    """The CPF text to validate. Excel drops leading zeros of a CPF typed as a number: an
    ``int`` cell is zero-padded to 11 digits, and so is a text of 9 or 10 digits when the
    padded number has valid check digits."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool) and cell >= 0:
        return f"{cell:011d}"
    text = _cell_text(cell)
    if text.isdigit() and 9 <= len(text) < 11 and v.is_valid_cpf(text.zfill(11)):
        return text.zfill(11)
    return text


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
            return date(year, month, day)
        if match := _ISO_RE.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
    raise ValueError(f"not a date: {cell!r}")


_PHONE_SEPARATORS_RE = re.compile(r"[/;,\n]")


def parse_telefones(cell: Cell) -> tuple[str, ...]:
    """Several phones in one cell, separated by ``/``, ``;``, ``,`` or line breaks."""
    return v.normalize_telefones(_PHONE_SEPARATORS_RE.split(_cell_text(cell)))


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


def _parse_row(line: int, values: Sequence[Cell], header_map: HeaderMap) -> _Candidate:
    cells: dict[str, list[Cell]] = {
        name: [values[i] for i in indexes if not _is_blank(values[i])] for name, indexes in header_map.columns.items()
    }
    parsed: dict[str, object] = {}
    raw: dict[str, str] = {}
    problems: list[Problem] = []

    nome = cells.get("nome", [])
    raw["nome"] = _cell_text(nome[0]) if nome else ""
    if message := v.validate_nome(raw["nome"]):
        problems.append(Problem("nome", message, raw["nome"] if nome else ""))
    else:
        parsed["nome"] = v.normalize_nome(raw["nome"])

    if email := cells.get("email"):
        raw["email"] = _cell_text(email[0])
        parsed["email"] = v.normalize_email(raw["email"])  # validated once the aluno is known

    if cpf := cells.get("cpf"):
        raw["cpf"] = parse_cpf(cpf[0])
        if message := v.validate_cpf(raw["cpf"]):
            problems.append(Problem("cpf", message, _cell_text(cpf[0])))
        else:
            parsed["cpf"] = v.normalize_cpf(raw["cpf"])

    if nascimento := cells.get("data_nascimento"):
        try:
            born = parse_date(nascimento[0])
        except ValueError:
            problems.append(Problem("data_nascimento", DATA_INVALIDA, _cell_text(nascimento[0])))
        else:
            parsed["data_nascimento"] = born

    if telefones := cells.get("telefones"):
        phones: list[str] = []
        for cell in telefones:
            phones.extend(parse_telefones(cell))
        parsed["telefones"] = v.normalize_telefones(phones)
        raw["telefones"] = " / ".join(_cell_text(c) for c in telefones)

    if ativo := cells.get("ativo"):
        try:
            parsed["ativo"] = parse_ativo(ativo[0])
        except ValueError:
            problems.append(Problem("ativo", ATIVO_INVALIDO, _cell_text(ativo[0])))

    return _Candidate(line, parsed, raw, tuple(problems))


# --- planning against the database ------------------------------------------------------


def _identity(nome: str, born: date | None) -> tuple[str, date | None]:
    return normalize_text(v.normalize_nome(nome)), born


@dataclass
class _Snapshot:
    alunos: dict[int, AlunoData]
    by_cpf: dict[str, int]
    by_email: dict[str, int]
    without_cpf: dict[tuple[str, date | None], list[int]]

    @classmethod
    def load(cls, session: Session) -> _Snapshot:
        phones: dict[int, list[str]] = defaultdict(list)
        for aluno_id, valor in session.execute(
            select(Contato.aluno_id, Contato.valor).where(Contato.tipo == TELEFONE).order_by(Contato.id)
        ):
            phones[aluno_id].append(valor)
        alunos: dict[int, AlunoData] = {}
        for a in session.scalars(select(Aluno).order_by(Aluno.id)):
            alunos[a.id] = AlunoData(
                a.nome, a.email, a.cpf, a.data_nascimento, bool(a.ativo), tuple(phones.get(a.id, ()))
            )
        without_cpf: dict[tuple[str, date | None], list[int]] = defaultdict(list)
        for aluno_id, data in alunos.items():
            if not data.cpf:
                without_cpf[_identity(data.nome, data.data_nascimento)].append(aluno_id)
        return cls(
            alunos,
            {d.cpf: i for i, d in alunos.items() if d.cpf},
            {d.email.lower(): i for i, d in alunos.items() if d.email},
            dict(without_cpf),
        )


def _lines(lines: Sequence[int]) -> str:
    numbers = [str(n) for n in sorted(lines)]
    return "linhas " + ", ".join(numbers[:-1]) + " e " + numbers[-1]


def _plan(
    snapshot: _Snapshot, candidates: Sequence[_Candidate], today: date
) -> tuple[tuple[RowAction, ...], tuple[RowAction, ...], tuple[RowAction, ...], tuple[BadRow, ...]]:
    problems: dict[int, list[Problem]] = {c.line: list(c.problems) for c in candidates}

    # Repeats inside the file: every line involved is reported.
    groups: dict[tuple[str, object], list[int]] = defaultdict(list)
    for c in candidates:
        if cpf := c.values.get("cpf"):
            groups[("cpf", cpf)].append(c.line)
        elif "nome" in c.values:
            groups[("aluno", _identity(str(c.values["nome"]), c.values.get("data_nascimento")))].append(c.line)
        if email := c.values.get("email"):
            groups[("email", email)].append(c.line)
    messages = {"cpf": CPF_REPETIDO_NO_ARQUIVO, "email": EMAIL_REPETIDO_NO_ARQUIVO, "aluno": ALUNO_REPETIDO_NO_ARQUIVO}
    for (kind, _value), lines in groups.items():
        if len(lines) > 1:
            for line in lines:
                others = [n for n in lines if n != line]
                detail = f"também na linha {others[0]}" if len(others) == 1 else "também nas " + _lines(others)
                problems[line].append(Problem({"aluno": "nome"}.get(kind, kind), messages[kind], detail))

    # Which registered aluno each line is.
    targets: dict[int, int | None] = {}
    for c in candidates:
        cpf = c.values.get("cpf")
        target = snapshot.by_cpf.get(str(cpf)) if cpf else None
        if target is None and "nome" in c.values and not ("cpf" in c.raw and cpf is None):
            same = snapshot.without_cpf.get(_identity(str(c.values["nome"]), c.values.get("data_nascimento")), [])
            if len(same) == 1:
                target = same[0]
            elif len(same) > 1:
                problems[c.line].append(Problem("nome", ALUNO_AMBIGUO))
        targets[c.line] = target
    by_target: dict[int, list[int]] = defaultdict(list)
    for line, target in targets.items():
        if target is not None:
            by_target[target].append(line)
    for lines in by_target.values():
        if len(lines) > 1:
            for line in lines:
                problems[line].append(Problem("nome", MESMO_ALUNO_EM_VARIAS_LINHAS, _lines(lines)))

    inserts: list[RowAction] = []
    updates: list[RowAction] = []
    unchanged: list[RowAction] = []
    for c in candidates:
        target = targets[c.line]
        stored = snapshot.alunos[target] if target is not None else None
        # The aluno form's rules: values this aluno already has are not checked again.
        email = c.values.get("email")
        if "email" in c.raw and not (stored is not None and email == stored.email):
            if message := v.validate_email(c.raw["email"]):
                problems[c.line].append(Problem("email", message, c.raw["email"]))
            elif email and snapshot.by_email.get(str(email), target) != target:
                problems[c.line].append(Problem("email", EMAIL_EM_USO, c.raw["email"]))
        phones = c.values.get("telefones", ())
        kept = set(v.normalize_telefones(stored.telefones)) if stored is not None else set()
        if message := v.validate_telefones(tuple(p for p in phones if p not in kept)):  # type: ignore[union-attr]
            problems[c.line].append(Problem("telefones", message, c.raw.get("telefones", "")))
        born = c.values.get("data_nascimento")
        if message := v.validate_data_nascimento(born, today):  # type: ignore[arg-type]
            problems[c.line].append(Problem("data_nascimento", message, _cell_text(born)))  # type: ignore[arg-type]
        if problems[c.line]:
            continue
        new = AlunoService.normalize(
            AlunoData(
                nome=str(c.values["nome"]),
                email=c.values.get("email", stored.email if stored else None),  # type: ignore[arg-type]
                cpf=c.values.get("cpf", stored.cpf if stored else None),  # type: ignore[arg-type]
                data_nascimento=c.values.get(  # type: ignore[arg-type]
                    "data_nascimento", stored.data_nascimento if stored else None
                ),
                ativo=c.values.get("ativo", stored.ativo if stored else True),  # type: ignore[arg-type]
                telefones=c.values.get("telefones", stored.telefones if stored else ()),  # type: ignore[arg-type]
            )
        )
        if stored is None:
            inserts.append(RowAction(c.line, new))
            continue
        before = AlunoService.normalize(stored)
        changes = tuple(
            FieldChange(name, getattr(stored, name), getattr(new, name))
            for name in ("nome", "email", "cpf", "data_nascimento", "ativo", "telefones")
            if getattr(before, name) != getattr(new, name)
        )
        (updates if changes else unchanged).append(RowAction(c.line, new, target, changes))

    bad = tuple(BadRow(line, tuple(found)) for line, found in sorted(problems.items()) if found)
    return tuple(inserts), tuple(updates), tuple(unchanged), bad


# --- preview and apply ------------------------------------------------------------------


def preview(
    engine: Engine, table: Table, mapping: Mapping[str, str | None] | None = None, *, today: date | None = None
) -> ImportPreview:
    """What importing ``table`` would do. Reads the database, writes nothing.

    Args:
        mapping: the user's header → field choices, see :func:`map_headers`.
        today: for the birth date check; the real today when omitted.

    Raises:
        MapeamentoInvalidoError: no Nome column, two columns for one field...
    """
    header_map = map_headers(table.headers, mapping)
    if header_map.problems:
        raise MapeamentoInvalidoError(header_map.problems)
    today = today or date.today()
    candidates = tuple(_parse_row(row.line, row.values, header_map) for row in table.rows)
    with Session(engine) as session:
        snapshot = _Snapshot.load(session)
    inserts, updates, unchanged, bad = _plan(snapshot, candidates, today)
    return ImportPreview(table.path, header_map, inserts, updates, unchanged, bad, today, candidates)


def apply(engine: Engine, plan: ImportPreview) -> ImportResult:
    """Write ``plan`` in one transaction: every line or none.

    The plan is worked out again inside the transaction; if the database changed since the
    preview so that the result would differ, nothing is written.

    Raises:
        ImportacaoRecusadaError: the preview has bad rows.
        ImportacaoDesatualizadaError: the alunos changed since the preview.
    """
    if plan.bad_rows:
        raise ImportacaoRecusadaError(len(plan.bad_rows))
    inserted_ids: list[int] = []
    try:
        with Session(engine) as session, session.begin():
            snapshot = _Snapshot.load(session)
            again = _plan(snapshot, plan._candidates, plan.today)
            if again != (plan.inserts, plan.updates, plan.unchanged, plan.bad_rows):
                raise ImportacaoDesatualizadaError()
            for action in plan.updates:
                aluno = session.get_one(Aluno, action.aluno_id)
                changed = {change.field for change in action.changes}
                for name in ("nome", "email", "cpf", "data_nascimento", "ativo"):
                    if name in changed:
                        setattr(aluno, name, getattr(action.data, name))
                if "telefones" in changed:
                    replace_telefones(session, action.aluno_id, action.data.telefones)
            session.flush()
            for action in plan.inserts:
                aluno = new_aluno(action.data, next_ra(session))
                session.add(aluno)
                session.flush()
                inserted_ids.append(aluno.id)
    except IntegrityError as exc:
        raise ImportacaoDesatualizadaError() from exc
    return ImportResult(len(plan.inserts), len(plan.updates), len(plan.unchanged), tuple(inserted_ids))


def import_file(engine: Engine, table: Table, mapping: Mapping[str, str | None] | None = None) -> ImportResult:
    """:func:`preview` then :func:`apply`, for the command line."""
    return apply(engine, preview(engine, table, mapping))


# --- export -----------------------------------------------------------------------------


def export_alunos(engine: Engine, path: Path | str) -> int:
    """Write every aluno to ``path`` (``.csv`` or ``.xlsx``, mode 0600); returns how many.

    Columns: Nome, E-mail, CPF (000.000.000-00), Data de nascimento, Telefones (joined by
    `` / ``) and Ativo (Sim/Não). The file imports back with no change.
    """
    rows = AlunoService(engine).list()
    write_table(
        path,
        EXPORT_HEADERS,
        (
            [
                r.nome,
                r.email,
                v.format_cpf(r.cpf) or None,
                r.data_nascimento,
                " / ".join(r.telefones) or None,
                "Sim" if r.ativo else "Não",
            ]
            for r in rows
        ),
    )
    return len(rows)


__all__ = [
    "EXPORT_HEADERS",
    "FIELDS",
    "BadRow",
    "FieldChange",
    "HeaderMap",
    "ImportPreview",
    "ImportResult",
    "ImportacaoDesatualizadaError",
    "ImportacaoError",
    "ImportacaoRecusadaError",
    "MapeamentoInvalidoError",
    "Problem",
    "RowAction",
    "apply",
    "export_alunos",
    "import_file",
    "map_headers",
    "preview",
]
