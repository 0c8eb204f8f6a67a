"""The audit log: who changed what and when, with the values before and after.

One generic mechanism records the ORM writes: an ``after_flush`` listener on every
:class:`~sqlalchemy.orm.Session` bound to an app engine (see :func:`auditar`) reads the
attribute history of the tracked models and inserts, on the flush's own connection (so in
the same transaction as the change), one ``auditoria`` row per inserted, changed or deleted
record, with only the changed fields. A rolled-back transaction takes its audit rows with it.

Writes made with Core statements bypass ORM events; the services record those through
:func:`registrar` (several rows in one ``executemany``). Inside :func:`em_lote` the rows of
every flush wait in ``session.info`` and go in one ``executemany`` at the end, so a pasted
grid or a 1,000-row import does not cost one INSERT per flush.

``antes`` and ``depois`` are JSON objects, field → value: dates in ISO format, notas
(Decimal) as strings such as ``"7.5"``, the photo as ``"foto alterada"`` (never its bytes).
"""

from __future__ import annotations

import getpass
import json
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, event, inspect, select
from sqlalchemy.orm import Session

from escola_gui.core.avaliacao import PERIODO_NOMES
from escola_gui.core.models import (
    DERIVED_COLUMNS,
    Aluno,
    AlunoResponsavel,
    AnoLetivo,
    Auditoria,
    Contato,
    ContatoResponsavel,
    Curso,
    Disciplina,
    DispensaDisciplina,
    Enturmacao,
    Frequencia,
    HistoricoExterno,
    HistoricoExternoDisciplina,
    HistoricoSituacao,
    Matricula,
    Nota,
    Periodo,
    RecuperacaoFinal,
    Responsavel,
    Turma,
)

INCLUSAO = "inclusao"
ALTERACAO = "alteracao"
EXCLUSAO = "exclusao"
RESTAURACAO = "restauracao"

FOTO_ALTERADA = "foto alterada"
FOTO_REMOVIDA = "foto removida"

# The tracked models and the columns that only say where a row belongs (shown in the
# description, not as changed fields).
_CONTEXTO: dict[type, frozenset[str]] = {
    Aluno: frozenset({"id"}),
    Contato: frozenset({"id", "aluno_id", "tipo"}),
    Responsavel: frozenset({"id"}),
    ContatoResponsavel: frozenset({"id", "responsavel_id", "tipo"}),
    AlunoResponsavel: frozenset({"id", "aluno_id", "responsavel_id"}),
    Matricula: frozenset({"id", "aluno_id", "curso_id"}),
    Enturmacao: frozenset({"id", "aluno_id", "turma_id"}),
    HistoricoSituacao: frozenset({"id", "enturmacao_id", "alterado_em"}),
    Nota: frozenset({"id", "enturmacao_id", "disciplina_id", "periodo_id"}),
    RecuperacaoFinal: frozenset({"id", "enturmacao_id", "disciplina_id"}),
    Frequencia: frozenset({"id", "enturmacao_id", "disciplina_id", "periodo_id"}),
    DispensaDisciplina: frozenset({"id", "enturmacao_id", "disciplina_id"}),
    HistoricoExterno: frozenset({"id", "aluno_id"}),
    HistoricoExternoDisciplina: frozenset({"id", "historico_id"}),
}

_audited_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


def auditar(engine: Engine) -> None:
    """Record the ORM writes of every Session bound to ``engine`` (app engines only: the
    upgrade engine works on files whose schema may not have the table yet)."""
    _audited_engines.add(engine)


@lru_cache(maxsize=1)
def usuario_atual() -> str:
    """The OS login of who is using the app; never fails."""
    try:
        name = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (no USER variable, no passwd entry)
        name = ""
    return (name or "desconhecido")[:100]


_JSON_AS_IS = frozenset({str, int, bool})  # (the values json_value() returns as they are, by exact type)


