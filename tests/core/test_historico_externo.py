"""The years an aluno did in other schools (HistoricoExternoService), over a real database at
head: what is accepted, what is refused and why, in Portuguese."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from escola_gui.core.alunos import AlunoData
from escola_gui.core.errors import RecordNotFoundError, ValidationError
from escola_gui.core.historico_externo import (
    DisciplinaExternaData,
    HistoricoExternoData,
    parse_frequencia,
    separar_media_conceito,
)
from escola_gui.core.services import Services

D = DisciplinaExternaData


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


@pytest.fixture
def aluno(services: Services) -> int:
    return services.alunos.create(AlunoData(nome="Ana Souza"))


def _ano(**changes: object) -> HistoricoExternoData:
    data = {
        "ano": 2024,
        "serie": "4º ano",
        "escola": "EMEF Professora Maria José",
        "situacao": "aprovado",
        "disciplinas": (D("Língua Portuguesa", "8,5", None, "200"), D("Arte", None, "Apto")),
    }
    return HistoricoExternoData(**{**data, **changes})  # type: ignore[arg-type]


def test_a_year_is_saved_normalized_and_read_back(services: Services, aluno: int) -> None:
    service = services.historicos_externos
    historico_id = service.create(
        aluno,
        _ano(
            serie="  4º   ano ",
            escola=" EMEF  Professora Maria José ",
            municipio=" São José dos Campos ",
            uf="sp",
            frequencia="92,5 %",
            carga_horaria_total="800 h",
            observacoes="  Declaração de transferência.  ",
        ),
    )

    row = service.get(historico_id)

    assert row.aluno_id == aluno and row.situacao.label == "Aprovado"
    assert row.dados == HistoricoExternoData(
        ano=2024,
        serie="4º ano",
        escola="EMEF Professora Maria José",
        situacao="aprovado",
        municipio="São José dos Campos",
        uf="SP",
        frequencia=Decimal("92.5"),
        carga_horaria_total=800,
        observacoes="Declaração de transferência.",
        disciplinas=(D("Língua Portuguesa", Decimal("8.5"), None, 200), D("Arte", None, "Apto", None)),
    )
    assert service.list_for_aluno(aluno) == [row]
    assert service.list_for_aluno(aluno + 1) == []


def test_update_replaces_the_disciplinas_and_delete_removes_the_year(services: Services, aluno: int) -> None:
    service = services.historicos_externos
    primeiro = service.create(aluno, _ano(ano=2024))
    segundo = service.create(aluno, _ano(ano=2023, serie="3º ano"))

    # The same name kept (in another case) is no clash with the line it replaces
    service.update(primeiro, _ano(situacao="retido", disciplinas=(D("língua portuguesa", "5"), D("Ciências", "7.5"))))

    assert [r.dados.ano for r in service.list_for_aluno(aluno)] == [2023, 2024]  # oldest first
    dados = service.get(primeiro).dados
    assert dados.situacao == "retido"
    assert dados.disciplinas == (D("língua portuguesa", Decimal("5.0")), D("Ciências", Decimal("7.5")))
    service.delete(segundo)
    assert [r.id for r in service.list_for_aluno(aluno)] == [primeiro]
    with pytest.raises(RecordNotFoundError):
        service.delete(segundo)
    with pytest.raises(RecordNotFoundError):
        service.get(segundo)
    with pytest.raises(RecordNotFoundError):
        service.update(segundo, _ano())
    with pytest.raises(RecordNotFoundError):
        service.create(aluno + 99, _ano())


def test_every_field_is_checked_with_a_portuguese_message(services: Services, aluno: int) -> None:
    errors = services.historicos_externos.validate(
        aluno,
        HistoricoExternoData(
            ano=1899,
            serie=" ",
            escola="",
            situacao="aprovada",
            municipio="x" * 101,
            uf="XX",
            frequencia="100,1",
            carga_horaria_total="oitocentas",
        ),
    )
    assert errors == {
        "ano": "Informe o ano com quatro dígitos, entre 1900 e 2200.",
        "serie": "Informe a série/ano, como 6º ano.",
        "escola": "Informe o nome da escola onde o ano foi cursado.",
        "municipio": "O município deve ter no máximo 100 caracteres.",
        "uf": "Escolha a UF na lista, como SP.",
        "situacao": "Escolha a situação na lista.",
        "frequencia": ("A frequência deve ser uma porcentagem de 0 a 100, com no máximo uma casa decimal, como 92,5."),
        "carga_horaria_total": "A carga horária deve ser um número inteiro positivo.",
    }
    assert services.historicos_externos.validate(aluno, _ano(ano=2201, serie="s" * 51, escola="e" * 151)) == {
        "ano": "Informe o ano com quatro dígitos, entre 1900 e 2200.",
        "serie": "A série deve ter no máximo 50 caracteres.",
        "escola": "O nome da escola deve ter no máximo 150 caracteres.",
    }
    with pytest.raises(ValidationError) as error:
        services.historicos_externos.create(aluno, _ano(escola=" "))
    assert error.value.field == "escola"


@pytest.mark.parametrize(
    ("disciplinas", "message"),
    [
        ((D("Matemática", "11"),), "Matemática: a média deve estar entre 0 e 10."),
        ((D("Matemática", "7,55"),), "Matemática: a média deve ter no máximo uma casa decimal, como 7,5."),
        ((D("Matemática", "sete"),), "Matemática: a média deve ser um número de 0 a 10, como 7,5."),
        ((D("Matemática"),), "Matemática: informe a média (de 0 a 10) ou o conceito, como A ou Apto."),
        ((D("Matemática", "7", "B"),), "Matemática: informe a média ou o conceito, não os dois."),
        ((D("Matemática", None, "C" * 21),), "Matemática: o conceito deve ter no máximo 20 caracteres."),
        ((D("Arte", "7", None, "0"),), "Arte: a carga horária deve ser um número inteiro positivo de horas."),
        ((D("Arte", "7", None, "muitas"),), "Arte: a carga horária deve ser um número inteiro positivo de horas."),
        ((D("Arte", "7"), D(" ", "8")), "Linha 2: informe o nome da disciplina."),
        ((D("D" * 101, "8"),), "Linha 1: o nome da disciplina deve ter no máximo 100 caracteres."),
        ((D("Matemática", "7"), D(" matematica ", "8")), "A disciplina matematica aparece mais de uma vez."),
    ],
)
def test_each_disciplina_needs_a_name_and_a_media_or_a_conceito(
    services: Services, aluno: int, disciplinas: tuple[DisciplinaExternaData, ...], message: str
) -> None:
    service = services.historicos_externos
    assert service.validate(aluno, _ano(disciplinas=disciplinas)) == {"disciplinas": message}
    with pytest.raises(ValidationError, match=re.escape(message)):
        service.create(aluno, _ano(disciplinas=disciplinas))
    assert service.list_for_aluno(aluno) == []


def test_the_same_ano_and_serie_are_not_registered_twice(services: Services, aluno: int) -> None:
    service = services.historicos_externos
    historico_id = service.create(aluno, _ano())
    repeated = _ano(serie="4º ANO", escola="Outra escola")
    assert service.validate(aluno, repeated) == {
        "serie": "Este aluno já tem o 4º ANO de 2024 registrado; edite o registro que já existe."
    }
    # Editing the record itself, another série of the same ano, or another aluno is fine
    assert service.validate(aluno, repeated, historico_id) == {}
    assert service.validate(aluno, _ano(serie="5º ano")) == {}
    outro = services.alunos.create(AlunoData(nome="Bruno"))
    assert service.validate(outro, _ano()) == {}


def test_what_a_cell_holds_is_a_media_or_a_conceito() -> None:
    assert separar_media_conceito(" 7,5 ") == ("7,5", None)
    assert separar_media_conceito("11") == ("11", None)  # a média the service refuses, with the reason
    assert separar_media_conceito("Apto") == (None, "Apto")
    assert separar_media_conceito(" Não   apto ") == (None, "Não apto")
    assert separar_media_conceito("  ") == (None, None)


def test_parse_frequencia() -> None:
    assert parse_frequencia("92,5") == Decimal("92.5")
    assert parse_frequencia("100 %") == Decimal("100.0")
    assert parse_frequencia(Decimal("0")) == Decimal("0.0")
    assert parse_frequencia(" ") is None and parse_frequencia(None) is None
    for bad in ("92,55", "-1", "100,1", "noventa", True, float("nan")):
        with pytest.raises(ValidationError):
            parse_frequencia(bad)  # type: ignore[arg-type]
