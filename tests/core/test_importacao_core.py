"""apply() writes with Core executemany statements and records the audit rows itself (see
:mod:`escola_gui.core.importacao.writer`): the file it leaves holds what the file said, every row
it inserted, changed or deleted has its one audit row, and the new rows have the ids SQLite would
have given."""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from escola_gui.core import db
from escola_gui.core.importacao.export import export_alunos
from escola_gui.core.importacao.fields import EXPORT_FIELDS, EXPORT_HEADERS, FIELD_LABELS
from escola_gui.core.importacao.flow import apply, preview
from escola_gui.core.models import in_models
from escola_gui.core.planilhas import Table, TableRow, read_table
from escola_gui.storage.file.demo import criar_demo

TODAY = date(2026, 6, 1)


def _cpf(seed: int) -> str:
    rng = random.Random(f"import-core-{seed}")
    digits = [rng.randrange(10) for _ in range(9)]
    for size in (9, 10):
        total = sum(d * w for d, w in zip(digits, range(size + 1, 1, -1), strict=True))
        digits.append((total * 10 % 11) % 10)
    return "".join(map(str, digits))


def _scenario(folder: Path) -> tuple[Path, Table]:
    """A 40-aluno demo and a file that changes its alunos, phones, e-mails, responsáveis and
    links, and adds alunos (with and without RA) with new and registered responsáveis."""
    path = folder / "escola.sqlite3"
    criar_demo(path, alunos=40, hoje=TODAY)
    with sqlite3.connect(path) as conn:  # a second phone for three alunos
        alunos = conn.execute(
            "SELECT id, ra FROM alunos WHERE id IN (SELECT aluno_id FROM contatos) ORDER BY id LIMIT 3"
        ).fetchall()
        for aluno_id, _ra in alunos:
            conn.execute(
                "INSERT INTO contatos (aluno_id, tipo, valor) VALUES (?, 'telefone', '(11) 3000-0000')", (aluno_id,)
            )
    engine = db.create_app_engine(path)
    export_alunos(engine, folder / "export.csv")
    engine.dispose()
    rows = [list(row.values) for row in read_table(folder / "export.csv").rows]
    col = {name: EXPORT_HEADERS.index(FIELD_LABELS[name]) for name in EXPORT_FIELDS}
    by_ra = {
        r[col["ra"]]: (aluno_id, r) for aluno_id, r in ((i, r) for r in rows for i, ra in alunos if ra == r[col["ra"]])
    }
    (one_id, one), (_, two), (_, three) = sorted(by_ra.values(), key=lambda item: rows.index(item[1]))
    assert all(" / " in str(r[col["telefones"]]) for r in (one, two, three))
    with sqlite3.connect(path) as conn:
        # The first line changing contatos removes the one with the highest id, freeing that id
        # before any contato is added.
        conn.execute(
            "UPDATE contatos SET id = (SELECT MAX(id) + 1 FROM contatos)"
            " WHERE aluno_id = ? AND valor = '(11) 3000-0000'",
            (one_id,),
        )
    one[col["telefones"]] = str(one[col["telefones"]]).split(" / ")[0]  # a phone removed
    two[col["telefones"]] = " / ".join(reversed(str(two[col["telefones"]]).split(" / ")))  # reordered
    three[col["telefones"]] = f"{three[col['telefones']]} / (11) 98888-0003"  # one more
    rows[-1][col["outros_emails"]] = "extra1@escola.com.br; extra2@escola.com.br"
    assert rows.index(one) < len(rows) - 1
    rows[0][col["nome"]] = "Nome Trocado Da Silva"
    rows[0][col["ativo"]] = "Não"
    rows[0][col["logradouro"]] = "Rua Nova"
    rows[2][col["email"]] = "trocado2@escola.com.br"
    rows[2][col["data_nascimento"]] = "03/04/2014"
    mothers = [r for r in rows if r[col["mae_nome"]] and r[col["mae_cpf"]]]
    for row in rows:  # (on every line naming her)
        if row[col["mae_cpf"]] == mothers[0][col["mae_cpf"]]:
            row[col["mae_nome"]] = "Mãe Renomeada"
    mothers[0][col["mae_telefones"]] = f"{mothers[0][col['mae_telefones']] or ''} / (11) 97777-0001".strip(" /")
    both = [r for r in rows if r[col["mae_nome"]] and r[col["pai_nome"]] and r is not mothers[0]]
    both[0][col["responsavel_legal"]] = "Pai" if both[0][col["responsavel_legal"]] != "Pai" else "Mãe"
    others = [r for r in rows if r[col["responsavel_nome"]]]
    if others:
        others[0][col["responsavel_parentesco"]] = (
            "Tio" if others[0][col["responsavel_parentesco"]] != "Tio/Tia" else "Avó"
        )
    no_pai = [r for r in rows if not r[col["pai_nome"]] and r not in (one, two, three)]
    no_pai[0][col["pai_nome"]] = "Pai Novo Cadastrado"
    no_pai[0][col["pai_cpf"]] = _cpf(1)
    no_pai[0][col["pai_telefones"]] = "(11) 96666-0001"
    registered_mae = (mothers[1][col["mae_nome"]], mothers[1][col["mae_cpf"]])
    for n in range(30):
        row: list[object] = [None] * len(EXPORT_HEADERS)
        row[col["nome"]] = f"Aluno Novo {n}"
        row[col["data_nascimento"]] = f"{1 + n % 28:02d}/{1 + n % 12:02d}/2015"
        row[col["cpf"]] = _cpf(100 + n)
        row[col["ra"]] = f"N{n:04d}" if n % 3 else None
        row[col["telefones"]] = f"(11) 95555-{n:04d}" + (" / (11) 3333-0000" if n % 2 else "")
        row[col["outros_emails"]] = f"outro{n}@escola.com.br" if n % 4 == 0 else None
        if n % 5 == 0:  # a registered mãe
            row[col["mae_nome"]], row[col["mae_cpf"]] = registered_mae
        else:  # a new mãe, shared by two siblings
            row[col["mae_nome"]] = f"Mãe Nova {n // 2}"
            row[col["mae_cpf"]] = _cpf(500 + n // 2)
            row[col["mae_telefones"]] = f"(11) 94444-{n // 2:04d}"
        if n % 3 == 0:
            row[col["pai_nome"]] = f"Pai Novo {n}"
            row[col["responsavel_legal"]] = "Pai"
        rows.append(row)
    table = Table(folder / "arquivo.csv", EXPORT_HEADERS, tuple(TableRow(i + 2, tuple(r)) for i, r in enumerate(rows)))
    return path, table


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in rowid order; the audit log without ``quando`` and ``id``, sorted."""
    with sqlite3.connect(path) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        tables: dict[str, list[tuple[object, ...]]] = {}
        for name in names:
            if not in_models(name, "table"):  # the FTS index: it follows the alunos rows
                continue
            if name == "auditoria":
                query = "SELECT usuario, tabela, registro_id, aluno_id, acao, descricao, antes, depois FROM auditoria"
                tables[name] = sorted(conn.execute(query).fetchall(), key=repr)
            else:
                tables[name] = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
    return tables


WRITTEN = ("alunos", "contatos", "responsaveis", "contatos_responsavel", "alunos_responsaveis")
"""The tables the import writes (the audit log's ``tabela``)."""


def _rows_written(
    before: dict[str, list[tuple[object, ...]]], after: dict[str, list[tuple[object, ...]]]
) -> set[tuple[str, object, str]]:
    """(tabela, registro_id, acao) for every row the import inserted, changed or deleted."""
    written: set[tuple[str, object, str]] = set()
    for name in WRITTEN:
        old = {row[0]: row for row in before[name]}
        new = {row[0]: row for row in after[name]}
        written.update((name, i, "inclusao") for i in new.keys() - old.keys())
        written.update((name, i, "exclusao") for i in old.keys() - new.keys())
        for i in new.keys() & old.keys():
            if new[i] != old[i]:  # a contato is never changed: one deleted freed its id for a new one
                written.update(
                    [(name, i, "exclusao"), (name, i, "inclusao")] if name == "contatos" else [(name, i, "alteracao")]
                )
    return written


@pytest.mark.parametrize("changed_since_preview", [False, True])
def test_apply_writes_the_file_and_one_audit_row_per_row_written(tmp_path: Path, changed_since_preview: bool) -> None:
    path, table = _scenario(tmp_path)
    engine = db.create_app_engine(path)
    try:
        plan = preview(engine, table, today=TODAY)
        assert not plan.bad_rows, [b.reasons for b in plan.bad_rows]
        if changed_since_preview:  # apply() plans again, from another snapshot
            with sqlite3.connect(path) as conn:
                conn.execute("INSERT INTO responsaveis (nome) VALUES ('Alguém de Fora')")
        before = _dump(path)
        result = apply(engine, plan, confirmed=[a.line for a in plan.conflicts])
        again = preview(engine, table, today=TODAY)
    finally:
        engine.dispose()
    assert result.inserted == 30
    assert result.updated >= 5
    assert result.conflicts_skipped == 0
    # The file holds what the file said: the same file again changes nothing.
    assert (again.bad_rows, again.inserts, again.updates, again.conflicts) == ((), (), (), ())
    after = _dump(path)
    # One audit row per row inserted, changed or deleted, and no other; a responsável's rows
    # once for each of its alunos (each aluno's history tells them).
    (mudancas := Counter(after["auditoria"])).subtract(before["auditoria"])
    assert min(mudancas.values()) >= 0
    audited: dict[tuple[str, object, str], list[object]] = defaultdict(list)
    for row in mudancas.elements():
        audited[(str(row[1]), row[2], str(row[4]))].append(row[3])
    assert set(audited) == _rows_written(before, after)
    alunos_of: dict[object, list[object]] = defaultdict(list)
    for _id, aluno_id, responsavel_id, *_link in after["alunos_responsaveis"]:
        alunos_of[responsavel_id].append(aluno_id)
    phone_of = {row[0]: row[1] for row in after["contatos_responsavel"]}
    for (tabela, registro_id, _acao), aluno_ids in audited.items():
        if tabela in ("responsaveis", "contatos_responsavel"):
            responsavel_id = registro_id if tabela == "responsaveis" else phone_of[registro_id]
            assert sorted(aluno_ids) == sorted(alunos_of[responsavel_id]), (tabela, registro_id)  # type: ignore[type-var]
        else:
            assert len(aluno_ids) == 1, (tabela, registro_id)
    # The scenario covers every kind of audit row the import writes.
    kinds = Counter((tabela, acao) for tabela, _id, acao in audited)
    for kind in [
        ("alunos", "inclusao"),
        ("alunos", "alteracao"),
        ("contatos", "inclusao"),
        ("contatos", "exclusao"),
        ("responsaveis", "inclusao"),
        ("responsaveis", "alteracao"),
        ("contatos_responsavel", "inclusao"),
        ("alunos_responsaveis", "inclusao"),
        ("alunos_responsaveis", "alteracao"),
    ]:
        assert kinds[kind] > 0, kind
    inclusao = next(r for r in mudancas.elements() if r[1] == "alunos" and r[4] == "inclusao" and "Novo 0" in str(r[7]))
    assert json.loads(str(inclusao[7]))["nome"] == "Aluno Novo 0"
    # The ids SQLite would have given: a run from the highest id plus one when the first row
    # went in (the contato deleted first freed the highest id for the new ones).
    for name in WRITTEN:
        old = {row[0] for row in before[name]}
        gone = {i for tabela, i, acao in audited if tabela == name and acao == "exclusao"}
        new = sorted(i for tabela, i, acao in audited if tabela == name and acao == "inclusao")
        assert new == list(range(new[0], new[0] + len(new))), name  # type: ignore[call-overload]
        assert max(old - gone) < new[0] <= max(old) + 1, name  # type: ignore[operator]
