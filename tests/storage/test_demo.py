"""The demo school: a new file only, real counts, sound data the services read and accept."""

from __future__ import annotations

import os
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escola_gui.core import db
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento
from escola_gui.core.documentos import is_valid_certidao, is_valid_nis
from escola_gui.core.services import Services
from escola_gui.core.validation import is_valid_cpf
from escola_gui.storage.file import demo
from escola_gui.storage.file.demo import DemoError, DemoResumo, anos_da_demo, criar_demo
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database
from escola_gui.storage.validation import validate_schema

OUTUBRO = date(2026, 10, 20)  # three bimestres are over
DEZEMBRO = date(2026, 12, 21)  # the year is over
DISCIPLINAS = {
    "Língua Portuguesa",
    "Matemática",
    "Ciências",
    "História",
    "Geografia",
    "Arte",
    "Educação Física",
    "Língua Inglesa",
}


def _query(path: Path, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def _count(path: Path, table: str) -> int:
    return _query(path, f"SELECT count(*) FROM {table}")[0][0]


@pytest.fixture
def outubro(tmp_path: Path) -> tuple[Path, DemoResumo, list[str]]:
    path = tmp_path / "demo.sqlite3"
    steps: list[str] = []
    resumo = criar_demo(path, alunos=120, seed=7, progress=steps.append, hoje=OUTUBRO)
    return path, resumo, steps


@pytest.fixture
def engine_dezembro(tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "dezembro.sqlite3"
    criar_demo(path, alunos=120, seed=11, hoje=DEZEMBRO)
    engine = db.create_app_engine(path)
    yield engine
    engine.dispose()


def test_counts_it_reports_are_those_of_the_file(outubro: tuple[Path, DemoResumo, list[str]]) -> None:
    path, resumo, steps = outubro
    assert resumo == DemoResumo(
        alunos=_count(path, "alunos"),
        responsaveis=_count(path, "responsaveis"),
        turmas=_count(path, "turmas"),
        disciplinas=_count(path, "disciplinas"),
        notas=_count(path, "notas"),
        frequencias=_count(path, "frequencias"),
        anos_letivos=_count(path, "anos_letivos"),
    )
    assert (resumo.alunos, resumo.disciplinas, resumo.anos_letivos) == (120, 8, 2)
    assert {nome for (nome,) in _query(path, "SELECT nome FROM disciplinas")} == DISCIPLINAS
    assert {serie for (serie,) in _query(path, "SELECT serie FROM turmas")} == {f"{n}º ano" for n in range(1, 10)}
    assert resumo.responsaveis > 0 and resumo.notas > 0 and resumo.frequencias > 0
    assert steps[0] == "Criando o arquivo…" and steps[-1] == "Pronto."
    assert all(step.endswith(("…", ".")) for step in steps)


def test_the_file_is_sound_and_every_aluno_is_in_a_turma(outubro: tuple[Path, DemoResumo, list[str]]) -> None:
    path, _resumo, _steps = outubro
    assert _query(path, "PRAGMA foreign_key_check") == []
    assert _query(path, "PRAGMA integrity_check") == [("ok",)]
    assert classify_database(path).state is DatabaseState.CURRENT
    engine = db.create_upgrade_engine(path)
    try:
        with engine.connect() as conn:
            validate_schema(conn)  # the schema is the models' (made by the revisions, not create_all)
    finally:
        engine.dispose()
    assert _query(path, "SELECT count(*) FROM alunos WHERE id NOT IN (SELECT aluno_id FROM enturmacoes)") == [(0,)]
    # Each aluno in one turma a year; those still in one this year are the active ones
    assert _query(path, "SELECT count(DISTINCT aluno_id) FROM enturmacoes") == [(120,)]
    assert _query(
        path,
        "SELECT count(*) FROM (SELECT e.aluno_id, t.ano_letivo_id FROM enturmacoes e "
        "JOIN turmas t ON t.id = e.turma_id GROUP BY 1, 2 HAVING count(*) > 1)",
    ) == [(0,)]
    ativos = _query(
        path,
        "SELECT count(*) FROM enturmacoes e JOIN turmas t ON t.id = e.turma_id JOIN anos_letivos a "
        "ON a.id = t.ano_letivo_id WHERE a.ano = 2026 AND e.data_saida IS NULL",
    )[0][0]
    assert _query(path, "SELECT sum(ativo) FROM alunos") == [(ativos,)]


def test_the_earlier_year_is_closed_and_rolled_into_this_one(outubro: tuple[Path, DemoResumo, list[str]]) -> None:
    # The year before was closed by the service (every enturmação has its final situação) and
    # rolled into this one by the rematrícula: one run, and running it again creates nothing
    path, _resumo, steps = outubro
    assert "Encerrando o ano letivo 2025…" in steps and "Rematrícula de 2025 para 2026…" in steps
    assert _query(path, "SELECT ano, encerrado FROM anos_letivos ORDER BY ano") == [(2025, 1), (2026, 0)]
    finais = _query(
        path,
        "SELECT a.ano, count(*), count(e.situacao_final) FROM enturmacoes e JOIN turmas t ON t.id = e.turma_id "
        "JOIN anos_letivos a ON a.id = t.ano_letivo_id GROUP BY a.ano ORDER BY a.ano",
    )
    assert finais[0][1] == finais[0][2] > 0 and finais[1][2] == 0
    assert _query(path, "SELECT ano_origem, ano_destino, desfeita_em FROM rematriculas") == [(2025, 2026, None)]
    rolados = _query(path, "SELECT count(*) FROM rematriculas_alunos WHERE destino = 'turma'")[0][0]
    assert rolados > 0.5 * finais[0][1]
    engine = db.create_app_engine(path)
    try:
        services = Services.for_engine(engine)
        for enturmacao, final in _query(  # what closing recorded is each boletim's verdict
            path,
            "SELECT e.id, e.situacao_final FROM enturmacoes e JOIN turmas t ON t.id = e.turma_id "
            "WHERE t.ano_letivo_id = 1",
        ):
            assert services.diario.boletim(enturmacao).situacao.value == final
        rematricula = services.rematricula
        assert rematricula.planejar(2025, 2026).vazio
        assert rematricula.aplicar(rematricula.planejar(2025, 2026)).rematricula_id is None
    finally:
        engine.dispose()


def test_notas_and_frequencia_for_the_bimestres_over(outubro: tuple[Path, DemoResumo, list[str]]) -> None:
    path, _resumo, _steps = outubro
    assert _query(
        path,
        "SELECT a.ano, max(p.numero) FROM notas n JOIN periodos p ON p.id = n.periodo_id "
        "JOIN anos_letivos a ON a.id = p.ano_letivo_id GROUP BY a.ano ORDER BY a.ano",
    ) == [(2025, 4), (2026, 3)]
    assert _query(path, "SELECT count(*) FROM notas WHERE nota < 0 OR nota > 10 OR round(nota * 10) != nota * 10") == [
        (0,)
    ]
    assert _query(  # this year is not over: recuperações finais in 2025 only
        path,
        "SELECT DISTINCT a.ano FROM recuperacoes_finais r JOIN enturmacoes e ON e.id = r.enturmacao_id "
        "JOIN turmas t ON t.id = e.turma_id JOIN anos_letivos a ON a.id = t.ano_letivo_id",
    ) == [(2025,)]
    aulas = _query(path, "SELECT min(aulas_dadas), max(aulas_dadas) FROM frequencias")[0]
    assert 15 <= aulas[0] <= aulas[1] <= 45
    # Most alunos come, a few are under the 75 % the law asks for
    frequencia = _query(
        path,
        "SELECT enturmacao_id, 100.0 * (sum(aulas_dadas) - sum(faltas)) / sum(aulas_dadas) "
        "FROM frequencias GROUP BY enturmacao_id",
    )
    assert sum(f >= 75 for _e, f in frequencia) > 0.9 * len(frequencia)
    # Those who left have their motivo and its history, and no notas after they left
    saidas = _query(
        path,
        "SELECT e.id, e.situacao_manual, e.motivo_situacao, e.data_saida, h.situacao_nova, h.motivo "
        "FROM enturmacoes e JOIN historico_situacoes h ON h.enturmacao_id = e.id",
    )
    assert _query(path, "SELECT count(*) FROM enturmacoes WHERE situacao_manual IS NOT NULL") == [(len(saidas),)]
    for _id, situacao, motivo, saida, nova, motivo_historico in saidas:
        assert situacao in ("transferido", "abandono") and situacao == nova
        assert motivo and motivo == motivo_historico and saida is not None
    for e, saida in _query(path, "SELECT id, data_saida FROM enturmacoes WHERE data_saida IS NOT NULL"):
        fins = _query(
            path, "SELECT p.data_fim FROM notas n JOIN periodos p ON p.id = n.periodo_id WHERE n.enturmacao_id = ?", e
        )
        assert all(fim < saida for (fim,) in fins)


def test_services_read_the_boletins_with_medias(engine_dezembro: Engine) -> None:
    services = Services.for_engine(engine_dezembro)
    ano = next(a for a in services.anos_letivos.list() if a.ano == 2026)
    turmas = services.turmas.list(ano.id)
    assert len(turmas) >= 9 and all(t.alunos > 0 for t in turmas)
    situacoes: Counter[Situacao] = Counter()
    for turma in turmas:
        boletins = services.diario.boletins_da_turma(turma.id)
        assert len(boletins) == turma.alunos
        for boletim in boletins:
            assert {linha.disciplina for linha in boletim.linhas} == DISCIPLINAS
            assert all(linha.resultado.media is not None for linha in boletim.linhas)
            assert all(None not in linha.notas and None not in linha.faltas for linha in boletim.linhas)
            situacoes[boletim.situacao] += 1
            if boletim.situacao is Situacao.EM_RECUPERACAO:  # the year runs: a recuperação final is still to come
                assert any(
                    linha.recuperacao_final is None and linha.resultado.media < 6  # type: ignore[operator]
                    for linha in boletim.linhas
                )
            for linha in boletim.linhas:  # a recuperação final only where the média was below 6,0
                if linha.recuperacao_final is not None:
                    media = sum(linha.notas) / 4
                    assert media < 6
    assert situacoes[Situacao.APROVADO] > 0.7 * sum(situacoes.values())
    assert set(situacoes) <= {
        Situacao.APROVADO,
        Situacao.RETIDO,
        Situacao.REPROVADO_POR_FALTAS,
        Situacao.EM_RECUPERACAO,
    }


def test_demo_records_pass_the_services_validation(engine_dezembro: Engine) -> None:
    services = Services.for_engine(engine_dezembro)
    escola = services.escola.get()
    assert escola is not None and services.escola.validate(escola) == {}
    assert escola.codigo_inep is not None and len(escola.codigo_inep) == 8
    alunos = services.alunos.list()
    assert len(alunos) == 120
    for row in alunos:
        data = services.alunos.get(row.id)
        assert services.alunos.validate(data, aluno_id=row.id, today=DEZEMBRO) == {}, row
        for vinculo in services.responsaveis.list_for_aluno(row.id):
            responsavel = services.responsaveis.get(vinculo.responsavel_id)
            assert services.responsaveis.validate(responsavel, vinculo.responsavel_id) == {}
    # Documents: valid check digits, unique RA of eight digits
    assert all(is_valid_cpf(a.cpf) for a in alunos if a.cpf) and sum(bool(a.cpf) for a in alunos) > 30
    assert all(is_valid_certidao(a.certidao_nascimento) for a in alunos if a.certidao_nascimento)
    assert all(is_valid_nis(a.nis) for a in alunos if a.nis)
    ras = [a.ra for a in alunos]
    assert len(set(ras)) == len(ras) and all(len(ra) == 8 and ra.isdigit() for ra in ras)
    # Brazilian names, with their accents
    assert sum(not a.nome.isascii() for a in alunos) > len(alunos) / 4
    assert {a.sexo for a in alunos} == {"F", "M"} and all(a.cor_raca for a in alunos)


def test_families_share_responsaveis_with_one_legal_guardian(engine_dezembro: Engine) -> None:
    url = engine_dezembro.url.database
    assert url is not None
    path = Path(url)
    assert _query(path, "SELECT count(*) FROM alunos WHERE id NOT IN (SELECT aluno_id FROM alunos_responsaveis)") == [
        (0,)
    ]
    legais = _query(path, "SELECT sum(responsavel_legal) FROM alunos_responsaveis GROUP BY aluno_id")
    assert set(legais) == {(1,)}
    irmaos = _query(path, "SELECT count(*) FROM alunos_responsaveis GROUP BY responsavel_id HAVING count(*) > 1")
    assert irmaos, "no siblings share a responsável"
    assert {p for (p,) in _query(path, "SELECT DISTINCT parentesco FROM alunos_responsaveis")} >= {"mae", "pai"}
    cpfs = [c for (c,) in _query(path, "SELECT cpf FROM responsaveis WHERE cpf IS NOT NULL")]
    assert cpfs and all(is_valid_cpf(c) for c in cpfs)
    assert _query(path, "SELECT count(*) FROM contatos_responsavel WHERE tipo = 'telefone'")[0][0] > 0


def test_birth_dates_match_the_serie(engine_dezembro: Engine) -> None:
    path = Path(str(engine_dezembro.url.database))
    rows = _query(
        path,
        "SELECT a.data_nascimento, t.serie, y.ano FROM alunos a JOIN enturmacoes e ON e.aluno_id = a.id "
        "JOIN turmas t ON t.id = e.turma_id JOIN anos_letivos y ON y.id = t.ano_letivo_id",
    )
    for nascimento, serie, ano in rows:
        born = date.fromisoformat(nascimento)
        idade = ano - born.year - ((born.month, born.day) > (3, 31))  # age on March 31st
        # (one year more for a few, and for one retained in 2025)
        assert int(serie.split("º")[0]) + 5 <= idade <= int(serie.split("º")[0]) + 7


def test_the_app_can_edit_what_the_demo_made(engine_dezembro: Engine) -> None:
    services = Services.for_engine(engine_dezembro)
    aluno = services.alunos.list()[0]
    data = services.alunos.get(aluno.id)
    services.alunos.update(aluno.id, data)
    assert services.alunos.get(aluno.id) == data
    turma = services.turmas.list()[0]
    disciplina = services.turmas.disciplinas(turma.id)[0].disciplina_id
    grade = services.diario.notas(turma.id, disciplina)
    linha = grade.linhas[0]
    services.diario.lancar_notas(
        turma.id, disciplina, [Lancamento(linha.enturmacao_id, "nota", linha.notas[0], grade.periodos[0].id)]
    )
    assert services.diario.notas(turma.id, disciplina).linhas[0] == linha


def test_an_existing_file_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    path.write_bytes(b"SQLite format 3\x00 the secretary's records" + bytes(range(256)))
    before = path.read_bytes()
    stat = path.stat()

    with pytest.raises(DemoError) as error:
        criar_demo(path, alunos=10, hoje=OUTUBRO)

    assert "já existe" in error.value.user_message and "não foi alterado" in error.value.user_message
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["escola.sqlite3"]


def test_an_empty_file_or_a_dangling_link_is_refused_too(tmp_path: Path) -> None:
    empty = tmp_path / "vazio.sqlite3"
    empty.touch()
    with pytest.raises(DemoError):
        criar_demo(empty, alunos=10, hoje=OUTUBRO)
    assert empty.read_bytes() == b""
    link = tmp_path / "link.sqlite3"
    os.symlink(tmp_path / "nowhere.sqlite3", link)
    with pytest.raises(DemoError):
        criar_demo(link, alunos=10, hoje=OUTUBRO)
    assert not (tmp_path / "nowhere.sqlite3").exists()


@pytest.mark.parametrize("alunos", [0, -1, 1_000_000])
def test_a_bad_number_of_alunos_is_refused_before_writing(tmp_path: Path, alunos: int) -> None:
    path = tmp_path / "demo.sqlite3"
    with pytest.raises(DemoError, match="número de alunos"):
        criar_demo(path, alunos=alunos)
    assert not path.exists()


def test_a_failure_leaves_no_half_made_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(demo._Gerador, "run", broken)
    path = tmp_path / "demo.sqlite3"
    with pytest.raises(RuntimeError):
        criar_demo(path, alunos=10, hoje=OUTUBRO)
    assert list(tmp_path.iterdir()) == []


def _inserts(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [line for line in conn.iterdump() if line.startswith("INSERT")]


def test_the_same_seed_gives_the_same_school(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3", tmp_path / "c.sqlite3"
    criar_demo(first, alunos=60, seed=42, hoje=OUTUBRO)
    criar_demo(second, alunos=60, seed=42, hoje=OUTUBRO)
    criar_demo(other, alunos=60, seed=43, hoje=OUTUBRO)
    nomes = _query(first, "SELECT nome FROM alunos ORDER BY id")
    assert nomes == _query(second, "SELECT nome FROM alunos ORDER BY id")
    assert _inserts(first) == _inserts(second)  # every row of every table
    assert nomes != _query(other, "SELECT nome FROM alunos ORDER BY id")


def test_anos_letivos_grow_with_the_size_of_the_school() -> None:
    assert [anos_da_demo(n) for n in (1, 300, 4999, 5000, 12000, 45000, 100_000)] == [2, 2, 2, 2, 3, 10, 10]


def test_a_big_school_spans_years_with_its_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given the threshold lowered, so that 160 alunos make what 20 000 would: five anos letivos
    monkeypatch.setattr(demo, "ALUNOS_POR_ANO_EXTRA", 40)
    path = tmp_path / "demo.sqlite3"
    resumo = criar_demo(path, alunos=160, seed=3, hoje=OUTUBRO)

    assert resumo.anos_letivos == 5 and resumo.alunos == _count(path, "alunos") == 160
    assert _query(path, "SELECT ano, encerrado FROM anos_letivos ORDER BY ano") == [
        (2022, 1),
        (2023, 1),
        (2024, 1),
        (2025, 1),
        (2026, 0),
    ]
    assert _query(path, "PRAGMA foreign_key_check") == []
    # Past years have the four bimestres; this one the three that are over
    por_ano = dict(
        _query(
            path,
            "SELECT a.ano, max(p.numero) FROM notas n JOIN periodos p ON p.id = n.periodo_id "
            "JOIN anos_letivos a ON a.id = p.ano_letivo_id GROUP BY a.ano",
        )
    )
    assert por_ano == {2022: 4, 2023: 4, 2024: 4, 2025: 4, 2026: 3}
    # Recuperações finais in finished years only, for médias below 6,0
    finais = _query(
        path,
        "SELECT a.ano, sum(n.nota) FROM recuperacoes_finais r JOIN notas n ON n.enturmacao_id = r.enturmacao_id "
        "AND n.disciplina_id = r.disciplina_id JOIN periodos p ON p.id = n.periodo_id "
        "JOIN anos_letivos a ON a.id = p.ano_letivo_id GROUP BY r.id",
    )
    assert finais and all(ano < 2026 and (round(soma * 10) + 2) // 4 < 60 for ano, soma in finais)
    # Alunos come back year after year, one série up (or the same one when retidos)
    series: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for aluno, ano, serie in _query(
        path,
        "SELECT e.aluno_id, a.ano, t.serie FROM enturmacoes e JOIN turmas t ON t.id = e.turma_id "
        "JOIN anos_letivos a ON a.id = t.ano_letivo_id ORDER BY a.ano",
    ):
        series[aluno].append((ano, int(serie.split("º")[0])))
    varios = [anos for anos in series.values() if len(anos) > 1]
    assert varios, "no aluno stayed more than one year"
    for anos in varios:
        for (ano, serie), (seguinte, serie_seguinte) in zip(anos, anos[1:], strict=False):
            assert seguinte == ano + 1 and serie_seguinte in (serie, serie + 1)
    # And the app shows an aluno's years as a histórico
    engine = db.create_app_engine(path)
    try:
        aluno = max(series, key=lambda a: len(series[a]))
        historico = Services.for_engine(engine).diario.historico(aluno)
        assert [b.ano for b in historico] == [ano for ano, _s in series[aluno]]
        assert historico[0].situacao in (Situacao.APROVADO, Situacao.RETIDO, Situacao.REPROVADO_POR_FALTAS)
    finally:
        engine.dispose()
