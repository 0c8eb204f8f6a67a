"""The stored evaluation rules (revision 0017) through the services: which rule grades a turma,
the catalogue kept by the secretary, and the worked examples of the rules with a stored rule.

The seeded rules of a new file: 1 notas 0–10 média 6,0; 2 the same rounded to 0,5 with a
recuperação per período; 3 notas 0–100 média 60; 4 conceitos A–E; 5 Educação Infantil
(parecer, sem retenção, frequência mínima 60 %).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from escola_gui.core import avaliacao as av
from escola_gui.core.alunos import AlunoData
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.errors import ValidationError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.regras import RegraAvaliacaoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData

NOTAS_0_10, MEIO_PONTO, NOTAS_0_100, CONCEITOS, INFANTIL = 1, 2, 3, 4, 5


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


class Escola:
    """An ano letivo of 4 bimestres (média 6,0, no recuperação), one disciplina, and turmas."""

    def __init__(self, s: Services) -> None:
        self.s = s
        self.ano = s.anos_letivos.create(AnoLetivoData(ano=2026))
        self.periodos = [p.id for p in s.anos_letivos.periodos(self.ano)]
        self.lp = s.disciplinas.create("Língua Portuguesa", "LP")

    def turma(self, nome: str, serie: str = "6º ano", regra: int | None = None) -> int:
        return self.s.turmas.create(
            TurmaData(self.ano, nome, serie, "matutino", regra_avaliacao_id=regra), [(self.lp, 160)]
        )

    def aluno(self, turma: int, nome: str = "Ana Souza") -> int:
        aluno = self.s.alunos.create(AlunoData(nome=nome))
        return self.s.turmas.enturmar(turma, [aluno], date(2026, 2, 2))[0]

    def notas(self, turma: int, e: int, *valores: str) -> None:
        lancamentos = [Lancamento(e, "nota", v or None, p) for p, v in zip(self.periodos, valores, strict=True)]
        self.s.diario.lancar_notas(turma, self.lp, lancamentos)

    def frequencia(self, turma: int, e: int, aulas: int, faltas: int) -> None:
        for p in self.periodos:
            self.s.diario.lancar_frequencia(turma, self.lp, p, [LancamentoFrequencia(e, aulas, faltas)])


def _etapa(s: Services, nome: str) -> int:
    return next(e.id for e in s.etapas.list() if e.nome == nome)


# --- which rule grades a turma ----------------------------------------------------------


def test_a_turma_is_graded_by_its_rule_else_its_etapas_else_its_ano_letivos(services: Services) -> None:
    # Given a 6º ano turma with no rule of its own, in an etapa with no rule
    escola = Escola(services)
    turma = escola.turma("6º A")
    assert services.regras.da_turma(turma) == services.anos_letivos.regra(escola.ano)

    # When the 6º ano gets the rule of 0–100, the turma follows it (with the ano letivo's períodos)
    services.regras.definir_da_etapa(_etapa(services, "6º ano"), NOTAS_0_100)
    regra = services.regras.da_turma(turma)
    assert (regra.escala, regra.media_aprovacao, regra.quantidade_periodos) == (100, Decimal("60.0"), 4)

    # When the turma chooses conceitos, its own rule wins over the etapa's
    data = services.turmas.get(turma)
    services.turmas.update(turma, replace(data, regra_avaliacao_id=CONCEITOS))
    assert services.regras.da_turma(turma).tipo is av.TipoAvaliacao.CONCEITUAL
    assert services.turmas.get(turma).regra_avaliacao_id == CONCEITOS

    # And back to "a do ano letivo": the etapa's again
    services.turmas.update(turma, replace(data, regra_avaliacao_id=None))
    assert services.regras.da_turma(turma).escala == 100


def test_a_change_that_would_read_the_notas_otherwise_is_refused(services: Services) -> None:
    # Given a turma with notas of 0 to 10
    escola = Escola(services)
    turma = escola.turma("6º A")
    e = escola.aluno(turma)
    escola.notas(turma, e, "7,0", "", "", "")

    # When the secretary gives it conceitos, or its etapa the 0–100 scale, both are refused
    data = services.turmas.get(turma)
    with pytest.raises(ValidationError, match="já tem notas lançadas como notas de 0 a 10"):
        services.turmas.update(turma, replace(data, regra_avaliacao_id=CONCEITOS))
    with pytest.raises(ValidationError, match="e a nova regra lê notas de 0 a 100"):
        services.regras.definir_da_etapa(_etapa(services, "6º ano"), NOTAS_0_100)

    # Then nothing changed; a rule that reads notas of 0 to 10 too is fine
    assert services.turmas.get(turma).regra_avaliacao_id is None
    assert services.regras.da_etapa()[_etapa(services, "6º ano")] is None
    services.turmas.update(turma, replace(data, regra_avaliacao_id=MEIO_PONTO))
    assert services.regras.da_turma(turma).tabela_arredondamento is not None


def test_no_rule_changes_in_a_closed_year(services: Services) -> None:
    escola = Escola(services)
    turma = escola.turma("6º A")
    dados = services.anos_letivos.get(escola.ano)
    services.anos_letivos.update(escola.ano, replace(dados, encerrado=True))
    with pytest.raises(ValidationError, match="do ano letivo 2026, que está encerrado"):
        services.regras.definir_da_etapa(_etapa(services, "6º ano"), MEIO_PONTO)
    assert services.regras.da_turma(turma) == services.anos_letivos.regra(escola.ano)


# --- the catalogue ----------------------------------------------------------------------


def test_the_secretary_creates_edits_and_deletes_a_rule_with_mistakes_on_purpose(services: Services) -> None:
    # Mistakes: no name, a name in use (whatever its case and spaces), a média beyond the scale,
    # conceitos none of which approves
    assert services.regras.validate(RegraAvaliacaoData(nome="  ")) == {"nome": "Informe o nome da regra de avaliação."}
    assert "nome" in services.regras.validate(RegraAvaliacaoData(nome=" conceitos  a A E "))
    errors = services.regras.validate(RegraAvaliacaoData(nome="Média 11", media_aprovacao="11"))
    assert errors == {"media_aprovacao": av.MEDIA_APROVACAO_INVALIDA}
    assert services.regras.validate(
        RegraAvaliacaoData(nome="Nada aprova", tipo="conceitual", conceitos=(av.Conceito("X", "x", False),))
    ) == {"conceitos": av.CONCEITOS_INVALIDOS}
    assert "escala" in services.regras.validate(RegraAvaliacaoData(nome="Escala 5", escala=5))
    # (each mistake beside its field at once: the média and a rounding that does not divide the scale)
    errors = services.regras.validate(RegraAvaliacaoData(nome="", media_aprovacao="11", arredondamento_passo="0,3"))
    assert set(errors) == {"nome", "media_aprovacao", "tabela_arredondamento"}
    with pytest.raises(ValidationError):
        services.regras.create(RegraAvaliacaoData(nome=""))

    # A rule of her own: conceitos S/N, 0,5 rounding kept as faixas
    proprios = (av.Conceito("S", "Satisfatório", True), av.Conceito("N", "Não satisfatório", False))
    regra_id = services.regras.create(
        RegraAvaliacaoData(nome="  Satisfatório  ", tipo="conceitual", conceitos=proprios)
    )
    assert services.regras.get(regra_id).nome == "Satisfatório"
    assert services.regras.get(regra_id).conceitos == proprios
    faixas = av.TabelaArredondamento.multiplos_de("0.5").faixas
    services.regras.update(regra_id, RegraAvaliacaoData(nome="Meio ponto", faixas_arredondamento=faixas))
    assert services.regras.regra(regra_id).tabela_arredondamento == av.TabelaArredondamento(faixas)
    row = next(r for r in services.regras.list() if r.id == regra_id)
    assert (row.nome, row.tipo, row.etapas, row.turmas) == ("Meio ponto", "numerica", 0, 0)

    # In use by an etapa and a turma, it cannot be deleted: the message names them
    escola = Escola(services)
    escola.turma("6º A", regra=regra_id)
    services.regras.definir_da_etapa(_etapa(services, "Creche"), regra_id)
    with pytest.raises(ValidationError) as refused:
        services.regras.delete(regra_id)
    assert "é usada por 1 etapa (Creche) e 1 turma (6º A 2026)" in refused.value.message
    assert services.regras.get(regra_id).nome == "Meio ponto"

    # The seeded rule of Educação Infantil is still the pré-escola's; an unused rule goes
    with pytest.raises(ValidationError, match=r"1 etapa \(Pré-escola\)\."):
        services.regras.delete(INFANTIL)
    services.regras.delete(NOTAS_0_10)
    assert NOTAS_0_10 not in {r.id for r in services.regras.list()}


# --- worked examples with a stored rule -------------------------------------------------


def test_a_pre_escola_child_with_60_percent_frequencia_is_not_retained(services: Services) -> None:
    # Given a pré-escola turma (its etapa has the rule of Educação Infantil in a new file)
    escola = Escola(services)
    turma = escola.turma("Pré II A", "Pré-escola")
    e = escola.aluno(turma, "Bia Souza")

    # When every bimestre has its parecer and the child came to 60 % of the aulas
    escola.notas(turma, e, "Adaptou-se bem.", "Reconhece as cores.", "Conta até 20.", "Escreve o nome.")
    escola.frequencia(turma, e, 50, 20)

    # Then she is approved: neither the frequência nor anything else holds her back
    boletim = services.diario.boletim(e)
    assert boletim.regra.sem_retencao and boletim.regra.tipo is av.TipoAvaliacao.DESCRITIVA
    assert boletim.resultado.frequencia == Decimal("60.0")
    assert boletim.situacao is av.Situacao.APROVADO and not boletim.resultado.situacao.provisoria
    assert boletim.linhas[0].notas[1] == "Reconhece as cores."

    # And the same child in a 1º ano turma (the ano letivo's rule) would fail for faltas
    primeiro = escola.turma("1º A", "1º ano")
    outro = escola.aluno(primeiro, "Caio Lima")
    escola.notas(primeiro, outro, "7", "7", "7", "7")
    escola.frequencia(primeiro, outro, 50, 20)
    assert services.diario.boletim(outro).situacao is av.Situacao.REPROVADO_POR_FALTAS


def test_the_rounding_to_half_a_point_of_a_stored_rule(services: Services) -> None:
    # Given a turma graded by "média 6,0, arredondada a 0,5, recuperação por período"
    escola = Escola(services)
    turma = escola.turma("6º A", regra=MEIO_PONTO)
    e = escola.aluno(turma)

    # When the notas give 6,25 (6,3 at one decimal place)
    escola.notas(turma, e, "6", "6", "6", "7")
    escola.frequencia(turma, e, 40, 0)

    # Then the boletim shows 6,5
    assert services.diario.boletim(e).linhas[0].resultado.media == Decimal("6.5")

    # And the recuperação of the 1º bimestre replaces that bimestre's nota: 5/6/6/6 + 8 → 6,5 → 6,5
    outro = escola.aluno(turma, "Caio Lima")
    escola.notas(turma, outro, "5", "6", "6", "6")
    services.diario.lancar_notas(turma, escola.lp, [Lancamento(outro, "recuperacao", "8", escola.periodos[0])])
    escola.frequencia(turma, outro, 40, 0)
    assert services.diario.boletim(outro).linhas[0].resultado.media == Decimal("6.5")


def test_conceitos_typed_per_periodo(services: Services) -> None:
    # Given a turma graded by conceitos A–E
    escola = Escola(services)
    turma = escola.turma("3º A", "3º ano", regra=CONCEITOS)
    ana, caio = escola.aluno(turma), escola.aluno(turma, "Caio Lima")

    # A conceito not in the list is refused with the reason, and nothing is saved
    with pytest.raises(ValidationError, match="Conceito inválido"):
        escola.notas(turma, ana, "A", "B", "Z", "B")
    assert services.diario.boletim(ana).linhas[0].notas == (None, None, None, None)

    # When Ana's conceitos are typed in any case and Caio ends with a D
    escola.notas(turma, ana, "c", " b ", "A", "b")
    escola.notas(turma, caio, "B", "B", "C", "D")
    for e in (ana, caio):
        escola.frequencia(turma, e, 40, 2)

    # Then they are kept as the list spells them, and the last período's conceito decides
    ana_b, caio_b = services.diario.boletim(ana), services.diario.boletim(caio)
    assert ana_b.linhas[0].notas == ("C", "B", "A", "B")
    assert ana_b.linhas[0].resultado.conceito.sigla == "B" and ana_b.situacao is av.Situacao.APROVADO
    assert caio_b.situacao is av.Situacao.RETIDO
    grade = services.diario.notas(turma, escola.lp)
    assert [linha.notas for linha in grade.linhas] == [("C", "B", "A", "B"), ("B", "B", "C", "D")]
    # ...and the printed boletim shows them, the final one in the Média column
    assert "'C', 'B', 'A', 'B', 'B'" in repr(services.relatorios.boletim(ana, date(2026, 12, 20)))

    # And a cleared conceito leaves the período empty again
    services.diario.lancar_notas(turma, escola.lp, [Lancamento(caio, "nota", None, escola.periodos[3])])
    assert services.diario.boletim(caio).linhas[0].notas == ("B", "B", "C", None)


def test_notas_on_the_0_to_100_scale(services: Services) -> None:
    escola = Escola(services)
    turma = escola.turma("6º A", regra=NOTAS_0_100)
    e = escola.aluno(turma)
    with pytest.raises(ValidationError, match="entre 0 e 100"):
        escola.notas(turma, e, "101", "", "", "")
    escola.notas(turma, e, "55", "60", "62,5", "70")
    escola.frequencia(turma, e, 40, 4)
    boletim = services.diario.boletim(e)
    assert boletim.linhas[0].resultado.media == Decimal("61.9")
    assert boletim.situacao is av.Situacao.APROVADO
    # ...while a turma of the ano letivo's rule still refuses 55
    outra = escola.turma("6º B")
    with pytest.raises(ValidationError, match="entre 0 e 10"):
        escola.notas(outra, escola.aluno(outra, "Caio Lima"), "55", "", "", "")
