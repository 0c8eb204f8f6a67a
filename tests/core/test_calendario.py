"""The calendar of an ano letivo (issue 14, "Calendar"): its span and the fallback rule, the
dias letivos and horas against LDB art. 24 I, the checks of its dates, and the dates of
enturmações, saídas and remanejamentos refused outside the year."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, text

from escola_gui.core import calendario as cal
from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.calendario import DiaNaoLetivoData
from escola_gui.core.errors import ValidationError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData

D = DiaNaoLetivoData


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _weekdays(inicio: date, fim: date) -> int:
    """Counted one day at a time: the slow and obvious way, to check the fast one."""
    return sum((inicio + timedelta(days=k)).weekday() < 5 for k in range((fim - inicio).days + 1))


# --- the span and its fallback ------------------------------------------------------------


def test_the_span_is_the_years_dates_else_the_periodos_else_the_calendar_year() -> None:
    bimestres = [(date(2026, 2, 9), date(2026, 4, 17)), (None, None), (date(2026, 9, 28), date(2026, 12, 11))]

    # The ano letivo's own dates win
    own = cal.periodo_letivo(2026, date(2026, 2, 3), date(2026, 12, 18), bimestres)
    assert (own.inicio, own.fim, own.proprio) == (date(2026, 2, 3), date(2026, 12, 18), True)
    # Without them, the períodos' (the first início, the last fim; a período without dates is skipped)
    from_periodos = cal.periodo_letivo(2026, None, None, bimestres)
    assert (from_periodos.inicio, from_periodos.fim, from_periodos.proprio) == (
        date(2026, 2, 9),
        date(2026, 12, 11),
        True,
    )
    # Each end on its own
    mixed = cal.periodo_letivo(2026, date(2026, 2, 3), None, bimestres)
    assert (mixed.inicio, mixed.fim) == (date(2026, 2, 3), date(2026, 12, 11))
    # Without either, the calendar year: good for the checks, not a calendar to count
    older_file = cal.periodo_letivo(2026, None, None, [(None, None)] * 4)
    assert (older_file.inicio, older_file.fim, older_file.proprio) == (date(2026, 1, 1), date(2026, 12, 31), False)
    assert cal.contagem(2026, None, None, 240) == cal.Contagem(2026, None, None, ())


# --- dias letivos and horas ----------------------------------------------------------------


def test_a_calendar_with_two_feriados() -> None:
    # Given 2026 from Tuesday 03/02 to Friday 18/12: 229 weekdays
    inicio, fim = date(2026, 2, 3), date(2026, 12, 18)
    assert _weekdays(inicio, fim) == 229
    # And two feriados: Tiradentes on a Tuesday, the Proclamação da República on a Sunday
    feriados = [date(2026, 4, 21), date(2026, 11, 15)]

    # Then only the weekday one is taken away: 228 dias letivos, 912 horas of a 4-hour day
    assert cal.dias_letivos(inicio, fim, feriados) == 228
    result = cal.contagem(2026, inicio, fim, 240, feriados)
    assert (result.dias, result.horas, result.avisos, result.curto) == (228, 912, (), False)
    # And without the school day's length the horas cannot be counted
    assert cal.contagem(2026, inicio, fim, None, feriados).horas is None
    # And a feriado outside the span takes nothing away
    assert cal.dias_letivos(inicio, fim, [date(2026, 12, 25), date(2026, 1, 1)]) == 229


def test_the_fast_count_is_the_slow_one_for_every_start_and_length() -> None:
    start = date(2026, 1, 1)
    for offset in range(7):
        for length in range(0, 40):
            inicio = start + timedelta(days=offset)
            fim = inicio + timedelta(days=length)
            assert cal.dias_letivos(inicio, fim) == _weekdays(inicio, fim), (inicio, fim)
    assert cal.dias_letivos(date(2026, 2, 3), date(2026, 2, 2)) == 0


def test_a_short_calendar_warns_in_the_secretarys_words() -> None:
    # Given 09/02 to 11/12/2026 (220 weekdays), a July recesso of 20 weekdays and 4 feriados on weekdays
    recesso = [date(2026, 7, 6) + timedelta(days=k) for k in range(26)]
    feriados = [date(2026, 4, 3), date(2026, 4, 21), date(2026, 6, 4), date(2026, 9, 7)]

    # When it is counted with a 4-hour school day
    result = cal.contagem(2026, date(2026, 2, 9), date(2026, 12, 11), 240, recesso + feriados)

    # Then it is short of both, and says so
    assert (result.dias, result.horas) == (196, 784)
    assert result.avisos == (
        "O calendário de 2026 tem 196 dias letivos; a LDB exige pelo menos 200.",
        "O calendário de 2026 tem 784 horas letivas; a LDB exige pelo menos 800.",
    )
    # And 799,5 horas are not 800: whole hours, rounded down
    half_short = cal.contagem(2026, date(2026, 2, 3), date(2026, 11, 16), 234)  # 205 dias × 3 h 54 = 799,5 h
    assert (half_short.dias, half_short.horas) == (205, 799)
    assert half_short.avisos == ("O calendário de 2026 tem 799 horas letivas; a LDB exige pelo menos 800.",)


# --- the checks of a calendar ---------------------------------------------------------------


def test_the_calendars_mistakes_are_refused_with_the_reason() -> None:
    def errors(**changes: object) -> dict[str, str]:
        values: dict[str, object] = {
            "ano": 2026,
            "data_inicio": date(2026, 2, 3),
            "data_fim": date(2026, 12, 18),
            "minutos_por_dia": 240,
            "dias": (),
            "periodos": (),
        }
        values.update(changes)
        return cal.validate_calendario(**values)  # type: ignore[arg-type]

    assert errors() == {}
    assert errors(data_inicio=None, data_fim=None) == {}  # an older file's year: no calendar yet
    assert errors(data_fim=date(2026, 2, 2)) == {
        "data_fim": "O fim do ano letivo (02/02/2026) não pode ser anterior ao início (03/02/2026)."
    }
    assert errors(data_inicio=date(2025, 12, 1)) == {
        "data_inicio": "O início do ano letivo de 2026 deve ser uma data de 2026."
    }
    assert errors(data_fim=date(2031, 12, 18))["data_fim"].startswith(
        "O fim do ano letivo de 2026 pode ir no máximo até 30/06/2027"
    )
    assert errors(data_fim=date(2027, 2, 26)) == {}  # a year that ran late, as 2020 did
    assert errors(data_fim=None) == {"data_fim": "Informe também o fim do ano letivo."}
    assert errors(data_inicio=None) == {"data_inicio": "Informe também o início do ano letivo."}
    assert errors(minutos_por_dia=0) and errors(minutos_por_dia=1441) and not errors(minutos_por_dia=1440)

    # The períodos: inside the year, in order, none overlapping the one before
    b1 = ("1º bimestre", date(2026, 2, 3), date(2026, 4, 17))
    b2 = ("2º bimestre", date(2026, 4, 20), date(2026, 7, 3))
    assert errors(periodos=(b1, b2, ("3º bimestre", None, None))) == {}
    assert errors(periodos=(("1º bimestre", date(2026, 2, 2), date(2026, 4, 17)), b2)) == {
        "data_inicio": "O 1º bimestre (02/02/2026 a 17/04/2026) fica fora do ano letivo (03/02/2026 a 18/12/2026)."
    }
    assert errors(periodos=(b1, ("2º bimestre", date(2026, 4, 17), date(2026, 7, 3)))) == {
        "periodos": "O 2º bimestre começa (17/04/2026) antes do fim do 1º bimestre (17/04/2026)."
    }
    assert errors(periodos=(("1º bimestre", date(2026, 4, 17), date(2026, 2, 3)),)) == {
        "periodos": "O 1º bimestre termina (03/02/2026) antes de começar (17/04/2026)."
    }

    # The dias não letivos: inside the year, once each, with a descrição and a known tipo
    assert errors(dias=(D(date(2026, 4, 21), "Tiradentes"), D(date(2026, 7, 13), "Recesso", "recesso"))) == {}
    assert errors(dias=(D(date(2027, 4, 21), "Tiradentes"),)) == {
        "dias_nao_letivos": "O dia não letivo 21/04/2027 está fora do ano letivo de 2026 (03/02/2026 a 18/12/2026)."
    }
    assert errors(dias=(D(date(2026, 4, 21), "Tiradentes"), D(date(2026, 4, 21), "Outro nome"))) == {
        "dias_nao_letivos": "O dia 21/04/2026 aparece mais de uma vez nos dias não letivos."
    }
    assert errors(dias=(D(date(2026, 4, 21), "   "),)) == {
        "dias_nao_letivos": "Informe a descrição do dia não letivo 21/04/2026."
    }
    assert "dias_nao_letivos" in errors(dias=(D(date(2026, 4, 21), "x" * 101),))
    assert "dias_nao_letivos" in errors(dias=(D(date(2026, 4, 21), "Tiradentes", "ponto facultativo"),))


# --- the service keeps the calendar --------------------------------------------------------


def test_the_ano_letivo_keeps_its_calendar_and_counts_it(services: Services, head_engine: Engine) -> None:
    # Given a 2026 ano letivo with its dates, a 4-hour day and two dias não letivos
    data = AnoLetivoData(
        ano=2026,
        data_inicio=date(2026, 2, 3),
        data_fim=date(2026, 12, 18),
        minutos_por_dia=240,
        dias_nao_letivos=(D(date(2026, 11, 15), " Proclamação  da República "), D(date(2026, 4, 21), "Tiradentes")),
    )
    ano = services.anos_letivos.create(data)

    # Then it reads back as typed (trimmed, by date) and counts 228 dias and 912 horas
    stored = services.anos_letivos.get(ano)
    assert (stored.data_inicio, stored.data_fim, stored.minutos_por_dia) == (
        date(2026, 2, 3),
        date(2026, 12, 18),
        240,
    )
    assert stored.dias_nao_letivos == (
        D(date(2026, 4, 21), "Tiradentes"),
        D(date(2026, 11, 15), "Proclamação da República"),
    )
    assert services.anos_letivos.contagem(ano) == cal.Contagem(2026, 228, 912, ())

    # When a day is removed, one changed and one added
    services.anos_letivos.update(
        ano,
        replace(
            stored,
            dias_nao_letivos=(
                D(date(2026, 4, 21), "Tiradentes", "feriado"),
                D(date(2026, 7, 13), "Recesso", "recesso"),
            ),
        ),
    )
    # Then the file holds exactly those; Tiradentes kept its row
    with head_engine.connect() as conn:
        rows = conn.execute(text("SELECT id, data, descricao, tipo FROM dias_nao_letivos ORDER BY data")).all()
    assert [tuple(r[1:]) for r in rows] == [
        ("2026-04-21", "Tiradentes", "feriado"),
        ("2026-07-13", "Recesso", "recesso"),
    ]
    assert services.anos_letivos.contagem(ano).dias == 227

    # And a mistake is refused before anything is written
    with pytest.raises(ValidationError) as error:
        services.anos_letivos.update(ano, replace(stored, data_fim=date(2026, 1, 10)))
    assert error.value.field == "data_fim"
    assert services.anos_letivos.get(ano).data_fim == date(2026, 12, 18)

    # And deleting the ano letivo takes its dias não letivos with it
    services.anos_letivos.delete(ano)
    with head_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM dias_nao_letivos")).scalar() == 0


def test_stored_periodos_must_fit_the_years_new_dates(services: Services, head_engine: Engine) -> None:
    # Given a 2026 ano letivo whose bimestres have dates (as the demo writes them)
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    with head_engine.begin() as conn:
        for numero, (inicio, fim) in enumerate(
            [("2026-02-09", "2026-04-17"), ("2026-04-20", "2026-07-03"), ("2026-07-27", "2026-09-25"),
             ("2026-09-28", "2026-12-11")], 1
        ):  # fmt: skip
            conn.execute(
                text("UPDATE periodos SET data_inicio = :i, data_fim = :f WHERE ano_letivo_id = :a AND numero = :n"),
                {"i": inicio, "f": fim, "a": ano, "n": numero},
            )
    # Then the span comes from them while the year has no dates of its own
    span = services.anos_letivos.periodo_letivo(ano)
    assert (span.inicio, span.fim) == (date(2026, 2, 9), date(2026, 12, 11))

    # And dates that cut the 4º bimestre are refused, naming it
    data = replace(services.anos_letivos.get(ano), data_inicio=date(2026, 2, 9), data_fim=date(2026, 12, 4))
    assert services.anos_letivos.validate(data, ano) == {
        "data_fim": "O 4º bimestre (28/09/2026 a 11/12/2026) fica fora do ano letivo (09/02/2026 a 04/12/2026)."
    }


# --- dates checked against the year ---------------------------------------------------------


@pytest.fixture
def turmas_2026(services: Services) -> tuple[int, int, int, int]:
    """A 2026 ano letivo from 03/02 to 18/12, two turmas, and two alunos: (ano, turma A, turma B, aluno)."""
    ano = services.anos_letivos.create(
        AnoLetivoData(ano=2026, data_inicio=date(2026, 2, 3), data_fim=date(2026, 12, 18))
    )
    a = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"))
    b = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"))
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    return ano, a, b, aluno


def test_an_enturmacao_on_01_01_2031_into_a_2026_turma_is_refused(
    services: Services, turmas_2026: tuple[int, int, int, int]
) -> None:
    # Given a 2026 turma (issue 14's reproduction)
    _ano, turma, _b, aluno = turmas_2026

    # When an aluno is put in it on 01/01/2031
    with pytest.raises(ValidationError) as error:
        services.turmas.enturmar(turma, [aluno], date(2031, 1, 1))

    # Then it is refused with the reason, and nothing is written
    assert error.value.field == "data_entrada"
    assert error.value.message == (
        "A data de entrada 01/01/2031 está fora do ano letivo de 2026 (03/02/2026 a 18/12/2026)."
    )
    assert services.turmas.roster(turma) == []
    # And so is the day before the year starts; its first and last days are accepted
    with pytest.raises(ValidationError, match="02/02/2026 está fora"):
        services.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    assert services.turmas.enturmar(turma, [aluno], date(2026, 2, 3))


def test_an_older_files_year_is_checked_against_the_calendar_year(services: Services) -> None:
    # Given a 2026 ano letivo without dates (an older file), whose períodos have none either
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"))
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))

    # Then 01/01/2031 is refused against 01/01 to 31/12/2026, and 01/01/2026 is accepted
    with pytest.raises(
        ValidationError, match=r"01/01/2031 está fora do ano letivo de 2026 \(01/01/2026 a 31/12/2026\)"
    ):
        services.turmas.enturmar(turma, [aluno], date(2031, 1, 1))
    assert services.turmas.enturmar(turma, [aluno], date(2026, 1, 1))


def test_a_saida_and_a_remanejamento_outside_the_year_are_refused(
    services: Services, turmas_2026: tuple[int, int, int, int]
) -> None:
    # Given Ana in the 6º ano A since 10/02/2026
    _ano, turma_a, turma_b, aluno = turmas_2026
    (enturmacao,) = services.turmas.enturmar(turma_a, [aluno], date(2026, 2, 10))

    # When she is transferred on 05/01/2027, after the year ended
    with pytest.raises(ValidationError) as error:
        services.turmas.mudar_situacao(
            [enturmacao],
            Situacao.TRANSFERIDO,
            "Mudou de cidade",
            date(2027, 1, 5),
            EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
        )
    # Then it is refused, and she is still in the turma
    assert (error.value.field, error.value.message) == (
        "data_saida",
        "A data de saída 05/01/2027 está fora do ano letivo de 2026 (03/02/2026 a 18/12/2026).",
    )
    assert services.turmas.enturmacao(enturmacao).ativa

    # When she is remanejada on 19/12/2026
    with pytest.raises(ValidationError) as error:
        services.turmas.remanejar(enturmacao, turma_b, date(2026, 12, 19), "Troca de turno")
    assert (error.value.field, error.value.message) == (
        "data_saida",
        "A data da mudança 19/12/2026 está fora do ano letivo de 2026 (03/02/2026 a 18/12/2026).",
    )
    assert services.turmas.roster(turma_b) == []

    # And inside the year both go through
    services.turmas.remanejar(enturmacao, turma_b, date(2026, 12, 18), "Troca de turno")
    (nova,) = [r.id for r in services.turmas.roster(turma_b)]
    services.turmas.mudar_situacao(
        [nova],
        Situacao.TRANSFERIDO,
        "Mudou de cidade",
        date(2026, 12, 18),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )
    assert services.turmas.enturmacao(nova).data_saida == date(2026, 12, 18)


def test_existing_dates_outside_the_year_are_left_as_they_are(
    services: Services, turmas_2026: tuple[int, int, int, int], head_engine: Engine
) -> None:
    # Given an enturmação written before the year had dates, now outside them
    _ano, turma, _b, aluno = turmas_2026
    (enturmacao,) = services.turmas.enturmar(turma, [aluno], date(2026, 2, 10))
    with head_engine.begin() as conn:
        conn.execute(text("UPDATE enturmacoes SET data_entrada = '2026-01-05' WHERE id = :e"), {"e": enturmacao})

    # Then it is read as it is, and an unrelated change of situação still goes through
    assert services.turmas.enturmacao(enturmacao).data_entrada == date(2026, 1, 5)
    services.turmas.mudar_situacao([enturmacao], Situacao.APROVADO, "Conselho de classe")
    assert services.turmas.enturmacao(enturmacao).situacao is Situacao.APROVADO


# --- dias não letivos from a spreadsheet -----------------------------------------------------


def test_dias_nao_letivos_are_read_from_a_csv_with_the_reason_for_each_line_left_out(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from escola_gui.core.importacao.calendario import ler_dias_nao_letivos

    # Given the municipal calendar as a secretaria receives it, with mistakes in it
    path = tmp_path / "calendario.csv"
    path.write_text(
        "Data;Descrição;Tipo\n"
        "21/04/2026;Tiradentes;Feriado\n"
        "13/07/2026;Recesso escolar;recesso\n"
        "2026-06-04;  Corpus   Christi ;\n"
        "31/02/2026;Não existe;\n"
        "dia 12;Sem data;\n"
        "15/10/2026;;\n"
        "\n"
        "21/04/2026;Tiradentes de novo;\n"
        "20/11/2026;Consciência Negra;ponto facultativo\n",
        encoding="utf-8",
    )

    # When it is read
    lidos = ler_dias_nao_letivos(path)

    # Then the good lines come by date, tipos read, and each other line says why it was left out
    assert lidos.dias == (
        D(date(2026, 4, 21), "Tiradentes", "feriado"),
        D(date(2026, 6, 4), "Corpus Christi", "feriado"),
        D(date(2026, 7, 13), "Recesso escolar", "recesso"),
        D(date(2026, 11, 20), "Consciência Negra", "outro"),
    )
    assert lidos.problemas == (
        "Linha 5: a data 31/02/2026 não existe.",
        "Linha 6: “dia 12” não é uma data; escreva como 21/04/2026.",
        "Linha 7: falta a descrição do dia 15/10/2026.",
        "Linha 9: o dia 21/04/2026 já apareceu na linha 2.",
    )


def test_dias_nao_letivos_are_read_from_an_xlsx_and_from_a_csv_without_header(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from escola_gui.core.importacao.calendario import ler_dias_nao_letivos
    from escola_gui.core.planilhas import write_table

    xlsx = write_table(
        tmp_path / "feriados.xlsx",
        ["Dia", "Feriado", "Tipo"],
        [[date(2026, 9, 7), "Independência", None], [None, None, None], [date(2026, 10, 15), None, "outro"]],
    )
    lidos = ler_dias_nao_letivos(xlsx)
    assert lidos.dias == (D(date(2026, 9, 7), "Independência"),)
    assert lidos.problemas == ("Linha 4: falta a descrição do dia 15/10/2026.",)
    bare = tmp_path / "sem_cabecalho.csv"
    bare.write_text("12/10/2026;Nossa Senhora Aparecida\n02/11/2026;Finados\n", encoding="utf-8")
    lidos = ler_dias_nao_letivos(bare)
    assert [d.data for d in lidos.dias] == [date(2026, 10, 12), date(2026, 11, 2)] and lidos.problemas == ()
