"""The Lixeira: a deleted aluno or turma is kept whole until the user empties it.

Deleting moves the record to the Lixeira in one transaction: every row the deletion removes
(the record, all the ``ON DELETE CASCADE`` foreign keys of :data:`Base.metadata` reach from
it, and the rows the service removes itself, such as the responsáveis of that aluno alone)
is written into :class:`~escola_gui.core.models.ItemLixeira.dados` as JSON, then deleted.
Rows whose foreign key would be set to NULL are noted, to be linked again on restore.

The values are kept as SQLite stored them (dates and datetimes are ISO text there, notas
the floats :class:`~escola_gui.core.models.NotaType` writes, a photo bytes as base64), so
that restoring puts back exactly what was there, with the same ids, parents first. SQLite
gives the highest freed id to the next new row, so an id may have been taken since: that row
goes back with a new id, and every foreign key to it follows (in the item, in the rows noted
for linking again, and in the items deleted before it, which pointed to it by its old id).
A restore that cannot be done as it was (a CPF or RA taken since, the turma gone, a year
closed since) is refused with a Portuguese message and changes nothing.

Deletions and restores are written to the ``auditoria`` table in the same transaction. A
restored aluno keeps its history: when it comes back with a new id, or when another aluno
held its id in the meantime, its audit rows (from its beginning up to its move to the
Lixeira) are moved after all the others, under the id it has now; the aluno's Alterações
show only the rows from its own beginning on (:func:`~escola_gui.core.auditoria.inicio_do_aluno`).
"""

from __future__ import annotations

import base64
import getpass
import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Engine, Table, delete, func, select
from sqlalchemy.orm import Session

from escola_gui.core.auditoria import inicio_do_aluno
from escola_gui.core.errors import ExclusaoRecusadaError, RecordNotFoundError, RestauracaoRecusadaError
from escola_gui.core.models import (
    DERIVED_COLUMNS,
    Aluno,
    AlunoResponsavel,
    AnoLetivo,
    Auditoria,
    Base,
    Enturmacao,
    ItemLixeira,
    Turma,
)

log = logging.getLogger(__name__)

FORMATO = 1
_CHUNK = 500

# What went along, as the resumo says it: table → (singular, plural). Tables not named here
# (links and the parts of a record, like a responsável's contacts) are not counted.
_ROTULOS: dict[str, tuple[str, str]] = {
    "turmas_disciplinas": ("{n} disciplina", "{n} disciplinas"),
    "enturmacoes": ("{n} matrícula em turma", "{n} matrículas em turmas"),
    "notas": ("{n} nota", "{n} notas"),
    "recuperacoes_finais": ("{n} recuperação final", "{n} recuperações finais"),
    "frequencias": ("{n} registro de frequência", "{n} registros de frequência"),
    "historico_situacoes": ("{n} mudança de situação", "{n} mudanças de situação"),
    "dispensas_disciplina": ("{n} dispensa de disciplina", "{n} dispensas de disciplina"),
    "historicos_externos": ("{n} ano em outra escola", "{n} anos em outras escolas"),
    "matriculas": ("{n} matrícula em curso", "{n} matrículas em cursos"),
    "contatos": ("{n} contato", "{n} contatos"),
    "responsaveis": ("{n} responsável", "{n} responsáveis"),
}
# A turma's own enturmações are its alunos.
_ROTULOS_TURMA = {**_ROTULOS, "enturmacoes": ("{n} aluno", "{n} alunos")}

# How a row of each table is named in a refusal.
_NOMES: dict[str, str] = {
    "alunos": "o aluno",
    "responsaveis": "o responsável",
    "contatos": "um contato",
    "contatos_responsavel": "um contato do responsável",
    "alunos_responsaveis": "o vínculo com o responsável",
    "cursos": "o curso",
    "matriculas": "uma matrícula em curso",
    "anos_letivos": "o ano letivo",
    "periodos": "um período do ano letivo",
    "disciplinas": "a disciplina",
    "turmas": "a turma",
    "turmas_disciplinas": "uma disciplina da turma",
    "enturmacoes": "uma matrícula em turma",
    "historico_situacoes": "uma mudança de situação",
    "notas": "uma nota",
    "recuperacoes_finais": "uma recuperação final",
    "frequencias": "um registro de frequência",
    "historicos_externos": "um ano cursado em outra escola",
    "historicos_externos_disciplinas": "uma disciplina de um ano cursado em outra escola",
}

# Unique values the user typed, named in a refusal: (table, column) → how the value is called.
_UNICOS: dict[tuple[str, str], str] = {
    ("alunos", "ra"): "O RA {valor}",
    ("alunos", "cpf"): "O CPF {valor}",
    ("alunos", "email"): "O e-mail {valor}",
    ("alunos", "certidao_nascimento"): "A certidão de nascimento {valor}",
    ("alunos", "nis"): "O NIS {valor}",
    ("alunos", "codigo_inep"): "O código INEP {valor}",
    ("responsaveis", "cpf"): "O CPF {valor}, do responsável,",
}


@dataclass(frozen=True)
class ItemLixeiraRow:
    """An item of the Lixeira as its page lists it."""

    id: int
    tipo: str
    """'aluno' or 'turma'."""
    registro_id: int
    descricao: str
    resumo: str
    excluido_em: datetime
    usuario: str


# --- values -----------------------------------------------------------------------------


def _to_json(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict):
        return base64.b64decode(value["base64"])
    return value


def _usuario() -> str:
    try:
        return getpass.getuser()[:100]
    except Exception:  # no login name (a service account, an odd environment)
        return ""


