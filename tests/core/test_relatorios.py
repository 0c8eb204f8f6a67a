"""The ficha do aluno's data: read from a real database, formatted the Brazilian way."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escola_gui.core.relatorios import (
    Campo,
    FichaAluno,
    MatriculaFicha,
    ficha_do_aluno,
    file_name_part,
    format_date,
)
from escola_gui.core.services import AlunoData, CursoData, RecordNotFoundError, Services
from tests.helpers.records import insert_matricula_without_date

TODAY = date(2026, 5, 4)
NOME = 'Ana "Aninha" <Souza> & D\'Ávila'


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _add_extra_email(database: Path, aluno_id: int, email: str) -> None:
    """Extra e-mails come only from upgraded 0.x files; the forms do not write them yet."""
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("INSERT INTO contatos (aluno_id, tipo, valor) VALUES (?, 'email', ?)", (aluno_id, email))


def test_ficha_holds_every_value_formatted(services: Services, head_engine: Engine, head_db: Path) -> None:
    # Given an aluno with a quoted name, CPF, birth date, phones, an extra e-mail and two matrículas,
    # one of them from an old file whose date could not be read
    aluno = services.alunos.create(
        AlunoData(
            nome=NOME,
            email="ana@escola.com.br",
            cpf="52998224725",
            data_nascimento=date(2010, 3, 4),
            telefones=("(11) 98765-4321", "(11) 3333-4444"),
        )
    )
    ingles = services.cursos.create(CursoData(nome="Inglês básico"))
    musica = services.cursos.create(CursoData(nome="Música"))
    services.matriculas.create(aluno, ingles, date(2024, 3, 10), "Bolsa parcial")
    insert_matricula_without_date(head_db, aluno, musica)
    _add_extra_email(head_db, aluno, "mae.ana@exemplo.com.br")

    # When the ficha is read
    ficha = ficha_do_aluno(head_engine, aluno, today=TODAY)

    # Then every value is display text, dated matrículas first
    assert ficha == FichaAluno(
        aluno_id=aluno,
        nome=NOME,
        cpf="529.982.247-25",
        data_nascimento="04/03/2010",
        ativo="Sim",
        email="ana@escola.com.br",
        telefones=("(11) 98765-4321", "(11) 3333-4444"),
        emails_extras=("mae.ana@exemplo.com.br",),
        matriculas=(
            MatriculaFicha("Inglês básico", "10/03/2024", "Bolsa parcial"),
            MatriculaFicha("Música", "não informada", "Data original: 31/02/2021"),
        ),
        emitido_em=TODAY,
        ra="00000001",
        nome_social="",
        sexo="não informado",
        cor_raca="não informada",
        rg="não informado",
        certidao_nascimento="não informada",
        nis="não informado",
        codigo_inep="não informado",
    )


def test_documento_of_a_sparse_aluno(services: Services, head_engine: Engine) -> None:
    # Given an inactive aluno with only a name
    aluno = services.alunos.create(AlunoData(nome="José Érico", ativo=False))

    # When the ficha is arranged as a document
    documento = ficha_do_aluno(head_engine, aluno, today=TODAY).documento()

    # Then missing values say so, and the empty matrículas table has its own text
    dados, documentos, contatos, responsaveis, matriculas = documento.secoes
    assert documento.titulo == "Ficha do aluno"
    assert documento.emitido_em == TODAY
    assert documento.nome_arquivo == "ficha-jose-erico"
    assert dados.campos == (  # no "Nome social" line when there is none
        Campo("Nome", "José Érico"),
        Campo("RA", "00000001"),
        Campo("Data de nascimento", "não informada"),
        Campo("Sexo", "não informado"),
        Campo("Cor/raça", "não informada"),
        Campo("Ativo", "Não"),
    )
    assert documentos.titulo == "Documentos"
    assert documentos.campos == (
        Campo("CPF", "não informado"),
        Campo("RG", "não informado"),
        Campo("Certidão de nascimento", "não informada"),
        Campo("NIS (PIS/PASEP)", "não informado"),
        Campo("Código INEP", "não informado"),
    )
    assert contatos.campos == (Campo("E-mail", "não informado"), Campo("Telefones", "não informado"))
    assert matriculas.tabela is not None
    assert matriculas.tabela.linhas == ()
    assert matriculas.tabela.vazia == "Nenhuma matrícula registrada."
    assert responsaveis.titulo == "Responsáveis"
    assert responsaveis.tabela is not None and responsaveis.tabela.linhas == ()
    assert responsaveis.tabela.vazia == "Nenhum responsável cadastrado."


def test_ficha_shows_the_documents_and_census_labels(services: Services, head_engine: Engine) -> None:
    # Given an aluno with a nome social, census categories, a typed RA and every document
    aluno = services.alunos.create(
        AlunoData(
            nome="Ana Souza",
            nome_social="Lu Souza",
            sexo="F",
            cor_raca="indigena",
            rg="12.345.678-9 SSP/SP",
            certidao_nascimento="10453901552013100012021000012321",
            nis="46952280637",
            codigo_inep="123456789012",
            cpf="52998224725",
            ra="SP-2024-017",
        )
    )

    # When the ficha is arranged as a document
    dados, documentos, *_ = ficha_do_aluno(head_engine, aluno, today=TODAY).documento().secoes

    # Then the census codes read as their labels and the numbers are formatted
    assert dados.campos == (
        Campo("Nome", "Ana Souza"),
        Campo("Nome social", "Lu Souza"),
        Campo("RA", "SP-2024-017"),
        Campo("Data de nascimento", "não informada"),
        Campo("Sexo", "Feminino"),
        Campo("Cor/raça", "Indígena"),
        Campo("Ativo", "Sim"),
    )
    assert documentos.campos == (
        Campo("CPF", "529.982.247-25"),
        Campo("RG", "12.345.678-9 SSP/SP"),
        Campo("Certidão de nascimento", "104539 01 55 2013 1 00012 021 0000123 21"),
        Campo("NIS (PIS/PASEP)", "469.52280.63-7"),
        Campo("Código INEP", "123456789012"),
    )


def test_unknown_aluno_raises_record_not_found(head_engine: Engine) -> None:
    with pytest.raises(RecordNotFoundError):
        ficha_do_aluno(head_engine, 999)


@pytest.mark.parametrize(
    ("nome", "expected"),
    [
        ("João D'Ávila", "joao-d-avila"),
        ('Ana "Aninha" <Souza> & Cia', "ana-aninha-souza-cia"),
        ("  Conceição  Müller ", "conceicao-muller"),
        ("李", "sem-nome"),
    ],
)
def test_file_name_part_is_ascii(nome: str, expected: str) -> None:
    assert file_name_part(nome) == expected


def test_format_date() -> None:
    assert format_date(date(2024, 1, 9)) == "09/01/2024"
    assert format_date(None) == "não informada"
