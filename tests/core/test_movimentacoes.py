"""Every way an aluno arrives and leaves during the year (issue 14): each movement has its date
inside the year, its motivo, its audit and what a document prints of it."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, text

from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.errors import ValidationError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.movimentacoes import DispensaRow, EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData

D = Decimal
DESTINO = EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR")


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


@pytest.fixture
def ano(services: Services) -> int:
    return services.anos_letivos.create(
        AnoLetivoData(
            ano=2026,
            tipo_periodo="bimestre",
            recuperacao="substitui_media",
            media_aprovacao=D("6.0"),
            data_inicio=date(2026, 2, 2),
            data_fim=date(2026, 12, 18),
        )
    )


@pytest.fixture
def disciplinas(services: Services) -> dict[str, int]:
    return {nome: services.disciplinas.create(nome) for nome in ("Língua Portuguesa", "Matemática", "Educação Física")}


@pytest.fixture
def turma(services: Services, ano: int, disciplinas: dict[str, int]) -> int:
    return services.turmas.create(
        TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(d, 160) for d in disciplinas.values()]
    )


@pytest.fixture
def alunos(services: Services) -> list[int]:
    return [services.alunos.create(AlunoData(nome=n)) for n in ("Ana Souza", "Bruno Lima", "Caio Prado")]


def _audit(engine: Engine, tabela: str) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT acao, descricao, antes, depois FROM auditoria WHERE tabela = :t ORDER BY id"), {"t": tabela}
        ).all()
    return [
        {"acao": a, "descricao": d, "antes": json.loads(b) if b else None, "depois": json.loads(c) if c else None}
        for a, d, b, c in rows
    ]


def _notas(services: Services, turma: int, disciplina: int, enturmacao: int, notas: list[str]) -> None:
    periodos = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)  # type: ignore[arg-type]
    services.diario.lancar_notas(
        turma,
        disciplina,
        [
            Lancamento(enturmacao, "nota", D(n.replace(",", ".")), p.id)
            for p, n in zip(periodos, notas, strict=False)
            if n
        ],
    )


# --- transferência expedida ----------------------------------------------------------------


def test_a_transferencia_expedida_keeps_the_school_the_notas_and_the_audit(
    services: Services, turma: int, alunos: list[int], disciplinas: dict[str, int], head_engine: Engine
) -> None:
    # Given Ana in the 6º ano A since February, with two bimestres of Matemática
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    mat = disciplinas["Matemática"]
    _notas(services, turma, mat, ana, ["7,0", "8,5"])
    periodo = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)[0]  # type: ignore[arg-type]
    services.diario.lancar_frequencia(turma, mat, periodo.id, [LancamentoFrequencia(ana, 40, 2)])

    # When she is transferred on 04/05/2026 to a school in Curitiba (the UF typed in lower case)
    services.turmas.mudar_situacao(
        [ana],
        Situacao.TRANSFERIDO,
        "Mudança da família para Curitiba",
        date(2026, 5, 4),
        EscolaTransferencia("  E.E.  Castro Alves ", "Curitiba", "pr"),
    )

    # Then the enturmação is closed on that day with the school, its município and UF
    row = services.turmas.enturmacao(ana)
    assert (row.situacao, row.data_saida, row.motivo) == (
        Situacao.TRANSFERIDO,
        date(2026, 5, 4),
        "Mudança da família para Curitiba",
    )
    assert row.destino == DESTINO
    # And the notas and frequência so far stay
    boletim = services.diario.boletim(ana)
    linha = next(linha for linha in boletim.linhas if linha.disciplina == "Matemática")
    assert linha.notas[:2] == (D("7.0"), D("8.5")) and linha.faltas_total == 2
    # And the declaração de transferência can read it all
    dados = services.movimentacoes.transferencia(ana)
    assert (dados.aluno_nome, dados.turma_nome, dados.ano, dados.data_saida, dados.motivo, dados.destino) == (
        "Ana Souza",
        "6º ano A",
        2026,
        date(2026, 5, 4),
        "Mudança da família para Curitiba",
        DESTINO,
    )
    # And the audit has the school beside the situação and the date
    depois: dict = {}
    for row in _audit(head_engine, "enturmacoes"):
        if row["acao"] == "alteracao":
            depois |= row["depois"]
    assert depois == {
        "data_saida": "2026-05-04",
        "escola_destino": "E.E. Castro Alves",
        "motivo_situacao": "Mudança da família para Curitiba",
        "municipio_destino": "Curitiba",
        "situacao_manual": "transferido",
        "uf_destino": "PR",
    }
    assert [r["depois"] for r in _audit(head_engine, "historico_situacoes")] == [
        {"motivo": "Mudança da família para Curitiba", "situacao_nova": "transferido"}
    ]
    alteracoes = {(linha.o_que, linha.depois) for linha in services.auditoria.list_for_aluno(alunos[0])}
    assert ("Enturmação na turma 6º ano A (2026): Escola de destino", "E.E. Castro Alves") in alteracoes
    assert ("Enturmação na turma 6º ano A (2026): UF de destino", "PR") in alteracoes


@pytest.mark.parametrize(
    ("destino", "field", "message"),
    [
        (None, "escola_destino", "Informe a escola para onde o aluno vai."),
        (EscolaTransferencia("  ", "Curitiba", "PR"), "escola_destino", "Informe a escola para onde o aluno vai."),
        (
            EscolaTransferencia("E.E. Castro Alves", "", "PR"),
            "municipio_destino",
            "Informe o município da escola de destino.",
        ),
        (
            EscolaTransferencia("E.E. Castro Alves", "Curitiba", ""),
            "uf_destino",
            "Escolha a UF da escola de destino, como SP.",
        ),
        (EscolaTransferencia("E.E. Castro Alves", "Curitiba", "XX"), "uf_destino", "Escolha a UF na lista, como SP."),
        (
            EscolaTransferencia("E" * 151, "Curitiba", "PR"),
            "escola_destino",
            "O nome da escola deve ter no máximo 150 caracteres.",
        ),
    ],
)
def test_a_transferencia_without_its_school_is_refused_and_changes_nothing(
    services: Services,
    turma: int,
    alunos: list[int],
    head_engine: Engine,
    destino: EscolaTransferencia | None,
    field: str,
    message: str,
) -> None:
    ana, bruno = services.turmas.enturmar(turma, alunos[:2], date(2026, 2, 2))
    with pytest.raises(ValidationError) as error:
        services.turmas.mudar_situacao([ana, bruno], Situacao.TRANSFERIDO, "Mudou de cidade", date(2026, 5, 4), destino)
    assert (error.value.field, error.value.message) == (field, message)
    assert all(services.turmas.enturmacao(e).ativa for e in (ana, bruno))
    assert services.turmas.historico_situacoes(ana) == []
    assert [r for r in _audit(head_engine, "enturmacoes") if r["acao"] == "alteracao"] == []


def test_a_transferencia_outside_the_year_is_refused(services: Services, turma: int, alunos: list[int]) -> None:
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    with pytest.raises(ValidationError) as error:
        services.turmas.mudar_situacao([ana], Situacao.TRANSFERIDO, "Mudou", date(2026, 12, 19), DESTINO)
    assert (error.value.field, error.value.message) == (
        "data_saida",
        "A data de saída 19/12/2026 está fora do ano letivo de 2026 (02/02/2026 a 18/12/2026).",
    )
    assert services.turmas.enturmacao(ana).destino is None


def test_undoing_a_transferencia_forgets_its_school(services: Services, turma: int, alunos: list[int]) -> None:
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    services.turmas.mudar_situacao([ana], Situacao.TRANSFERIDO, "Mudou", date(2026, 5, 4), DESTINO)
    # When the transferência is undone (the family stayed), or another situação replaces it
    services.turmas.mudar_situacao([ana], Situacao.ABANDONO, "Deixou de frequentar", date(2026, 5, 4), DESTINO)
    # Then the school of destination goes, the date and the new motivo stay
    row = services.turmas.enturmacao(ana)
    assert (row.situacao, row.destino, row.data_saida) == (Situacao.ABANDONO, None, date(2026, 5, 4))
    with pytest.raises(ValidationError, match="não foi transferido"):
        services.movimentacoes.transferencia(ana)


# --- transferência recebida ----------------------------------------------------------------

ORIGEM = EscolaTransferencia("E.M. Cecília Meireles", "Belo Horizonte", "MG")


def test_a_transferencia_recebida_takes_the_notas_of_the_guide_for_the_periodos_before_it(
    services: Services, turma: int, alunos: list[int], disciplinas: dict[str, int], head_engine: Engine
) -> None:
    # Given Caio arriving on 03/08/2026, in the 3º bimestre, from a school in Belo Horizonte
    (caio,) = services.turmas.enturmar(
        turma, alunos[2:], date(2026, 8, 3), EscolaTransferencia(" E.M.  Cecília Meireles", "Belo Horizonte", "mg")
    )
    row = services.turmas.enturmacao(caio)
    assert (row.data_entrada, row.origem, row.ativa) == (date(2026, 8, 3), ORIGEM, True)

    # When the secretary types, in the usual grids, the 1º and 2º bimestres from the transfer
    # guide and the teachers the 3º and 4º, in every disciplina
    periodos = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)  # type: ignore[arg-type]
    for disciplina in disciplinas.values():
        _notas(services, turma, disciplina, caio, ["5,0", "6,0", "7,0", "8,0"])
        for p in periodos:
            services.diario.lancar_frequencia(turma, disciplina, p.id, [LancamentoFrequencia(caio, 40, 4)])

    # Then the grid holds them all, and the year's result counts the guide's notas
    assert services.diario.notas(turma, disciplinas["Matemática"]).linhas[0].notas == (
        D("5.0"),
        D("6.0"),
        D("7.0"),
        D("8.0"),
    )
    boletim = services.diario.boletim(caio)
    assert [linha.resultado.media for linha in boletim.linhas] == [D("6.5")] * 3
    assert boletim.situacao is Situacao.APROVADO and boletim.resultado.frequencia == D("90.0")
    # And a document can print where Caio came from and when he arrived
    dados = services.movimentacoes.transferencia_recebida(caio)
    assert (dados.aluno_nome, dados.turma_nome, dados.data_entrada, dados.origem) == (
        "Caio Prado",
        "6º ano A",
        date(2026, 8, 3),
        ORIGEM,
    )
    # And the audit has the school beside the date of arrival
    [entrada] = [r for r in _audit(head_engine, "enturmacoes") if r["acao"] == "inclusao"]
    assert entrada["depois"] == {
        "data_entrada": "2026-08-03",
        "escola_origem": "E.M. Cecília Meireles",
        "municipio_origem": "Belo Horizonte",
        "uf_origem": "MG",
    }


@pytest.mark.parametrize(
    ("origem", "field", "message"),
    [
        (EscolaTransferencia("", "Belo Horizonte", "MG"), "escola_origem", "Informe a escola de onde o aluno veio."),
        (
            EscolaTransferencia("E.M. Cecília Meireles", " ", "MG"),
            "municipio_origem",
            "Informe o município da escola de origem.",
        ),
        (
            EscolaTransferencia("E.M. Cecília Meireles", "Belo Horizonte", ""),
            "uf_origem",
            "Escolha a UF da escola de origem, como SP.",
        ),
        (
            EscolaTransferencia("E.M. Cecília Meireles", "Belo Horizonte", "BH"),
            "uf_origem",
            "Escolha a UF na lista, como SP.",
        ),
    ],
)
def test_a_transferencia_recebida_without_its_school_is_refused(
    services: Services, turma: int, alunos: list[int], origem: EscolaTransferencia, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.turmas.enturmar(turma, alunos[2:], date(2026, 8, 3), origem)
    assert (error.value.field, error.value.message) == (field, message)
    assert services.turmas.roster(turma) == []


def test_a_transferencia_recebida_outside_the_year_is_refused(
    services: Services, turma: int, alunos: list[int]
) -> None:
    with pytest.raises(ValidationError) as error:
        services.turmas.enturmar(turma, alunos[2:], date(2027, 2, 1), ORIGEM)
    assert (error.value.field, error.value.message) == (
        "data_entrada",
        "A data de entrada 01/02/2027 está fora do ano letivo de 2026 (02/02/2026 a 18/12/2026).",
    )
    assert services.turmas.roster(turma) == []


def test_an_enturmacao_from_the_start_is_no_transferencia(services: Services, turma: int, alunos: list[int]) -> None:
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    assert services.turmas.enturmacao(ana).origem is None
    with pytest.raises(ValidationError, match="não entrou nesta turma por transferência"):
        services.movimentacoes.transferencia_recebida(ana)


# --- abandono and falecimento --------------------------------------------------------------


@pytest.mark.parametrize(
    ("situacao", "motivo"),
    [
        (Situacao.ABANDONO, "Deixou de frequentar desde agosto; a família não foi localizada"),
        (Situacao.FALECIDO, "Certidão de óbito apresentada pela família"),
    ],
)
def test_abandono_and_falecimento_have_their_date_in_the_year_their_motivo_and_the_audit(
    services: Services,
    turma: int,
    alunos: list[int],
    disciplinas: dict[str, int],
    head_engine: Engine,
    situacao: Situacao,
    motivo: str,
) -> None:
    # Given Bruno in the turma since February, with notas in Matemática
    (bruno,) = services.turmas.enturmar(turma, alunos[1:2], date(2026, 2, 2))
    _notas(services, turma, disciplinas["Matemática"], bruno, ["6,0", "5,5"])

    # Then without a motivo it is refused
    with pytest.raises(ValidationError) as error:
        services.turmas.mudar_situacao([bruno], situacao, " ", date(2026, 9, 1))
    assert error.value.field == "motivo"
    # And a date outside the year, or before he arrived, is refused with the reason
    with pytest.raises(ValidationError) as error:
        services.turmas.mudar_situacao([bruno], situacao, motivo, date(2027, 1, 4))
    assert (error.value.field, error.value.message) == (
        "data_saida",
        "A data de saída 04/01/2027 está fora do ano letivo de 2026 (02/02/2026 a 18/12/2026).",
    )
    with pytest.raises(ValidationError) as error:
        services.turmas.mudar_situacao([bruno], situacao, motivo, date(2026, 2, 1))
    assert error.value.field == "data_saida"
    assert services.turmas.enturmacao(bruno).ativa and services.turmas.historico_situacoes(bruno) == []

    # When it is recorded on 01/09/2026
    services.turmas.mudar_situacao([bruno], situacao, motivo, date(2026, 9, 1))

    # Then he left on that day, with the motivo, the notas so far kept, and no school asked for
    dados = services.movimentacoes.saida(bruno)
    assert (dados.situacao, dados.data_saida, dados.motivo, dados.destino) == (
        situacao.value,
        date(2026, 9, 1),
        motivo,
        None,
    )
    assert services.diario.boletim(bruno).situacao is situacao
    assert services.diario.notas(turma, disciplinas["Matemática"]).linhas[0].notas[:2] == (D("6.0"), D("5.5"))
    # And the audit has the situação, the date and the motivo
    depois: dict = {}
    for row in _audit(head_engine, "enturmacoes"):
        if row["acao"] == "alteracao":
            depois |= row["depois"]
    assert depois == {"data_saida": "2026-09-01", "motivo_situacao": motivo, "situacao_manual": situacao.value}
    assert [r["depois"] for r in _audit(head_engine, "historico_situacoes")] == [
        {"motivo": motivo, "situacao_nova": situacao.value}
    ]
    # And the closing of the year does not wait for his missing notas
    assert services.encerramento.pendencias(2026) == []


def test_an_aluno_still_in_the_turma_has_no_saida(services: Services, turma: int, alunos: list[int]) -> None:
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    with pytest.raises(ValidationError, match="não saiu desta turma"):
        services.movimentacoes.saida(ana)


# --- reclassificação -----------------------------------------------------------------------

ATA = "Ata de reclassificação nº 3/2026, de 30/03/2026"


@pytest.fixture
def turma_7(services: Services, ano: int, disciplinas: dict[str, int]) -> int:
    return services.turmas.create(
        TurmaData(ano, "7º ano A", "7º ano", "matutino"), [(d, 160) for d in disciplinas.values()]
    )


def test_a_reclassificacao_moves_the_aluno_to_another_etapa_with_the_ata(
    services: Services,
    turma: int,
    turma_7: int,
    alunos: list[int],
    disciplinas: dict[str, int],
    head_engine: Engine,
) -> None:
    # Given Ana in the 6º ano A since February, with a nota in Matemática
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    _notas(services, turma, disciplinas["Matemática"], ana, ["9,5"])

    # When the conselho reclassifies her into the 7º ano on 01/04/2026
    nova = services.turmas.reclassificar(ana, turma_7, date(2026, 4, 1), ATA)

    # Then the 6º ano keeps her record, closed as Reclassificado on that day with the ata
    old = services.turmas.enturmacao(ana)
    assert (old.situacao, old.data_saida, old.motivo, old.manual) == (
        Situacao.RECLASSIFICADO,
        date(2026, 4, 1),
        ATA,
        True,
    )
    assert services.diario.notas(turma, disciplinas["Matemática"]).linhas[0].notas[0] == D("9.5")
    # And she is in the 7º ano from that day, with no notas of the 6º ano carried over
    row = services.turmas.enturmacao(nova)
    assert (row.turma_nome, row.data_entrada, row.ativa, row.situacao) == (
        "7º ano A",
        date(2026, 4, 1),
        True,
        Situacao.CURSANDO,
    )
    assert services.diario.notas(turma_7, disciplinas["Matemática"]).linhas[0].notas == (None,) * 4
    # And her histórico has the year in the 7º ano only; a document can print the move
    assert [b.turma_nome for b in services.diario.historico(alunos[0])] == ["7º ano A"]
    dados = services.movimentacoes.saida(ana)
    assert (dados.situacao, dados.data_saida, dados.motivo) == ("reclassificado", date(2026, 4, 1), ATA)
    # And the audit has the situação, the ata and the new enturmação
    assert [r["depois"] for r in _audit(head_engine, "historico_situacoes")] == [
        {"motivo": ATA, "situacao_nova": "reclassificado"}
    ]
    assert [r["depois"] for r in _audit(head_engine, "enturmacoes") if r["acao"] == "inclusao"][-1] == {
        "data_entrada": "2026-04-01"
    }
    alteracoes = {(linha.o_que, linha.depois) for linha in services.auditoria.list_for_aluno(alunos[0])}
    assert ("Enturmação na turma 6º ano A (2026): Situação", "Reclassificado") in alteracoes

    # When it was a mistake and the new enturmação is taken out, she is back in the 6º ano
    services.turmas.retirar([nova])
    back = services.turmas.enturmacao(ana)
    assert (back.ativa, back.manual) == (True, False)


def test_a_reclassificacao_is_refused_with_the_reason(
    services: Services, ano: int, turma: int, turma_7: int, alunos: list[int]
) -> None:
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 3, 2))
    turma_b = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"))
    cases = [
        ((turma_7, date(2026, 4, 1), "  "), "motivo", "Informe a ata da reclassificação (número e data) ou o motivo."),
        (
            (turma_b, date(2026, 4, 1), ATA),
            "turma",
            "A turma 6º ano B é da mesma etapa (6º ano): para ela, use Remanejar.",
        ),
        (
            (turma_7, date(2026, 12, 21), ATA),
            "data_saida",
            "A data da mudança 21/12/2026 está fora do ano letivo de 2026 (02/02/2026 a 18/12/2026).",
        ),
        ((turma_7, date(2026, 2, 10), ATA), "data_saida", "A data de saída não pode ser anterior à de entrada."),
    ]
    for args, field, message in cases:
        with pytest.raises(ValidationError) as error:
            services.turmas.reclassificar(ana, *args)
        assert (error.value.field, error.value.message) == (field, message)
    assert services.turmas.enturmacao(ana).ativa and services.turmas.roster(turma_7) == []
    assert services.turmas.historico_situacoes(ana) == []


# --- dispensa de disciplina ----------------------------------------------------------------


def _ano_inteiro(services: Services, turma: int, disciplina: int, enturmacao: int, notas: list[str]) -> None:
    """Every período's nota and frequência (40 aulas, 2 faltas) of one disciplina."""
    periodos = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)  # type: ignore[arg-type]
    _notas(services, turma, disciplina, enturmacao, notas)
    for p in periodos:
        services.diario.lancar_frequencia(turma, disciplina, p.id, [LancamentoFrequencia(enturmacao, 40, 2)])