def _agora() -> datetime:
    return datetime.now().replace(microsecond=0)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


# --- the snapshot -----------------------------------------------------------------------


def _pk(table: Table) -> Column[Any]:
    (column,) = table.primary_key.columns
    return column


def _raw_rows(session: Session, table: Table, column: str, values: Sequence[Any]) -> list[dict[str, Any]]:
    """The rows of ``table`` whose ``column`` is one of ``values``, as SQLite stores them."""
    result: list[dict[str, Any]] = []
    names = [c.name for c in table.columns]
    for chunk in _chunks(list(values)):
        marks = ", ".join("?" * len(chunk))
        sql = (
            f"SELECT {', '.join(_quote(n) for n in names)} FROM {_quote(table.name)} "
            f"WHERE {_quote(column)} IN ({marks}) ORDER BY rowid"
        )
        for row in session.connection().exec_driver_sql(sql, tuple(chunk)):
            result.append(dict(zip(names, row, strict=True)))
    return result


def _snapshot(session: Session, roots: Sequence[tuple[Table, Sequence[int]]]) -> dict[str, Any]:
    """Every row that deleting the ``roots`` removes: the roots and what the database
    cascades to from them; and the rows whose foreign key it would set to NULL."""
    rows: dict[str, dict[Any, dict[str, Any]]] = defaultdict(dict)
    set_null: list[dict[str, Any]] = []
    pending: list[tuple[Table, list[Any]]] = [(table, list(ids)) for table, ids in roots if ids]
    while pending:
        table, ids = pending.pop(0)
        pk = _pk(table).name
        new_ids = []
        for row in _raw_rows(session, table, pk, ids):
            if row[pk] not in rows[table.name]:
                rows[table.name][row[pk]] = row
                new_ids.append(row[pk])
        if not new_ids:
            continue
        for child in Base.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table is not table or fk.column.name != pk:
                    continue
                ondelete = (fk.ondelete or "").upper()
                if ondelete == "CASCADE":
                    child_pk = _pk(child).name
                    found = [r[child_pk] for r in _raw_rows(session, child, fk.parent.name, new_ids)]
                    if found:
                        pending.append((child, found))
                elif ondelete == "SET NULL":
                    child_pk = _pk(child).name
                    for r in _raw_rows(session, child, fk.parent.name, new_ids):
                        set_null.append(
                            {
                                "tabela": child.name,
                                "id": r[child_pk],
                                "coluna": fk.parent.name,
                                "valor": r[fk.parent.name],
                            }
                        )
    tabelas = {
        name: [{k: _to_json(v) for k, v in row.items()} for row in by_id.values()]
        for name, by_id in rows.items()
        if by_id
    }
    return {"formato": FORMATO, "tabelas": tabelas, "desvincular": set_null}


def _resumo(tabelas: dict[str, list[dict[str, Any]]], raiz: str) -> str:
    partes = []
    rotulos = _ROTULOS_TURMA if raiz == "turmas" else _ROTULOS
    for table, (um, varios) in rotulos.items():
        n = len(tabelas.get(table, [])) if table != raiz else 0
        if n:
            partes.append((um if n == 1 else varios).format(n=n))
    if raiz == "alunos" and any(row.get("foto") is not None for row in tabelas.get("alunos", [])):
        partes.append("foto")
    return ", ".join(partes)


def _linha_auditoria(row: dict[str, Any], tabela: str) -> str:
    """The row for ``auditoria.antes``/``depois``: a photo is named by its size, not copied;
    columns derived from others (the sort keys of alunos) left out, as the audit log does."""
    clean = {}
    derived = DERIVED_COLUMNS.get(tabela, {})
    for key, value in row.items():
        if key in derived:
            continue
        if isinstance(value, dict) and "base64" in value:
            value = f"<{len(base64.b64decode(value['base64']))} bytes>"
        clean[key] = value
    return json.dumps(clean, ensure_ascii=False, sort_keys=True)


def _auditar(
    session: Session,
    quando: datetime,
    usuario: str,
    tabela: str,
    registro_id: int | None,
    aluno_id: int | None,
    acao: str,
    descricao: str,
    antes: str | None = None,
    depois: str | None = None,
) -> None:
    session.add(
        Auditoria(
            quando=quando,
            usuario=usuario,
            tabela=tabela,
            registro_id=registro_id,
            aluno_id=aluno_id,
            acao=acao,
            descricao=descricao,
            antes=antes,
            depois=depois,
        )
    )


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _mover(
    session: Session,
    tipo: str,
    registro_id: int,
    descricao: str,
    roots: Sequence[tuple[Table, Sequence[int]]],
    contexto: dict[str, Any],
) -> ItemLixeira:
    """Snapshot the ``roots`` and all that goes with them, delete them, and keep the item."""
    dados = _snapshot(session, roots)
    dados["contexto"] = contexto
    tabelas = dados["tabelas"]
    raiz = roots[0][0].name
    resumo = _resumo(tabelas, raiz)
    quando, usuario = _agora(), _usuario()
    for table, ids in roots:
        pk = _pk(table)
        for chunk in _chunks(list(ids)):
            session.execute(delete(table).where(pk.in_(chunk)))
    item = ItemLixeira(
        tipo=tipo,
        registro_id=registro_id,
        descricao=descricao[:300],
        resumo=resumo,
        excluido_em=quando,
        usuario=usuario,
        dados=json.dumps(dados, ensure_ascii=False),
    )
    session.add(item)
    texto = (
        f"Aluno {descricao} movido para a Lixeira" if tipo == "aluno" else f"Turma {descricao} movida para a Lixeira"
    )
    if resumo:
        texto += f", com {resumo}"
    root_row = tabelas[raiz][0]
    _auditar(
        session,
        quando,
        usuario,
        raiz,
        registro_id,
        registro_id if tipo == "aluno" else None,
        "exclusao",
        texto + ".",
        antes=_linha_auditoria(root_row, raiz),
    )
    if tipo == "turma":  # each aluno's history tells that their year in this turma went too
        for row in tabelas.get("enturmacoes", []):
            _auditar(
                session,
                quando,
                usuario,
                "enturmacoes",
                row["id"],
                row["aluno_id"],
                "exclusao",
                f"Matrícula na turma {descricao} movida para a Lixeira com a turma.",
                antes=_linha_auditoria(row, "enturmacoes"),
            )
    session.flush()
    return item