def json_value(value: object) -> Any:
    """A column value as JSON: ISO dates, Decimal as its string, bytes as "foto alterada"."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return FOTO_ALTERADA
    return str(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)  # (json.dumps builds one per call)


def _dumps(values: Mapping[str, Any] | None) -> str | None:
    return None if values is None else _ENCODER.encode(values)


@dataclass
class Mudanca:
    """One change waiting to be written: ``contexto`` holds the row's columns (foreign keys
    included) so that the aluno and the description can be worked out in bulk."""

    tabela: str
    registro_id: int | None
    acao: str
    antes: dict[str, Any] | None
    depois: dict[str, Any] | None
    contexto: dict[str, Any]
    aluno_id: int | None = None
    descricao: str | None = None


# --- the ORM listener -------------------------------------------------------------------


_with_table: weakref.WeakSet[Engine] = weakref.WeakSet()


def _ativo(session: Session) -> bool:
    if not session.info.get("auditoria", True):
        return False
    bind = session.bind
    if not isinstance(bind, Engine) or bind not in _audited_engines:
        return False
    if bind not in _with_table:
        # A file before revision 0011 (tests fill old files through the services) has no
        # table to record in; the app itself only works on files at head.
        found = (
            session.connection()
            .exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'auditoria'")
            .first()
        )
        if found is None:
            return False
        _with_table.add(bind)
    return True


def _columns(obj: object) -> list[str]:
    # Columns derived from others (the sort keys of nome and RA) are not changes of their own.
    mapper = inspect(type(obj))
    derived = DERIVED_COLUMNS.get(mapper.local_table.name, {})
    return [c.key for c in mapper.column_attrs if c.key not in derived]


def _contexto(obj: object) -> dict[str, Any]:
    state = inspect(obj)
    return {key: state.dict.get(key) for key in _columns(obj) if key in state.dict}


def _inclusao(obj: object) -> Mudanca:
    skip = _CONTEXTO[type(obj)]
    depois = {}
    values = inspect(obj).dict
    for key in _columns(obj):
        value = values.get(key)
        if key not in skip and value is not None:
            depois[key] = json_value(value)
    return Mudanca(type(obj).__tablename__, values.get("id"), INCLUSAO, None, depois, _contexto(obj))


def _alteracao(obj: object) -> Mudanca | None:
    state = inspect(obj)
    skip = _CONTEXTO[type(obj)]
    antes: dict[str, Any] = {}
    depois: dict[str, Any] = {}
    for key in _columns(obj):
        if key in skip:
            continue
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if key == "foto":
            antes[key] = FOTO_ALTERADA if old is not None else None
            depois[key] = FOTO_ALTERADA if new is not None else FOTO_REMOVIDA
            continue
        if json_value(old) != json_value(new):
            antes[key] = json_value(old)
            depois[key] = json_value(new)
    if not depois:
        return None
    return Mudanca(state.class_.__tablename__, state.dict.get("id"), ALTERACAO, antes, depois, _contexto(obj))


def _exclusao(obj: object) -> Mudanca:
    state = inspect(obj)
    skip = _CONTEXTO[type(obj)]
    antes = {}
    for key in _columns(obj):
        history = state.attrs[key].history
        value = history.deleted[0] if history.deleted else state.dict.get(key)
        if key not in skip and key != "foto" and value is not None:
            antes[key] = json_value(value)
    return Mudanca(state.class_.__tablename__, state.dict.get("id"), EXCLUSAO, antes, None, _contexto(obj))


_MODELOS = list(_CONTEXTO)


def _ordem(obj: object) -> tuple[int, int]:
    kind = type(obj)
    return (_MODELOS.index(kind) if kind in _CONTEXTO else len(_MODELOS), inspect(obj).dict.get("id") or 0)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _flush_context: object) -> None:
    if not _ativo(session):
        return
    mudancas: list[Mudanca] = []
    # In a stable order: the aluno before its contatos, rows by id.
    for obj in sorted(session.new, key=_ordem):
        if type(obj) in _CONTEXTO:
            mudancas.append(_inclusao(obj))
    for obj in sorted(session.dirty, key=_ordem):
        if type(obj) in _CONTEXTO and session.is_modified(obj, include_collections=False):
            mudanca = _alteracao(obj)
            if mudanca is not None:
                mudancas.append(mudanca)
    for obj in sorted(session.deleted, key=_ordem):
        if type(obj) in _CONTEXTO:
            mudancas.append(_exclusao(obj))
    if mudancas:
        _guardar(session, mudancas)


def _guardar(session: Session, mudancas: list[Mudanca]) -> None:
    lote = session.info.get("auditoria_lote")
    if lote is not None:
        lote.extend(mudancas)
    else:
        _escrever(session.connection(), mudancas)


def registrar(session: Session, mudancas: Iterable[Mudanca]) -> None:
    """Record changes made with Core statements (which ORM events do not see), in the
    session's transaction. Does nothing on a session whose engine is not audited."""
    mudancas = list(mudancas)
    if mudancas and _ativo(session):
        _guardar(session, mudancas)


