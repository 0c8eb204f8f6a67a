"""Children's personal data (LGPD): an aluno deleted for good leaves no trace in the file.

Once the Lixeira is emptied (or the item deleted for good), the aluno's name and CPF, and
those of a responsável of that aluno alone, are nowhere in the database file's bytes: not in
``auditoria``, not in the search index (FTS5), not in the pages SQLite freed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.responsaveis import ResponsavelData
from escola_gui.core.services import Services
from escola_gui.core.text import normalize_text

# Name parts that start with letters no other token of the search index starts with, so that
# the index's prefix compression cannot hide one (a leaf stores "zimbrao" after "zeca" as "imbrao").
NOME = "Yxolda Wqertina Kjuvenço"
CPF = "52998224725"
MAE = "Qoraide Vhelmina Kjuvenço"
MAE_CPF = "11144477735"
TELEFONE_MAE = "(11) 98765-4321"
IRMA = "Ana Souza"  # a sibling: the responsável they share stays


def _forms(text: str) -> list[bytes]:
    """Every way ``text`` may sit in the file: UTF-8 and UTF-16 as typed, folded as the sort key
    and the search index store it (lower case, no accents), each word on its own."""
    folded = normalize_text(text)
    variants = {text, folded, *text.split(), *folded.split()}
    found = []
    for variant in sorted(variants):
        if len(variant) < 5:
            continue
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            found.append(variant.encode(encoding))
    return found


def _cpf_forms(digits: str) -> list[bytes]:
    formatted = f"{digits[:3]}.{digits[3:6]}.{digits[6:9]}-{digits[9:]}"
    return [v.encode(e) for v in (digits, formatted) for e in ("utf-8", "utf-16-le", "utf-16-be")]


def _file_bytes(path: Path) -> bytes:
    """The database and whatever lies beside it, after a checkpoint (WAL)."""
    with closing(sqlite3.connect(path)) as conn:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode == "wal":
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    for side in ("-journal", "-wal", "-shm"):
        extra = path.with_name(path.name + side)
        if extra.exists():
            data += extra.read_bytes()
    return data


def _traces(path: Path, texts: dict[str, list[bytes]]) -> list[str]:
    data = _file_bytes(path)
    return [f"{what}: {form!r}" for what, forms in texts.items() for form in forms if form in data]


@pytest.fixture
def familia(head_engine: Engine) -> Iterator[tuple[Services, int]]:
    s = Services.for_engine(head_engine)
    irma = s.alunos.create(AlunoData(IRMA, data_nascimento=None))
    aluno = s.alunos.create(AlunoData(NOME, cpf=CPF, email="yxolda@example.com", telefones=("(11) 91234-5678",)))
    # The mother: created first (recorded before she is linked to anyone), then linked to the aluno alone.
    mae = s.responsaveis.create(ResponsavelData(MAE, MAE_CPF, (TELEFONE_MAE,)))
    s.responsaveis.link(aluno, mae, "mae", True)
    s.responsaveis.update(mae, ResponsavelData(MAE, MAE_CPF, (TELEFONE_MAE, "(11) 3333-4444")))
    # A father shared with the sibling stays, with the sibling.
    s.responsaveis.save_for_aluno(irma, ResponsavelData("Bento Souza", None, ()), "pai", True)
    pai = s.responsaveis.list_for_aluno(irma)[0].responsavel_id
    s.responsaveis.link(aluno, pai, "pai", False)
    dados = s.alunos.get(aluno)
    s.alunos.update(aluno, replace(dados, nome_social="Yxolda Kjuvenço", logradouro="Rua Wqertina"))
    yield s, aluno


TEXTS = {
    "nome": _forms(NOME),
    "cpf": _cpf_forms(CPF),
    "mãe": _forms(MAE),
    "cpf da mãe": _cpf_forms(MAE_CPF),
    "e-mail": _forms("yxolda@example.com"),
}


def test_before_the_deletion_the_bytes_are_found(familia: tuple[Services, int], head_db: Path) -> None:
    """The search below does see the data when it is there."""
    assert len(_traces(head_db, TEXTS)) > 10


def test_emptying_the_lixeira_leaves_no_trace_of_the_aluno_nor_of_her_own_responsavel(
    familia: tuple[Services, int], head_db: Path
) -> None:
    s, aluno = familia
    s.alunos.delete(aluno)
    assert _traces(head_db, TEXTS), "in the Lixeira the aluno is still whole"

    assert s.lixeira.empty() == 1

    assert _traces(head_db, TEXTS) == []
    with closing(sqlite3.connect(head_db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # the sibling, her father and her history stay; the search still finds her
        assert conn.execute("SELECT nome FROM alunos").fetchall() == [(IRMA,)]
        assert conn.execute("SELECT nome FROM responsaveis").fetchall() == [("Bento Souza",)]
        assert conn.execute("SELECT rowid FROM alunos_busca WHERE alunos_busca MATCH 'souza'").fetchall()
        # the deletion itself is recorded, without the name
        (descricao,) = conn.execute(
            "SELECT descricao FROM auditoria WHERE registro_id = ? AND tabela = 'alunos' ORDER BY id DESC LIMIT 1",
            (aluno,),
        ).fetchone()
        assert descricao == "Aluno excluído definitivamente da Lixeira."
    assert [a.nome for a in s.alunos.list()] == [IRMA]
    assert s.auditoria.list_for_aluno(s.alunos.list()[0].id)


def test_deleting_one_item_for_good_leaves_no_trace_and_the_others_stay(
    familia: tuple[Services, int], head_db: Path
) -> None:
    s, aluno = familia
    outro = s.alunos.create(AlunoData("Bruna Lima", cpf="39053344705"))
    s.alunos.delete(outro)
    s.alunos.delete(aluno)
    item = next(i for i in s.lixeira.list() if i.registro_id == aluno)

    s.lixeira.delete(item.id)

    assert _traces(head_db, TEXTS) == []
    # the other aluno in the Lixeira comes back with her history
    (restante,) = s.lixeira.list()
    s.lixeira.restaurar(restante.id)
    assert any(linha.acao == "inclusao" for linha in s.auditoria.list_for_aluno(outro))


def test_an_aluno_moved_to_the_lixeira_by_an_earlier_version_leaves_no_trace_either(
    familia: tuple[Services, int], head_db: Path
) -> None:
    """Escola 1.1 deleted without secure_delete: the words of an aluno it moved to the Lixeira
    lie in the file's free space. Emptying the Lixeira now removes them too."""
    s, aluno = familia
    earlier = db.create_app_engine(head_db)
    event.listen(earlier, "connect", lambda conn, _record: conn.execute("PRAGMA secure_delete = OFF"))
    try:
        Services.for_engine(earlier).alunos.delete(aluno)
    finally:
        earlier.dispose()

    s.lixeira.empty()

    assert _traces(head_db, TEXTS) == []
    with closing(sqlite3.connect(head_db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def _as_escola_1_1_deleted_for_good(head_db: Path, item_id: int) -> None:
    """What Escola 1.1's "Excluir definitivamente" did: the item gone, its history kept, and a
    row naming the aluno; without secure_delete."""
    with closing(sqlite3.connect(head_db)) as conn:
        registro_id, descricao = conn.execute(
            "SELECT registro_id, descricao FROM lixeira WHERE id = ?", (item_id,)
        ).fetchone()
        conn.execute(
            "INSERT INTO auditoria (quando, usuario, tabela, registro_id, aluno_id, acao, descricao) "
            "VALUES ('2026-06-01 10:00:00', 'secretaria', 'alunos', ?, ?, 'exclusao', ?)",
            (registro_id, registro_id, f"Aluno {descricao} excluído definitivamente da Lixeira."),
        )
        conn.execute("DELETE FROM lixeira WHERE id = ?", (item_id,))
        conn.commit()


def test_the_history_escola_1_1_kept_of_an_aluno_it_deleted_for_good_goes_at_the_next_deletion_for_good(
    head_engine: Engine, head_db: Path
) -> None:
    s = Services.for_engine(head_engine)
    irma = s.alunos.create(AlunoData(IRMA))
    aluno = s.alunos.create(AlunoData(NOME, cpf=CPF))
    s.responsaveis.save_for_aluno(aluno, ResponsavelData(MAE, MAE_CPF, (TELEFONE_MAE,)), "mae", True)
    s.alunos.update(aluno, replace(s.alunos.get(aluno), nome_social="Yxolda Kjuvenço"))
    earlier = db.create_app_engine(head_db)
    event.listen(earlier, "connect", lambda conn, _record: conn.execute("PRAGMA secure_delete = OFF"))
    try:
        Services.for_engine(earlier).alunos.delete(aluno)
    finally:
        earlier.dispose()
    _as_escola_1_1_deleted_for_good(head_db, s.lixeira.list()[0].id)
    assert _traces(head_db, TEXTS)
    irma_antes = s.auditoria.list_for_aluno(irma)

    # When another aluno is deleted for good with this version
    s.alunos.delete(s.alunos.create(AlunoData("Bruna Lima")))
    s.lixeira.empty()

    assert _traces(head_db, TEXTS) == []
    assert s.auditoria.list_for_aluno(irma) == irma_antes
    with closing(sqlite3.connect(head_db)) as conn:
        rows = conn.execute(
            "SELECT descricao FROM auditoria WHERE acao = 'exclusao' AND descricao LIKE '%definitivamente%'"
        ).fetchall()
    assert rows == 2 * [("Aluno excluído definitivamente da Lixeira.",)]
    # and a new aluno given the freed id starts a history of its own
    novo = s.alunos.create(AlunoData("Carla Dias"))
    assert [linha.acao for linha in s.auditoria.list_for_aluno(novo)] == ["inclusao"]


def test_what_an_upgrade_recorded_of_the_aluno_goes_too(familia: tuple[Services, int], head_db: Path) -> None:
    """registro_migracao keeps the values an upgrade changed (a nome with stray blanks, an
    e-mail, a phone, a merged matrícula): those of an aluno deleted for good go with it."""
    s, aluno = familia
    irma = next(a.id for a in s.alunos.list() if a.nome == IRMA)
    with closing(sqlite3.connect(head_db)) as conn:
        conn.executemany(
            "INSERT INTO registro_migracao (revisao, tabela, registro_id, campo, acao, valor_anterior, valor_novo) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                ("0003", "alunos", aluno, "nome", "espacos_removidos", f" {NOME} ", NOME),
                ("0003", "alunos", aluno, "email", "email_repetido_movido_para_contatos", "YXOLDA@example.com", None),
                ("0005", "matriculas", 77, None, "repetida_unificada", f'{{"id": 77, "aluno_id": {aluno}}}', None),
                ("0003", "alunos", irma, "nome", "espacos_removidos", f"{IRMA} ", IRMA),
                ("0005", "matriculas", 78, None, "repetida_unificada", f'{{"id": 78, "aluno_id": {irma}}}', None),
            ],
        )
        conn.commit()
    s.alunos.delete(aluno)

    s.lixeira.empty()

    assert _traces(head_db, TEXTS) == []
    with closing(sqlite3.connect(head_db)) as conn:
        assert conn.execute("SELECT registro_id FROM registro_migracao ORDER BY id").fetchall() == [(irma,), (78,)]
