"""Revision 0017 (evaluation rules per etapa and per turma), up and down, with data and with
the file of every release.

Every file keeps every value and every result: the rule of Educação Infantil goes only to the
etapas without alunos, the others are recorded for the secretary; notas up to 100 fit once the
file is upgraded, and going down takes them out (the backup keeps them).
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.diario import Lancamento
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.releases import RELEASES
from tests.fixtures.releases.make_fixture import fixture_path
from tests.helpers.revisions import HEAD, after
from tests.storage.test_revision_0014 import _without_later
from tests.storage.test_school_year_revisions import _alembic, _assert_clean, _assert_sound, _snapshot

WITH_TURMAS = [r for r in RELEASES if r.revision and fixture_path(r.version).exists()]
INFANTIL = "Educação Infantil — parecer, sem retenção"


def _results(path: Path) -> dict[int, tuple]:
    """Every enturmação's boletim as the app computes it: the situação, each disciplina's
    média, conceito, frequência and situação."""
    engine = db.create_app_engine(path)
    try:
        s = Services.for_engine(engine)
        with closing(sqlite3.connect(path)) as conn:
            ids = [i for (i,) in conn.execute("SELECT id FROM enturmacoes ORDER BY id")]
        result = {}
        for enturmacao_id in ids:
            b = s.diario.boletim(enturmacao_id)
            result[enturmacao_id] = (
                b.resultado.situacao,
                b.resultado.frequencia,
                tuple((linha.notas, linha.resultado) for linha in b.linhas),
            )
        return result
    finally:
        engine.dispose()


def _query(path: Path, sql: str, *args: object) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, args).fetchall()


def _execute(path: Path, sql: str, *args: object) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(sql, args)


@pytest.mark.parametrize("release", WITH_TURMAS, ids=[r.version for r in WITH_TURMAS])
def test_each_release_file_keeps_every_value_and_every_result(release, tmp_path: Path) -> None:
    # Given the file of a release, at 0014
    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(fixture_path(release.version), path)
    _alembic(path, "upgrade", "0014")
    before = _snapshot(path)
    assert before["notas"][1], "the fixture has notas"

    # When the app upgrades it
    result = upgrade_to_head(path)

    # Then 0017 ran, every value of 0014 is as it was, and the validation passed
    assert "0017" in result.applied and result.revision == HEAD
    _assert_sound(path)
    _assert_clean(path)
    upgraded = _snapshot(path)
    for table, content in before.items():
        if table not in ("alembic_version", "metadados"):
            assert _without_later(table, upgraded[table]) == content, table
    assert {r[-2:] for r in _query(path, "SELECT id, conceito, parecer FROM notas")} == {(None, None)}

    # And every result is the one the ano letivo's rule gives (as the app gave it before 0017)
    after_upgrade = _results(path)
    assert after_upgrade
    _execute(path, "UPDATE etapas SET regra_avaliacao_id = NULL")
    assert _results(path) == after_upgrade


def _file_with_educacao_infantil(path: Path) -> None:
    """A 0014 file with a pré-escola turma holding an aluno, and no creche turma."""
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        s = Services.for_engine(engine)
        ano = s.anos_letivos.create(AnoLetivoData(ano=2026))
        turma = s.turmas.create(TurmaData(ano, "Pré II A", "Pré-escola", "matutino"), [])
        aluno = s.alunos.create(AlunoData(nome="Bia Souza", data_nascimento=date(2021, 5, 1)))
        s.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    finally:
        engine.dispose()
    _alembic(path, "downgrade", "0014")


def test_educacao_infantil_gets_its_rule_only_where_no_result_can_change(tmp_path: Path) -> None:
    # Given a 0014 file whose pré-escola has an aluno and whose creche has none
    path = tmp_path / "escola.sqlite3"
    _file_with_educacao_infantil(path)

    # When it is upgraded
    result = upgrade_to_head(path)

    # Then the creche follows the rule of Educação Infantil, the pré-escola keeps the ano
    # letivo's, and both are recorded and told in the secretary's words
    etapas = dict(
        _query(
            path,
            "SELECT e.nome, r.nome FROM etapas e LEFT JOIN regras_avaliacao r ON r.id = e.regra_avaliacao_id "
            "WHERE e.segmento = 'educacao_infantil'",
        )
    )
    assert etapas == {"Creche": INFANTIL, "Pré-escola": None}
    assert _query(path, "SELECT registro_id, acao, valor_novo FROM registro_migracao WHERE revisao = '0017'") == [
        (1, "regra_atribuida", INFANTIL),
        (2, "regra_nao_atribuida", INFANTIL),
    ]
    texts = [str(line) for line in result.summary]
    assert any(t.startswith("1 etapa da Educação Infantil já tem alunos") for t in texts)
    assert any(t.startswith("1 etapa da Educação Infantil, ainda sem alunos, passou a usar") for t in texts)


def test_a_new_file_has_the_catalogue_and_records_nothing(tmp_path: Path) -> None:
    path = tmp_path / "novo.sqlite3"
    upgrade_to_head(path)
    nomes = [n for (n,) in _query(path, "SELECT nome FROM regras_avaliacao ORDER BY id")]
    assert len(nomes) == 5 and INFANTIL in nomes
    assert _query(path, "SELECT count(*) FROM etapas WHERE regra_avaliacao_id = 5") == [(2,)]
    assert _query(path, "SELECT count(*) FROM registro_migracao") == [(0,)]


def test_notas_to_100_fit_and_going_down_takes_them_out(tmp_path: Path) -> None:
    # Given a head file with a turma on the 0–100 scale and one on 0–10
    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        s = Services.for_engine(engine)
        ano = s.anos_letivos.create(AnoLetivoData(ano=2026))
        lp = s.disciplinas.create("Língua Portuguesa")
        cem = s.turmas.create(TurmaData(ano, "6º A", "6º ano", "matutino", regra_avaliacao_id=3), [(lp, None)])
        dez = s.turmas.create(TurmaData(ano, "6º B", "6º ano", "matutino"), [(lp, None)])
        for turma, nota in ((cem, "85,5"), (dez, "8,5")):
            aluno = s.alunos.create(AlunoData(nome=f"Aluno {turma}"))
            [enturmacao] = s.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
            periodo = s.anos_letivos.periodos(ano)[0].id
            s.diario.lancar_notas(turma, lp, [Lancamento(enturmacao, "nota", nota, periodo)])
    finally:
        engine.dispose()
    assert sorted(n for (n,) in _query(path, "SELECT nota FROM notas")) == [8.5, 85.5]
    # ...which the file itself refuses above 100
    with pytest.raises(sqlite3.IntegrityError):
        _execute(path, "UPDATE notas SET nota = 100.5")

    # When it goes down to 0014
    _alembic(path, "downgrade", "0014")

    # Then the nota of the 0–10 scale stays, the other is gone, and the file is a 0014 file
    _assert_clean(path)
    assert [n for (n,) in _query(path, "SELECT nota FROM notas")] == [8.5]
    assert "regras_avaliacao" not in _snapshot(path)
    with pytest.raises(sqlite3.IntegrityError):
        _execute(path, "UPDATE notas SET nota = 10.5")

    # And up again
    assert classify_database(path).state is DatabaseState.BEHIND
    assert upgrade_to_head(path).applied == after("0014")
    _assert_sound(path)