def inclusoes(session: Session, model: type, *where: Any) -> list[Mudanca]:
    """Inclusões for the rows of ``model`` matching ``where``, read back after a Core
    INSERT ... SELECT (for :func:`registrar`)."""
    table = model.__table__  # type: ignore[attr-defined]
    return [inclusao(model, row) for row in session.execute(select(table).where(*where)).mappings()]


def _sem_registro(model: type) -> frozenset[str]:
    """The columns an entry leaves out of antes/depois: where the row belongs (ids, foreign
    keys) and the columns derived from others (the sort keys of alunos)."""
    table = model.__tablename__  # type: ignore[attr-defined]
    return frozenset(_CONTEXTO[model]) | frozenset(DERIVED_COLUMNS.get(table, {}))


def inclusao(model: type, row: Mapping[str, Any]) -> Mudanca:
    """The inclusão the ORM listener records for a new ``model`` row holding ``row`` (column →
    value, ``id`` included), for rows written with a Core INSERT."""
    skip = _sem_registro(model)
    depois = {
        k: v if v.__class__ in _JSON_AS_IS else json_value(v) for k, v in row.items() if k not in skip and v is not None
    }
    return Mudanca(model.__tablename__, row.get("id"), INCLUSAO, None, depois, dict(row))  # type: ignore[attr-defined]


def alteracao(
    model: type, antes: Mapping[str, Any], depois: Mapping[str, Any], contexto: Mapping[str, Any]
) -> Mudanca | None:
    """The alteração the ORM listener records when the columns of ``depois`` replace the stored
    values ``antes`` (None when no value changes), for a Core UPDATE. ``contexto``: the row's
    columns after the change (``id`` and foreign keys at least)."""
    skip = _sem_registro(model)
    old_values: dict[str, Any] = {}
    new_values: dict[str, Any] = {}
    for key, new in depois.items():
        old = antes.get(key)
        if key in skip or old == new:
            continue
        if key == "foto":
            old_values[key] = FOTO_ALTERADA if old is not None else None
            new_values[key] = FOTO_ALTERADA if new is not None else FOTO_REMOVIDA
        elif json_value(old) != json_value(new):
            old_values[key] = json_value(old)
            new_values[key] = json_value(new)
    if not new_values:
        return None
    tabela = model.__tablename__  # type: ignore[attr-defined]
    return Mudanca(tabela, contexto.get("id"), ALTERACAO, old_values, new_values, dict(contexto))


def exclusao(model: type, row: Mapping[str, Any]) -> Mudanca:
    """The exclusão the ORM listener records for a ``model`` row holding ``row``, deleted with Core."""
    skip = _sem_registro(model)
    antes = {k: json_value(v) for k, v in row.items() if k not in skip and k != "foto" and v is not None}
    return Mudanca(model.__tablename__, row.get("id"), EXCLUSAO, antes, None, dict(row))  # type: ignore[attr-defined]


@contextmanager
def em_lote(session: Session) -> Iterator[None]:
    """Hold the audit rows of every flush inside the block and write them in one go at its
    end (after a last flush). An exception leaves them unwritten, like the change."""
    if "auditoria_lote" in session.info or not _ativo(session):
        yield
        return
    lote: list[Mudanca] = []
    session.info["auditoria_lote"] = lote
    try:
        yield
        session.flush()
    finally:
        del session.info["auditoria_lote"]
    if lote:
        _escrever(session.connection(), lote)


# --- writing: the aluno and the description, resolved in bulk -----------------------------


def _ids(mudancas: Sequence[Mudanca], key: str, tabelas: set[str] | None = None) -> set[int]:
    return {
        m.contexto[key]
        for m in mudancas
        if m.contexto.get(key) is not None and (tabelas is None or m.tabela in tabelas)
    }


