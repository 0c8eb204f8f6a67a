"""The services over a real database at head, with foreign keys on."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.alunos import (
    CERTIDAO_EM_USO,
    COR_RACA_INVALIDA,
    CPF_EM_USO,
    EMAIL_EM_USO,
    INEP_EM_USO,
    NIS_EM_USO,
    NOME_SOCIAL_LONGO,
    RA_EM_USO,
    RA_LONGO,
    RA_OBRIGATORIO,
    RG_LONGO,
    SEXO_INVALIDO,
    AlunoData,
    AlunoService,
)
from escola_gui.core.cursos import CURSO_NOME_EM_USO, MATRICULA_REPETIDA, CursoData, MatriculaData
from escola_gui.core.errors import RecordNotFoundError, ValidationError
from escola_gui.core.models import Contato
from escola_gui.core.services import Services
from tests.helpers.records import insert_matricula_without_date


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _joao() -> AlunoData:
    return AlunoData(
        nome="  João   da Silva ",
        email=" Joao.Silva@Escola.COM.br ",
        cpf="529.982.247-25",
        data_nascimento=date(2010, 3, 4),
        telefones=("(11) 98765-4321", "", "(11) 98765-4321", "(11) 3333-4444"),
    )


def test_create_stores_normalized_values_and_get_returns_them(services: Services) -> None:
    aluno_id = services.alunos.create(_joao())

    assert services.alunos.get(aluno_id) == AlunoData(
        nome="João da Silva",
        email="joao.silva@escola.com.br",
        cpf="52998224725",
        data_nascimento=date(2010, 3, 4),
        ativo=True,
        telefones=("(11) 98765-4321", "(11) 3333-4444"),
    )
    [row] = services.alunos.list()
    assert (row.id, row.nome, row.cpf, row.telefones) == (
        aluno_id,
        "João da Silva",
        "52998224725",
        ("(11) 98765-4321", "(11) 3333-4444"),
    )
    with pytest.raises(FrozenInstanceError):
        row.nome = "Outro"  # type: ignore[misc]


def test_update_replaces_fields_and_phones(services: Services, head_engine: Engine) -> None:
    aluno_id = services.alunos.create(_joao())

    ra = services.alunos.get(aluno_id).ra
    services.alunos.update(
        aluno_id,
        AlunoData(nome="João Silva Neto", email="", cpf="", ativo=False, telefones=("2345-6789",), ra=ra),
    )

    assert services.alunos.get(aluno_id) == AlunoData(
        nome="João Silva Neto",
        email=None,
        cpf=None,
        data_nascimento=None,
        ativo=False,
        telefones=("2345-6789",),
    )
    with Session(head_engine) as session:
        assert session.scalar(select(func.count()).select_from(Contato)) == 1


def test_update_keeps_extra_emails_of_the_aluno(services: Services, head_engine: Engine) -> None:
    """Given an aluno with an e-mail that revision 0003 moved to its contatos, when the form
    saves another change (it edits what get() gives), then that e-mail stays, the phones too."""
    aluno_id = services.alunos.create(_joao())
    with Session(head_engine) as session, session.begin():
        session.add(Contato(aluno_id=aluno_id, tipo="email", valor="mae@exemplo.com"))
    stored = services.alunos.get(aluno_id)
    assert stored.outros_emails == ("mae@exemplo.com",)

    services.alunos.update(aluno_id, replace(stored, nome="João"))

    assert services.alunos.get(aluno_id) == replace(stored, nome="João")
    with Session(head_engine) as session:
        assert session.scalars(select(Contato.valor).where(Contato.tipo == "email")).all() == ["mae@exemplo.com"]
        assert session.scalar(select(func.count()).select_from(Contato).where(Contato.tipo == "telefone")) == 2


# --- outros e-mails (contatos of tipo 'email') ------------------------------------------


def test_outros_emails_round_trip_normalized_without_repeats_or_the_main_email(
    services: Services, head_engine: Engine
) -> None:
    # Given other e-mails typed with spaces, capitals, a blank line, a repeat and the main e-mail again
    data = replace(
        _joao(),
        outros_emails=(
            " Mae.Do.Joao@Exemplo.com ",
            "",
            "mae.do.joao@exemplo.com",
            "JOAO.SILVA@escola.com.br",
            "pai@x.com",
        ),
    )

    # When the aluno is saved, then each is stored once, lowercased, in order, without the main one
    aluno_id = services.alunos.create(data)
    stored = services.alunos.get(aluno_id)
    assert stored.email == "joao.silva@escola.com.br"
    assert stored.outros_emails == ("mae.do.joao@exemplo.com", "pai@x.com")
    with Session(head_engine) as session:
        assert session.scalars(
            select(Contato.valor).where(Contato.aluno_id == aluno_id, Contato.tipo == "email").order_by(Contato.id)
        ).all() == ["mae.do.joao@exemplo.com", "pai@x.com"]

    # When an update makes one of them the main e-mail and adds another, the list follows
    services.alunos.update(
        aluno_id, replace(stored, email="PAI@x.com", outros_emails=(*stored.outros_emails, "avo@x.com"))
    )
    after = services.alunos.get(aluno_id)
    assert (after.email, after.outros_emails) == ("pai@x.com", ("mae.do.joao@exemplo.com", "avo@x.com"))
    assert after.telefones == stored.telefones

    # And an update without them removes them; the phones stay
    services.alunos.update(aluno_id, replace(after, outros_emails=()))
    assert services.alunos.get(aluno_id) == replace(after, outros_emails=())


def test_a_bad_new_outro_email_is_refused_under_its_field(services: Services) -> None:
    with pytest.raises(ValidationError) as error:
        services.alunos.create(replace(_joao(), outros_emails=("mae@exemplo.com", "mae arroba exemplo")))
    assert (error.value.field, error.value.message) == ("outros_emails", v.EMAIL_INVALIDO)
    assert services.alunos.list() == []

    aluno_id = services.alunos.create(replace(_joao(), outros_emails=("mae@exemplo.com",)))
    stored = services.alunos.get(aluno_id)
    errors = services.alunos.validate(replace(stored, outros_emails=(*stored.outros_emails, "pai@sem-ponto")), aluno_id)
    assert errors == {"outros_emails": v.EMAIL_INVALIDO}
    with pytest.raises(ValidationError) as error:
        services.alunos.update(aluno_id, replace(stored, nome="Outro", outros_emails=("x" * 95 + "@x.com.br",)))
    assert (error.value.field, error.value.message) == ("outros_emails", v.EMAIL_LONGO)
    assert services.alunos.get(aluno_id) == stored


def test_an_odd_stored_outro_email_does_not_block_editing_and_is_kept(services: Services, head_engine: Engine) -> None:
    """Given an aluno whose other e-mail, kept from an old file, has no dot, when the secretary
    only fixes the nome, then it saves and the e-mail stays; a new bad one is still refused."""
    aluno_id = services.alunos.create(AlunoData(nome="Jose  da Silva"))
    with head_engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO contatos (aluno_id, tipo, valor) VALUES (?, 'email', 'sem-ponto@escola')", (aluno_id,)
        )
    stored = services.alunos.get(aluno_id)
    assert stored.outros_emails == ("sem-ponto@escola",)

    services.alunos.update(aluno_id, replace(stored, nome="José da Silva"))

    after = services.alunos.get(aluno_id)
    assert (after.nome, after.outros_emails) == ("José da Silva", ("sem-ponto@escola",))
    with pytest.raises(ValidationError) as error:
        services.alunos.update(aluno_id, replace(after, outros_emails=(*after.outros_emails, "outro@escola")))
    assert error.value.field == "outros_emails"
    assert services.alunos.get(aluno_id).outros_emails == ("sem-ponto@escola",)


@pytest.mark.parametrize(("search", "found"), [("joao", "João"), ("JOÃO", "joão"), ("conceicao", "Ana Conceição")])
def test_search_ignores_accents_and_case(services: Services, search: str, found: str) -> None:
    for nome in ["João", "joão", "Ana Conceição", "Maria"]:
        services.alunos.create(AlunoData(nome=nome))

    assert found in [row.nome for row in services.alunos.list(search)]
    assert "Maria" not in [row.nome for row in services.alunos.list(search)]


def test_search_finds_cpf_digits_and_email(services: Services) -> None:
    services.alunos.create(_joao())
    services.alunos.create(AlunoData(nome="Maria", email="maria@exemplo.com", cpf="111.444.777-35"))

    assert [r.nome for r in services.alunos.list("982.247")] == ["João da Silva"]
    assert [r.nome for r in services.alunos.list("98224725")] == ["João da Silva"]
    assert [r.nome for r in services.alunos.list("MARIA@EXEMPLO")] == ["Maria"]
    assert [r.nome for r in services.alunos.list("")] == ["João da Silva", "Maria"]


def test_search_treats_like_wildcards_as_text(services: Services) -> None:
    services.alunos.create(AlunoData(nome="Maria"))

    assert services.alunos.list("%") == []
    assert services.alunos.list("_") == []


def test_email_and_cpf_must_be_unique(services: Services) -> None:
    first = services.alunos.create(_joao())

    with pytest.raises(ValidationError) as email_error:
        services.alunos.create(AlunoData(nome="Outro", email="JOAO.SILVA@escola.com.br"))
    assert (email_error.value.field, email_error.value.message) == ("email", EMAIL_EM_USO)

    with pytest.raises(ValidationError) as cpf_error:
        services.alunos.create(AlunoData(nome="Outro", cpf="52998224725"))
    assert (cpf_error.value.field, cpf_error.value.message) == ("cpf", CPF_EM_USO)

    # The aluno itself may keep its own e-mail and CPF.
    services.alunos.update(first, replace(_joao(), ra=services.alunos.get(first).ra))


def test_invalid_values_come_back_as_validation_errors(services: Services) -> None:
    with pytest.raises(ValidationError) as error:
        services.alunos.create(AlunoData(nome="Ana", cpf="111.111.111-11"))
    assert (error.value.field, error.value.message) == ("cpf", v.CPF_INVALIDO)

    errors = services.alunos.validate(
        AlunoData(nome=" ", email="ana@", cpf="123", data_nascimento=date(2030, 1, 1)), today=date(2024, 1, 1)
    )
    assert errors == {
        "nome": v.NOME_OBRIGATORIO,
        "email": v.EMAIL_INVALIDO,
        "cpf": v.CPF_TAMANHO,
        "data_nascimento": v.DATA_NASCIMENTO_FUTURA,
    }


def test_deleting_an_aluno_deletes_its_matriculas(services: Services, head_engine: Engine) -> None:
    joao = services.alunos.create(_joao())
    maria = services.alunos.create(AlunoData(nome="Maria"))
    cursos = [services.cursos.create(CursoData(nome=n)) for n in ["Inglês", "Francês", "Música"]]
    for curso_id in cursos:
        services.matriculas.create(joao, curso_id, date(2024, 2, 1))
    services.matriculas.create(maria, cursos[0], date(2024, 2, 2))

    assert services.alunos.count_dependents(joao) == 3
    services.alunos.delete(joao)

    assert [r.aluno_nome for r in services.matriculas.list()] == ["Maria"]
    with Session(head_engine) as session:
        assert session.scalar(select(func.count()).select_from(Contato)) == 0
    with pytest.raises(RecordNotFoundError):
        services.alunos.get(joao)
    with pytest.raises(RecordNotFoundError):
        services.alunos.delete(joao)


def test_cursos_crud_and_unique_nome(services: Services) -> None:
    curso_id = services.cursos.create(
        CursoData(nome=" Inglês ", descricao="  ", carga_horaria=60, observacoes="Sábados")
    )
    assert services.cursos.get(curso_id) == CursoData("Inglês", None, 60, "Sábados")

    with pytest.raises(ValidationError) as error:
        services.cursos.create(CursoData(nome="ingles"))
    assert (error.value.field, error.value.message) == ("nome", CURSO_NOME_EM_USO)
    with pytest.raises(ValidationError) as carga:
        services.cursos.create(CursoData(nome="Francês", carga_horaria=0))
    assert carga.value.field == "carga_horaria"

    services.cursos.update(curso_id, CursoData(nome="Inglês básico", carga_horaria=None))
    aluno = services.alunos.create(AlunoData(nome="Ana"))
    services.matriculas.create(aluno, curso_id, date(2024, 3, 1))
    [row] = services.cursos.list("BASICO")
    assert (row.nome, row.carga_horaria, row.matriculas) == ("Inglês básico", None, 1)
    assert services.cursos.count_dependents(curso_id) == 1

    services.cursos.delete(curso_id)
    assert services.cursos.list() == []
    assert services.matriculas.list() == []


def test_matriculas_crud_choices_and_duplicates(services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    musica = services.cursos.create(CursoData(nome="Música"))

    assert [c.nome for c in services.matriculas.aluno_choices()] == ["Ana", "Bruno"]
    assert [c.nome for c in services.matriculas.curso_choices()] == ["Inglês", "Música"]

    matricula = services.matriculas.create(ana, ingles, date(2024, 2, 1))
    with pytest.raises(ValidationError) as duplicate:
        services.matriculas.create(ana, ingles, date(2024, 2, 5))
    assert (duplicate.value.field, duplicate.value.message) == ("curso", MATRICULA_REPETIDA)
    with pytest.raises(ValidationError) as no_aluno:
        services.matriculas.create(None, ingles, date(2024, 2, 5))
    assert no_aluno.value.field == "aluno"

    services.matriculas.update(matricula, bruno, musica, date(2024, 3, 1))
    [row] = services.matriculas.list("musica")
    assert (row.aluno_nome, row.curso_nome, row.data_matricula) == ("Bruno", "Música", date(2024, 3, 1))
    assert services.matriculas.list("bruno") == [row]
    assert services.matriculas.list("ana") == []

    services.matriculas.delete(matricula)
    assert services.matriculas.list() == []


def test_matricula_without_a_date_is_listed_and_must_get_one_to_be_saved(services: Services, head_db: Path) -> None:
    # Given a matrícula whose 0.x date could not be read
    ana = services.alunos.create(AlunoData(nome="Ana"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    matricula = insert_matricula_without_date(head_db, ana, ingles)

    # Then it is listed and read back without a date, its original text kept
    [row] = services.matriculas.list()
    assert (row.id, row.data_matricula, row.observacoes) == (matricula, None, "Data original: 31/02/2021")
    assert services.matriculas.get(matricula) == MatriculaData(ana, ingles, None, "Data original: 31/02/2021")

    # When it is saved still without a date, it is refused and left as it was
    with pytest.raises(ValidationError) as error:
        services.matriculas.update(matricula, ana, ingles, None, "Data original: 31/02/2021")
    assert (error.value.field, error.value.message) == ("data_matricula", v.DATA_MATRICULA_OBRIGATORIA)
    assert services.matriculas.get(matricula).data_matricula is None

    # When the secretary gives it a date, it is saved with the observações
    services.matriculas.update(matricula, ana, ingles, date(2021, 2, 28), " Data original: 31/02/2021 ")
    assert services.matriculas.get(matricula) == MatriculaData(
        ana, ingles, date(2021, 2, 28), "Data original: 31/02/2021"
    )


def test_new_matriculas_need_a_date_and_keep_observacoes(services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))

    with pytest.raises(ValidationError) as error:
        services.matriculas.create(ana, ingles, None)
    assert error.value.field == "data_matricula"
    assert services.matriculas.list() == []

    matricula = services.matriculas.create(ana, ingles, date(2024, 2, 1), "Bolsa parcial")
    assert services.matriculas.get(matricula).observacoes == "Bolsa parcial"
    services.matriculas.update(matricula, ana, ingles, date(2024, 2, 1), "   ")
    assert services.matriculas.get(matricula).observacoes is None


def test_values_kept_from_an_old_file_do_not_block_editing_other_fields(head_engine: Engine) -> None:
    """Given an aluno upgraded from 0.x with a phone like "ramal 12" and an e-mail without a
    dot, when the secretary only fixes the name, then it saves; a new bad phone is still refused."""
    with head_engine.begin() as conn:
        aluno_id = conn.exec_driver_sql(
            "INSERT INTO alunos (nome, email, ativo, ra) "
            "VALUES ('Jose  da Silva', 'jose@escola', 1, '00000077') RETURNING id"
        ).scalar_one()
        conn.exec_driver_sql(
            "INSERT INTO contatos (aluno_id, tipo, valor) VALUES (?, 'telefone', 'ramal  12')", (aluno_id,)
        )
    service = AlunoService(head_engine)
    data = service.get(aluno_id)

    service.update(aluno_id, replace(data, nome="José da Silva"))

    assert service.get(aluno_id).nome == "José da Silva"
    assert service.get(aluno_id).email == "jose@escola"
    with pytest.raises(ValidationError) as error:
        service.update(aluno_id, replace(data, telefones=(*data.telefones, "abc")))
    assert error.value.field == "telefones"
    with pytest.raises(ValidationError) as error:
        service.update(aluno_id, replace(data, email="outro@escola"))
    assert error.value.field == "email"


def test_new_alunos_get_the_next_ra_after_the_upgraded_ones(head_engine: Engine) -> None:
    """Given alunos whose RA came from the upgrade ("00000041") and one typed by hand with a
    letter, when alunos are created, then each gets the next number, and it is unique."""
    with head_engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO alunos (id, nome, ativo, ra) VALUES (41, 'Antigo', 1, '00000041')")
        conn.exec_driver_sql("INSERT INTO alunos (id, nome, ativo, ra) VALUES (42, 'Manual', 1, 'SP-999999')")
    service = AlunoService(head_engine)

    first = service.create(AlunoData(nome="Primeira Nova"))
    second = service.create(AlunoData(nome="Segunda Nova"))

    with head_engine.connect() as conn:
        ras = dict(conn.exec_driver_sql("SELECT id, ra FROM alunos").fetchall())
    assert ras[first] == "00000042"
    assert ras[second] == "00000043"
    assert len(set(ras.values())) == len(ras)


# --- documentos and RA (revision 0006) --------------------------------------------------

# Valid numbers from tests/core/test_documentos.py.
CERTIDAO = "10453901552013100012021000012321"
OUTRA_CERTIDAO = "21924201552023106304243115818536"
NIS = "46952280637"
OUTRO_NIS = "26827649960"
INEP = "123456789012"


def _com_documentos(**changes: object) -> AlunoData:
    data = AlunoData(
        nome="Ana Souza",
        nome_social="  Ana   Lu ",
        sexo="F",
        cor_raca="parda",
        rg=" 12.345.678-9 SSP/SP ",
        certidao_nascimento="104539 01 55 2013 1 00012 021 0000123 21",
        nis="469.52280.63-7",
        codigo_inep=" 1234 5678 9012 ",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_the_documents_round_trip_normalized(services: Services) -> None:
    """Given the documents typed with punctuation and spaces, when the aluno is saved, then
    get() and list() give them back as stored: digits, trimmed text, census codes."""
    aluno_id = services.alunos.create(_com_documentos())

    stored = services.alunos.get(aluno_id)
    assert (
        stored.nome_social,
        stored.sexo,
        stored.cor_raca,
        stored.rg,
        stored.certidao_nascimento,
        stored.nis,
        stored.codigo_inep,
    ) == ("Ana Lu", "F", "parda", "12.345.678-9 SSP/SP", CERTIDAO, NIS, INEP)
    assert stored.ra == "00000001"
    [row] = services.alunos.list()
    assert (row.ra, row.nome_social, row.sexo, row.cor_raca, row.rg) == (
        "00000001",
        "Ana Lu",
        "F",
        "parda",
        "12.345.678-9 SSP/SP",
    )
    assert (row.certidao_nascimento, row.nis, row.codigo_inep) == (CERTIDAO, NIS, INEP)


def test_update_changes_and_clears_the_documents(services: Services) -> None:
    aluno_id = services.alunos.create(_com_documentos())
    stored = services.alunos.get(aluno_id)

    services.alunos.update(aluno_id, replace(stored, sexo="M", cor_raca="indigena", nis=OUTRO_NIS, rg=""))
    services.alunos.update(aluno_id, replace(services.alunos.get(aluno_id), certidao_nascimento=" ", sexo=None))

    after = services.alunos.get(aluno_id)
    assert (after.sexo, after.cor_raca, after.nis, after.rg, after.certidao_nascimento) == (
        None,
        "indigena",
        OUTRO_NIS,
        None,
        None,
    )
    assert after.ra == stored.ra


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("certidao_nascimento", "1045390155201310001202100001232", doc.CERTIDAO_TAMANHO),
        ("certidao_nascimento", "10453901552013100012021000012322", doc.CERTIDAO_INVALIDA),
        ("nis", "469.52280.63", doc.NIS_TAMANHO),
        ("nis", "469.52280.63-8", doc.NIS_INVALIDO),
        ("codigo_inep", "12345678", doc.INEP_ALUNO_TAMANHO),
        ("rg", "1" * 21, RG_LONGO),
        ("nome_social", "A" * 101, NOME_SOCIAL_LONGO),
        ("sexo", "X", SEXO_INVALIDO),
        ("cor_raca", "verde", COR_RACA_INVALIDA),
        ("ra", "R" * 21, RA_LONGO),
    ],
)
def test_invalid_documents_are_refused_with_their_message(
    services: Services, field: str, value: str, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.alunos.create(_com_documentos(**{field: value}))

    assert (error.value.field, error.value.message) == (field, message)
    assert services.alunos.list() == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("certidao_nascimento", "104539.01.55.2013.1.00012.021.0000123-21", CERTIDAO_EM_USO),
        ("nis", "46952280637", NIS_EM_USO),
        ("codigo_inep", "123456789012", INEP_EM_USO),
        ("ra", " 00000001 ", RA_EM_USO),
    ],
)
def test_documents_and_ra_must_be_unique(services: Services, field: str, value: str, message: str) -> None:
    """Given an aluno with documents, when another one is saved with the same number (typed
    another way), then it is refused by field, before anything is written."""
    first = services.alunos.create(_com_documentos())
    other = AlunoData(nome="Bruno", **{field: value})  # type: ignore[arg-type]

    with pytest.raises(ValidationError) as error:
        services.alunos.create(other)
    assert (error.value.field, error.value.message) == (field, message)

    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    with pytest.raises(ValidationError) as error:
        services.alunos.update(bruno, replace(other, ra=value if field == "ra" else services.alunos.get(bruno).ra))
    assert (error.value.field, error.value.message) == (field, message)
    # The aluno itself keeps its own numbers.
    services.alunos.update(first, services.alunos.get(first))


def test_a_typed_ra_is_kept_and_a_blank_one_is_generated(services: Services) -> None:
    typed = services.alunos.create(AlunoData(nome="Ana", ra="  SP-2024/017 "))
    generated = services.alunos.create(AlunoData(nome="Bruno", ra="   "))
    numbered = services.alunos.create(AlunoData(nome="Carla", ra="00000050"))
    after = services.alunos.create(AlunoData(nome="Davi"))

    ras = {row.nome: row.ra for row in services.alunos.list()}
    assert ras == {"Ana": "SP-2024/017", "Bruno": "00000001", "Carla": "00000050", "Davi": "00000051"}
    assert [services.alunos.get(i).ra for i in (typed, generated, numbered, after)] == list(ras.values())


def test_the_ra_can_be_edited_but_not_emptied(services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    stored = services.alunos.get(aluno_id)

    for empty in (None, "", "   "):
        with pytest.raises(ValidationError) as error:
            services.alunos.update(aluno_id, replace(stored, ra=empty))
        assert (error.value.field, error.value.message) == ("ra", RA_OBRIGATORIO)
    assert services.alunos.validate(replace(stored, ra=""), aluno_id) == {"ra": RA_OBRIGATORIO}

    services.alunos.update(aluno_id, replace(stored, ra=" 2024-001 "))
    assert services.alunos.get(aluno_id).ra == "2024-001"


def test_search_finds_the_ra_exactly_or_by_its_start(services: Services) -> None:
    services.alunos.create(AlunoData(nome="Ana", ra="SP-2024-017"))
    services.alunos.create(AlunoData(nome="Bruno", ra="MG-2024-018"))

    assert [r.nome for r in services.alunos.list("SP-2024-017")] == ["Ana"]
    assert [r.nome for r in services.alunos.list("sp-2024")] == ["Ana"]
    assert [r.nome for r in services.alunos.list("2024-018")] == []  # not in the middle
    assert [r.nome for r in services.alunos.list("MG_")] == []  # LIKE wildcards are text


# --- address, photo and the aluno's matrículas -----------------------------------------

# The smallest headers the service checks for; it stores the bytes as they come.
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 16


def test_the_address_round_trips_normalized(services: Services) -> None:
    aluno_id = services.alunos.create(
        AlunoData(
            nome="Ana",
            cep=" 12345-678 ",
            logradouro=" Rua das Flores ",
            numero="10",
            complemento="  ",
            bairro="Centro",
            municipio="Taubaté",
            uf="sp",
        )
    )
    stored = services.alunos.get(aluno_id)
    assert (stored.cep, stored.logradouro, stored.numero, stored.complemento) == (
        "12345678",
        "Rua das Flores",
        "10",
        None,
    )
    assert (stored.bairro, stored.municipio, stored.uf) == ("Centro", "Taubaté", "SP")

    services.alunos.update(aluno_id, replace(stored, cep="", uf="", logradouro=None))
    cleared = services.alunos.get(aluno_id)
    assert (cleared.cep, cleared.uf, cleared.logradouro, cleared.bairro) == (None, None, None, "Centro")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cep", "1234-567", v.CEP_INVALIDO),
        ("cep", "12345-67a", v.CEP_INVALIDO),
        ("uf", "XX", v.UF_INVALIDA),
        ("bairro", "x" * 101, "O bairro deve ter no máximo 100 caracteres."),
    ],
)
def test_a_bad_address_is_refused_by_field(services: Services, field: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.alunos.create(replace(AlunoData(nome="Ana"), **{field: value}))
    assert (error.value.field, error.value.message) == (field, message)


def test_the_photo_is_set_read_and_removed(services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    assert services.alunos.foto(aluno_id) is None

    services.alunos.set_foto(aluno_id, PNG)
    assert services.alunos.foto(aluno_id) == PNG
    # The data itself does not change, nor carry the photo
    assert services.alunos.get(aluno_id) == AlunoData(nome="Ana")

    services.alunos.set_foto(aluno_id, None)
    assert services.alunos.foto(aluno_id) is None
    with pytest.raises(RecordNotFoundError):
        services.alunos.foto(aluno_id + 1)
    with pytest.raises(RecordNotFoundError):
        services.alunos.set_foto(aluno_id + 1, PNG)


def test_create_and_update_save_the_photo_with_the_data(services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"), foto=JPEG)
    assert services.alunos.foto(aluno_id) == JPEG

    # Left out, the photo stays; given, it is replaced; None removes it
    services.alunos.update(aluno_id, AlunoData(nome="Ana Souza", ra="00000001"))
    assert services.alunos.foto(aluno_id) == JPEG
    services.alunos.update(aluno_id, AlunoData(nome="Ana Souza", ra="00000001"), foto=PNG)
    assert services.alunos.foto(aluno_id) == PNG
    services.alunos.update(aluno_id, AlunoData(nome="Ana Souza", ra="00000001"), foto=None)
    assert services.alunos.foto(aluno_id) is None


def test_a_photo_that_is_not_png_or_jpeg_or_too_big_is_refused(services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"), foto=PNG)
    with pytest.raises(ValidationError) as gif:
        services.alunos.set_foto(aluno_id, b"GIF89a...")
    assert (gif.value.field, gif.value.message) == ("foto", AlunoService.FOTO_INVALIDA)
    too_big = JPEG + b"\0" * AlunoService.FOTO_MAX_BYTES
    with pytest.raises(ValidationError) as big:
        services.alunos.update(aluno_id, AlunoData(nome="Ana", ra="00000001"), foto=too_big)
    assert (big.value.field, big.value.message) == ("foto", AlunoService.FOTO_GRANDE)
    with pytest.raises(ValidationError):
        services.alunos.create(AlunoData(nome="Bruno"), foto=b"")
    # Nothing was written by the refused calls
    assert services.alunos.foto(aluno_id) == PNG
    assert [r.nome for r in services.alunos.list()] == ["Ana"]


def test_the_matriculas_of_one_aluno_oldest_first(services: Services, head_db: Path) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    ingles, musica, teatro = (services.cursos.create(CursoData(nome=n)) for n in ("Inglês", "Música", "Teatro"))
    services.matriculas.create(ana, musica, date(2024, 3, 1), "Bolsa")
    services.matriculas.create(ana, ingles, date(2023, 2, 1))
    services.matriculas.create(bruno, ingles, date(2022, 2, 1))
    insert_matricula_without_date(head_db, ana, teatro)

    rows = services.alunos.matriculas(ana)
    assert [(r.curso_nome, r.data_matricula, r.observacoes) for r in rows] == [
        ("Inglês", date(2023, 2, 1), None),
        ("Música", date(2024, 3, 1), "Bolsa"),
        ("Teatro", None, "Data original: 31/02/2021"),
    ]
    assert {r.aluno_id for r in rows} == {ana}
    assert services.alunos.matriculas(ana + 100) == []


def test_control_characters_already_in_the_file_do_not_block_saving(head_engine: Engine) -> None:
    from sqlalchemy import text as sql

    service = AlunoService(head_engine)
    with head_engine.begin() as conn:
        aluno_id = conn.execute(
            sql(
                "INSERT INTO alunos (nome, ativo, ra, rg, bairro) "
                "VALUES (:nome, 1, '00000900', :rg, :bairro) RETURNING id"
            ),
            {"nome": "Ana\x1bSouza", "rg": "12\x07345", "bairro": "Centro\x00"},
        ).scalar_one()
    stored = service.get(aluno_id)
    # Another field changed: the old values are kept as they are
    service.update(aluno_id, replace(stored, email="ana@escola.com.br"))
    assert service.get(aluno_id).nome == "Ana\x1bSouza"
    assert service.get(aluno_id).bairro == "Centro\x00"
    # A changed value with a control character is still refused
    with pytest.raises(ValidationError) as error:
        service.update(aluno_id, replace(stored, rg="99\x07"))
    assert error.value.field == "rg"
