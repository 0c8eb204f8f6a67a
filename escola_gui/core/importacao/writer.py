"""Writes a plan: the alunos, their contatos, the responsáveis, their phones and the links, with
Core executemany statements in batches, inside the caller's transaction.

It records in the audit log exactly the rows the ORM listener records when the forms save the
same changes (auditoria.inclusao, alteracao, exclusao; core/auditoria.py resolves the aluno and
the description). The ids are given explicitly, the ones SQLite would have given (the highest
plus one), in the order the lines name the rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Table as Table_
from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from escola_gui.core import auditoria
from escola_gui.core.alunos import ALUNO_COLUMNS as ALUNO_ROW_FIELDS
from escola_gui.core.alunos import CONTATO_FIELDS, AlunoData, next_ra
from escola_gui.core.common import TELEFONE
from escola_gui.core.importacao.results import ImportPreview, ResponsavelAction, RowAction
from escola_gui.core.importacao.steps import Steps
from escola_gui.core.models import DERIVED_COLUMNS, Aluno, AlunoResponsavel, Contato, ContatoResponsavel, Responsavel
from escola_gui.core.responsaveis import ResponsavelData

_ALUNO_TABLE = Aluno.__table__
_CONTATO_TABLE = Contato.__table__
_RESPONSAVEL_TABLE = Responsavel.__table__
_CONTATO_RESPONSAVEL_TABLE = ContatoResponsavel.__table__
_VINCULO_TABLE = AlunoResponsavel.__table__
_ALUNO_READ = [column for column in _ALUNO_TABLE.c if column.key != "foto"]  # (deferred by the model)
_CONTATO_NAMES = frozenset(name for _tipo, name in CONTATO_FIELDS)


def _aluno_row(data: AlunoData, names: Iterable[str] = ALUNO_ROW_FIELDS, **columns: object) -> dict[str, object]:
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


def _delete(session: Session, table: Table_, ids: Sequence[int], batch: int) -> None:
    for start in range(0, len(ids), batch):
        session.execute(delete(table).where(table.c.id.in_(ids[start : start + batch])))


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


def write_alunos(session: Session, plan: ImportPreview, steps: Steps) -> dict[int, int]:
    """Update and insert the alunos of ``plan``, in batches; line → aluno id."""
    aluno_ids: dict[int, int] = {}
    mudancas: list[auditoria.Mudanca] = []
    # Updates: the changed columns, and the contatos replaced, as the aluno form's save flushes them
    # (per aluno: the new phones, the phones gone, the new e-mails, the e-mails gone).
    operations: list[tuple[str, dict[str, object]]] = []  # ("insert" | "delete", contato row)
    updates = list(plan.updates)
    for start in range(0, len(updates), steps.batch):
        batch = updates[start : start + steps.batch]
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
    _delete(session, _CONTATO_TABLE, [row["id"] for row in early], steps.batch)  # type: ignore[misc]
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
    _delete(session, _CONTATO_TABLE, [row["id"] for row in late], steps.batch)  # type: ignore[misc]
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
        for start in range(0, len(group), steps.batch):
            batch = group[start : start + steps.batch]
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


def write_responsaveis(
    session: Session, actions: Sequence[RowAction], aluno_ids: Mapping[int, int], steps: Steps
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
    for start in range(0, len(rids), steps.batch):
        chunk = rids[start : start + steps.batch]
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
    for start in range(0, len(wanted), steps.batch):
        for link in session.execute(
            select(_VINCULO_TABLE).where(_VINCULO_TABLE.c.aluno_id.in_(wanted[start : start + steps.batch]))
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
        if done % steps.batch == 0:
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
