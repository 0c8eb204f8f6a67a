"""No final verdict before the year ends (issue 12): in December of a running year, faltas entered
for the 1º bimestre only and notas waiting for the recuperação final give provisional situações on
the roster, the boletim (also as the PDF of ``main.py boletim``), the histórico and the ata; the
final verdicts come once the ano letivo is encerrado."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import SITUACOES_PROVISORIAS, Situacao
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.errors import NadaParaImprimirError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.relatorios.ata import ata_de_resultados
from escola_gui.core.relatorios.boletim import boletim
from escola_gui.core.relatorios.documento import Campo, Documento, Secao
from escola_gui.core.relatorios.historico import historico_escolar
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData

REPO = Path(__file__).resolve().parents[2]
D = Decimal
DEZEMBRO = date(2026, 12, 7)


@dataclass(frozen=True)
class Escola:
    ano: int
    turma: int
    ana: int
    """Aluno id: every nota 9,0; the 1º bimestre's faltas only, 12 in 40 aulas (70 % so far)."""
    bruno: int
    """Aluno id: LP 5,0 in every bimestre, the recuperação final not yet entered; all faltas in."""
    e_ana: int
    e_bruno: int


def _escola(services: Services) -> Escola:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026, recuperacao="substitui_media"))
    lp = services.disciplinas.create("Língua Portuguesa", "LP")
    mat = services.disciplinas.create("Matemática", "MAT")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(lp, 160), (mat, 160)])
    ana = services.alunos.create(AlunoData(nome="Ana Souza"))
    bruno = services.alunos.create(AlunoData(nome="Bruno Lima"))
    e_ana, e_bruno = services.turmas.enturmar(turma, [ana, bruno], date(2026, 2, 2))
    periodos = [p.id for p in services.anos_letivos.periodos(ano)]
    for disciplina, bruno_nota in ((lp, "5"), (mat, "7")):
        services.diario.lancar_notas(
            turma,
            disciplina,
            [Lancamento(e_ana, "nota", D("9"), p) for p in periodos]
            + [Lancamento(e_bruno, "nota", D(bruno_nota), p) for p in periodos],
        )
        services.diario.lancar_frequencia(turma, disciplina, periodos[0], [LancamentoFrequencia(e_ana, 40, 12)])
        for p in periodos:
            services.diario.lancar_frequencia(turma, disciplina, p, [LancamentoFrequencia(e_bruno, 40, 0)])
    return Escola(ano, turma, ana, bruno, e_ana, e_bruno)


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


@pytest.fixture
def escola(services: Services) -> Escola:
    return _escola(services)


def _encerrar(services: Services, ano: int) -> None:
    services.anos_letivos.update(ano, replace(services.anos_letivos.get(ano), encerrado=True))


def _secao(documento: Documento, titulo: str) -> Secao:
    return next(s for s in documento.secoes if s.titulo == titulo)


def test_the_roster_and_the_boletim_give_no_verdict_while_the_year_runs(
    services: Services, head_engine: Engine, escola: Escola
) -> None:
    ana = services.diario.boletim(escola.e_ana)
    assert ana.resultado.frequencia == D("70.0")  # 24 faltas in the 80 aulas given so far
    assert ana.situacao is Situacao.FREQUENCIA_BAIXA_ATE_AGORA
    assert services.diario.boletim(escola.e_bruno).situacao is Situacao.EM_RECUPERACAO
    roster = {r.aluno_nome: r.situacao for r in services.turmas.roster(escola.turma)}
    assert roster == {"Ana Souza": Situacao.FREQUENCIA_BAIXA_ATE_AGORA, "Bruno Lima": Situacao.EM_RECUPERACAO}

    documento = boletim(head_engine, escola.e_ana, today=DEZEMBRO)
    linhas = _secao(documento, "Notas e frequência").tabela.linhas  # type: ignore[union-attr]
    assert linhas[0][-4:] == ("9,0", "12", "70,0 %", "Em risco por faltas")
    assert _secao(documento, "Resultado do ano").campos == (
        Campo("Frequência até agora", "70,0 % (24 faltas em 80 aulas)"),
        Campo("Situação até agora", "Em risco por faltas"),
    )
    legenda = [p.formatado() for s in documento.secoes for p in s.paragrafos]
    assert legenda[0].startswith("Resultado provisório: o ano letivo ainda não foi encerrado.")
    bruno = boletim(head_engine, escola.e_bruno, today=DEZEMBRO)
    assert Campo("Situação até agora", "Em recuperação") in _secao(bruno, "Resultado do ano").campos
    historico = historico_escolar(head_engine, escola.ana, today=DEZEMBRO)
    anos = _secao(historico, "Anos letivos cursados").tabela
    assert anos is not None and anos.linhas == (("2026", "6º ano", "6º ano A", "70,0 %", "Em risco por faltas"),)