def _escrever(conn: Connection, mudancas: Sequence[Mudanca]) -> None:
    # Enturmações: those changed here and those the notas, frequências... belong to.
    ent_ids = _ids(mudancas, "enturmacao_id") | _ids(mudancas, "id", {"enturmacoes"})
    enturmacoes: dict[int, tuple[int, str, int, str]] = {}
    if ent_ids:
        for row in conn.execute(
            select(Enturmacao.id, Enturmacao.aluno_id, Turma.nome, AnoLetivo.ano, AnoLetivo.tipo_periodo)
            .join(Turma, Enturmacao.turma_id == Turma.id)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(Enturmacao.id.in_(ent_ids))
        ):
            enturmacoes[row[0]] = (row[1], row[2], row[3], row[4])
    turma_ids = _ids(mudancas, "turma_id", {"enturmacoes"})
    turmas: dict[int, tuple[str, int, str]] = {}
    if turma_ids:
        for tid, nome, ano, tipo in conn.execute(
            select(Turma.id, Turma.nome, AnoLetivo.ano, AnoLetivo.tipo_periodo)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(Turma.id.in_(turma_ids))
        ):
            turmas[tid] = (nome, ano, tipo)
    disciplinas = _names(conn, Disciplina.id, Disciplina.nome, _ids(mudancas, "disciplina_id"))
    cursos = _names(conn, Curso.id, Curso.nome, _ids(mudancas, "curso_id"))
    periodos = _names(conn, Periodo.id, Periodo.numero, _ids(mudancas, "periodo_id"))
    resp_ids = _ids(mudancas, "responsavel_id") | _ids(mudancas, "id", {"responsaveis"})
    responsaveis = _names(conn, Responsavel.id, Responsavel.nome, resp_ids)
    vinculos: dict[int, list[int]] = {}
    if resp_ids:
        for rid, aid in conn.execute(
            select(AlunoResponsavel.responsavel_id, AlunoResponsavel.aluno_id)
            .where(AlunoResponsavel.responsavel_id.in_(resp_ids))
            .order_by(AlunoResponsavel.aluno_id)
        ):
            vinculos.setdefault(rid, []).append(aid)
    hist_ids = _ids(mudancas, "historico_id")
    historicos: dict[int, tuple[int, int, str]] = {}
    if hist_ids:
        for hid, aid, ano, serie in conn.execute(
            select(HistoricoExterno.id, HistoricoExterno.aluno_id, HistoricoExterno.ano, HistoricoExterno.serie).where(
                HistoricoExterno.id.in_(hist_ids)
            )
        ):
            historicos[hid] = (aid, ano, serie)

    # The rows go through the driver's executemany (an import records tens of thousands): the
    # only value to convert, quando, is the same in all of them.
    to_sql = Auditoria.__table__.c.quando.type.bind_processor(conn.dialect)
    now = datetime.now()
    quando = to_sql(now) if to_sql is not None else now
    usuario = usuario_atual()
    rows: list[tuple[Any, ...]] = []
    for m in mudancas:
        c = m.contexto
        aluno_ids: list[int | None] = [m.aluno_id]
        descricao = ""
        if m.tabela == "alunos":
            aluno_ids = [m.registro_id]
            descricao = "Cadastro do aluno"
        elif m.tabela == "contatos":
            descricao = "Telefone" if c.get("tipo") == "telefone" else "Outro e-mail"
        elif m.tabela in ("responsaveis", "contatos_responsavel"):
            rid = m.registro_id if m.tabela == "responsaveis" else c.get("responsavel_id")
            aluno_ids = list(vinculos.get(rid, [])) or [None]  # type: ignore[arg-type]
            nome = c.get("nome") or responsaveis.get(rid, "")
            descricao = f"Responsável {nome}".strip()
            if m.tabela == "contatos_responsavel":
                tipo = "Telefone" if c.get("tipo") == "telefone" else "E-mail"
                descricao = f"{tipo} do responsável {nome}".strip()
        elif m.tabela == "alunos_responsaveis":
            descricao = f"Vínculo com o responsável {responsaveis.get(c.get('responsavel_id'), '')}".strip()
        elif m.tabela == "matriculas":
            descricao = f"Matrícula no curso {cursos.get(c.get('curso_id'), '')}".strip()
        elif m.tabela == "enturmacoes":
            nome, ano, _tipo = turmas.get(c.get("turma_id"), ("", "", ""))  # type: ignore[arg-type]
            descricao = f"Enturmação na turma {nome} ({ano})"
        elif m.tabela == "historicos_externos":
            descricao = f"Histórico de outra escola: {c.get('ano', '')}, {c.get('serie', '')}"
        elif m.tabela == "historicos_externos_disciplinas":
            aid, ano, serie = historicos.get(c.get("historico_id"), (None, "", ""))  # type: ignore[arg-type]
            aluno_ids = [m.aluno_id if m.aluno_id is not None else aid]
            descricao = f"Histórico de outra escola: {ano}, {serie}, {c.get('disciplina', '')}"
        else:  # the rows of an enturmação
            aid, turma, ano, tipo = enturmacoes.get(c.get("enturmacao_id"), (None, "", "", "bimestre"))
            aluno_ids = [m.aluno_id if m.aluno_id is not None else aid]
            disciplina = disciplinas.get(c.get("disciplina_id"), "")
            periodo = PERIODO_NOMES.get(tipo, "{n}º período").format(n=periodos.get(c.get("periodo_id"), "?"))
            descricao = {
                "notas": f"{disciplina}, {periodo}",
                "frequencias": f"{disciplina}, {periodo}",
                "recuperacoes_finais": f"Recuperação final de {disciplina}",
                "historico_situacoes": f"Situação na turma {turma} ({ano})",
                "dispensas_disciplina": f"Dispensa de {disciplina} na turma {turma} ({ano})",
            }.get(m.tabela, m.tabela)
        if m.aluno_id is None and m.tabela in ("contatos", "alunos_responsaveis", "matriculas", "historicos_externos"):
            aluno_ids = [c.get("aluno_id")]
        if m.aluno_id is None and m.tabela == "enturmacoes":
            aluno_ids = [c.get("aluno_id") or enturmacoes.get(m.registro_id or 0, (None,))[0]]
        antes, depois = _dumps(m.antes), _dumps(m.depois)
        for aluno_id in aluno_ids:
            rows.append(
                (quando, usuario, m.tabela, m.registro_id, aluno_id, m.acao, m.descricao or descricao, antes, depois)
            )
    if rows:
        conn.exec_driver_sql(_INSERT, rows)


