"""Worked examples and properties of the evaluation rules: notas, média, frequência, situação."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from escola_gui.core import avaliacao as av
from escola_gui.core.avaliacao import (
    FormulaMedia,
    RegraAvaliacao,
    RegraRecuperacao,
    Situacao,
    SituacaoManual,
)
from escola_gui.core.errors import ValidationError

D = Decimal


def _notas(*values: str) -> dict[int, Decimal]:
    """``_notas("5", "6")`` → ``{1: Decimal("5"), 2: Decimal("6")}``: períodos numbered from 1."""
    return {i: D(v) for i, v in enumerate(values, start=1)}


# --- parse_nota -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "nota"),
    [
        ("7,5", "7.5"),
        ("7.5", "7.5"),
        (" 7,5 ", "7.5"),
        (7.5, "7.5"),
        (D("7.5"), "7.5"),
        ("7", "7.0"),
        (7, "7.0"),
        ("7,50", "7.5"),  # a trailing zero is the same nota
        ("0", "0.0"),
        ("10", "10.0"),
        ("10,0", "10.0"),
        (0.1, "0.1"),
    ],
)
def test_parse_nota_accepts_comma_dot_and_numbers(typed: object, nota: str) -> None:
    parsed = av.parse_nota(typed)  # type: ignore[arg-type]
    assert parsed == D(nota)
    assert parsed.as_tuple().exponent == -1  # always exactly one decimal place


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", av.NOTA_OBRIGATORIA),
        ("   ", av.NOTA_OBRIGATORIA),
        (None, av.NOTA_OBRIGATORIA),
        ("10,1", av.NOTA_FORA_DA_FAIXA),
        ("11", av.NOTA_FORA_DA_FAIXA),
        (D("-0.1"), av.NOTA_FORA_DA_FAIXA),
        (-1, av.NOTA_FORA_DA_FAIXA),
        ("7,55", av.NOTA_CASAS_DECIMAIS),
        (7.25, av.NOTA_CASAS_DECIMAIS),
        (0.1 + 0.2, av.NOTA_CASAS_DECIMAIS),  # 0.30000000000000004: not silently rounded
        ("-1", av.NOTA_INVALIDA),
        ("sete", av.NOTA_INVALIDA),
        ("7,5,0", av.NOTA_INVALIDA),
        ("1.000,0", av.NOTA_INVALIDA),
        ("7e0", av.NOTA_INVALIDA),
        ("NaN", av.NOTA_INVALIDA),
        (D("NaN"), av.NOTA_INVALIDA),
        (float("inf"), av.NOTA_INVALIDA),
        (True, av.NOTA_INVALIDA),
    ],
)
def test_parse_nota_rejects_with_a_portuguese_message(typed: object, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        av.parse_nota(typed)  # type: ignore[arg-type]
    assert caught.value.field == "nota"
    assert caught.value.message == message
    assert av.validate_nota(typed) == message  # type: ignore[arg-type]


def test_format_nota_uses_the_brazilian_comma() -> None:
    assert av.format_nota(D("7.5")) == "7,5"
    assert av.format_nota(D("10")) == "10,0"
    assert av.format_nota(None) == ""


notas_validas = st.integers(min_value=0, max_value=100).map(lambda tenths: D(tenths) / 10)


@given(notas_validas)
def test_parse_nota_round_trips_through_text_and_number(nota: Decimal) -> None:
    text = av.format_nota(nota)
    assert av.parse_nota(text) == nota
    assert av.parse_nota(text.replace(",", ".")) == nota
    assert av.parse_nota(float(nota)) == nota
    assert av.parse_nota(nota) == nota
    assert av.format_nota(av.parse_nota(text)) == text


# --- rounding ---------------------------------------------------------------------------


def test_rounding_is_half_up_not_bankers() -> None:
    assert av.arredondar(D("6.25")) == D("6.3")  # round() would give 6.2
    assert av.arredondar(D("6.35")) == D("6.4")
    assert av.arredondar(D("6.24")) == D("6.2")
    assert av.arredondar(D("5.95")) == D("6.0")


def test_media_595_rounds_up_to_a_passing_60() -> None:
    # 6,0 + 6,0 + 6,0 + 5,8 = 23,8 / 4 = 5,95 → 6,0 (float round(5.95, 1) gives 5.9)
    regra = RegraAvaliacao()
    media = av.calcular_media(_notas("6.0", "6.0", "6.0", "5.8"), regra)
    assert media == D("6.0")
    assert av.situacao_final(media, 100, 0, regra).calculada is Situacao.APROVADO


def test_a_school_that_truncates_can_say_so() -> None:
    regra = RegraAvaliacao(arredondamento=ROUND_DOWN)
    assert av.calcular_media(_notas("6.0", "6.0", "6.0", "5.8"), regra) == D("5.9")


# --- regra de avaliação -----------------------------------------------------------------


def test_regra_defaults() -> None:
    regra = RegraAvaliacao()
    assert regra.formula is FormulaMedia.ARITMETICA
    assert regra.quantidade_periodos == 4
    assert regra.media_aprovacao == D("6.0")
    assert regra.frequencia_minima == D(75)
    assert regra.recuperacao is None


def test_regra_is_frozen_and_stores_decimals() -> None:
    regra = RegraAvaliacao(formula=FormulaMedia.PONDERADA, pesos=[1, "1", 2, D(2)], media_aprovacao="5")  # type: ignore[arg-type]
    assert regra.pesos == (D(1), D(1), D(2), D(2))
    assert regra.media_aprovacao == D("5.0")
    with pytest.raises(AttributeError):
        regra.media_aprovacao = D(7)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"formula": FormulaMedia.PONDERADA}, "pesos", av.PESOS_INVALIDOS),
        ({"formula": FormulaMedia.PONDERADA, "pesos": (1, 1, 2)}, "pesos", av.PESOS_INVALIDOS),
        ({"formula": FormulaMedia.PONDERADA, "pesos": (1, 1, 2, 0)}, "pesos", av.PESOS_INVALIDOS),
        ({"formula": FormulaMedia.PONDERADA, "pesos": (1, 1, 2, "x")}, "pesos", av.PESOS_INVALIDOS),
        ({"quantidade_periodos": 0}, "quantidade_periodos", av.QUANTIDADE_PERIODOS_INVALIDA),
        ({"media_aprovacao": D("10.5")}, "media_aprovacao", av.MEDIA_APROVACAO_INVALIDA),
        ({"media_aprovacao": D("6.25")}, "media_aprovacao", av.MEDIA_APROVACAO_INVALIDA),
        ({"frequencia_minima": 101}, "frequencia_minima", av.FREQUENCIA_MINIMA_INVALIDA),
        ({"frequencia_minima": -1}, "frequencia_minima", av.FREQUENCIA_MINIMA_INVALIDA),
    ],
)
def test_inconsistent_regras_are_rejected(kwargs: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        RegraAvaliacao(**kwargs)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.message) == (field, message)


def test_enums_have_portuguese_labels() -> None:
    assert Situacao.REPROVADO_POR_FALTAS.label == "Reprovado por faltas"
    assert Situacao.APROVADO.label == "Aprovado"
    assert FormulaMedia.PONDERADA.label == "Média ponderada"
    assert all(s.label for s in Situacao)
    assert all(r.label for r in RegraRecuperacao)


# --- média ------------------------------------------------------------------------------


def test_arithmetic_media_5_6_7_8_is_65_and_aprovado() -> None:
    regra = RegraAvaliacao()
    media = av.calcular_media(_notas("5.0", "6.0", "7.0", "8.0"), regra)
    assert media == D("6.5")
    assert av.situacao_final(media, 200, 10, regra).calculada is Situacao.APROVADO


def test_weighted_media_with_pesos_1_1_2_2() -> None:
    # (5×1 + 6×1 + 7×2 + 8×2) / 6 = 41 / 6 = 6,8333… → 6,8
    regra = RegraAvaliacao(formula=FormulaMedia.PONDERADA, pesos=(1, 1, 2, 2))
    assert av.calcular_media(_notas("5.0", "6.0", "7.0", "8.0"), regra) == D("6.8")


def test_arithmetic_media_of_three_trimestres_rounds_a_repeating_decimal() -> None:
    # 6 + 6 + 7 = 19 / 3 = 6,333… → 6,3 and 6 + 7 + 7 = 20 / 3 = 6,666… → 6,7
    regra = RegraAvaliacao(quantidade_periodos=3)
    assert av.calcular_media(_notas("6", "6", "7"), regra) == D("6.3")
    assert av.calcular_media(_notas("6", "7", "7"), regra) == D("6.7")


def test_media_is_none_while_a_periodo_has_no_nota() -> None:
    regra = RegraAvaliacao()
    assert av.calcular_media(_notas("5.0", "6.0", "7.0"), regra) is None
    assert av.calcular_media({1: D(5), 2: None, 3: D(7), 4: D(8)}, regra) is None
    assert av.calcular_media({}, regra) is None
    assert av.situacao_final(None, 100, 0, regra).calculada is Situacao.CURSANDO


def test_a_periodo_outside_the_regra_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="1..4"):
        av.calcular_media({0: D(5), 1: D(5), 2: D(5), 3: D(5)}, RegraAvaliacao())


def test_an_invalid_nota_in_the_diario_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        av.calcular_media(_notas("5", "6", "7", "11"), RegraAvaliacao())
    assert caught.value.message == av.NOTA_FORA_DA_FAIXA


# --- recuperação ------------------------------------------------------------------------


def test_recuperacao_8_replaces_the_lowest_nota_5() -> None:
    # 5,0 6,0 7,0 8,0 → 8,0 6,0 7,0 8,0: 29 / 4 = 7,25 → 7,3 (half up)
    regra = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MENOR_NOTA)
    assert av.calcular_media(_notas("5.0", "6.0", "7.0", "8.0"), regra, [D("8.0")]) == D("7.3")


def test_a_lower_recuperacao_changes_nothing() -> None:
    regra = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MENOR_NOTA)
    assert av.calcular_media(_notas("5.0", "6.0", "7.0", "8.0"), regra, [D("4.0")]) == D("6.5")


def test_two_recuperacoes_replace_the_two_lowest_notas_highest_first() -> None:
    # 3 and 4 are the lowest; 9 replaces 3, 5 replaces 4: 9 + 5 + 7 + 8 = 29 / 4 → 7,3
    regra = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MENOR_NOTA)
    notas = _notas("4", "3", "7", "8")
    assert av.calcular_media(notas, regra, [D(5), D(9)]) == D("7.3")
    assert av.calcular_media(notas, regra, [D(9), D(5)]) == D("7.3")  # order does not matter


def test_recuperacao_replaces_the_lowest_nota_before_weighting() -> None:
    # pesos 1 1 2 2: 8,0 replaces the 5,0 of the first período → (8 + 6 + 14 + 16) / 6 = 7,33… → 7,3
    regra = RegraAvaliacao(
        formula=FormulaMedia.PONDERADA, pesos=(1, 1, 2, 2), recuperacao=RegraRecuperacao.SUBSTITUI_MENOR_NOTA
    )
    assert av.calcular_media(_notas("5", "6", "7", "8"), regra, [D(8)]) == D("7.3")


def test_recuperacao_final_replaces_the_media_when_higher() -> None:
    # 4 + 5 + 5 + 4 = 18 / 4 = 4,5
    regra = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MEDIA)
    notas = _notas("4", "5", "5", "4")
    assert av.calcular_media(notas, regra) == D("4.5")
    assert av.calcular_media(notas, regra, [D("6.5")]) == D("6.5")
    assert av.calcular_media(notas, regra, [D("3.0")]) == D("4.5")
    assert av.situacao_final(D("6.5"), 100, 0, regra).calculada is Situacao.APROVADO


def test_recuperacao_without_its_rule_or_too_many_are_rejected() -> None:
    notas = _notas("4", "5", "5", "4")
    with pytest.raises(ValidationError) as caught:
        av.calcular_media(notas, RegraAvaliacao(), [D(7)])
    assert caught.value.message == av.RECUPERACAO_NAO_PREVISTA
    with pytest.raises(ValidationError) as caught:
        av.calcular_media(notas, RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MEDIA), [D(7), D(8)])
    assert caught.value.message == av.RECUPERACAO_FINAL_UNICA
    with pytest.raises(ValidationError) as caught:
        av.calcular_media(notas, RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MENOR_NOTA), [D(7)] * 5)
    assert caught.value.message == av.RECUPERACOES_DEMAIS


def test_recuperacao_does_not_complete_a_missing_periodo() -> None:
    regra = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MENOR_NOTA)
    assert av.calcular_media(_notas("5", "6", "7"), regra, [D(8)]) is None


# --- média: properties ------------------------------------------------------------------

quatro_notas = st.lists(notas_validas, min_size=4, max_size=4)
pesos = st.lists(st.integers(min_value=1, max_value=5), min_size=4, max_size=4)


@given(quatro_notas)
def test_arithmetic_media_lies_between_the_lowest_and_highest_nota(notas: list[Decimal]) -> None:
    media = av.calcular_media(dict(enumerate(notas, start=1)), RegraAvaliacao())
    assert media is not None
    assert min(notas) <= media <= max(notas)
    assert abs(media - sum(notas) / 4) <= D("0.05")


@given(quatro_notas, pesos)
def test_weighted_media_lies_between_the_lowest_and_highest_nota(notas: list[Decimal], ps: list[int]) -> None:
    regra = RegraAvaliacao(formula=FormulaMedia.PONDERADA, pesos=tuple(ps))
    media = av.calcular_media(dict(enumerate(notas, start=1)), regra)
    assert media is not None
    assert min(notas) <= media <= max(notas)


@given(quatro_notas, st.lists(notas_validas, max_size=4), st.sampled_from(list(RegraRecuperacao)))
def test_recuperacao_never_lowers_the_media(
    notas: list[Decimal], recs: list[Decimal], regra_rec: RegraRecuperacao
) -> None:
    if regra_rec is RegraRecuperacao.SUBSTITUI_MEDIA:
        recs = recs[:1]
    regra = RegraAvaliacao(recuperacao=regra_rec)
    por_periodo = dict(enumerate(notas, start=1))
    sem = av.calcular_media(por_periodo, regra)
    if regra_rec is RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO:
        com = av.calcular_media(por_periodo, regra, dict(enumerate(recs, start=1)))
    else:
        com = av.calcular_media(por_periodo, regra, recs)
    assert sem is not None and com is not None
    assert sem <= com <= max([*notas, *recs])


# --- frequência -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aulas", "faltas", "percentual"),
    [
        (200, 0, "100.0"),
        (200, 50, "75.0"),
        (1000, 251, "74.9"),
        (2500, 626, "74.9"),  # 74,96 %: truncated, never shown as a passing 75,0 %
        (3, 1, "66.6"),
        (200, 200, "0.0"),
        (0, 0, "100.0"),  # no aulas dadas: nothing was missed
    ],
)
def test_percentual_frequencia(aulas: int, faltas: int, percentual: str) -> None:
    assert av.percentual_frequencia(aulas, faltas) == D(percentual)


@pytest.mark.parametrize(
    ("aulas", "faltas", "message"),
    [
        (10, 11, av.FALTAS_MAIORES_QUE_AULAS),
        (0, 1, av.FALTAS_MAIORES_QUE_AULAS),
        (-1, 0, av.AULAS_INVALIDAS),
        (10, -1, av.AULAS_INVALIDAS),
    ],
)
def test_impossible_frequencias_are_rejected(aulas: int, faltas: int, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        av.percentual_frequencia(aulas, faltas)
    assert caught.value.message == message


def test_749_percent_is_reprovado_por_faltas_even_with_media_9() -> None:
    regra = RegraAvaliacao()
    assert av.percentual_frequencia(1000, 251) == D("74.9")
    resultado = av.situacao_final(D("9.0"), 1000, 251, regra)
    assert resultado.calculada is Situacao.REPROVADO_POR_FALTAS
    assert resultado.efetiva is Situacao.REPROVADO_POR_FALTAS


def test_exactly_75_percent_passes_and_7496_does_not() -> None:
    regra = RegraAvaliacao()
    assert av.situacao_final(D("9.0"), 200, 50, regra).calculada is Situacao.APROVADO
    assert av.situacao_final(D("9.0"), 2500, 626, regra).calculada is Situacao.REPROVADO_POR_FALTAS


@given(st.integers(min_value=1, max_value=5000), st.data())
def test_shown_frequencia_agrees_with_the_decision(aulas: int, data: st.DataObject) -> None:
    faltas = data.draw(st.integers(min_value=0, max_value=aulas))
    regra = RegraAvaliacao()
    shown = av.percentual_frequencia(aulas, faltas)
    assert D(0) <= shown <= D(100)
    assert (shown >= regra.frequencia_minima) == av.frequencia_suficiente(aulas, faltas, regra)


# --- situação ---------------------------------------------------------------------------


def test_media_below_the_passing_mark_is_retido() -> None:
    regra = RegraAvaliacao()
    assert av.situacao_final(D("5.9"), 100, 0, regra).calculada is Situacao.RETIDO
    assert av.situacao_final(D("6.0"), 100, 0, regra).calculada is Situacao.APROVADO


def test_override_with_blank_motivo_is_rejected() -> None:
    for motivo in ("", "   ", "\n\t"):
        with pytest.raises(ValidationError) as caught:
            SituacaoManual(Situacao.APROVADO, motivo)
        assert (caught.value.field, caught.value.message) == ("motivo", av.MOTIVO_OBRIGATORIO)


def test_override_keeps_the_computed_situacao_visible() -> None:
    regra = RegraAvaliacao()
    manual = SituacaoManual(Situacao.APROVADO, "  Aprovado pelo conselho de classe   em 12/12. ")
    resultado = av.situacao_final(D("5.5"), 100, 0, regra, manual)
    assert resultado.calculada is Situacao.RETIDO
    assert resultado.efetiva is Situacao.APROVADO
    assert resultado.alterada_manualmente
    assert resultado.manual is not None
    assert resultado.manual.motivo == "Aprovado pelo conselho de classe em 12/12."


def test_without_override_the_effective_situacao_is_the_computed_one() -> None:
    resultado = av.situacao_final(D("7.0"), 100, 0, RegraAvaliacao())
    assert resultado.efetiva is resultado.calculada is Situacao.APROVADO
    assert not resultado.alterada_manualmente


def test_transferido_comes_only_from_an_override() -> None:
    manual = SituacaoManual(Situacao.TRANSFERIDO, "Transferido para a E.E. Castro Alves em 03/05.")
    resultado = av.situacao_final(None, 40, 2, RegraAvaliacao(), manual)
    assert resultado.calculada is Situacao.CURSANDO
    assert resultado.efetiva is Situacao.TRANSFERIDO


def _disciplina(notas: tuple[str, ...], aulas: int, faltas: int, **kwargs: object) -> av.DesempenhoDisciplina:
    return av.DesempenhoDisciplina(_notas(*notas), aulas, faltas, **kwargs)  # type: ignore[arg-type]


def test_situacao_final_disciplina_reports_media_frequencia_and_situacao() -> None:
    resultado = av.situacao_final_disciplina(_disciplina(("5", "6", "7", "8"), 160, 20), RegraAvaliacao())
    assert resultado.media == D("6.5")
    assert resultado.frequencia == D("87.5")
    assert resultado.situacao.calculada is Situacao.APROVADO


def test_aluno_frequencia_is_over_the_total_aulas_not_the_average_of_percentages() -> None:
    # Matemática 100 aulas, 40 faltas (60 %); Português 300 aulas, 50 faltas (83,3 %).
    # The average of the percentages is 71,7 %, but 90 faltas in 400 aulas is 77,5 %: aprovado.
    regra = RegraAvaliacao()
    resultado = av.situacao_final_aluno(
        [_disciplina(("7", "7", "7", "7"), 100, 40), _disciplina(("8", "8", "8", "8"), 300, 50)], regra
    )
    assert (resultado.aulas_dadas, resultado.faltas, resultado.frequencia) == (400, 90, D("77.5"))
    assert resultado.situacao.calculada is Situacao.APROVADO
    # The disciplina's own frequência still shows in its own result.
    assert resultado.disciplinas[0].situacao.calculada is Situacao.REPROVADO_POR_FALTAS


def test_aluno_reprovado_por_faltas_over_the_total_even_with_good_medias() -> None:
    # 90 % and 70 % per disciplina, but 110 faltas in 400 aulas is 72,5 %
    regra = RegraAvaliacao()
    resultado = av.situacao_final_aluno(
        [_disciplina(("9", "9", "9", "9"), 100, 10), _disciplina(("9", "9", "9", "9"), 300, 100)], regra
    )
    assert resultado.frequencia == D("72.5")
    assert resultado.situacao.calculada is Situacao.REPROVADO_POR_FALTAS


def test_aluno_retido_when_one_disciplina_is_below_the_passing_mark() -> None:
    regra = RegraAvaliacao()
    desempenhos = [_disciplina(("9", "9", "9", "9"), 100, 0), _disciplina(("5", "5", "6", "6"), 100, 0)]
    assert av.situacao_final_aluno(desempenhos, regra).situacao.calculada is Situacao.RETIDO


def test_aluno_cursando_while_a_disciplina_is_incomplete() -> None:
    regra = RegraAvaliacao()
    desempenhos = [_disciplina(("9", "9", "9", "9"), 100, 0), _disciplina(("5", "5", "6"), 75, 6)]
    assert av.situacao_final_aluno(desempenhos, regra).situacao.calculada is Situacao.CURSANDO
    # With the faltas so far below the minimum, the year still runs: a warning, not a verdict
    desempenhos = [_disciplina(("9", "9", "9", "9"), 100, 0), _disciplina(("5", "5", "6"), 75, 60)]
    assert av.situacao_final_aluno(desempenhos, regra).situacao.calculada is Situacao.FREQUENCIA_BAIXA_ATE_AGORA
    assert av.situacao_final_aluno([], regra).situacao.calculada is Situacao.CURSANDO


def test_conselho_de_classe_approving_a_disciplina_approves_the_aluno() -> None:
    regra = RegraAvaliacao()
    conselho = SituacaoManual(Situacao.APROVADO, "Aprovado pelo conselho de classe.")
    desempenhos = [
        _disciplina(("9", "9", "9", "9"), 100, 0),
        _disciplina(("5", "5", "6", "6"), 100, 0, manual=conselho),
    ]
    resultado = av.situacao_final_aluno(desempenhos, regra)
    assert resultado.disciplinas[1].situacao.calculada is Situacao.RETIDO
    assert resultado.disciplinas[1].situacao.efetiva is Situacao.APROVADO
    assert resultado.situacao.calculada is Situacao.APROVADO


def test_aluno_override_keeps_the_computed_situacao() -> None:
    regra = RegraAvaliacao()
    manual = SituacaoManual(Situacao.ABANDONO, "Deixou de frequentar a partir de agosto.")
    resultado = av.situacao_final_aluno([_disciplina(("5", "5"), 80, 50)], regra, manual)
    assert resultado.situacao.calculada is Situacao.FREQUENCIA_BAIXA_ATE_AGORA
    assert not resultado.situacao.provisoria  # the manual situação is what shows
    assert resultado.situacao.efetiva is Situacao.ABANDONO


# --- final or provisional: no verdict before the year ends ------------------------------

SO_O_1O_BIMESTRE = frozenset({1})
TODOS = frozenset({1, 2, 3, 4})
COM_REC_FINAL = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MEDIA)
COM_REC_POR_PERIODO = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MENOR_NOTA)


def test_faltas_of_the_first_bimestre_only_give_no_verdict_in_a_running_year() -> None:
    # Every nota is in, but only the 1º bimestre's frequência: 12 faltas in 40 aulas (70 %)
    parcial = _disciplina(("9", "9", "9", "9"), 40, 12, periodos_com_frequencia=SO_O_1O_BIMESTRE)
    resultado = av.situacao_final_disciplina(parcial, RegraAvaliacao())
    assert resultado.frequencia == D("70.0")  # over the aulas given so far, not the year's
    assert resultado.situacao.calculada is Situacao.FREQUENCIA_BAIXA_ATE_AGORA
    assert not resultado.situacao.definitiva and resultado.situacao.provisoria
    assert Situacao.FREQUENCIA_BAIXA_ATE_AGORA.label == "Em risco por faltas"
    aluno = av.situacao_final_aluno([parcial], RegraAvaliacao())
    assert aluno.situacao.calculada is Situacao.FREQUENCIA_BAIXA_ATE_AGORA and aluno.situacao.provisoria

    # The same numbers, with few faltas so far: still cursando
    poucas = _disciplina(("9", "9", "9", "9"), 40, 2, periodos_com_frequencia=SO_O_1O_BIMESTRE)
    assert av.situacao_final_disciplina(poucas, RegraAvaliacao()).situacao.calculada is Situacao.CURSANDO
    # Notas missing and faltas high so far: the frequência warns, the média is not there yet
    sem_notas = _disciplina(("9",), 40, 12, periodos_com_frequencia=SO_O_1O_BIMESTRE)
    situacao = av.situacao_final_disciplina(sem_notas, RegraAvaliacao()).situacao
    assert situacao.calculada is Situacao.FREQUENCIA_BAIXA_ATE_AGORA


def test_a_closed_year_gives_the_final_verdict_with_what_was_entered() -> None:
    parcial = _disciplina(("9", "9", "9", "9"), 40, 12, periodos_com_frequencia=SO_O_1O_BIMESTRE)
    resultado = av.situacao_final_disciplina(parcial, RegraAvaliacao(), ano_encerrado=True)
    assert resultado.situacao.calculada is Situacao.REPROVADO_POR_FALTAS and resultado.situacao.definitiva
    aluno = av.situacao_final_aluno([parcial], RegraAvaliacao(), ano_encerrado=True)
    assert aluno.situacao.calculada is Situacao.REPROVADO_POR_FALTAS and not aluno.situacao.provisoria

    baixa = _disciplina(("5", "5", "5", "5"), 160, 0, periodos_com_frequencia=TODOS)
    resultado = av.situacao_final_disciplina(baixa, COM_REC_FINAL, ano_encerrado=True)
    assert resultado.situacao.calculada is Situacao.RETIDO  # the recuperação never came


def test_notas_below_the_average_wait_for_the_recuperacao_final() -> None:
    baixa = _disciplina(("5", "5", "5", "5"), 160, 0, periodos_com_frequencia=TODOS)
    resultado = av.situacao_final_disciplina(baixa, COM_REC_FINAL)
    assert resultado.media == D("5.0")
    assert resultado.situacao.calculada is Situacao.EM_RECUPERACAO and resultado.situacao.provisoria
    assert Situacao.EM_RECUPERACAO.label == "Em recuperação"
    assert av.situacao_final_aluno([baixa], COM_REC_FINAL).situacao.calculada is Situacao.EM_RECUPERACAO

    # Once the recuperação final is entered, everything is: the verdict is final
    insuficiente = _disciplina(("5", "5", "5", "5"), 160, 0, recuperacoes=(D("4"),), periodos_com_frequencia=TODOS)
    resultado = av.situacao_final_disciplina(insuficiente, COM_REC_FINAL)
    assert resultado.situacao.calculada is Situacao.RETIDO and resultado.situacao.definitiva
    suficiente = _disciplina(("5", "5", "5", "5"), 160, 0, recuperacoes=(D("7"),), periodos_com_frequencia=TODOS)
    assert av.situacao_final_disciplina(suficiente, COM_REC_FINAL).situacao.calculada is Situacao.APROVADO

    # Without a recuperação in the rule, nothing is to come: complete notas and faltas are final
    sem_rec = av.situacao_final_disciplina(baixa, RegraAvaliacao())
    assert sem_rec.situacao.calculada is Situacao.RETIDO and sem_rec.situacao.definitiva
    # Faltas so far below the minimum come before the recuperação
    faltas = _disciplina(("5", "5", "5", "5"), 80, 30, periodos_com_frequencia=frozenset({1, 2}))
    situacao = av.situacao_final_disciplina(faltas, COM_REC_FINAL).situacao
    assert situacao.calculada is Situacao.FREQUENCIA_BAIXA_ATE_AGORA
    # ... and once every período's faltas are in, a frequência below the minimum is final at once
    todas = _disciplina(("5", "5", "5", "5"), 160, 60, periodos_com_frequencia=TODOS)
    situacao = av.situacao_final_disciplina(todas, COM_REC_FINAL).situacao
    assert situacao.calculada is Situacao.REPROVADO_POR_FALTAS and situacao.definitiva


def test_recuperacao_per_periodo_waits_for_the_last_periodo() -> None:
    baixa = _disciplina(
        ("5", "5", "5", "5"),
        160,
        0,
        recuperacoes=(D("6"),),
        periodos_com_frequencia=TODOS,
        periodos_com_recuperacao=frozenset({1}),
    )
    resultado = av.situacao_final_disciplina(baixa, COM_REC_POR_PERIODO)
    assert resultado.media == D("5.3")
    assert resultado.situacao.calculada is Situacao.EM_RECUPERACAO
    ultima = _disciplina(
        ("5", "5", "5", "5"),
        160,
        0,
        recuperacoes=(D("6"), D("5.5")),
        periodos_com_frequencia=TODOS,
        periodos_com_recuperacao=frozenset({1, 4}),
    )
    resultado = av.situacao_final_disciplina(ultima, COM_REC_POR_PERIODO)
    assert resultado.situacao.calculada is Situacao.RETIDO and resultado.situacao.definitiva


def test_the_aluno_is_final_only_when_every_disciplina_is() -> None:
    completa = _disciplina(("9", "9", "9", "9"), 160, 0, periodos_com_frequencia=TODOS)
    em_recuperacao = _disciplina(("5", "5", "5", "5"), 160, 0, periodos_com_frequencia=TODOS)
    resultado = av.situacao_final_aluno([completa, em_recuperacao], COM_REC_FINAL)
    assert [r.situacao.definitiva for r in resultado.disciplinas] == [True, False]
    assert resultado.situacao.calculada is Situacao.EM_RECUPERACAO and resultado.situacao.provisoria
    assert av.situacao_final_aluno([completa], COM_REC_FINAL).situacao.calculada is Situacao.APROVADO
    assert av.situacao_final_aluno([], COM_REC_FINAL).situacao.calculada is Situacao.CURSANDO
    # A situação set by hand shows instead, and is not provisional
    manual = SituacaoManual(Situacao.TRANSFERIDO, "Mudou de cidade")
    transferido = av.situacao_final_aluno([em_recuperacao], COM_REC_FINAL, manual)
    assert transferido.situacao.efetiva is Situacao.TRANSFERIDO and not transferido.situacao.provisoria


def test_the_provisional_situacoes_are_never_set_by_hand() -> None:
    for situacao in av.SITUACOES_SO_CALCULADAS:
        with pytest.raises(ValueError, match="computed"):
            SituacaoManual(situacao, "Conselho de classe")
    assert {
        Situacao.CURSANDO,
        Situacao.EM_RECUPERACAO,
        Situacao.FREQUENCIA_BAIXA_ATE_AGORA,
    } == av.SITUACOES_PROVISORIAS
