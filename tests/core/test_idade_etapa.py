"""An age far from the etapa's (a 7-year-old in the 9º ano) is found before enturmar, so that
the secretary confirms it (issue 14): allowed, since distorção idade-série is real."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, text

from escola_gui.core.alunos import AlunoData
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.etapas import idade_no_corte
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _turma(services: Services, etapa: str) -> int:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    etapa_id = next(e.id for e in services.etapas.list() if e.nome == etapa)
    return services.turmas.create(TurmaData(ano, f"Turma {etapa}", "", "matutino", None, None, etapa_id))


def _aluno(services: Services, nome: str, nascimento: date | None) -> int:
    return services.alunos.create(AlunoData(nome=nome, data_nascimento=nascimento))


@pytest.mark.parametrize(
    ("nascimento", "idade"),
    [(date(2012, 3, 31), 14), (date(2012, 4, 1), 13), (date(2011, 12, 31), 14), (date(2020, 3, 31), 6)],
)
def test_the_age_is_the_one_completed_by_31_march(nascimento: date, idade: int) -> None:
    assert idade_no_corte(nascimento, 2026) == idade


def test_a_seven_year_old_in_the_9o_ano_is_found_and_a_year_over_is_not(services: Services) -> None:
    turma = _turma(services, "9º ano")  # the etapa's age: 14
    sete = _aluno(services, "Ana Souza", date(2019, 1, 10))
    quinze = _aluno(services, "Bruno Lima", date(2011, 2, 1))  # 15: a year over, common
    dezesseis = _aluno(services, "Carla Dias", date(2010, 2, 1))  # 16: distorção idade-série
    catorze = _aluno(services, "Davi Reis", date(2012, 1, 5))
    sem_data = _aluno(services, "Elisa Melo", None)

    found = services.turmas.idades_distantes(turma, [sete, quinze, dezesseis, catorze, sem_data])

    assert [(d.nome, d.idade, d.idade_referencia, d.etapa) for d in found] == [
        ("Ana Souza", 7, 14, "9º ano"),
        ("Carla Dias", 16, 14, "9º ano"),
    ]


def test_a_turma_without_etapa_asks_nothing(services: Services, head_engine: Engine) -> None:
    turma = _turma(services, "9º ano")
    with head_engine.begin() as conn:  # as revision 0013 leaves a série it could not read
        conn.execute(text("UPDATE turmas SET etapa_id = NULL WHERE id = :id"), {"id": turma})
    assert services.turmas.idades_distantes(turma, [_aluno(services, "Ana", date(2019, 1, 1))]) == []