def _anos_encerrados(session: Session, turma_ids: Iterable[int]) -> list[int]:
    ids = list(set(turma_ids))
    if not ids:
        return []
    return sorted(
        set(
            session.scalars(
                select(AnoLetivo.id)
                .join(Turma, Turma.ano_letivo_id == AnoLetivo.id)
                .where(Turma.id.in_(ids), AnoLetivo.encerrado.is_(True))
            )
        )
    )


def mover_aluno(session: Session, aluno_id: int) -> ItemLixeira:
    """Move the aluno to the Lixeira with all that goes with it: contatos, foto, matrículas,
    enturmações with their notas and frequência, years in other schools, and the responsáveis
    of no other aluno (a sibling's responsável stays, only the link goes). Call it inside a
    transaction; raises :class:`~escola_gui.core.errors.RecordNotFoundError` if it is gone."""
    row = session.execute(select(Aluno.nome, Aluno.ra).where(Aluno.id == aluno_id)).one_or_none()
    if row is None:
        raise RecordNotFoundError(f"aluno {aluno_id}")
    others = select(AlunoResponsavel.responsavel_id).where(AlunoResponsavel.aluno_id != aluno_id)
    exclusivos = list(
        session.scalars(
            select(AlunoResponsavel.responsavel_id).where(
                AlunoResponsavel.aluno_id == aluno_id, AlunoResponsavel.responsavel_id.not_in(others)
            )
        )
    )
    turmas = session.scalars(select(Enturmacao.turma_id).where(Enturmacao.aluno_id == aluno_id))
    contexto = {"anos_encerrados": _anos_encerrados(session, turmas)}
    return _mover(
        session,
        "aluno",
        aluno_id,
        f"{row.nome} (RA {row.ra})",
        [(_table("alunos"), [aluno_id]), (_table("responsaveis"), exclusivos)],
        contexto,
    )


def mover_turma(session: Session, turma_id: int) -> ItemLixeira:
    """Move the turma to the Lixeira with its disciplinas, enturmações, notas and frequência.
    Call it inside a transaction; raises ``RecordNotFoundError`` if it is gone."""
    row = session.execute(
        select(Turma.nome, AnoLetivo.ano)
        .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
        .where(Turma.id == turma_id)
    ).one_or_none()
    if row is None:
        raise RecordNotFoundError(turma_id)
    contexto = {"anos_encerrados": _anos_encerrados(session, [turma_id])}
    return _mover(session, "turma", turma_id, f"{row.nome} ({row.ano})", [(_table("turmas"), [turma_id])], contexto)


# --- restoring --------------------------------------------------------------------------


def _de(nome: str) -> str:
    """ "de" before a name: "do aluno", "da turma", "de uma nota"."""
    for artigo, contracao in (("o ", "do "), ("a ", "da ")):
        if nome.startswith(artigo):
            return contracao + nome[len(artigo) :]
    return "de " + nome


def _exists(session: Session, table: Table, conditions: dict[str, Any]) -> bool:
    where = " AND ".join(f"{_quote(k)} = ?" for k in conditions)
    sql = f"SELECT 1 FROM {_quote(table.name)} WHERE {where} LIMIT 1"
    return session.connection().exec_driver_sql(sql, tuple(conditions.values())).first() is not None


def _unique_sets(table: Table) -> list[tuple[str, ...]]:
    sets: list[tuple[str, ...]] = []
    for constraint in table.constraints:
        if constraint.__class__.__name__ == "UniqueConstraint":
            sets.append(tuple(c.name for c in constraint.columns))  # type: ignore[attr-defined]
    for index in table.indexes:
        if index.unique:
            sets.append(tuple(c.name for c in index.columns))
    for column in table.columns:
        if column.unique:
            sets.append((column.name,))
    return list(dict.fromkeys(s for s in sets if s))


@dataclass
class _Outro:
    """Another item of the Lixeira, as a restore looks at it."""

    item: ItemLixeira
    dados: dict[str, Any]
    linhas: dict[str, set[Any]]
    """table → the ids of its rows in the snapshot."""


def _linhas(dados: dict[str, Any]) -> dict[str, set[Any]]:
    return {name: {row[_pk(_table(name)).name] for row in rows} for name, rows in dados["tabelas"].items()}


def _outros(session: Session, item_id: int) -> list[_Outro]:
    """The other items of the Lixeira, in the order they were deleted (ids only grow among
    the items there: SQLite gives a new one the highest id plus one)."""
    outros = []
    for item in session.scalars(select(ItemLixeira).where(ItemLixeira.id != item_id).order_by(ItemLixeira.id)):
        try:
            dados = json.loads(item.dados)
            linhas = _linhas(dados)
        except (ValueError, KeyError, TypeError, AttributeError):  # not a snapshot this version wrote
            continue
        outros.append(_Outro(item, dados, linhas))
    return outros