_INSERT = (
    "INSERT INTO auditoria (quando, usuario, tabela, registro_id, aluno_id, acao, descricao, antes, depois)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _names(conn: Connection, id_col: Any, name_col: Any, ids: set[int]) -> dict[int, Any]:
    if not ids:
        return {}
    return {row[0]: row[1] for row in conn.execute(select(id_col, name_col).where(id_col.in_(ids)))}


# --- reading: an aluno's history, for display ----------------------------------------------

ACAO_LABELS = {
    INCLUSAO: "Inclusão",
    ALTERACAO: "Alteração",
    EXCLUSAO: "Exclusão",
    RESTAURACAO: "Restauração",
}

CAMPO_LABELS = {
    "nome": "Nome",
    "email": "E-mail",
    "cpf": "CPF",
    "data_nascimento": "Data de nascimento",
    "ativo": "Ativo",
    "nome_social": "Nome social",
    "sexo": "Sexo",
    "cor_raca": "Cor/raça",
    "rg": "RG",
    "certidao_nascimento": "Certidão de nascimento",
    "nis": "NIS",
    "codigo_inep": "Código INEP",
    "ra": "RA",
    "cep": "CEP",
    "logradouro": "Logradouro",
    "numero": "Número",
    "complemento": "Complemento",
    "bairro": "Bairro",
    "municipio": "Município",
    "uf": "UF",
    "foto": "Foto",
    "tipo": "Tipo",
    "valor": "Valor",
    "observacoes": "Observações",
    "parentesco": "Parentesco",
    "responsavel_legal": "Responsável legal",
    "data_matricula": "Data da matrícula",
    "data_entrada": "Data de entrada",
    "data_saida": "Data de saída",
    "situacao_manual": "Situação",
    "motivo_situacao": "Motivo",
    "escola_destino": "Escola de destino",
    "municipio_destino": "Município de destino",
    "uf_destino": "UF de destino",
    "escola_origem": "Escola de origem",
    "municipio_origem": "Município de origem",
    "uf_origem": "UF de origem",
    "situacao_anterior": "Situação anterior",
    "situacao_nova": "Situação nova",
    "motivo": "Motivo",
    "data": "Data",
    "nota": "Nota",
    "recuperacao": "Recuperação",
    "aulas_dadas": "Aulas dadas",
    "faltas": "Faltas",
    "ano": "Ano",
    "serie": "Série",
    "escola": "Escola",
    "situacao": "Situação",
    "frequencia": "Frequência (%)",
    "carga_horaria_total": "Carga horária total",
    "disciplina": "Disciplina",
    "media": "Média",
    "conceito": "Conceito",
    "carga_horaria": "Carga horária",
}

# Tables whose description reads after the field: "Nota de Matemática, 1º bimestre".
_CAMPO_ANTES = {"notas", "frequencias"}
# Tables of a single value, which the description names: "Recuperação final de Matemática".
_SO_DESCRICAO = {"recuperacoes_finais", "contatos", "contatos_responsavel"}
# How a whole record of these tables is named (an inclusão of several fields).
_REGISTRO = {"notas": "Nota de {}", "frequencias": "Frequência de {}"}

_CODIGOS = {
    "sexo": {"F": "Feminino", "M": "Masculino"},
    "cor_raca": {
        "nao_declarada": "Não declarada",
        "branca": "Branca",
        "preta": "Preta",
        "parda": "Parda",
        "amarela": "Amarela",
        "indigena": "Indígena",
    },
    "parentesco": {
        "mae": "Mãe",
        "pai": "Pai",
        "avo": "Avó/Avô",
        "tio": "Tio/Tia",
        "irmao": "Irmão/Irmã",
        "outro": "Outro",
    },
    "tipo": {"telefone": "Telefone", "email": "E-mail"},
}
_SITUACOES = {
    "cursando": "Cursando",
    "aprovado": "Aprovado",
    "retido": "Retido",
    "transferido": "Transferido",
    "abandono": "Abandono",
    "reprovado_por_faltas": "Reprovado por faltas",
    "falecido": "Falecido",
    "remanejado": "Remanejado",
    "reclassificado": "Reclassificado",
}
for _campo in ("situacao_manual", "situacao_anterior", "situacao_nova", "situacao"):
    _CODIGOS[_campo] = _SITUACOES
_DECIMAIS = {"nota", "recuperacao", "media", "frequencia"}
VAZIO = "—"


def formatar_valor(campo: str, value: Any) -> str:
    """A stored JSON value as the secretary reads it: 07/03/2015, 7,5, Sim, Feminino."""
    if value is None or value == "":
        return VAZIO
    if isinstance(value, bool):
        return "Sim" if value else "Não"
    if isinstance(value, str):
        if campo in _CODIGOS:
            return _CODIGOS[campo].get(value, value)
        if campo in _DECIMAIS:
            return value.replace(".", ",")
        if campo.startswith("data_") or campo == "alterado_em":
            try:
                return date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
            except ValueError:
                return value
        return value
    if isinstance(value, list):
        return ", ".join(formatar_valor(campo, item) for item in value) or VAZIO
    return str(value)


@dataclass(frozen=True)
class LinhaAuditoria:
    """One line of the Alterações tab (a change of one field, or a whole record included or
    removed), already in words."""

    quando: datetime
    usuario: str
    acao: str  # 'inclusao', 'alteracao', 'exclusao', 'restauracao'
    o_que: str
    antes: str
    depois: str

    @property
    def acao_label(self) -> str:
        return ACAO_LABELS.get(self.acao, self.acao)


def _loads(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _resumo(values: Any, campos: list[str]) -> str:
    if values is None:
        return VAZIO
    if not isinstance(values, dict):
        return str(values)
    return "; ".join(f"{CAMPO_LABELS.get(k, k)}: {formatar_valor(k, values[k])}" for k in campos if k in values)


def linhas(
    quando: datetime, usuario: str, tabela: str, acao: str, descricao: str, antes: Any, depois: Any
) -> list[LinhaAuditoria]:
    """The lines one audit row shows: one per field for an alteração (or a single field),
    one with every field otherwise."""
    campos: list[str] = []
    for values in (antes, depois):
        if isinstance(values, dict):
            campos.extend(k for k in values if k not in campos)
    campos.sort(key=lambda k: list(CAMPO_LABELS).index(k) if k in CAMPO_LABELS else len(CAMPO_LABELS))

    def o_que(campo: str | None) -> str:
        if campo is None:
            return descricao
        label = CAMPO_LABELS.get(campo, campo)
        if tabela in _SO_DESCRICAO:
            return descricao
        if tabela in _CAMPO_ANTES:
            return f"{label} de {descricao}"
        return f"{descricao}: {label}" if descricao else label

    if (acao == ALTERACAO or len(campos) == 1) and campos:
        return [
            LinhaAuditoria(
                quando,
                usuario,
                acao,
                o_que(campo),
                formatar_valor(campo, antes.get(campo) if isinstance(antes, dict) else None),
                formatar_valor(campo, depois.get(campo) if isinstance(depois, dict) else None),
            )
            for campo in campos
        ]
    o_que_registro = _REGISTRO.get(tabela, "{}").format(descricao)
    return [LinhaAuditoria(quando, usuario, acao, o_que_registro, _resumo(antes, campos), _resumo(depois, campos))]


def inicio_do_aluno(conn: Connection, aluno_id: int, antes_de: int | None = None) -> int:
    """The ``auditoria.id`` where the history of the aluno holding ``aluno_id`` begins (0: at
    the start of the log); with ``antes_de``, of the aluno that held it just before that row.

    SQLite gives a freed id to the next new aluno, so the rows under one ``aluno_id`` may tell
    the lives of several alunos, one after the other (in ``id`` order: a restore moves the
    restored aluno's rows after everything else, see core/lixeira.py). A life begins at the
    ``inclusao`` of the aluno's record, or (an aluno registered before the log existed) right
    after the ``exclusao`` that ended the life before it. An ``exclusao`` followed by a
    ``restauracao`` is the same life going on: the aluno went to the Lixeira and came back.
    """
    query = select(Auditoria.id, Auditoria.acao).where(Auditoria.aluno_id == aluno_id, Auditoria.tabela == "alunos")
    if antes_de is not None:
        query = query.where(Auditoria.id < antes_de)
    rows = conn.execute(query.order_by(Auditoria.id)).all()
    inicio = 0
    for i, (row_id, acao) in enumerate(rows):
        if acao == INCLUSAO:
            inicio = row_id
        elif acao == EXCLUSAO and (i + 1 == len(rows) or rows[i + 1][1] != RESTAURACAO):
            inicio = row_id + 1
    return inicio


class AuditoriaService:
    """Reads the audit log."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def list_for_aluno(self, aluno_id: int) -> list[LinhaAuditoria]:
        """Everything recorded about the aluno, newest first: from the beginning of this aluno's
        own history (:func:`inicio_do_aluno`), never what an earlier holder of its id went through."""
        with Session(self._engine) as session:
            inicio = inicio_do_aluno(session.connection(), aluno_id)
            rows = session.execute(self._query(aluno_id, inicio)).all()
        found: list[LinhaAuditoria] = []
        for quando, usuario, tabela, acao, descricao, antes, depois in rows:
            found.extend(linhas(quando, usuario, tabela, acao, descricao, _loads(antes), _loads(depois)))
        return found

    @staticmethod
    def _query(aluno_id: int, inicio: int) -> Any:
        return (
            select(
                Auditoria.quando,
                Auditoria.usuario,
                Auditoria.tabela,
                Auditoria.acao,
                Auditoria.descricao,
                Auditoria.antes,
                Auditoria.depois,
            )
            .where(Auditoria.aluno_id == aluno_id, Auditoria.id >= inicio)
            # in the order written: the Lixeira's rows have whole seconds, the others do not
            .order_by(Auditoria.id.desc())
        )