def test_an_aluno_dispensed_from_educacao_fisica_with_no_notas_there_is_aprovado(
    services: Services, turma: int, alunos: list[int], disciplinas: dict[str, int], head_engine: Engine
) -> None:
    # Given Ana with the whole year in Português and Matemática, passing, and nothing in Educação Física
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    for nome in ("Língua Portuguesa", "Matemática"):
        _ano_inteiro(services, turma, disciplinas[nome], ana, ["7,0", "6,0", "8,0", "7,0"])
    ef = disciplinas["Educação Física"]
    # (without a dispensa, Educação Física keeps the year open: the closing names it)
    assert [(p.disciplina, p.aluno) for p in services.encerramento.pendencias(2026)] == [
        ("Educação Física", "Ana Souza")
    ]

    # When she is dispensed from Educação Física on 10/03/2026 with a medical certificate
    services.movimentacoes.dispensar(ana, ef, date(2026, 3, 10), "Atestado médico (Lei 10.793/2003)")

    # Then her result leaves Educação Física out: aprovado, the frequência over the other two
    boletim = services.diario.boletim(ana)
    assert boletim.situacao is Situacao.APROVADO and boletim.resultado.situacao.definitiva
    assert boletim.resultado.aulas_dadas == 320 and boletim.resultado.frequencia == D("95.0")
    linha = next(linha for linha in boletim.linhas if linha.disciplina == "Educação Física")
    assert linha.resultado.situacao.efetiva is Situacao.DISPENSADO
    assert Situacao.DISPENSADO.label == "Dispensado"
    # And the grid says so for her row
    assert [linha.dispensada for linha in services.diario.notas(turma, ef).linhas] == [True]
    # And the closing no longer waits for it
    assert services.encerramento.pendencias(2026) == []
    assert services.movimentacoes.dispensas(ana) == [
        DispensaRow(ef, "Educação Física", date(2026, 3, 10), "Atestado médico (Lei 10.793/2003)")
    ]
    # And the audit has it, under her name
    [dispensa] = _audit(head_engine, "dispensas_disciplina")
    assert (dispensa["acao"], dispensa["descricao"], dispensa["depois"]) == (
        "inclusao",
        "Dispensa de Educação Física na turma 6º ano A (2026)",
        {"data": "2026-03-10", "motivo": "Atestado médico (Lei 10.793/2003)"},
    )

    # When the dispensa is taken back, Educação Física counts again: the closing waits for it
    services.movimentacoes.remover_dispensa(ana, ef)
    assert [p.disciplina for p in services.encerramento.pendencias(2026)] == ["Educação Física"]
    assert services.movimentacoes.dispensas(ana) == []
    assert [r["acao"] for r in _audit(head_engine, "dispensas_disciplina")] == ["inclusao", "exclusao"]


