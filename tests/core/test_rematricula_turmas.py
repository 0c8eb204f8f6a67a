"""The preview's turmas: a turma the rematrícula creates can be renamed or change turno before
it is applied; the names stay unique and the new name is the one created."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from escola_gui.core.errors import ValidationError
from escola_gui.core.rematricula import Destino
from escola_gui.core.services import Services
from tests.core.test_rematricula import _escola_2025


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def test_a_new_turma_is_renamed_and_changes_turno_then_created_so(services: Services, head_engine: Engine) -> None:
    escola = _escola_2025(services, head_engine)
    plano = services.rematricula.planejar(2025, 2026)
    ana = plano.aluno(escola.alunos["ana"])
    assert ana.destino is Destino.TURMA and ana.turma is not None
    chave = ana.turma
    assert plano.turmas[chave].nome == "6º ano A"

    turma = plano.mudar_turma(chave, nome="  6º ano   Azul ", turno="vespertino")

    assert (turma.nome, turma.turno) == ("6º ano Azul", "vespertino")
    assert plano.turmas[chave] is turma
    services.rematricula.aplicar(plano)
    anos = {row.ano: row.id for row in services.anos_letivos.list()}
    criadas = {t.nome: t.turno for t in services.turmas.list(anos[2026])}
    assert criadas["6º ano Azul"] == "vespertino" and "6º ano A" not in criadas


@pytest.mark.parametrize(
    ("nome", "turno", "field"),
    [("", None, "nome"), ("x" * 51, None, "nome"), ("5º ANO a", None, "nome"), (None, "madrugada", "turno")],
    ids=["empty", "too long", "another turma's name", "no such turno"],
)
def test_a_bad_name_or_turno_is_refused_and_changes_nothing(
    services: Services, head_engine: Engine, nome: str | None, turno: str | None, field: str
) -> None:
    escola = _escola_2025(services, head_engine)
    plano = services.rematricula.planejar(2025, 2026)
    chave = plano.aluno(escola.alunos["ana"]).turma
    assert chave is not None
    antes = plano.turmas[chave]
    with pytest.raises(ValidationError) as refused:
        plano.mudar_turma(chave, nome=nome, turno=turno)
    assert refused.value.field == field
    assert plano.turmas[chave] == antes


def test_a_turma_that_exists_is_not_renamed_here(services: Services, head_engine: Engine) -> None:
    escola = _escola_2025(services, head_engine)
    services.rematricula.aplicar(services.rematricula.planejar(2025, 2026))
    plano = services.rematricula.planejar(2025, 2026)  # again: every turma exists now
    chave = next(t.chave for t in plano.turmas if t.nome == "6º ano A")
    with pytest.raises(ValidationError, match="já existe em 2026"):
        plano.mudar_turma(chave, nome="6º ano Azul")
    assert escola.ano
