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
from sqlalchemy.exc import IntegrityError

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


def _situacoes_finais(engine: Engine) -> dict[int, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT id, situacao_final FROM enturmacoes")).all())


def test_closing_records_every_final_situacao_and_reopening_clears_them(
    services: Services, head_engine: Engine
) -> None:
    # Given a year with an aprovado, a retido (recuperação final below 6), one with too many
    # faltas, a transferido and a remanejado (whose new enturmação is aprovado)
    turma, lp, mat, periodos, e = _ano(services)
    turma_b = services.turmas.create(TurmaData(services.anos_letivos.list()[0].id, "6º ano B", "6º ano", "vespertino"))
    services.turmas.set_disciplinas(turma_b, [(lp, 160), (mat, 160)])
    carla, davi, elisa = (services.alunos.create(AlunoData(nome=n)) for n in ("Carla Dias", "Davi Reis", "Elisa Melo"))
    e_carla, e_davi, e_elisa = services.turmas.enturmar(turma, [carla, davi, elisa], date(2026, 2, 2))
    for disciplina in (lp, mat):
        _lancar(services, turma, disciplina, periodos, e["ana"], "8")
        _lancar(services, turma, disciplina, periodos, e["bruno"], "8" if disciplina == lp else "4")
        services.diario.lancar_notas(turma, disciplina, [Lancamento(e_carla, "nota", D("9"), p) for p in periodos])
        for p in periodos:
            services.diario.lancar_frequencia(turma, disciplina, p, [LancamentoFrequencia(e_carla, 40, 20)])
    services.diario.lancar_notas(turma, mat, [Lancamento(e["bruno"], "recuperacao_final", D("5"))])
    services.turmas.mudar_situacao(
        [e_davi],
        Situacao.TRANSFERIDO,
        "Mudou de cidade",
        date(2026, 5, 4),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )
    e_elisa_b = services.turmas.remanejar(e_elisa, turma_b, date(2026, 3, 2), "Troca de turno")
    for disciplina in (lp, mat):
        _lancar(services, turma_b, disciplina, periodos, e_elisa_b, "7")
    assert set(_situacoes_finais(head_engine).values()) == {None}  # nothing before closing

    # When the year is closed
    services.encerramento.encerrar(2026)

    # Then each enturmação keeps the situação its boletim shows, those that left included
    assert _situacoes_finais(head_engine) == {
        e["ana"]: "aprovado",
        e["bruno"]: "retido",
        e_carla: "reprovado_por_faltas",
        e_davi: "transferido",
        e_elisa: "remanejado",
        e_elisa_b: "aprovado",
    }
    for enturmacao, situacao in _situacoes_finais(head_engine).items():
        assert services.diario.boletim(enturmacao).situacao.value == situacao

    # And reopening clears them all: the year's results are open again
    services.encerramento.reabrir(2026, "Recuperação de Matemática lançada errada")
    assert set(_situacoes_finais(head_engine).values()) == {None}


def test_the_file_refuses_a_final_situacao_outside_the_list(services: Services, head_engine: Engine) -> None:
    _turma, _lp, _mat, _periodos, e = _ano(services)
    with head_engine.begin() as conn:  # the two approvals of the rules per etapa are admitted
        conn.execute(
            text("UPDATE enturmacoes SET situacao_final = 'aprovado_pelo_conselho' WHERE id = :i"), {"i": e["ana"]}
        )
        conn.execute(
            text("UPDATE enturmacoes SET situacao_final = 'aprovado_com_dependencia' WHERE id = :i"), {"i": e["bruno"]}
        )
    with pytest.raises(IntegrityError), head_engine.begin() as conn:
        conn.execute(text("UPDATE enturmacoes SET situacao_final = 'em_recuperacao' WHERE id = :i"), {"i": e["ana"]})


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