def _onde_esta(outros: Sequence[_Outro], depois_de: int, tabela: str, registro_id: Any) -> _Outro | None:
    """The first item deleted after item ``depois_de`` that holds the row: the row that item
    pointed to when it was deleted (the same id may since belong to another row)."""
    return next(
        (o for o in outros if o.item.id > depois_de and registro_id in o.linhas.get(tabela, ())),
        None,
    )


def _motivo_na_lixeira(outro: _Outro) -> str:
    if outro.item.tipo == "aluno":
        return f"o aluno {outro.item.descricao} também está na Lixeira; restaure-o antes."
    return f"a turma {outro.item.descricao} também está na Lixeira; restaure-a antes."


def _motivo_pai_ausente(parent_table: str) -> str:
    nome = _NOMES.get(parent_table, f"um registro de {parent_table}")
    excluido = "excluída" if nome.startswith(("a ", "uma ")) else "excluído"
    return f"{nome} de que dependia foi {excluido} depois."


def _dependente(session: Session, item: ItemLixeira) -> ItemLixeira | None:
    """An item deleted before ``item`` whose rows point to rows that ``item`` holds (the rows
    they pointed to when they were deleted), or None."""
    try:
        dados = json.loads(item.dados)
        proprias = _linhas(dados)
    except (ValueError, KeyError, TypeError, AttributeError):  # not a snapshot this version wrote
        return None
    outros = _outros(session, item.id)
    todos = sorted([*outros, _Outro(item, dados, proprias)], key=lambda o: o.item.id)
    for outro in outros:
        if outro.item.id > item.id:
            continue
        for name, rows in outro.dados["tabelas"].items():
            for fk in _table(name).foreign_keys:
                parent = fk.column.table.name
                if parent not in proprias:
                    continue
                for row in rows:
                    ref = row.get(fk.parent.name)
                    if ref in proprias[parent] and ref not in outro.linhas.get(parent, ()):
                        holder = _onde_esta(todos, outro.item.id, parent, ref)
                        if holder is not None and holder.item.id == item.id:
                            return outro.item
    return None


class _RecusaError(Exception):
    """Why a restore cannot be done; :meth:`LixeiraService.restaurar` words it for the user."""


def _ocupados(session: Session, tabelas: dict[str, list[dict[str, Any]]]) -> dict[str, set[Any]]:
    """table → the ids of snapshot rows that another row has taken since (SQLite gives the
    highest freed id again): those rows go back with a new id."""
    ocupados: dict[str, set[Any]] = {}
    for name, rows in tabelas.items():
        table = _table(name)
        pk = _pk(table).name
        found: set[Any] = set()
        for chunk in _chunks([row[pk] for row in rows]):
            sql = f"SELECT {_quote(pk)} FROM {_quote(table.name)} WHERE {_quote(pk)} IN ({', '.join('?' * len(chunk))})"
            found.update(r[0] for r in session.connection().exec_driver_sql(sql, tuple(chunk)))
        if found:
            ocupados[name] = found
    return ocupados


def _check_restauravel(
    session: Session,
    dados: dict[str, Any],
    item_id: int,
    outros: Sequence[_Outro],
    ocupados: dict[str, set[Any]],
) -> None:
    """Raise :class:`_RecusaError`, saying why, when the rows cannot go back as they were
    (apart from the ids taken since, in ``ocupados``, which are given new ones)."""
    tabelas: dict[str, list[dict[str, Any]]] = dados["tabelas"]
    restored = _linhas(dados)

    def remapeado(table_name: str, value: Any) -> bool:
        return value in ocupados.get(table_name, ())

    for table in Base.metadata.sorted_tables:
        rows = tabelas.get(table.name, [])
        if not rows:
            continue
        nome = _NOMES.get(table.name, f"um registro de {table.name}")
        fk_parents = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
        for row in rows:
            for columns in _unique_sets(table):
                values = {c: row.get(c) for c in columns}
                if any(v is None for v in values.values()):
                    continue
                # a parent going back with a new id: no row has that value yet
                if any(c in fk_parents and remapeado(fk_parents[c], values[c]) for c in columns):
                    continue
                if _exists(session, table, values):
                    if table.name == "turmas" and "nome" in columns:
                        raise _RecusaError(
                            f"já existe outra turma {row['nome']} no mesmo ano letivo; renomeie-a antes de restaurar."
                        )
                    modelo = _UNICOS.get((table.name, columns[-1])) if len(columns) == 1 else None
                    if modelo is not None:
                        raise _RecusaError(
                            modelo.format(valor=_from_json(values[columns[-1]]))
                            + " agora pertence a outro registro; altere-o antes de restaurar."
                        )
                    raise _RecusaError(f"{nome} repete dados que agora pertencem a outro registro.")
            for fk in table.foreign_keys:
                value = row.get(fk.parent.name)
                if value is None:
                    continue
                parent = fk.column.table
                if value in restored.get(parent.name, ()):
                    continue
                outro = _onde_esta(outros, item_id, parent.name, value)
                if outro is not None:
                    raise _RecusaError(_motivo_na_lixeira(outro))
                if not _exists(session, parent, {fk.column.name: value}):
                    raise _RecusaError(_motivo_pai_ausente(parent.name))
    # A year closed since the deletion keeps its turmas and enturmações as they were then.
    encerrados_antes = set(dados.get("contexto", {}).get("anos_encerrados", []))
    anos_das_turmas = {row["id"]: row["ano_letivo_id"] for row in tabelas.get("turmas", [])}
    turma_ids = {row["turma_id"] for row in tabelas.get("enturmacoes", [])} - set(anos_das_turmas)
    anos = set(anos_das_turmas.values())
    if turma_ids:
        anos |= set(session.scalars(select(Turma.ano_letivo_id).where(Turma.id.in_(turma_ids))))
    for ano_id in sorted(anos):
        ano = session.get(AnoLetivo, ano_id)
        if ano is not None and ano.encerrado and ano_id not in encerrados_antes:
            raise _RecusaError(
                f"o ano letivo {ano.ano} foi encerrado depois da exclusão. Para restaurar, reabra-o em Configurações."
            )
    # An aluno is in one turma at a time in a year: someone enturmado elsewhere since stays there.
    for row in tabelas.get("enturmacoes", []):
        if row["data_saida"] is not None or remapeado("alunos", row["aluno_id"]):
            continue  # an aluno going back with a new id has no other turma
        ano_id = anos_das_turmas.get(row["turma_id"])
        if ano_id is None:
            ano_id = session.scalar(select(Turma.ano_letivo_id).where(Turma.id == row["turma_id"]))
        outra = session.execute(
            select(Turma.nome)
            .join(Enturmacao, Enturmacao.turma_id == Turma.id)
            .where(
                Enturmacao.aluno_id == row["aluno_id"],
                Enturmacao.data_saida.is_(None),
                Turma.ano_letivo_id == ano_id,
            )
            .limit(1)
        ).scalar_one_or_none()
        if outra is not None:
            aluno = next((a["nome"] for a in tabelas.get("alunos", []) if a["id"] == row["aluno_id"]), None)
            if aluno is None:
                aluno = session.scalar(select(Aluno.nome).where(Aluno.id == row["aluno_id"])) or "um aluno"
            raise _RecusaError(f"{aluno} foi colocado depois na turma {outra}, do mesmo ano letivo.")


