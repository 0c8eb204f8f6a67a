"""The school-year services: anos letivos, turmas, enturmação em lote, notas, frequência,
the situação with its overrides and history, and the boletim built from them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, text

from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.errors import RecordNotFoundError, ValidationError
from escola_gui.core.escola import AnoLetivoData, EscolaData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.core.turmas import DependentesEnturmacoes, TurmaData

D = Decimal


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


@pytest.fixture
def ano(services: Services) -> int:
    return services.anos_letivos.create(
        AnoLetivoData(ano=2026, tipo_periodo="bimestre", recuperacao="substitui_media", media_aprovacao=D("6.0"))
    )


@pytest.fixture
def disciplinas(services: Services) -> dict[str, int]:
    return {nome: services.disciplinas.create(nome) for nome in ("Língua Portuguesa", "Matemática")}


@pytest.fixture
def turma(services: Services, ano: int, disciplinas: dict[str, int]) -> int:
    return services.turmas.create(
        TurmaData(ano, "6º ano A", "6º ano", "matutino", sala="12", vagas=3),
        [(disciplinas["Língua Portuguesa"], 160), (disciplinas["Matemática"], 160)],
    )


@pytest.fixture
def alunos(services: Services) -> list[int]:
    return [services.alunos.create(AlunoData(nome=n)) for n in ("Ana Souza", "Bruno Lima", "Caio Prado", "Davi Reis")]


def test_escola_is_one_row_validated(services: Services) -> None:
    assert services.escola.get() is None
    with pytest.raises(ValidationError) as error:
        services.escola.save(EscolaData(nome="EM Monteiro Lobato", codigo_inep="123"))
    assert error.value.field == "codigo_inep"
    services.escola.save(EscolaData(nome="  EM  Monteiro Lobato ", codigo_inep="35012345", uf="sp"))
    services.escola.save(EscolaData(nome="EM Monteiro Lobato", codigo_inep="35012345", uf="sp", municipio="Taubaté"))
    assert services.escola.get() == EscolaData("EM Monteiro Lobato", "35012345", None, "Taubaté", "SP", None)


def test_ano_letivo_makes_its_periodos_and_rule(services: Services) -> None:
    ano = services.anos_letivos.create(
        AnoLetivoData(ano=2025, tipo_periodo="trimestre", formula_media="ponderada", pesos=(1, 2, 3))
    )
    assert [(p.numero, p.nome, p.peso) for p in services.anos_letivos.periodos(ano)] == [
        (1, "1º trimestre", 1),
        (2, "2º trimestre", 2),
        (3, "3º trimestre", 3),
    ]
    regra = services.anos_letivos.regra(ano)
    assert regra.quantidade_periodos == 3 and regra.pesos == (D(1), D(2), D(3))
    with pytest.raises(ValidationError) as error:
        services.anos_letivos.create(AnoLetivoData(ano=2025))
    assert error.value.field == "ano"
    services.anos_letivos.update(ano, AnoLetivoData(ano=2025, tipo_periodo="semestre"))
    assert [p.nome for p in services.anos_letivos.periodos(ano)] == ["1º semestre", "2º semestre"]


def test_batch_enturmacao_is_all_or_nothing(services: Services, turma: int, alunos: list[int]) -> None:
    services.turmas.enturmar(turma, alunos[:2], date(2026, 2, 2))
    assert [r.aluno_nome for r in services.turmas.roster(turma)] == ["Ana Souza", "Bruno Lima"]
    # Ana is already in a turma of 2026, and 4 alunos would not fit in 3 vagas either.
    with pytest.raises(ValidationError, match="Ana Souza"):
        services.turmas.enturmar(turma, [alunos[0], alunos[2]], date(2026, 2, 3))
    with pytest.raises(ValidationError, match="3 vagas"):
        services.turmas.enturmar(turma, alunos[2:], date(2026, 2, 3))
    assert len(services.turmas.roster(turma)) == 2
    assert {c[1] for c in services.turmas.candidatos(turma)} == {"Caio Prado", "Davi Reis"}


def _grade(services: Services, turma: int, disciplina: int, enturmacao: int, notas: list[str]) -> None:
    periodos = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)  # type: ignore[arg-type]
    services.diario.lancar_notas(
        turma,
        disciplina,
        [Lancamento(enturmacao, "nota", D(n.replace(",", ".")), p.id) for p, n in zip(periodos, notas, strict=True)],
    )


def test_notas_frequencia_and_boletim(services: Services, turma: int, alunos: list[int], disciplinas: dict) -> None:
    ana, bruno = services.turmas.enturmar(turma, alunos[:2], date(2026, 2, 2))
    lp, mat = disciplinas["Língua Portuguesa"], disciplinas["Matemática"]
    periodos = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)  # type: ignore[arg-type]
    _grade(services, turma, lp, ana, ["7,0", "8,0", "6,5", "9,0"])
    _grade(services, turma, mat, ana, ["5,0", "5,5", "6,0", "5,0"])  # média 5,4 → recuperação final 7,0
    services.diario.lancar_notas(turma, mat, [Lancamento(ana, "recuperacao_final", D("7.0"))])
    _grade(services, turma, lp, bruno, ["3,0", "4,0", "5,0", "4,5"])
    _grade(services, turma, mat, bruno, ["6,0", "6,0", "6,0", "6,0"])
    for p in periodos:
        services.diario.lancar_frequencia(
            turma, lp, p.id, [LancamentoFrequencia(ana, 40, 2), LancamentoFrequencia(bruno, 40, 1)]
        )
        services.diario.lancar_frequencia(
            turma, mat, p.id, [LancamentoFrequencia(ana, 40, 0), LancamentoFrequencia(bruno, 40, 0)]
        )

    grade = services.diario.notas(turma, mat)
    assert [linha.aluno_nome for linha in grade.linhas] == ["Ana Souza", "Bruno Lima"]
    assert grade.linhas[0].notas == (D("5.0"), D("5.5"), D("6.0"), D("5.0"))
    assert grade.linhas[0].recuperacao_final == D("7.0")

    boletim = services.diario.boletim(ana)
    assert [linha.disciplina for linha in boletim.linhas] == ["Língua Portuguesa", "Matemática"]
    assert [linha.resultado.media for linha in boletim.linhas] == [D("7.6"), D("7.0")]
    assert boletim.linhas[0].faltas == (2, 2, 2, 2)
    assert boletim.resultado.frequencia == D("97.5")
    assert boletim.situacao is Situacao.APROVADO
    # LP média 4,1 and the recuperação final not entered yet: no verdict before it
    assert services.diario.boletim(bruno).situacao is Situacao.EM_RECUPERACAO
    services.diario.lancar_notas(turma, lp, [Lancamento(bruno, "recuperacao_final", D("4.5"))])
    assert services.diario.boletim(bruno).situacao is Situacao.RETIDO
    roster = {r.aluno_nome: r.situacao for r in services.turmas.roster(turma)}
    assert roster == {"Ana Souza": Situacao.APROVADO, "Bruno Lima": Situacao.RETIDO}

    # Clearing a nota leaves the média open again (cursando).
    services.diario.lancar_notas(turma, lp, [Lancamento(bruno, "nota", None, periodos[3].id)])
    assert services.diario.boletim(bruno).situacao is Situacao.CURSANDO


def test_out_of_range_values_are_refused_whole(
    services: Services, turma: int, alunos: list[int], disciplinas: dict
) -> None:
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    lp = disciplinas["Língua Portuguesa"]
    p1, p2, *_ = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        services.diario.lancar_notas(
            turma, lp, [Lancamento(ana, "nota", D("8.0"), p1.id), Lancamento(ana, "nota", D("10.5"), p2.id)]
        )
    assert services.diario.notas(turma, lp).linhas[0].notas[0] is None  # the valid cell was not written either
    with pytest.raises(ValidationError):
        services.diario.lancar_frequencia(turma, lp, p1.id, [LancamentoFrequencia(ana, 10, 11)])


def test_situacao_override_is_recorded_and_reversible(services: Services, turma: int, alunos: list[int]) -> None:
    ana, bruno = services.turmas.enturmar(turma, alunos[:2], date(2026, 2, 2))
    with pytest.raises(ValidationError):
        services.turmas.mudar_situacao([ana], Situacao.TRANSFERIDO, "  ")
    services.turmas.mudar_situacao(
        [ana, bruno],
        Situacao.TRANSFERIDO,
        "Mudou de cidade",
        date(2026, 5, 4),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )
    rows = {r.aluno_nome: r for r in services.turmas.roster(turma)}
    assert rows["Ana Souza"].situacao is Situacao.TRANSFERIDO and rows["Ana Souza"].data_saida == date(2026, 5, 4)
    assert rows["Ana Souza"].motivo == "Mudou de cidade"
    services.turmas.mudar_situacao([ana], None, "Transferência cancelada")
    assert services.turmas.enturmacao(ana).situacao is Situacao.CURSANDO
    assert services.turmas.enturmacao(ana).data_saida is None
    historico = services.turmas.historico_situacoes(ana)
    assert [(h.situacao_anterior, h.situacao_nova, h.motivo) for h in historico] == [
        (None, Situacao.TRANSFERIDO, "Mudou de cidade"),
        (Situacao.TRANSFERIDO, None, "Transferência cancelada"),
    ]


def test_a_situacao_the_file_cannot_keep_yet_is_refused_before_writing(
    services: Services, turma: int, alunos: list[int]
) -> None:
    # "Aprovado pelo conselho de classe" is computed and shown by the rules per etapa, but the
    # enturmações' CHECK admits it only with the revision that stores those rules
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    with pytest.raises(ValueError, match="revision"):
        services.turmas.mudar_situacao([ana], Situacao.APROVADO_PELO_CONSELHO, "Ata nº 12/2026")
    assert services.turmas.enturmacao(ana).situacao is Situacao.CURSANDO
    assert services.turmas.historico_situacoes(ana) == []


def test_remanejar_keeps_history_and_carries_the_grades(
    services: Services, ano: int, turma: int, alunos: list[int], disciplinas: dict
) -> None:
    lp = disciplinas["Língua Portuguesa"]
    turma_b = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"), [(lp, 160)])
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    _grade(services, turma, lp, ana, ["7,0", "8,0", "6,5", "9,0"])
    nova = services.turmas.remanejar(ana, turma_b, date(2026, 6, 1), "Troca de turno a pedido da família")
    assert services.turmas.enturmacao(ana).situacao is Situacao.REMANEJADO
    assert services.diario.notas(turma_b, lp).linhas[0].notas == (D("7.0"), D("8.0"), D("6.5"), D("9.0"))
    assert services.diario.notas(turma, lp).linhas[0].notas[0] == D("7.0")  # the old record stays
    historico = services.diario.historico(alunos[0])
    assert [(b.turma_nome, b.enturmacao_id) for b in historico] == [("6º ano B", nova)]
    matriculas = services.turmas.enturmacoes_do_aluno(alunos[0])
    assert {(m.turma_nome, m.situacao) for m in matriculas} == {
        ("6º ano A", Situacao.REMANEJADO),
        ("6º ano B", Situacao.CURSANDO),  # no frequência entered yet: no verdict
    }


def test_deleting_a_turma_names_what_goes(
    services: Services, turma: int, alunos: list[int], disciplinas: dict, head_engine: Engine
) -> None:
    ana, _bruno = services.turmas.enturmar(turma, alunos[:2], date(2026, 2, 2))
    _grade(services, turma, disciplinas["Matemática"], ana, ["7,0", "8,0", "6,5", "9,0"])
    dependentes = services.turmas.dependentes(turma)
    assert (dependentes.enturmacoes, dependentes.notas) == (2, 4)
    services.turmas.delete(turma)
    with head_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM notas")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM alunos")).scalar() == 4
    with pytest.raises(ValidationError):
        services.disciplinas.create("matematica")  # same name, accents and case aside


def test_a_closed_year_keeps_its_records(
    services: Services, ano: int, turma: int, alunos: list[int], disciplinas: dict
) -> None:
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    _grade(services, turma, disciplinas["Matemática"], ana, ["7,0", "8,0", "6,5", "9,0"])
    data = services.anos_letivos.get(ano)
    services.anos_letivos.update(ano, AnoLetivoData(**{**data.__dict__, "encerrado": True}))
    with pytest.raises(ValidationError, match="2026 está encerrado"):
        _grade(services, turma, disciplinas["Matemática"], ana, ["1,0", "1,0", "1,0", "1,0"])
    with pytest.raises(ValidationError, match="encerrado"):
        services.turmas.enturmar(turma, alunos[1:2], date(2026, 3, 2))
    assert services.diario.boletim(ana).linhas[1].resultado.media == D("7.6")


def test_guards_against_lost_records_and_double_turmas(
    services: Services, ano: int, turma: int, alunos: list[int], disciplinas: dict
) -> None:
    mat = disciplinas["Matemática"]
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    _grade(services, turma, mat, ana, ["7,0", "8,0", "6,5", "9,0"])
    services.turmas.update(turma, services.turmas.get(turma), [(disciplinas["Língua Portuguesa"], 160)])
    assert [d.nome for d in services.turmas.disciplinas(turma)] == ["Língua Portuguesa"]
    with pytest.raises(ValidationError, match="ficam guardadas"):
        services.disciplinas.delete(mat)  # its notas stay in the file

    turma_b = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"))
    services.turmas.remanejar(ana, turma_b, date(2026, 6, 1), "Troca de turno")
    with pytest.raises(ValidationError, match="já está em outra turma"):
        services.turmas.mudar_situacao([ana], None, "Engano")


# --- retirar: undoing an enturmação made by mistake -----------------------------------


def _count(engine: Engine, table: str, enturmacao: int | None = None) -> int:
    sql = f"SELECT count(*) FROM {table}"  # noqa: S608 - the table names are the tests' own
    with engine.connect() as conn:
        if enturmacao is None:
            return conn.execute(text(sql)).scalar_one()
        return conn.execute(text(sql + " WHERE enturmacao_id = :e"), {"e": enturmacao}).scalar_one()


def test_retirar_names_what_goes_and_keeps_the_aluno(
    services: Services, turma: int, alunos: list[int], disciplinas: dict, head_engine: Engine
) -> None:
    ana, bruno = services.turmas.enturmar(turma, alunos[:2], date(2026, 2, 2))
    lp, mat = disciplinas["Língua Portuguesa"], disciplinas["Matemática"]
    p1, p2, *_ = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)  # type: ignore[arg-type]
    _grade(services, turma, mat, ana, ["5,0", "5,5", "6,0", "5,0"])
    services.diario.lancar_notas(turma, mat, [Lancamento(ana, "recuperacao_final", D("7.0"))])
    services.diario.lancar_notas(turma, lp, [Lancamento(bruno, "recuperacao", D("5.0"), p1.id)])  # no nota, counts
    for p in (p1, p2):
        services.diario.lancar_frequencia(
            turma, lp, p.id, [LancamentoFrequencia(ana, 40, 2), LancamentoFrequencia(bruno, 40, 1)]
        )
    services.turmas.mudar_situacao([ana], Situacao.ABANDONO, "Deixou de frequentar", date(2026, 4, 1))
    services.turmas.mudar_situacao([ana], None, "Voltou a frequentar")

    dependentes = services.turmas.dependentes_enturmacoes([ana, bruno, ana])
    assert dependentes == DependentesEnturmacoes(
        enturmacoes=2, notas=5, frequencias=4, recuperacoes_finais=1, historico=2, voltam=()
    )
    assert services.turmas.dependentes_enturmacoes([]) == DependentesEnturmacoes(0, 0, 0, 0, 0)

    services.turmas.retirar([ana])

    # Ana's enturmação is gone with everything hanging on it; Bruno's stays whole
    assert [r.aluno_nome for r in services.turmas.roster(turma)] == ["Bruno Lima"]
    for table in ("notas", "frequencias", "recuperacoes_finais", "historico_situacoes"):
        assert _count(head_engine, table, ana) == 0, table
    assert (_count(head_engine, "notas"), _count(head_engine, "frequencias")) == (1, 2)
    # Ana herself stays, free to be put in the right turma
    assert len(services.alunos.list()) == 4
    assert "Ana Souza" in {c[1] for c in services.turmas.candidatos(turma)}
    assert services.turmas.enturmacoes_do_aluno(alunos[0]) == []
    services.turmas.retirar([])  # nothing to do
    with pytest.raises(RecordNotFoundError):
        services.turmas.retirar([bruno, ana])  # all or none: Bruno stays too
    assert [r.aluno_nome for r in services.turmas.roster(turma)] == ["Bruno Lima"]


def test_retirar_is_refused_in_a_closed_year(
    services: Services, ano: int, turma: int, alunos: list[int], disciplinas: dict
) -> None:
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    _grade(services, turma, disciplinas["Matemática"], ana, ["7,0", "8,0", "6,5", "9,0"])
    data = services.anos_letivos.get(ano)
    services.anos_letivos.update(ano, AnoLetivoData(**{**data.__dict__, "encerrado": True}))
    with pytest.raises(ValidationError, match="2026 está encerrado") as error:
        services.turmas.retirar([ana])
    assert error.value.field == "ano_letivo"
    assert [r.aluno_nome for r in services.turmas.roster(turma)] == ["Ana Souza"]
    assert services.diario.boletim(ana).linhas[1].resultado.media == D("7.6")


def test_retirar_after_a_remanejamento_puts_the_aluno_back(
    services: Services, ano: int, turma: int, alunos: list[int], disciplinas: dict
) -> None:
    lp = disciplinas["Língua Portuguesa"]
    turma_b = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"), [(lp, 160)])
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    _grade(services, turma, lp, ana, ["7,0", "8,0", "6,5", "9,0"])
    nova = services.turmas.remanejar(ana, turma_b, date(2026, 6, 1), "Troca de turno")

    # The question can say where she goes back to; the notas carried to 6º ano B go
    dependentes = services.turmas.dependentes_enturmacoes([nova])
    assert (dependentes.enturmacoes, dependentes.notas, dependentes.historico) == (1, 4, 0)
    assert dependentes.voltam == (("Ana Souza", "6º ano A"),)

    services.turmas.retirar([nova])

    assert services.turmas.roster(turma_b) == []
    volta = services.turmas.enturmacao(ana)
    assert (volta.data_saida, volta.manual, volta.motivo) == (None, False, None)
    assert volta.situacao is Situacao.CURSANDO  # computed again: 6º ano A has no Matemática notas yet
    assert [(h.situacao_anterior, h.situacao_nova, h.motivo) for h in services.turmas.historico_situacoes(ana)] == [
        (None, Situacao.REMANEJADO, "Troca de turno"),
        (Situacao.REMANEJADO, None, "Remanejamento desfeito"),
    ]
    assert services.diario.notas(turma, lp).linhas[0].notas == (D("7.0"), D("8.0"), D("6.5"), D("9.0"))
    assert [b.turma_nome for b in services.diario.historico(alunos[0])] == ["6º ano A"]
    assert [t.alunos for t in services.turmas.list(ano)] == [1, 0]

    # An enturmação that came from no remanejamento reopens nothing
    assert services.turmas.dependentes_enturmacoes([ana]).voltam == ()


def test_undoing_a_remanejamento_restores_the_situacao_set_before_it(
    services: Services, ano: int, turma: int, alunos: list[int]
) -> None:
    turma_b = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"))
    (ana,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    services.turmas.mudar_situacao([ana], Situacao.RETIDO, "Decisão do conselho de classe")
    nova = services.turmas.remanejar(ana, turma_b, date(2026, 6, 1), "Troca de turno")
    services.turmas.retirar([nova])
    volta = services.turmas.enturmacao(ana)
    assert (volta.situacao, volta.manual, volta.motivo) == (Situacao.RETIDO, True, "Decisão do conselho de classe")
    assert volta.data_saida is None
    assert services.turmas.historico_situacoes(ana)[-1].situacao_nova is Situacao.RETIDO


def test_a_chain_of_remanejamentos_is_undone_from_its_end(
    services: Services, ano: int, turma: int, alunos: list[int]
) -> None:
    turma_b = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"))
    turma_c = services.turmas.create(TurmaData(ano, "6º ano C", "6º ano", "noturno"))
    (a,) = services.turmas.enturmar(turma, alunos[:1], date(2026, 2, 2))
    b = services.turmas.remanejar(a, turma_b, date(2026, 3, 2), "Troca de turno")
    c = services.turmas.remanejar(b, turma_c, date(2026, 3, 2), "Troca de turno de novo")  # the same day

    # Taking her out of B alone would put her back in A while she is in C
    assert services.turmas.dependentes_enturmacoes([c]).voltam == (("Ana Souza", "6º ano B"),)
    with pytest.raises(ValidationError, match="Retire primeiro a matrícula na turma 6º ano C"):
        services.turmas.retirar([b])
    assert services.turmas.enturmacao(a).situacao is Situacao.REMANEJADO
    assert [r.aluno_nome for r in services.turmas.roster(turma_b)] == ["Ana Souza"]

    # B and C together: she is back in A, where it all started
    assert services.turmas.dependentes_enturmacoes([b, c]).voltam == (("Ana Souza", "6º ano A"),)
    services.turmas.retirar([b, c])
    assert [(m.turma_nome, m.ativa) for m in services.turmas.enturmacoes_do_aluno(alunos[0])] == [("6º ano A", True)]

    # Deleting the closed first enturmação of a remanejamento leaves the new one as it is
    d = services.turmas.remanejar(a, turma_b, date(2026, 4, 1), "Troca de turno")
    services.turmas.retirar([a])
    assert [(m.id, m.turma_nome, m.ativa) for m in services.turmas.enturmacoes_do_aluno(alunos[0])] == [
        (d, "6º ano B", True)
    ]
