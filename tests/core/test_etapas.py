"""The catalogue of etapas and the reading of a free-text série (core/etapas.py), and the
frozen copy of those rules in revision 0013."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from escola_gui.core import etapas
from escola_gui.core.errors import ValidationError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.etapas import CATALOGO, ETAPA_INEXISTENTE, ETAPA_OBRIGATORIA, POR_CODIGO, etapa_da_serie
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.storage.migrations import migrations_dir

# (what the secretary typed, the Educacenso code of the etapa it names)
ACCEPTED = [
    ("5º ano", 18),
    ("5o ano", 18),
    ("5 ano", 18),
    ("5° Ano", 18),
    ("5ºano", 18),
    ("  5º   ANO ", 18),
    ("5º ano do ensino fundamental", 18),
    ("5º ano - Ensino Fundamental", 18),
    ("5º ano do Ensino Fundamental de 9 anos", 18),
    ("5º ano EF", 18),
    ("5º ano, anos iniciais", 18),
    ("quinto ano", 18),
    ("Quinto Ano", 18),
    ("1º ano", 14),
    ("primeiro ano", 14),
    ("9º ano", 41),
    ("nono ano", 41),
    ("6º ano do ensino fundamental - anos finais", 19),
    ("1ª série do ensino médio", 25),
    ("1a serie do ensino medio", 25),
    ("1ª série EM", 25),
    ("1ª série - E.M.", 25),
    ("1º ano EM", 25),
    ("1º ano do ensino médio", 25),
    ("2º EM", 26),
    ("segunda série do ensino médio", 26),
    ("3º colegial", 27),
    ("3ª série do Ensino Médio", 27),
    ("pré-escola", 2),
    ("Pré-Escola", 2),
    ("pre escola", 2),
    ("pré", 2),
    ("pré I", 2),
    ("Pré II", 2),
    ("pré 2", 2),
    ("pré-escola II", 2),
    ("Pré II - Educação Infantil", 2),
    ("creche", 1),
    ("Creche", 1),
    ("berçário", 1),
    ("Berçário II", 1),
    ("maternal", 1),
    ("Maternal I", 1),
    ("maternal III", 1),
    ("mini maternal", 1),
    ("EJA anos iniciais", 69),
    ("EJA - Ensino Fundamental - Anos iniciais", 69),
    ("EJA 1º segmento", 69),
    ("EJA anos finais", 70),
    ("EJA - ensino fundamental - anos finais", 70),
    ("EJA 2º segmento", 70),
    ("EJA ensino médio", 71),
    ("EJA - Ensino Médio", 71),
    ("Educação de Jovens e Adultos - Ensino Médio", 71),
]

# Ambiguous or unreadable: left for the secretary.
REFUSED = [
    "4ª série",  # 8-year ensino fundamental: today's 5º ano
    "5a série",
    "quinta série",
    "1ª série",  # the 8-year fundamental's, or the ensino médio's?
    "8ª série do ensino fundamental",
    "4ª série do ensino médio",  # no such etapa in the catalogue (Educacenso 28 is not seeded)
    "1º ao 3º ano",
    "Multisseriada",
    "10º ano",
    "0º ano",
    "5º ano A",
    "6º ano, anos iniciais",  # contradicts itself
    "2º ano, anos finais",
    "Educação Infantil",
    "EJA",
    "EJA fundamental",
    "Jardim II",
    "pré III",
    "",
    "   ",
    "ano",
    "série",
    "5",
]


@pytest.mark.parametrize(("serie", "codigo"), ACCEPTED)
def test_each_accepted_form_names_its_etapa(serie: str, codigo: int) -> None:
    assert etapa_da_serie(serie) == codigo


@pytest.mark.parametrize("serie", REFUSED)
def test_each_ambiguous_or_unreadable_form_is_refused(serie: str) -> None:
    assert etapa_da_serie(serie) is None


def test_none_is_refused() -> None:
    assert etapa_da_serie(None) is None


def test_the_catalogue_is_ordered_and_each_next_etapa_exists() -> None:
    assert [e.ordem for e in CATALOGO] == list(range(1, len(CATALOGO) + 1))
    assert len(POR_CODIGO) == len(CATALOGO) and len({e.nome for e in CATALOGO}) == len(CATALOGO)
    for etapa in CATALOGO:
        assert etapa.segmento in etapas.SEGMENTOS
        if etapa.proxima is not None:
            assert POR_CODIGO[etapa.proxima].ordem > etapa.ordem
    concluintes = [e.nome for e in CATALOGO if e.concluinte]
    assert concluintes == [
        "Pré-escola",
        "9º ano",
        "3ª série do ensino médio",
        "EJA — fundamental, anos finais",
        "EJA — ensino médio",
    ]
    # Every code the parser gives is in the catalogue
    assert {etapa_da_serie(s) for s, _c in ACCEPTED} <= set(POR_CODIGO)


# --- the frozen copy in revision 0013 -----------------------------------------------------


def _revision_0013():
    path = migrations_dir() / "versions" / "0013_etapas.py"
    spec = importlib.util.spec_from_file_location("revision_0013_for_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_revision_0013_seeds_the_catalogue_of_the_core() -> None:
    rev = _revision_0013()
    by_id = {row[0]: row for row in rev.ETAPAS}
    seeded = [
        (i, nome, seg, i, codigo, None if proxima is None else by_id[proxima][3], fim, idade)
        for i, nome, seg, codigo, proxima, fim, idade in rev.ETAPAS
    ]
    assert seeded == [
        (e.ordem, e.nome, e.segmento, e.ordem, e.codigo_educacenso, e.proxima, e.concluinte, e.idade_referencia)
        for e in CATALOGO
    ]


@pytest.mark.parametrize("serie", [s for s, _c in ACCEPTED] + REFUSED)
def test_revision_0013_reads_a_serie_as_the_core_does_today(serie: str) -> None:
    # When the core's rules change, this test shows where they part from the revision's; the
    # revision's are never changed (its text is permanent): change the expectation here instead.
    assert _revision_0013().etapa_da_serie(serie) == etapa_da_serie(serie)


def test_revision_0013_leaves_values_of_other_types_unread() -> None:
    rev = _revision_0013()
    assert rev.etapa_da_serie(5) is None and rev.etapa_da_serie(b"5o ano") is None


def test_the_revision_does_not_import_the_app() -> None:
    text = Path(migrations_dir() / "versions" / "0013_etapas.py").read_text(encoding="utf-8")
    assert "escola_gui" not in text.replace("escola_gui.core.etapas", "")


# --- a turma's etapa, through the services ----------------------------------------------


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


@pytest.fixture
def ano(services: Services) -> int:
    return services.anos_letivos.create(AnoLetivoData(ano=2026))


def _etapa(services: Services, nome: str) -> int:
    return next(e.id for e in services.etapas.list() if e.nome == nome)


def _auditoria(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT tabela, registro_id, aluno_id, acao, descricao, antes, depois FROM auditoria ORDER BY id")
        ).all()


def test_a_new_turma_takes_the_etapa_chosen_and_its_name_as_serie(services: Services, ano: int) -> None:
    # Given the etapa chosen and no série typed
    quinto = _etapa(services, "5º ano")
    turma = services.turmas.create(TurmaData(ano, "5º ano A", "", "matutino", etapa_id=quinto))
    # Then the série is the etapa's nome
    assert services.turmas.get(turma).serie == "5º ano" and services.turmas.get(turma).etapa_id == quinto
    [row] = services.turmas.list()
    assert (row.etapa_id, row.etapa) == (quinto, "5º ano")
    # A série typed is kept as typed, whatever the etapa
    outra = services.turmas.create(
        TurmaData(ano, "Jardim", "Jardim II", "vespertino", etapa_id=_etapa(services, "Pré-escola"))
    )
    assert services.turmas.get(outra).serie == "Jardim II"


def test_without_an_etapa_chosen_the_serie_must_name_one(services: Services, ano: int) -> None:
    # A série that names one etapa gives it (the import, the demo and older callers send none)
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "sexto ano", "matutino"))
    assert services.turmas.get(turma).etapa_id == _etapa(services, "6º ano")
    # One that does not is refused, beside the etapa
    data = TurmaData(ano, "Multi", "4ª série", "matutino")
    assert services.turmas.validate(data) == {"etapa_id": ETAPA_OBRIGATORIA}
    with pytest.raises(ValidationError) as refused:
        services.turmas.create(data)
    assert refused.value.field == "etapa_id"
    # ...and so is an etapa that does not exist, or no série nor etapa at all
    assert services.turmas.validate(replace(data, etapa_id=999)) == {"etapa_id": ETAPA_INEXISTENTE}
    assert set(services.turmas.validate(replace(data, serie=""))) == {"etapa_id", "serie"}
    assert [t.nome for t in services.turmas.list()] == ["6º ano A"]


def _old_turma(services: Services, engine: Engine, ano: int, serie: str = "4ª série") -> int:
    """A turma as revision 0013 leaves one whose série it could not read."""
    turma = services.turmas.create(TurmaData(ano, "4ª A", serie, "matutino", etapa_id=_etapa(services, "4º ano")))
    with engine.begin() as conn:
        conn.execute(text("UPDATE turmas SET etapa_id = NULL WHERE id = :id"), {"id": turma})
    return turma


def test_an_old_turma_without_etapa_is_listed_and_saved_only_with_one(
    services: Services, head_engine: Engine, ano: int
) -> None:
    # Given a turma left without etapa
    turma = _old_turma(services, head_engine, ano)
    assert [(r.id, r.ano, r.nome, r.serie) for r in services.etapas.turmas_sem_etapa()] == [
        (turma, 2026, "4ª A", "4ª série")
    ]
    data = services.turmas.get(turma)
    assert data.etapa_id is None
    # When she edits it without choosing: refused, nothing saved
    with pytest.raises(ValidationError):
        services.turmas.update(turma, replace(data, sala="7"))
    assert services.turmas.get(turma).sala is None
    # When she chooses the 5º ano: saved, série as typed, and the change audited by name
    services.turmas.update(turma, replace(data, sala="7", etapa_id=_etapa(services, "5º ano")))
    saved = services.turmas.get(turma)
    assert (saved.serie, saved.sala, saved.etapa_id) == ("4ª série", "7", _etapa(services, "5º ano"))
    assert services.etapas.turmas_sem_etapa() == []
    assert _auditoria(head_engine)[-1] == (
        "turmas",
        turma,
        None,
        "alteracao",
        "Etapa da turma 4ª A (2026)",
        '{"etapa": null}',
        '{"etapa": "5º ano"}',
    )


def test_definir_maps_turmas_all_or_nothing_each_audited(services: Services, head_engine: Engine, ano: int) -> None:
    # Given two turmas without etapa
    a = _old_turma(services, head_engine, ano)
    b = services.turmas.create(TurmaData(ano, "Multi", "Multisseriada", "noturno", etapa_id=_etapa(services, "1º ano")))
    with head_engine.begin() as conn:
        conn.execute(text("UPDATE turmas SET etapa_id = NULL WHERE id = :id"), {"id": b})
    audited = len(_auditoria(head_engine))
    # When one of the etapas given does not exist: nothing is saved
    with pytest.raises(ValidationError):
        services.etapas.definir({a: _etapa(services, "5º ano"), b: 999})
    assert len(services.etapas.turmas_sem_etapa()) == 2 and len(_auditoria(head_engine)) == audited
    # When both exist: both are saved and audited, their séries untouched
    services.etapas.definir({a: _etapa(services, "5º ano"), b: _etapa(services, "Creche")})
    assert services.etapas.turmas_sem_etapa() == []
    assert [(r.nome, r.serie, r.etapa) for r in services.turmas.list()] == [
        ("4ª A", "4ª série", "5º ano"),
        ("Multi", "Multisseriada", "Creche"),
    ]
    assert [r[4] for r in _auditoria(head_engine)[audited:]] == [
        "Etapa da turma 4ª A (2026)",
        "Etapa da turma Multi (2026)",
    ]
    # Setting the same etapa again records nothing
    services.etapas.definir({a: _etapa(services, "5º ano")})
    assert len(_auditoria(head_engine)) == audited + 2


def test_an_etapa_in_use_cannot_be_deleted(services: Services, head_engine: Engine, ano: int) -> None:
    services.turmas.create(TurmaData(ano, "5º ano A", "5º ano", "matutino"))
    with pytest.raises(IntegrityError), head_engine.begin() as conn:
        conn.execute(text("DELETE FROM etapas WHERE nome = '5º ano'"))
    assert [r.etapa for r in services.turmas.list()] == ["5º ano"]