def _remapear_fks(table: Table, row: dict[str, Any], novos: dict[str, dict[Any, Any]]) -> bool:
    """Point the foreign keys of ``row`` (a snapshot row of ``table``) at the new ids of
    ``novos`` (table → {old id: new id}). Whether anything changed."""
    changed = False
    for fk in table.foreign_keys:
        value = row.get(fk.parent.name)
        if value is None or fk.column.name != _pk(fk.column.table).name:
            continue
        novo = novos.get(fk.column.table.name, {}).get(value)
        if novo is not None:
            row[fk.parent.name] = novo
            changed = True
    return changed


def _reinserir(
    session: Session, dados: dict[str, Any], ocupados: dict[str, set[Any]]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[Any, Any]]]:
    """Insert the rows, parents first: with their ids, or with new ones where ``ocupados`` says
    the id was taken, every foreign key to them following. The rows as inserted, and
    table → {old id: new id}."""
    tabelas: dict[str, list[dict[str, Any]]] = json.loads(json.dumps(dados["tabelas"]))
    novos: dict[str, dict[Any, Any]] = defaultdict(dict)
    connection = session.connection()
    for table in Base.metadata.sorted_tables:  # parents first
        rows = tabelas.get(table.name, [])
        if not rows:
            continue
        pk = _pk(table).name
        derived = DERIVED_COLUMNS.get(table.name, {})
        for row in rows:
            _remapear_fks(table, row, novos)
            # From the row itself: a snapshot taken before revision 0012 has no sort keys.
            row.update({column: compute(row) for column, compute in derived.items()})
        names = [c.name for c in table.columns]
        taken = ocupados.get(table.name, set())
        kept = [row for row in rows if row[pk] not in taken]
        if kept:
            sql = (
                f"INSERT INTO {_quote(table.name)} ({', '.join(_quote(n) for n in names)}) "
                f"VALUES ({', '.join('?' * len(names))})"
            )
            connection.exec_driver_sql(sql, [tuple(_from_json(row.get(n)) for n in names) for row in kept])
        others = [n for n in names if n != pk]
        sql = (
            f"INSERT INTO {_quote(table.name)} ({', '.join(_quote(n) for n in others)}) "
            f"VALUES ({', '.join('?' * len(others))})"
        )
        for row in rows:
            if row[pk] in taken:  # after the kept ones: SQLite's new id cannot be one of theirs
                result = connection.exec_driver_sql(sql, tuple(_from_json(row.get(n)) for n in others))
                novos[table.name][row[pk]] = result.lastrowid
                row[pk] = result.lastrowid
    for link in dados.get("desvincular", []):
        table = _table(link["tabela"])
        pk = _pk(table).name
        valor = link["valor"]
        for fk in table.foreign_keys:
            if fk.parent.name == link["coluna"]:
                valor = novos.get(fk.column.table.name, {}).get(valor, valor)
        connection.exec_driver_sql(
            f"UPDATE {_quote(table.name)} SET {_quote(link['coluna'])} = ? "
            f"WHERE {_quote(pk)} = ? AND {_quote(link['coluna'])} IS NULL",
            (valor, link["id"]),
        )
    return tabelas, dict(novos)