def test_the_ata_is_refused_while_results_are_provisional(
    services: Services, head_engine: Engine, escola: Escola
) -> None:
    with pytest.raises(NadaParaImprimirError) as error:
        ata_de_resultados(head_engine, escola.turma, today=DEZEMBRO)
    assert str(error.value) == (
        "Os resultados da turma 6º ano A em 2026 ainda não são finais: 2 alunos têm situação provisória (Ana Souza, "
        "Bruno Lima). "
        "A ata de resultados finais pode ser impressa quando o ano letivo for encerrado em Configurações, ou "
        "quando todas as notas, as faltas de todos os períodos e as recuperações estiverem lançadas. Para "
        "conferir antes, imprima os boletins da turma."
    )
    # Bruno's recuperação final makes his result final; Ana's faltas still lack three bimestres
    lp = next(d.disciplina_id for d in services.turmas.disciplinas(escola.turma) if d.nome == "Língua Portuguesa")
    services.diario.lancar_notas(escola.turma, lp, [Lancamento(escola.e_bruno, "recuperacao_final", D("6.5"))])
    assert services.diario.boletim(escola.e_bruno).situacao is Situacao.APROVADO
    with pytest.raises(NadaParaImprimirError, match=r"1 aluno tem situação provisória \(Ana Souza\)"):
        ata_de_resultados(head_engine, escola.turma, today=DEZEMBRO)


def test_closing_the_year_gives_the_final_verdicts(services: Services, head_engine: Engine, escola: Escola) -> None:
    situacoes = {r.aluno_nome: r.situacao for r in services.turmas.roster(escola.turma)}
    assert set(situacoes.values()) <= SITUACOES_PROVISORIAS  # while the year runs
    _encerrar(services, escola.ano)
    situacoes = {r.aluno_nome: r.situacao for r in services.turmas.roster(escola.turma)}
    assert situacoes == {"Ana Souza": Situacao.REPROVADO_POR_FALTAS, "Bruno Lima": Situacao.RETIDO}
    assert services.diario.boletim(escola.e_ana).situacao is Situacao.REPROVADO_POR_FALTAS
    assert services.diario.boletim(escola.e_bruno).situacao is Situacao.RETIDO
    documento = boletim(head_engine, escola.e_ana, today=DEZEMBRO)
    assert _secao(documento, "Resultado do ano").campos == (
        Campo("Frequência no ano", "70,0 % (24 faltas em 80 aulas)"),
        Campo("Situação final", "Reprovado por faltas"),
    )
    assert not any(p.formatado().startswith("Resultado provisório") for s in documento.secoes for p in s.paragrafos)
    ata = ata_de_resultados(head_engine, escola.turma, today=DEZEMBRO)
    linhas = _secao(ata, "Resultados por aluno").tabela.linhas  # type: ignore[union-attr]
    assert [linha[-1] for linha in linhas] == ["Reprovado por faltas", "Retido"]


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_cli_boletim_pdf_says_provisional_until_the_year_is_closed(
    services: Services, head_db: Path, escola: Escola, tmp_path: Path
) -> None:
    def boletim_pdf(nome: str) -> str:
        out = tmp_path / nome
        done = subprocess.run(
            [sys.executable, str(REPO / "main.py"), "boletim", "--aluno", str(escola.ana), "--out", str(out)]
            + ["--database", str(head_db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return _pdf_text(tmp_path / f"{nome}.pdf")

    text = boletim_pdf("dezembro")
    assert "Língua Portuguesa 9,0 9,0 9,0 9,0 9,0 12 70,0 % Em risco por faltas" in text
    assert "Frequência até agora 70,0 % (24 faltas em 80 aulas)" in text
    assert "Situação até agora Em risco por faltas" in text
    assert "Resultado provisório" in text
    assert "Reprovado" not in text and "Situação final" not in text

    _encerrar(services, escola.ano)
    text = boletim_pdf("encerrado")
    assert "Situação final Reprovado por faltas" in text
    assert "Resultado provisório" not in text


def test_a_disciplina_nobody_graded_does_not_keep_the_boletim_provisional(services: Services) -> None:
    # Given a turma with Língua Portuguesa and Arte, and Carla with LP 7,0 in every bimestre and
    # all its faltas, but nothing at all in Arte (no nota, no frequência)
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    lp = services.disciplinas.create("Língua Portuguesa", "LP")
    arte = services.disciplinas.create("Arte", "ART")
    turma = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "matutino"), [(lp, 160), (arte, 40)])
    carla = services.alunos.create(AlunoData(nome="Carla Dias"))
    (e_carla,) = services.turmas.enturmar(turma, [carla], date(2026, 2, 2))
    periodos = [p.id for p in services.anos_letivos.periodos(ano)]
    services.diario.lancar_notas(turma, lp, [Lancamento(e_carla, "nota", D("7"), p) for p in periodos])
    for p in periodos:
        services.diario.lancar_frequencia(turma, lp, p, [LancamentoFrequencia(e_carla, 40, 2)])

    # When the boletim is read while the year still runs
    boletim_carla = services.diario.boletim(e_carla)

    # Then the result is final: aprovado, with Arte listed as sem notas
    assert boletim_carla.situacao is Situacao.APROVADO and not boletim_carla.resultado.situacao.provisoria
    assert [boletim_carla.linhas[i].disciplina for i in boletim_carla.resultado.sem_notas] == ["Arte"]
    assert {r.aluno_nome: r.situacao for r in services.turmas.roster(turma)} == {"Carla Dias": Situacao.APROVADO}
