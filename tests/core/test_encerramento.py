"""Closing the ano letivo (issue 14): refused while a result is missing, with each one named
(turma, disciplina, aluno, what); closed once all are in; reopened only with a motivo, kept in
the audit history. ``main.py ano encerrar`` exits 1 and lists them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.encerramento import EncerramentoRecusadoError, Pendencia
from escola_gui.core.errors import ValidationError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData

REPO = Path(__file__).resolve().parents[2]
D = Decimal


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _ano(services: Services) -> tuple[int, int, int, list[int], dict[str, int]]:
    """2026, bimestres, recuperação final; 6º ano A with LP and MAT; Ana and Bruno enturmados."""
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026, recuperacao="substitui_media"))
    lp = services.disciplinas.create("Língua Portuguesa", "LP")
    mat = services.disciplinas.create("Matemática", "MAT")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(lp, 160), (mat, 160)])
    ana = services.alunos.create(AlunoData(nome="Ana Souza"))
    bruno = services.alunos.create(AlunoData(nome="Bruno Lima"))
    e_ana, e_bruno = services.turmas.enturmar(turma, [ana, bruno], date(2026, 2, 2))
    periodos = [p.id for p in services.anos_letivos.periodos(ano)]
    return turma, lp, mat, periodos, {"ana": e_ana, "bruno": e_bruno}


def _lancar(services: Services, turma: int, disciplina: int, periodos: list[int], e: int, nota: str) -> None:
    services.diario.lancar_notas(turma, disciplina, [Lancamento(e, "nota", D(nota), p) for p in periodos])
    for p in periodos:
        services.diario.lancar_frequencia(turma, disciplina, p, [LancamentoFrequencia(e, 40, 2)])


def test_closing_is_refused_with_each_missing_result_named(services: Services, head_engine: Engine) -> None:
    turma, lp, mat, periodos, e = _ano(services)
    _lancar(services, turma, lp, periodos, e["ana"], "8")
    _lancar(services, turma, mat, periodos, e["ana"], "8")
    _lancar(services, turma, lp, periodos, e["bruno"], "5")  # below 6: the recuperação final is to come
    services.diario.lancar_notas(turma, mat, [Lancamento(e["bruno"], "nota", D("7"), p) for p in periodos[:3]])
    services.diario.lancar_frequencia(turma, mat, periodos[0], [LancamentoFrequencia(e["bruno"], 40, 0)])

    with pytest.raises(EncerramentoRecusadoError) as refused:
        services.encerramento.encerrar(2026)
    assert refused.value.pendencias == [
        Pendencia(
            "6º ano A", "Língua Portuguesa", "Bruno Lima", refused.value.pendencias[0].ra, ("recuperação final",)
        ),
        Pendencia(
            "6º ano A",
            "Matemática",
            "Bruno Lima",
            refused.value.pendencias[0].ra,
            (
                "nota do 4º bimestre",
                "frequência do 2º bimestre",
                "frequência do 3º bimestre",
                "frequência do 4º bimestre",
            ),
        ),
    ]
    assert refused.value.user_message.startswith("O ano letivo 2026 não foi encerrado: faltam 2 resultados.")
    with head_engine.connect() as conn:
        assert conn.execute(text("SELECT encerrado FROM anos_letivos")).scalar_one() == 0  # nothing changed


def test_a_situacao_set_by_hand_is_final_and_the_year_closes(services: Services) -> None:
    turma, lp, mat, periodos, e = _ano(services)
    for disciplina in (lp, mat):
        _lancar(services, turma, disciplina, periodos, e["ana"], "8")
    services.turmas.mudar_situacao(
        [e["bruno"]],
        Situacao.TRANSFERIDO,
        "Transferido em maio",
        date(2026, 5, 4),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )

    assert services.encerramento.pendencias(2026) == []
    assert services.encerramento.encerrar(2026) == 2
    assert services.diario.boletim(e["ana"]).situacao is Situacao.APROVADO
    with pytest.raises(ValidationError):
        services.encerramento.encerrar(2026)  # already closed


def test_reopening_needs_a_motivo_kept_in_the_history(services: Services, head_engine: Engine) -> None:
    turma, lp, mat, periodos, e = _ano(services)
    for aluno in ("ana", "bruno"):
        for disciplina in (lp, mat):
            _lancar(services, turma, disciplina, periodos, e[aluno], "8")
    services.encerramento.encerrar(2026)
    with pytest.raises(ValidationError) as sem_motivo:
        services.encerramento.reabrir(2026, "   ")
    assert sem_motivo.value.field == "motivo"

    services.encerramento.reabrir(2026, "Nota de Matemática lançada errada")
    with head_engine.connect() as conn:
        assert conn.execute(text("SELECT encerrado FROM anos_letivos")).scalar_one() == 0
        descricoes = conn.execute(text("SELECT descricao FROM auditoria WHERE tabela = 'anos_letivos'")).scalars()
        assert "Ano letivo 2026 reaberto: Nota de Matemática lançada errada" in list(descricoes)


def test_cli_ano_encerrar_exits_1_listing_what_is_missing(tmp_path: Path, head_db: Path) -> None:
    from escola_gui.core import db

    engine = db.create_app_engine(head_db)
    services = Services.for_engine(engine)
    turma, lp, mat, periodos, e = _ano(services)
    _lancar(services, turma, lp, periodos, e["ana"], "8")
    engine.dispose()

    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "ano", "encerrar", "2026", "--database", str(head_db)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    linhas = result.stderr.splitlines()
    assert linhas[0] == (
        "erro: O ano letivo 2026 não foi encerrado: faltam 3 resultados. Lance-os, ou registre a situação do "
        "aluno, e tente de novo."
    )
    assert linhas[1].startswith("  6º ano A · Matemática · Ana Souza (RA ")
    assert linhas[1].endswith(
        "): falta nota do 1º bimestre, nota do 2º bimestre, nota do 3º bimestre, "
        "nota do 4º bimestre, frequência do 1º bimestre, frequência do 2º bimestre, "
        "frequência do 3º bimestre, frequência do 4º bimestre"
    )
    assert len(linhas) == 4