def _seguir(outros: Sequence[_Outro], item_id: int, novos: dict[str, dict[Any, Any]]) -> None:
    """Items deleted before ``item_id`` pointed at its rows by their old ids: point them at the
    new ones, so that restoring them later links them to these rows, not to the rows that
    took the old ids. An item deleted in between that holds a row with the same old id held
    what the earlier ones pointed at instead, and an item's own rows are its own."""
    pendentes = {name: dict(ids) for name, ids in novos.items() if ids}
    for outro in reversed([o for o in outros if o.item.id < item_id]):  # the latest first
        if not pendentes:
            return
        mapa = {
            name: {old: new for old, new in ids.items() if old not in outro.linhas.get(name, ())}
            for name, ids in pendentes.items()
        }
        changed = False
        for name, rows in outro.dados["tabelas"].items():
            table = _table(name)
            for row in rows:
                changed |= _remapear_fks(table, row, mapa)
        for link in outro.dados.get("desvincular", []):
            for fk in _table(link["tabela"]).foreign_keys:
                novo = mapa.get(fk.column.table.name, {}).get(link["valor"])
                if fk.parent.name == link["coluna"] and novo is not None:
                    link["valor"] = novo
                    changed = True
        if changed:
            outro.item.dados = json.dumps(outro.dados, ensure_ascii=False)
        for name, ids in outro.linhas.items():  # what items deleted before this one pointed to
            for old in ids & pendentes.get(name, {}).keys():
                del pendentes[name][old]
        pendentes = {name: ids for name, ids in pendentes.items() if ids}


_COLUNAS_AUDITORIA = ("quando", "usuario", "tabela", "registro_id", "acao", "descricao", "antes", "depois")


def _linha_da_exclusao(session: Session, item: ItemLixeira, dados: dict[str, Any]) -> int | None:
    """The ``auditoria.id`` of the row that recorded the move of the aluno ``item`` to the
    Lixeira (None when its history was never recorded, or not by this version)."""
    antigo = item.registro_id
    root = next((r for r in dados.get("tabelas", {}).get("alunos", []) if r.get("id") == antigo), None)
    if root is None:
        return None
    return (
        session.connection()
        .execute(
            select(func.max(Auditoria.id)).where(
                Auditoria.aluno_id == antigo,
                Auditoria.tabela == "alunos",
                Auditoria.registro_id == antigo,
                Auditoria.acao == "exclusao",
                Auditoria.quando == item.excluido_em,
                Auditoria.antes == _linha_auditoria(root, "alunos"),
            )
        )
        .scalar()
    )


def _apagar_historia(session: Session, item: ItemLixeira) -> None:
    """Children's personal data (LGPD): an aluno deleted for good leaves no trace. Its audit
    rows go, from its beginning up to its move to the Lixeira (those of its contatos,
    responsáveis, matrículas, notas... included: they are recorded under its id), and so do the
    rows of the responsáveis that went with it (of no other aluno) recorded before they were
    linked to any aluno, and what upgrades recorded of it (:func:`_apagar_registro_migracao`).
    What another aluno's history says (a shared responsável) stays."""
    try:
        dados = json.loads(item.dados)
    except ValueError:
        return
    if not isinstance(dados, dict):
        return
    antigo = item.registro_id
    _apagar_registro_migracao(session, antigo)
    exclusao = _linha_da_exclusao(session, item, dados)
    if exclusao is None:
        return
    connection = session.connection()
    inicio = inicio_do_aluno(connection, antigo, antes_de=exclusao)
    connection.exec_driver_sql(
        "DELETE FROM auditoria WHERE aluno_id = ? AND id >= ? AND id <= ?", (antigo, inicio, exclusao)
    )
    for tabela in ("responsaveis", "contatos_responsavel"):
        ids = [row["id"] for row in dados.get("tabelas", {}).get(tabela, [])]
        for chunk in _chunks(ids):
            connection.exec_driver_sql(
                f"DELETE FROM auditoria WHERE aluno_id IS NULL AND tabela = ? AND id <= ? "
                f"AND registro_id IN ({', '.join('?' * len(chunk))})",
                (tabela, exclusao, *chunk),
            )


def _apagar_registro_migracao(session: Session, aluno_id: int) -> None:
    """What upgrades recorded of the aluno (``registro_migracao``: its nome before the stray
    blanks went, an e-mail or phone as it was, a matrícula merged into another), which only a
    downgrade reads, to put values back into alunos and matrículas that exist. Left alone when
    another aluno holds the id now: an upgrade may have recorded that one."""
    connection = session.connection()
    if connection.execute(select(Aluno.id).where(Aluno.id == aluno_id)).first() is not None:
        return
    connection.exec_driver_sql(
        "DELETE FROM registro_migracao WHERE (tabela = 'alunos' AND registro_id = ?) OR (tabela = 'matriculas' "
        "AND json_valid(valor_anterior) AND json_extract(valor_anterior, '$.aluno_id') = ?)",
        (aluno_id, aluno_id),
    )


_EXCLUIDO = "Aluno excluído definitivamente da Lixeira."
# How Escola 1.1 recorded it, naming the aluno: "Aluno Ana Souza (RA 26000001) excluído ...".
_EXCLUIDO_ANTES = ("Aluno ", " excluído definitivamente da Lixeira.")


