"""Responsáveis: created, linked to alunos, shared by siblings, one responsável legal per aluno."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from escola_gui.core.alunos import AlunoData
from escola_gui.core.errors import RecordNotFoundError, ValidationError
from escola_gui.core.models import AlunoResponsavel, Responsavel
from escola_gui.core.relatorios import ficha_do_aluno
from escola_gui.core.responsaveis import CPF_RESPONSAVEL_EM_USO, PARENTESCO_INVALIDO, ResponsavelData, VinculoRow
from escola_gui.core.services import Services
from escola_gui.core.validation import EMAIL_INVALIDO, NOME_OBRIGATORIO, TELEFONE_INVALIDO

CPF_MARIA = "529.982.247-25"
CPF_JOAO = "111.444.777-35"


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _responsaveis_count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Responsavel)) or 0


def test_create_link_and_list(services: Services) -> None:
    # Given an aluno and a responsável typed with spaces, a formatted CPF and contacts
    ana = services.alunos.create(AlunoData(nome="Ana"))
    maria = services.responsaveis.create(
        ResponsavelData(
            nome="  Maria   Souza ",
            cpf=CPF_MARIA,
            telefones=("(11) 98765-4321", "", "(11) 98765-4321"),
            emails=(" Maria@Exemplo.com.br ",),
        )
    )

    # When she is linked as the mãe and responsável legal
    services.responsaveis.link(ana, maria, "mae", legal=True)

    # Then the aluno lists her, normalized
    assert services.responsaveis.list_for_aluno(ana) == [
        VinculoRow(
            responsavel_id=maria,
            nome="Maria Souza",
            cpf="52998224725",
            parentesco="mae",
            responsavel_legal=True,
            telefones=("(11) 98765-4321",),
            emails=("maria@exemplo.com.br",),
        )
    ]
    assert services.responsaveis.get(maria) == ResponsavelData(
        "Maria Souza", "52998224725", ("(11) 98765-4321",), ("maria@exemplo.com.br",)
    )


def test_marking_one_legal_unmarks_the_others(services: Services) -> None:
    # Given an aluno whose mãe is the responsável legal
    ana = services.alunos.create(AlunoData(nome="Ana"))
    maria = services.responsaveis.save_for_aluno(ana, ResponsavelData("Maria"), "mae", legal=True)

    # When the pai is added as responsável legal
    joao = services.responsaveis.save_for_aluno(ana, ResponsavelData("João"), "pai", legal=True)

    # Then only he is legal, and he is listed first
    rows = services.responsaveis.list_for_aluno(ana)
    assert [(r.responsavel_id, r.responsavel_legal) for r in rows] == [(joao, True), (maria, False)]

    # When the mãe is marked legal again through an edit of the link
    services.responsaveis.update_link(ana, maria, "mae", legal=True)

    # Then the pai is no longer legal
    rows = services.responsaveis.list_for_aluno(ana)
    assert [(r.responsavel_id, r.responsavel_legal) for r in rows] == [(maria, True), (joao, False)]


def test_legal_of_one_sibling_does_not_touch_the_other(services: Services) -> None:
    # Given two siblings, each with a different responsável legal
    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    maria = services.responsaveis.save_for_aluno(ana, ResponsavelData("Maria"), "mae", legal=True)
    services.responsaveis.save_for_aluno(bruno, ResponsavelData("Tia Rosa"), "tio", legal=True)

    # When Maria is linked to Bruno without being legal for him
    services.responsaveis.link(bruno, maria, "mae", legal=False)

    # Then Ana's legal responsável is still Maria and Bruno's is still Rosa
    assert [r.responsavel_legal for r in services.responsaveis.list_for_aluno(ana)] == [True]
    assert [(r.nome, r.responsavel_legal) for r in services.responsaveis.list_for_aluno(bruno)] == [
        ("Tia Rosa", True),
        ("Maria", False),
    ]


def test_cpf_in_use_by_another_responsavel_is_refused(services: Services) -> None:
    # Given a responsável with a CPF
    maria = services.responsaveis.create(ResponsavelData("Maria", cpf=CPF_MARIA))

    # When another one is given the same CPF, unformatted
    errors = services.responsaveis.validate(ResponsavelData("Outra", cpf="52998224725"))

    # Then it is refused, while Maria may keep hers
    assert errors == {"cpf": CPF_RESPONSAVEL_EM_USO}
    assert services.responsaveis.validate(ResponsavelData("Maria", cpf=CPF_MARIA), maria) == {}
    with pytest.raises(ValidationError) as caught:
        services.responsaveis.create(ResponsavelData("Outra", cpf=CPF_MARIA))
    assert caught.value.field == "cpf"


def test_bad_values_are_refused_by_field(services: Services, head_engine: Engine) -> None:
    errors = services.responsaveis.validate(
        ResponsavelData(" ", cpf="123", telefones=("abc",), emails=("ok@exemplo.com", "sem-arroba"))
    )
    assert errors["nome"] == NOME_OBRIGATORIO
    assert "cpf" in errors
    assert errors["telefones"] == TELEFONE_INVALIDO
    assert errors["emails"] == EMAIL_INVALIDO
    ana = services.alunos.create(AlunoData(nome="Ana"))
    with pytest.raises(ValidationError) as caught:
        services.responsaveis.save_for_aluno(ana, ResponsavelData("Maria"), "vizinho", legal=False)
    assert (caught.value.field, caught.value.message) == ("parentesco", PARENTESCO_INVALIDO)
    assert _responsaveis_count(head_engine) == 0


def test_search_finds_by_name_without_accents_or_by_cpf(services: Services) -> None:
    # Given Maria, responsável for Ana, and Joana for Bruno
    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    maria = services.responsaveis.save_for_aluno(ana, ResponsavelData("Márcia Souza", cpf=CPF_MARIA), "mae", True)
    services.responsaveis.save_for_aluno(bruno, ResponsavelData("Joana"), "mae", True)

    # Then a search by nome (accents and case ignored) or by CPF digits finds her with her alunos
    [row] = services.responsaveis.search("MARCIA")
    assert (row.id, row.nome, row.alunos) == (maria, "Márcia Souza", ("Ana",))
    assert [r.id for r in services.responsaveis.search("529.982")] == [maria]
    # And one already linked to the aluno is left out
    assert services.responsaveis.search("marcia", exclude_aluno_id=ana) == []
    assert services.responsaveis.search("  ") == []


def test_unlink_keeps_a_shared_responsavel_and_deletes_an_orphan(services: Services, head_engine: Engine) -> None:
    # Given siblings sharing their mãe, and Ana's tio only hers
    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    maria = services.responsaveis.save_for_aluno(ana, ResponsavelData("Maria"), "mae", True)
    services.responsaveis.link(bruno, maria, "mae", legal=True)
    tio = services.responsaveis.save_for_aluno(ana, ResponsavelData("Carlos"), "tio", False)
    assert services.responsaveis.other_alunos(maria, ana) == ["Bruno"]

    # When both are unlinked from Ana
    shared_deleted = services.responsaveis.unlink(ana, maria)
    orphan_deleted = services.responsaveis.unlink(ana, tio)

    # Then Maria stays Bruno's responsável, and Carlos is gone
    assert (shared_deleted, orphan_deleted) == (False, True)
    assert services.responsaveis.list_for_aluno(ana) == []
    assert [r.nome for r in services.responsaveis.list_for_aluno(bruno)] == ["Maria"]
    with pytest.raises(RecordNotFoundError):
        services.responsaveis.get(tio)
    with pytest.raises(RecordNotFoundError):
        services.responsaveis.unlink(ana, maria)


def test_deleting_an_aluno_keeps_a_shared_responsavel(services: Services, head_engine: Engine) -> None:
    # Given siblings sharing their mãe, and Ana's own tio
    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    maria = services.responsaveis.save_for_aluno(
        ana, ResponsavelData("Maria", telefones=("11 3333-4444",)), "mae", legal=True
    )
    services.responsaveis.link(bruno, maria, "mae", legal=True)
    tio = services.responsaveis.save_for_aluno(ana, ResponsavelData("Carlos"), "tio", False)

    assert services.alunos.responsaveis_exclusivos(ana) == ["Carlos"]

    # When Ana is deleted
    services.alunos.delete(ana)

    # Then her links are gone, Maria stays with her contacts for Bruno, and the orphan tio is deleted
    with Session(head_engine) as session:
        assert session.scalar(select(func.count()).where(AlunoResponsavel.aluno_id == ana)) == 0
    assert services.responsaveis.get(maria).telefones == ("11 3333-4444",)
    assert [r.responsavel_id for r in services.responsaveis.list_for_aluno(bruno)] == [maria]
    with pytest.raises(RecordNotFoundError):
        services.responsaveis.get(tio)


def test_ficha_lists_the_responsaveis(services: Services, head_engine: Engine) -> None:
    # Given an aluno with a legal mãe with contacts and an avó
    ana = services.alunos.create(AlunoData(nome="Ana"))
    services.responsaveis.save_for_aluno(
        ana, ResponsavelData("Maria", telefones=("11 3333-4444", "11 98765-4321"), emails=("m@ex.com.br",)), "mae", True
    )
    services.responsaveis.save_for_aluno(ana, ResponsavelData("Dona Lurdes"), "avo", False)

    # When the ficha is arranged as a document
    secoes = {s.titulo: s for s in ficha_do_aluno(head_engine, ana).documento().secoes}

    # Then its Responsáveis table shows them, the legal one first
    tabela = secoes["Responsáveis"].tabela
    assert tabela is not None
    assert tabela.colunas == ("Nome", "Parentesco", "Legal", "Telefones", "E-mails")
    assert tabela.linhas == (
        ("Maria", "Mãe", "Sim", "11 3333-4444\n11 98765-4321", "m@ex.com.br"),
        ("Dona Lurdes", "Avó/Avô", "Não", "", ""),
    )


def test_a_stored_nome_with_a_control_character_does_not_block_saving(services: Services, head_engine: Engine) -> None:
    with Session(head_engine) as session, session.begin():
        responsavel = Responsavel(nome="Maria\x1bSouza")
        session.add(responsavel)
        session.flush()
        responsavel_id = responsavel.id
    # Another field changed: the nome already in the file stays as it is
    services.responsaveis.update(responsavel_id, ResponsavelData(nome="Maria\x1bSouza", telefones=("(12) 3456-7890",)))
    assert services.responsaveis.get(responsavel_id).telefones == ("(12) 3456-7890",)
    # A new nome with a control character is refused
    with pytest.raises(ValidationError) as error:
        services.responsaveis.update(responsavel_id, ResponsavelData(nome="Maria\x07"))
    assert error.value.field == "nome"
