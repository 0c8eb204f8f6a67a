"""core.first_page.read_rows: the rows of a page whose ids are known, read with sqlite3 alone
(AlunoService.page reads its rows there): in the order asked, whatever their number."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escola_gui.core import first_page
from escola_gui.core.alunos import AlunoData
from escola_gui.core.services import Services


def test_rows_come_in_the_order_asked_with_their_phones_and_a_missing_id_left_out(
    head_db: Path, head_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = Services.for_engine(head_engine)
    ids = [
        s.alunos.create(AlunoData(nome=f"Aluno {k}", telefones=(f"(11) 9000{k}-000{k}", f"(11) 3000-000{k}")))
        for k in range(7)
    ]
    asked = [ids[5], ids[0], 999_999, ids[3], ids[6], ids[1]]
    # A page larger than the ids SQLite takes in one statement: read in parts
    monkeypatch.setattr(first_page, "IDS_PER_QUERY", 2)
    with closing(sqlite3.connect(head_db)) as conn:
        rows = first_page.read_rows(conn, asked)
    assert [r.id for r in rows] == [ids[5], ids[0], ids[3], ids[6], ids[1]]
    assert [r.telefones for r in rows][:2] == [
        ("(11) 90005-0005", "(11) 3000-0005"),
        ("(11) 90000-0000", "(11) 3000-0000"),
    ]
    # What the service's list (through the ORM) gives for them, field by field
    by_id = {r.id: r for r in s.alunos.list()}
    assert rows == [by_id[r.id] for r in rows]
    with closing(sqlite3.connect(head_db)) as conn:
        assert first_page.read_rows(conn, []) == []