def _apagar_historias_antigas(session: Session) -> bool:
    """The history of the alunos that Escola 1.1 deleted for good, which it kept: removed as
    :func:`_apagar_historia` does now, and the row recording the deletion no longer names the
    aluno. Its life is found from that row: the move to the Lixeira just before it, of the same
    id and with the same description (a responsável's rows recorded before she was linked to
    the aluno cannot be told from others, and stay). Whether anything was found."""
    connection = session.connection()
    comeco, fim = _EXCLUIDO_ANTES
    marcas = connection.execute(
        select(Auditoria.id, Auditoria.registro_id, Auditoria.descricao).where(
            Auditoria.tabela == "alunos",
            Auditoria.acao == "exclusao",
            Auditoria.antes.is_(None),
            Auditoria.descricao.like("Aluno % excluído definitivamente da Lixeira."),
            Auditoria.descricao != _EXCLUIDO,
        )
    ).all()
    for marca_id, registro_id, descricao in marcas:
        if registro_id is None or not (descricao.startswith(comeco) and descricao.endswith(fim)):
            continue
        movido = f"Aluno {descricao[len(comeco) : -len(fim)]} movido para a Lixeira"
        exclusao = connection.execute(
            select(func.max(Auditoria.id)).where(
                Auditoria.aluno_id == registro_id,
                Auditoria.registro_id == registro_id,
                Auditoria.tabela == "alunos",
                Auditoria.acao == "exclusao",
                Auditoria.id < marca_id,
                Auditoria.antes.is_not(None),
                func.substr(Auditoria.descricao, 1, len(movido)) == movido,
            )
        ).scalar()
        if exclusao is not None:
            inicio = inicio_do_aluno(connection, registro_id, antes_de=exclusao)
            connection.exec_driver_sql(
                "DELETE FROM auditoria WHERE aluno_id = ? AND id >= ? AND id <= ?", (registro_id, inicio, exclusao)
            )
            _apagar_registro_migracao(session, registro_id)
        connection.exec_driver_sql("UPDATE auditoria SET descricao = ? WHERE id = ?", (_EXCLUIDO, marca_id))
    return bool(marcas)


def _otimizar_busca(session: Session) -> None:
    """Merge the search index (FTS5) into one segment: a deleted aluno's words, kept in the older
    segments under a delete marker until a merge, are then gone (and zeroed: secure_delete)."""
    connection = session.connection()
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alunos_busca'"
    ).first()
    if found is not None:
        connection.exec_driver_sql("INSERT INTO alunos_busca(alunos_busca) VALUES ('optimize')")


def _mover_historia(session: Session, item: ItemLixeira, dados: dict[str, Any], novo_id: int) -> None:
    """Put the history of the aluno being restored (its audit rows from its beginning up to its
    move to the Lixeira, under its old id) after every other row, under ``novo_id``: so that the
    aluno keeps it when it comes back with a new id, and so that it follows the history of any
    aluno who held the id in the meantime (which the restored aluno must not show)."""
    antigo = item.registro_id
    connection = session.connection()
    exclusao = _linha_da_exclusao(session, item, dados)
    if exclusao is None:  # its history was never recorded (or not by this version)
        return
    depois = connection.execute(
        select(Auditoria.id).where(Auditoria.aluno_id == antigo, Auditoria.id > exclusao).limit(1)
    ).first()
    if novo_id == antigo and depois is None:
        return  # already the last life under its id
    inicio = inicio_do_aluno(connection, antigo, antes_de=exclusao)
    colunas = ", ".join(_COLUNAS_AUDITORIA)
    connection.exec_driver_sql(
        f"INSERT INTO auditoria ({colunas}, aluno_id) SELECT {colunas}, ? FROM auditoria "
        "WHERE aluno_id = ? AND id >= ? AND id <= ? ORDER BY id",
        (novo_id, antigo, inicio, exclusao),
    )
    connection.exec_driver_sql(
        "DELETE FROM auditoria WHERE aluno_id = ? AND id >= ? AND id <= ?", (antigo, inicio, exclusao)
    )


# --- the service ------------------------------------------------------------------------