def test_notas_typed_in_a_dispensed_disciplina_do_not_retain(
    services: Services, turma: int, alunos: list[int], disciplinas: dict[str, int]
) -> None:
    (bruno,) = services.turmas.enturmar(turma, alunos[1:2], date(2026, 2, 2))
    for nome in ("Língua Portuguesa", "Matemática"):
        _ano_inteiro(services, turma, disciplinas[nome], bruno, ["7,0", "7,0", "7,0", "7,0"])
    _ano_inteiro(services, turma, disciplinas["Educação Física"], bruno, ["1,0", "1,0", "1,0", "1,0"])
    assert services.diario.boletim(bruno).situacao is not Situacao.APROVADO
    services.movimentacoes.dispensar(bruno, disciplinas["Educação Física"], date(2026, 5, 4), "Atestado médico")
    assert services.diario.boletim(bruno).situacao is Situacao.APROVADO


def test_a_dispensa_is_refused_with_the_reason(
    services: Services, ano: int, turma: int, alunos: list[int], disciplinas: dict[str, int], head_engine: Engine
) -> None:
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    ef = disciplinas["Educação Física"]
    artes = services.disciplinas.create("Artes")
    cases = [
        ((ef, date(2026, 3, 10), "  "), "motivo", "Informe o motivo da dispensa."),
        ((ef, None, "Atestado"), "data", "Informe a data da dispensa."),
        (
            (ef, date(2027, 3, 10), "Atestado"),
            "data_dispensa",
            "A data da dispensa 10/03/2027 está fora do ano letivo de 2026 (02/02/2026 a 18/12/2026).",
        ),
        ((artes, date(2026, 3, 10), "Atestado"), "disciplina", "Esta disciplina não faz parte da turma."),
    ]
    for args, field, message in cases:
        with pytest.raises(ValidationError) as error:
            services.movimentacoes.dispensar(ana, *args)
        assert (error.value.field, error.value.message) == (field, message)
    assert services.movimentacoes.dispensas(ana) == []
    services.movimentacoes.dispensar(ana, ef, date(2026, 3, 10), "Atestado")
    with pytest.raises(ValidationError, match="Ana Souza já está dispensado de Educação Física"):
        services.movimentacoes.dispensar(ana, ef, date(2026, 4, 10), "Outro atestado")
    assert len(_audit(head_engine, "dispensas_disciplina")) == 1
