"""The rematrícula (issue 14): a closed year rolled into the next. A worked example with every
kind of result; the preview edited aluno by aluno; applied all or nothing; run again, it
creates nothing; undone as one step, refused when something was typed since."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from escola_gui.core import rematricula as rematricula_module
from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.errors import ValidationError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.rematricula import Destino, Motivo, Plano
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData

D = Decimal


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


@dataclass
class Escola2025:
    ano: int
    turmas: dict[str, int]
    alunos: dict[str, int]
    enturmacoes: dict[str, int]
    lp: int


def _etapa(services: Services, nome: str) -> int:
    return next(e.id for e in services.etapas.list() if e.nome == nome)


def _lancar(services: Services, ano: int, turma: int, lp: int, e: int, nota: str, faltas: int = 2) -> None:
    periodos = [p.id for p in services.anos_letivos.periodos(ano)]
    services.diario.lancar_notas(turma, lp, [Lancamento(e, "nota", D(nota), p) for p in periodos])
    for p in periodos:
        services.diario.lancar_frequencia(turma, lp, p, [LancamentoFrequencia(e, 40, faltas)])


def _escola_2025(services: Services, engine: Engine, *, encerrar: bool = True) -> Escola2025:
    """2025, closed: 5º ano A and B, 9º ano A (Língua Portuguesa), and an aluno of each result.

    Aprovado (Ana), retido (Bruno), reprovado por faltas (Carla), transferido (Davi), abandono
    (Elisa), falecido (Fábio), remanejada from 5º A to 5º B and aprovada there (Gabi), concluinte
    (Heitor, 9º ano), retida in the 9º ano (Iara), aprovado pelo conselho (João) and com
    dependência (Kátia)."""
    ano = services.anos_letivos.create(AnoLetivoData(ano=2025, recuperacao="substitui_media"))
    lp = services.disciplinas.create("Língua Portuguesa", "LP")
    turmas = {
        nome: services.turmas.create(TurmaData(ano, nome, "", turno, sala, 30, _etapa(services, etapa)), [(lp, 200)])
        for nome, etapa, turno, sala in (
            ("5º ano A", "5º ano", "matutino", "Sala 1"),
            ("5º ano B", "5º ano", "vespertino", "Sala 2"),
            ("9º ano A", "9º ano", "matutino", "Sala 3"),
        )
    }
    nomes = {
        "ana": "Ana Souza",
        "bruno": "Bruno Lima",
        "carla": "Carla Dias",
        "davi": "Davi Reis",
        "elisa": "Elisa Melo",
        "fabio": "Fábio Nunes",
        "gabi": "Gabriela Prado",
        "heitor": "Heitor Campos",
        "iara": "Iara Fontes",
        "joao": "João Vieira",
        "katia": "Kátia Barros",
    }
    alunos = {k: services.alunos.create(AlunoData(nome=n)) for k, n in nomes.items()}
    quinto = ["ana", "bruno", "carla", "davi", "elisa", "fabio", "gabi", "joao", "katia"]
    e = dict(
        zip(
            quinto,
            services.turmas.enturmar(turmas["5º ano A"], [alunos[k] for k in quinto], date(2025, 2, 3)),
            strict=True,
        )
    )
    e.update(
        zip(
            ["heitor", "iara"],
            services.turmas.enturmar(turmas["9º ano A"], [alunos["heitor"], alunos["iara"]], date(2025, 2, 3)),
            strict=True,
        )
    )
    quinto_a = turmas["5º ano A"]
    for k, nota in (("ana", "8"), ("bruno", "4"), ("joao", "5"), ("katia", "5")):
        _lancar(services, ano, quinto_a, lp, e[k], nota)
    _lancar(services, ano, quinto_a, lp, e["carla"], "9", faltas=20)
    services.diario.lancar_notas(
        quinto_a, lp, [Lancamento(e[k], "recuperacao_final", D("4")) for k in ("bruno", "joao", "katia")]
    )
    _lancar(services, ano, turmas["9º ano A"], lp, e["heitor"], "7")
    _lancar(services, ano, turmas["9º ano A"], lp, e["iara"], "3")
    services.diario.lancar_notas(turmas["9º ano A"], lp, [Lancamento(e["iara"], "recuperacao_final", D("2"))])
    services.turmas.mudar_situacao(
        [e["davi"]],
        Situacao.TRANSFERIDO,
        "Mudou para Curitiba/PR",
        date(2025, 5, 5),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )
    services.turmas.mudar_situacao([e["elisa"]], Situacao.ABANDONO, "Deixou de frequentar", date(2025, 6, 2))
    services.turmas.mudar_situacao([e["fabio"]], Situacao.FALECIDO, "Certidão de óbito", date(2025, 8, 4))
    e["gabi_a"] = e.pop("gabi")
    e["gabi"] = services.turmas.remanejar(e["gabi_a"], turmas["5º ano B"], date(2025, 3, 3), "Troca de turno")
    _lancar(services, ano, turmas["5º ano B"], lp, e["gabi"], "9")
    if encerrar:
        services.encerramento.encerrar(2025)
        # The conselho's approval and the dependência come from the rules per etapa, which
        # this file does not store yet: written here as their closing would record them
        with engine.begin() as conn:
            for k, situacao in (("joao", "aprovado_pelo_conselho"), ("katia", "aprovado_com_dependencia")):
                conn.execute(
                    text("UPDATE enturmacoes SET situacao_final = :s WHERE id = :i"), {"s": situacao, "i": e[k]}
                )
    return Escola2025(ano, turmas, alunos, e, lp)


def _destinos(plano: Plano) -> dict[str, tuple[Destino, str | None]]:
    return {
        a.nome.split()[0]: (a.destino, plano.turmas[a.turma].nome if a.turma is not None else a.turma_no_destino)
        for a in plano.alunos
    }


def _count(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


EXPECTED = {
    "Ana": (Destino.TURMA, "6º ano A"),
    "Bruno": (Destino.TURMA, "5º ano A"),
    "Carla": (Destino.TURMA, "5º ano A"),
    "Davi": (Destino.NAO_REMATRICULADO, None),
    "Elisa": (Destino.NAO_REMATRICULADO, None),
    "Fábio": (Destino.NAO_REMATRICULADO, None),
    "Gabriela": (Destino.TURMA, "6º ano B"),
    "Heitor": (Destino.CONCLUIDO, None),
    "Iara": (Destino.TURMA, "9º ano A"),
    "João": (Destino.TURMA, "6º ano A"),
    "Kátia": (Destino.TURMA, "6º ano A"),
}


def test_the_preview_places_every_kind_of_result(services: Services, head_engine: Engine) -> None:
    # Given 2025 closed with every kind of result
    escola = _escola_2025(services, head_engine)

    # When the rematrícula into 2026 is previewed
    plano = services.rematricula.planejar(2025, 2026)

    # Then each aluno goes where the result says, by the turma they ended the year in
    assert _destinos(plano) == EXPECTED
    por_nome = {a.nome.split()[0]: a for a in plano.alunos}
    assert {k: (a.situacao, a.motivo) for k, a in por_nome.items()} == {
        "Ana": (Situacao.APROVADO, Motivo.PROMOVIDO),
        "Bruno": (Situacao.RETIDO, Motivo.RETIDO),
        "Carla": (Situacao.REPROVADO_POR_FALTAS, Motivo.RETIDO),
        "Davi": (Situacao.TRANSFERIDO, Motivo.SAIU),
        "Elisa": (Situacao.ABANDONO, Motivo.SAIU),
        "Fábio": (Situacao.FALECIDO, Motivo.SAIU),
        "Gabriela": (Situacao.APROVADO, Motivo.PROMOVIDO),
        "Heitor": (Situacao.APROVADO, Motivo.CONCLUINTE),
        "Iara": (Situacao.RETIDO, Motivo.RETIDO),
        "João": (Situacao.APROVADO_PELO_CONSELHO, Motivo.PROMOVIDO),
        "Kátia": (Situacao.APROVADO_COM_DEPENDENCIA, Motivo.PROMOVIDO),
    }
    assert por_nome["Gabriela"].enturmacao_id == escola.enturmacoes["gabi"]  # not the 5º A she left
    # And the turmas are proposed per etapa, turno kept, série moved on; the retidos' turmas as they were
    assert [(t.nome, t.etapa, t.turno, t.nova, t.sala) for t in plano.turmas] == [
        ("5º ano A", "5º ano", "matutino", True, "Sala 1"),
        ("6º ano A", "6º ano", "matutino", True, "Sala 1"),
        ("6º ano B", "6º ano", "vespertino", True, "Sala 2"),
        ("9º ano A", "9º ano", "matutino", True, "Sala 3"),
    ]
    assert plano.contagem() == {
        Destino.TURMA: 7,
        Destino.CONCLUIDO: 1,
        Destino.NAO_REMATRICULADO: 3,
        Destino.JA_NO_DESTINO: 0,
    }
    assert plano.por_turma() == {0: 2, 1: 3, 2: 1, 3: 1}
    assert not plano.ano_destino_existe and not plano.vazio
    # And nothing was written
    assert _count(head_engine, "SELECT count(*) FROM anos_letivos") == 1
    assert _count(head_engine, "SELECT count(*) FROM rematriculas") == 0


def test_a_year_closed_before_the_final_situacoes_were_recorded_is_read_from_its_notas(
    services: Services, head_engine: Engine
) -> None:
    # Given 2025 closed by a version that did not record the final situações (revision 0015)
    _escola_2025(services, head_engine)
    with head_engine.begin() as conn:
        conn.execute(text("UPDATE enturmacoes SET situacao_final = NULL WHERE situacao_final LIKE 'aprovado_%'"))
        conn.execute(text("UPDATE enturmacoes SET situacao_final = NULL WHERE id % 2 = 0"))

    # Then the preview reads the results from the boletins: the same destinations
    expected = dict(EXPECTED, **{"João": (Destino.TURMA, "5º ano A"), "Kátia": (Destino.TURMA, "5º ano A")})
    assert _destinos(services.rematricula.planejar(2025, 2026)) == expected  # (retidos by their notas)


def test_applying_writes_the_year_the_turmas_and_the_enturmacoes_in_one_run(
    services: Services, head_engine: Engine
) -> None:
    # Given the preview of 2025 into 2026
    escola = _escola_2025(services, head_engine)
    plano = services.rematricula.planejar(2025, 2026)

    # When it is applied
    resultado = services.rematricula.aplicar(plano)

    # Then 2026 exists with 2025's rule and períodos, and the four turmas with their disciplinas
    assert resultado.ano_letivo_criado and resultado.turmas_criadas == 4
    assert (resultado.rematriculados, resultado.concluidos, resultado.nao_rematriculados) == (7, 1, 3)
    anos = {a.ano: a for a in services.anos_letivos.list()}
    assert set(anos) == {2025, 2026} and not anos[2026].encerrado
    assert anos[2026].tipo_periodo == "bimestre" and len(services.anos_letivos.periodos(anos[2026].id)) == 4
    turmas = {t.nome: t for t in services.turmas.list(anos[2026].id)}
    assert {n: (t.etapa, t.turno, t.alunos) for n, t in turmas.items()} == {
        "5º ano A": ("5º ano", "matutino", 2),
        "6º ano A": ("6º ano", "matutino", 3),
        "6º ano B": ("6º ano", "vespertino", 1),
        "9º ano A": ("9º ano", "matutino", 1),
    }
    assert [d.nome for d in services.turmas.disciplinas(turmas["6º ano A"].id)] == ["Língua Portuguesa"]
    roster = {r.aluno_nome for r in services.turmas.roster(turmas["6º ano A"].id)}
    assert roster == {"Ana Souza", "João Vieira", "Kátia Barros"}
    # And each enturmação is in the aluno's Alterações, and the run is listed with the concluído mark
    assert (
        _count(
            head_engine,
            "SELECT count(*) FROM auditoria WHERE tabela = 'enturmacoes' AND acao = 'inclusao' "
            "AND registro_id IN (SELECT e.id FROM enturmacoes e JOIN turmas t ON t.id = e.turma_id "
            "JOIN anos_letivos a ON a.id = t.ano_letivo_id WHERE a.ano = 2026)",
        )
        == 7
    )
    [run] = services.rematricula.list()
    assert (run.id, run.ano_origem, run.ano_destino, run.desfeita_em) == (resultado.rematricula_id, 2025, 2026, None)
    assert (run.turmas_criadas, run.rematriculados, run.concluidos, run.nao_rematriculados) == (4, 7, 1, 3)
    assert services.rematricula.concluidos(2025) == [escola.alunos["heitor"]]


def test_run_again_it_creates_nothing_and_shows_who_is_there(services: Services, head_engine: Engine) -> None:
    _escola_2025(services, head_engine)
    services.rematricula.aplicar(services.rematricula.planejar(2025, 2026))
    counts = [_count(head_engine, f"SELECT count(*) FROM {t}") for t in ("turmas", "enturmacoes", "rematriculas")]

    # When the rematrícula is previewed and applied again
    plano = services.rematricula.planejar(2025, 2026)
    resultado = services.rematricula.aplicar(plano)

    # Then every aluno is shown where they are, or as decided before; nothing new is written
    destinos = _destinos(plano)
    for nome, (destino, turma) in EXPECTED.items():
        if destino is Destino.TURMA:
            assert destinos[nome] == (Destino.JA_NO_DESTINO, turma), nome
        else:
            assert destinos[nome] == (destino, None), nome
    assert {a.motivo for a in plano.alunos if a.destino is not Destino.JA_NO_DESTINO} == {Motivo.DECIDIDO_ANTES}
    assert plano.vazio and plano.turmas_novas == [] and all(not t.nova for t in plano.turmas)
    assert resultado.rematricula_id is None and resultado.ja_no_destino == 7
    assert [
        _count(head_engine, f"SELECT count(*) FROM {t}") for t in ("turmas", "enturmacoes", "rematriculas")
    ] == counts


def test_each_destination_can_be_changed_in_the_preview(services: Services, head_engine: Engine) -> None:
    escola = _escola_2025(services, head_engine)
    plano = services.rematricula.planejar(2025, 2026)
    chave = {t.nome: t.chave for t in plano.turmas}

    # When Ana goes to the 6º ano B, Davi (transferido) comes back, Bruno is not rematriculado
    # and Heitor, concluinte, is taken out (he stays concluído)
    plano.mudar_destino(escola.alunos["ana"], chave["6º ano B"])
    plano.mudar_destino(escola.alunos["davi"], chave["6º ano A"])
    plano.mudar_destino(escola.alunos["bruno"], None)
    assert plano.mudar_destino(escola.alunos["heitor"], None).destino is Destino.CONCLUIDO
    assert plano.aluno(escola.alunos["ana"]).motivo is Motivo.ESCOLHA
    with pytest.raises(ValidationError):
        plano.mudar_destino(escola.alunos["ana"], 99)  # not a turma of the plan
    services.rematricula.aplicar(plano)

    # Then the changes are what was written
    ano_2026 = next(a.id for a in services.anos_letivos.list() if a.ano == 2026)
    rosters = {
        t.nome: sorted(r.aluno_nome for r in services.turmas.roster(t.id)) for t in services.turmas.list(ano_2026)
    }
    assert rosters == {
        "5º ano A": ["Carla Dias"],
        "6º ano A": ["Davi Reis", "João Vieira", "Kátia Barros"],
        "6º ano B": ["Ana Souza", "Gabriela Prado"],
        "9º ano A": ["Iara Fontes"],
    }


def test_a_proposed_turma_is_renamed_in_the_preview(services: Services, head_engine: Engine) -> None:
    escola = _escola_2025(services, head_engine)
    plano = services.rematricula.planejar(2025, 2026)
    chave = {t.nome: t.chave for t in plano.turmas}

    # When the 6º ano B is renamed and moved to the afternoon... and mistakes are refused
    plano.mudar_turma(chave["6º ano B"], "6º ano Vespertino", "Vespertino")
    for turma, nome, turno, erro in (
        ("5º ano A", "6º ano A", None, "Já existe uma turma com este nome"),
        ("6º ano A", "  ", None, "Informe o nome da turma"),
        ("6º ano A", None, "madrugada", "Escolha o turno na lista"),
    ):
        with pytest.raises(ValidationError, match=erro):
            plano.mudar_turma(chave[turma], nome, turno)
    services.rematricula.aplicar(plano)

    # Then the turma is created so, with its alunos
    ano_2026 = next(a.id for a in services.anos_letivos.list() if a.ano == 2026)
    turmas = {t.nome: t for t in services.turmas.list(ano_2026)}
    assert turmas["6º ano Vespertino"].turno == "vespertino" and "6º ano B" not in turmas
    roster = services.turmas.roster(turmas["6º ano Vespertino"].id)
    assert [r.aluno_id for r in roster] == [escola.alunos["gabi"]]


def test_a_turma_created_meanwhile_with_a_proposed_name_stops_the_rematricula(
    services: Services, head_engine: Engine
) -> None:
    # Given the preview of 2025 into 2026, and a 6º ano B typed into 2026 since
    _escola_2025(services, head_engine)
    ano_2026 = services.anos_letivos.create(AnoLetivoData(ano=2026))
    plano = services.rematricula.planejar(2025, 2026)
    assert next(t for t in plano.turmas if t.nome == "6º ano B").nova
    services.turmas.create(TurmaData(ano_2026, "6º ano B", "", "matutino", etapa_id=_etapa(services, "6º ano")))

    # When it is applied, it is refused with the reason, and nothing is written
    with pytest.raises(ValidationError) as recusada:
        services.rematricula.aplicar(plano)
    assert recusada.value.message == (
        "Os dados mudaram desde a prévia (a turma 6º ano B já existe em 2026). Nada foi gravado: faça a prévia "
        "da rematrícula de novo."
    )
    assert _count(head_engine, "SELECT count(*) FROM turmas") == 4  # 2025's three and the one typed


def test_choosing_again_what_an_earlier_run_decided_records_nothing_new(
    services: Services, head_engine: Engine
) -> None:
    escola = _escola_2025(services, head_engine)
    services.rematricula.aplicar(services.rematricula.planejar(2025, 2026))
    plano = services.rematricula.planejar(2025, 2026)
    seis_a = next(t.chave for t in plano.turmas if t.nome == "6º ano A")
    heitor = escola.alunos["heitor"]
    assert plano.mudar_destino(heitor, seis_a).novo  # (he would be rematriculado after all)
    volta = plano.mudar_destino(heitor, None)
    assert (volta.destino, volta.motivo, volta.novo) == (Destino.CONCLUIDO, Motivo.DECIDIDO_ANTES, False)
    assert plano.vazio


def test_existing_turmas_of_the_destination_year_are_reused(services: Services, head_engine: Engine) -> None:
    # Given 2026 already has its 6º ano A (typed by the secretary)
    _escola_2025(services, head_engine)
    ano_2026 = services.anos_letivos.create(AnoLetivoData(ano=2026))
    seis_a = services.turmas.create(
        TurmaData(ano_2026, "6º ano A", "", "matutino", etapa_id=_etapa(services, "6º ano"))
    )

    # When the rematrícula is previewed and applied
    plano = services.rematricula.planejar(2025, 2026)
    assert [t.nome for t in plano.turmas if not t.nova] == ["6º ano A"]
    resultado = services.rematricula.aplicar(plano)

    # Then that turma receives its alunos, and only the others are created
    assert not resultado.ano_letivo_criado and resultado.turmas_criadas == 3
    assert sorted(r.aluno_nome for r in services.turmas.roster(seis_a)) == ["Ana Souza", "João Vieira", "Kátia Barros"]
    assert [t.nome for t in services.turmas.list(ano_2026)].count("6º ano A") == 1


def test_refused_while_the_year_is_open_with_the_reason(services: Services, head_engine: Engine) -> None:
    _escola_2025(services, head_engine, encerrar=False)
    with pytest.raises(ValidationError) as aberto:
        services.rematricula.planejar(2025, 2026)
    assert aberto.value.message.startswith("O ano letivo 2025 não está encerrado.")
    assert "main.py ano encerrar 2025" in aberto.value.message
    with pytest.raises(ValidationError, match="Não há ano letivo 2024"):
        services.rematricula.planejar(2024, 2025)
    services.encerramento.encerrar(2025)
    with pytest.raises(ValidationError, match="não vem depois"):
        services.rematricula.planejar(2025, 2025)
    # A plan made while the year was closed is refused once it is reopened: nothing written
    plano = services.rematricula.planejar(2025, 2026)
    services.encerramento.reabrir(2025, "Nota errada")
    with pytest.raises(ValidationError, match="não está encerrado"):
        services.rematricula.aplicar(plano)
    assert _count(head_engine, "SELECT count(*) FROM anos_letivos") == 1


def test_a_failure_midway_leaves_nothing(
    services: Services, head_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a preview, and a failure after the year, the turmas and the enturmações are written
    _escola_2025(services, head_engine)
    plano = services.rematricula.planejar(2025, 2026)
    before = {
        t: _count(head_engine, f"SELECT count(*) FROM {t}")
        for t in (
            "anos_letivos",
            "periodos",
            "turmas",
            "turmas_disciplinas",
            "enturmacoes",
            "auditoria",
            "rematriculas",
            "rematriculas_alunos",
        )
    }

    def falha(*_args: object, **_kwargs: object) -> None:
        raise OSError("disco cheio")

    monkeypatch.setattr(rematricula_module.auditoria, "registrar", falha)

    # When it is applied
    with pytest.raises(OSError):
        services.rematricula.aplicar(plano)

    # Then nothing of it is in the file
    assert {t: _count(head_engine, f"SELECT count(*) FROM {t}") for t in before} == before


def test_undo_takes_it_all_back_as_one_step(services: Services, head_engine: Engine) -> None:
    escola = _escola_2025(services, head_engine)
    before = {
        t: _count(head_engine, f"SELECT count(*) FROM {t}")
        for t in ("anos_letivos", "periodos", "turmas", "enturmacoes")
    }
    resultado = services.rematricula.aplicar(services.rematricula.planejar(2025, 2026))

    # When it is undone
    services.rematricula.desfazer(resultado.rematricula_id)

    # Then the year, its turmas and enturmações are gone; the run is listed as undone
    assert {t: _count(head_engine, f"SELECT count(*) FROM {t}") for t in before} == before
    [run] = services.rematricula.list()
    assert run.desfeita_em is not None and services.rematricula.concluidos(2025) == []
    assert _count(head_engine, "SELECT count(*) FROM auditoria WHERE tabela = 'enturmacoes' AND acao = 'exclusao'") == 7
    with pytest.raises(ValidationError, match="já foi desfeita"):
        services.rematricula.desfazer(run.id)
    # And the rematrícula can be made again, as new
    assert _destinos(services.rematricula.planejar(2025, 2026)) == EXPECTED
    assert escola.ano


def test_undo_is_refused_once_notas_were_typed_in_the_new_year(services: Services, head_engine: Engine) -> None:
    escola = _escola_2025(services, head_engine)
    resultado = services.rematricula.aplicar(services.rematricula.planejar(2025, 2026))
    ano_2026 = next(a.id for a in services.anos_letivos.list() if a.ano == 2026)
    seis_a = next(t.id for t in services.turmas.list(ano_2026) if t.nome == "6º ano A")
    ana = next(r.id for r in services.turmas.roster(seis_a) if r.aluno_nome == "Ana Souza")
    periodo = services.anos_letivos.periodos(ano_2026)[0].id
    services.diario.lancar_notas(seis_a, escola.lp, [Lancamento(ana, "nota", D("7"), periodo)])
    enturmacoes = _count(head_engine, "SELECT count(*) FROM enturmacoes")

    with pytest.raises(ValidationError) as recusado:
        services.rematricula.desfazer(resultado.rematricula_id)

    assert (
        "já há notas, frequência ou mudanças de situação lançadas em 2026 para 1 dos alunos" in recusado.value.message
    )
    assert "(Ana Souza)" in recusado.value.message
    assert _count(head_engine, "SELECT count(*) FROM enturmacoes") == enturmacoes
    assert services.rematricula.list()[0].desfeita_em is None


# --- the command line -----------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]


def _main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True)


def _filled(head_db: Path, *, encerrar: bool = True) -> None:
    from escola_gui.core import db

    engine = db.create_app_engine(head_db)
    try:
        _escola_2025(Services.for_engine(engine), engine, encerrar=encerrar)
    finally:
        engine.dispose()


def test_cli_refuses_an_open_year_with_the_reason_and_exit_1(head_db: Path) -> None:
    _filled(head_db, encerrar=False)
    result = _main("rematricula", "--de", "2025", "--para", "2026", "--database", str(head_db))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("erro: O ano letivo 2025 não está encerrado.")
    assert result.stdout == ""
    result = _main("rematricula", "--de", "2025", "--database", str(head_db))
    assert result.returncode == 2 and "informe --de ANO e --para ANO" in result.stderr


def test_cli_previews_applies_lists_runs_again_and_undoes(head_db: Path) -> None:
    _filled(head_db)
    db_args = ("--database", str(head_db))

    # --simular prints the preview per turma and per aluno, and writes nothing
    simulada = _main("rematricula", "--de", "2025", "--para", "2026", "--simular", *db_args)
    assert simulada.returncode == 0, simulada.stderr
    linhas = simulada.stdout.splitlines()
    assert linhas[0] == "Rematrícula de 2025 para 2026 (prévia)"
    assert "O ano letivo 2026 será criado com as regras e os períodos de 2025, com as datas de 2026." in linhas
    assert "  6º ano A (6º ano, matutino; nova): 3 alunos" in linhas
    assert any(
        line.startswith("    Ana Souza (RA ") and line.endswith("aprovado em 5º ano A; vai para a próxima etapa")
        for line in linhas
    )
    assert "Concluíram (não rematriculados, marcados como concluídos):" in linhas
    assert any(line.startswith("  Davi Reis (RA ") and "transferido em 5º ano A" in line for line in linhas)
    assert (
        "Resumo: 7 alunos rematriculados (4 turmas novas), 1 concluinte, 3 não rematriculados, 0 já matriculados "
        "em 2026."
    ) in linhas
    assert linhas[-1] == "Simulação: nada foi gravado."
    with closing(sqlite3.connect(head_db)) as conn:
        assert conn.execute("SELECT count(*) FROM anos_letivos").fetchone() == (1,)

    # Without --simular it applies, and says how to undo
    feita = _main("rematricula", "--de", "2025", "--para", "2026", *db_args)
    assert feita.returncode == 0, feita.stderr
    assert feita.stdout.splitlines()[-1] == (
        "Rematrícula nº 1 feita: ano letivo 2026 criado, 4 turmas criadas, 7 alunos rematriculados. "
        "Para desfazê-la: main.py rematricula --desfazer 1"
    )

    # Run again, it creates nothing
    de_novo = _main("rematricula", "--de", "2025", "--para", "2026", *db_args)
    assert de_novo.returncode == 0, de_novo.stderr
    assert (
        "Resumo: 0 alunos rematriculados (0 turmas novas), 1 concluinte, 3 não rematriculados, 7 já matriculados "
        "em 2026."
    ) in de_novo.stdout.splitlines()
    assert de_novo.stdout.splitlines()[-1].startswith("Nada a fazer: os alunos de 2025 já estão em 2026")
    listadas = _main("rematricula", "--listar", *db_args)
    assert listadas.returncode == 0 and listadas.stdout.count("nº ") == 1
    assert "2025 → 2026" in listadas.stdout and "(ativa): 7 rematriculados, 1 concluinte" in listadas.stdout

    # And it is undone as one step
    desfeita = _main("rematricula", "--desfazer", "1", *db_args)
    assert desfeita.returncode == 0, desfeita.stderr
    assert desfeita.stdout.startswith("Rematrícula nº 1 desfeita")
    with closing(sqlite3.connect(head_db)) as conn:
        assert conn.execute("SELECT count(*) FROM anos_letivos").fetchone() == (1,)
    again = _main("rematricula", "--desfazer", "1", *db_args)
    assert again.returncode == 1 and again.stderr == "erro: A rematrícula nº 1 já foi desfeita.\n"