class LixeiraService:
    """What the Lixeira page lists and does."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def list(self) -> list[ItemLixeiraRow]:
        """The items, the most recently deleted first."""
        with Session(self._engine) as session:
            rows = session.execute(
                select(
                    ItemLixeira.id,
                    ItemLixeira.tipo,
                    ItemLixeira.registro_id,
                    ItemLixeira.descricao,
                    ItemLixeira.resumo,
                    ItemLixeira.excluido_em,
                    ItemLixeira.usuario,
                ).order_by(ItemLixeira.excluido_em.desc(), ItemLixeira.id.desc())
            )
            return [ItemLixeiraRow(*row) for row in rows]

    def count(self) -> int:
        with Session(self._engine) as session:
            return session.scalar(select(func.count(ItemLixeira.id))) or 0

    def restaurar(self, item_id: int) -> ItemLixeiraRow:
        """Put the item back as it was and take it out of the Lixeira. Every row keeps its id,
        unless another row took that id since: then it gets a new one, and the rows that point to
        it (in this item, and in the items deleted before it) follow. The row returned has the
        restored record's id.

        Raises :class:`RestauracaoRecusadaError` (nothing changed) when it cannot go back as it was,
        and ``RecordNotFoundError`` when the item is no longer in the Lixeira.
        """
        with Session(self._engine) as session, session.begin():
            item = session.get(ItemLixeira, item_id)
            if item is None:
                raise RecordNotFoundError(f"item da lixeira {item_id}")
            artigo = "o aluno" if item.tipo == "aluno" else "a turma"
            dados = json.loads(item.dados)
            outros = _outros(session, item.id)
            ocupados = _ocupados(session, dados["tabelas"])
            try:
                _check_restauravel(session, dados, item.id, outros, ocupados)
            except _RecusaError as recusa:
                raise RestauracaoRecusadaError(f"{artigo} {item.descricao}", str(recusa)) from None
            tabelas, novos = _reinserir(session, dados, ocupados)
            _seguir(outros, item.id, novos)
            raiz = "alunos" if item.tipo == "aluno" else "turmas"
            registro_id = novos.get(raiz, {}).get(item.registro_id, item.registro_id)
            row = ItemLixeiraRow(
                item.id, item.tipo, registro_id, item.descricao, item.resumo, item.excluido_em, item.usuario
            )
            if item.tipo == "aluno":
                _mover_historia(session, item, dados, registro_id)
            quando, usuario = _agora(), _usuario()
            root_row = next(r for r in tabelas[raiz] if r["id"] == registro_id)
            texto = f"{'Aluno' if item.tipo == 'aluno' else 'Turma'} {item.descricao} restaurad" + (
                "o" if item.tipo == "aluno" else "a"
            )
            texto += " da Lixeira" + (f", com {item.resumo}" if item.resumo else "") + "."
            _auditar(
                session,
                quando,
                usuario,
                raiz,
                registro_id,
                registro_id if item.tipo == "aluno" else None,
                "restauracao",
                texto,
                depois=_linha_auditoria(root_row, raiz),
            )
            if item.tipo == "turma":
                for e in tabelas.get("enturmacoes", []):
                    _auditar(
                        session,
                        quando,
                        usuario,
                        "enturmacoes",
                        e["id"],
                        e["aluno_id"],
                        "restauracao",
                        f"Matrícula na turma {item.descricao} restaurada da Lixeira com a turma.",
                        depois=_linha_auditoria(e, "enturmacoes"),
                    )
            session.delete(item)
            return row

    def delete(self, item_id: int) -> None:
        """Delete the item for good: it can no longer be restored.

        Refused (:class:`ExclusaoRecusadaError`, nothing changed) while an item deleted before it
        still holds rows that belong to it — a turma in the Lixeira with this aluno's enturmação
        and notas: once the aluno were gone for good, a new aluno given its id would inherit
        them when the turma came back. Esvaziar deletes both, so it is never refused.
        """
        with Session(self._engine) as session, session.begin():
            item = session.get(ItemLixeira, item_id)
            if item is None:
                raise RecordNotFoundError(f"item da lixeira {item_id}")
            dependente = _dependente(session, item)
            if dependente is not None:
                artigo = "o aluno" if item.tipo == "aluno" else "a turma"
                outro = "a turma" if dependente.tipo == "turma" else "o aluno"
                raise ExclusaoRecusadaError(
                    f"{artigo} {item.descricao}",
                    f"{outro} {dependente.descricao}, também na Lixeira, guarda registros ligados a ele "
                    f"({'matrícula, notas, frequência' if item.tipo == 'aluno' else 'matrículas'}). "
                    f"Restaure ou exclua definitivamente {outro} {dependente.descricao} antes.",
                )
            aluno = self._excluir(session, [item])
        if aluno:
            self._compactar()

    def empty(self) -> int:
        """Delete every item for good; how many there were."""
        with Session(self._engine) as session, session.begin():
            items = list(session.scalars(select(ItemLixeira)))
            alunos = self._excluir(session, items)
        if alunos:
            self._compactar()
        return len(items)

    def _compactar(self) -> None:
        """Rewrite the file without its free space (VACUUM), after an aluno was deleted for good.

        What this version frees is zeroed already (``secure_delete``, core/db.py); an earlier
        version freed the rows it deleted (an aluno it moved to the Lixeira, say) without zeroing
        them, and only a VACUUM takes those words out of the file. Best effort: the deletion is
        committed already, and a VACUUM that cannot run now (another connection reading, a full
        disk) is only logged; SQLite's own journal keeps the file whole if it is interrupted.
        """
        connection = self._engine.raw_connection()
        try:
            # Outside any transaction (pysqlite's own handling is off, see core/db.py).
            connection.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - best effort, see above
            log.warning("could not VACUUM the file after a deletion for good", exc_info=True)
        finally:
            connection.close()

    @staticmethod
    def _excluir(session: Session, items: Sequence[ItemLixeira]) -> bool:
        """Delete the items for good. An aluno leaves no trace (LGPD): its history goes (see
        :func:`_apagar_historia`; and that of the alunos Escola 1.1 deleted for good, see
        :func:`_apagar_historias_antigas`), the search index forgets its name, and the row
        recording the deletion does not name it. Whether an aluno's data went (then the caller
        compacts the file)."""
        quando, usuario = _agora(), _usuario()
        antigas = _apagar_historias_antigas(session)
        for item in items:
            aluno_id = None
            if item.tipo == "aluno":
                _apagar_historia(session, item)
                # Under its id, unless another aluno has it now: that one's history is not this.
                # It ends the life of the id (auditoria.inicio_do_aluno): the next aluno given
                # this id starts a history of its own.
                if session.scalar(select(Aluno.id).where(Aluno.id == item.registro_id)) is None:
                    aluno_id = item.registro_id
                descricao = _EXCLUIDO
            else:
                descricao = f"Turma {item.descricao} excluída definitivamente da Lixeira."
            _auditar(
                session,
                quando,
                usuario,
                "alunos" if item.tipo == "aluno" else "turmas",
                item.registro_id,
                aluno_id,
                "exclusao",
                descricao,
            )
            session.delete(item)
        alunos = antigas or any(item.tipo == "aluno" for item in items)
        if alunos:
            session.flush()
            _otimizar_busca(session)
        return alunos


__all__ = [
    "ItemLixeiraRow",
    "LixeiraService",
    "mover_aluno",
    "mover_turma",
]
