"""Worked examples of the evaluation rules per etapa (issue 14): each number written out.

The rule of an ano letivo as it was before keeps its results (tests/core/test_avaliacao.py);
these are the new things a rule can say: the scale, a rounding table, conceitos, pareceres,
evaluation without retention, the recuperação of each período, the pending recuperação
final, dependência, the conselho de classe, disciplinas outside promotion and disciplinas
without notas.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from escola_gui.core import avaliacao as av
from escola_gui.core.avaliacao import (
    Conceito,
    DesempenhoDisciplina,
    FaixaArredondamento,
    RegraAvaliacao,
    RegraRecuperacao,
    Situacao,
    SituacaoManual,
    TabelaArredondamento,
    TipoAvaliacao,
)
from escola_gui.core.errors import ValidationError

D = Decimal
TODOS = frozenset({1, 2, 3, 4})


def _por_periodo(*values: str | None) -> dict[int, Decimal | str | None]:
    """``("5", None, "7")`` → ``{1: Decimal("5"), 2: None, 3: Decimal("7")}``; letters stay text."""
    result: dict[int, Decimal | str | None] = {}
    for i, v in enumerate(values, start=1):
        result[i] = None if v is None else D(v) if v[0].isdigit() else v
    return result


def _disciplina(
    notas: tuple[str | None, ...], aulas: int = 160, faltas: int = 0, **kwargs: object
) -> DesempenhoDisciplina:
    kwargs.setdefault("periodos_com_frequencia", TODOS)
    return DesempenhoDisciplina(_por_periodo(*notas), aulas, faltas, **kwargs)  # type: ignore[arg-type]


# --- the recuperação of each período ----------------------------------------------------

POR_PERIODO = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO)
MENOR_NOTA = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MENOR_NOTA)


def test_a_recuperacao_typed_in_the_2o_bimestre_replaces_the_2o_bimestre() -> None:
    # Given notas 2 / 5 / 7 / 7 and a recuperação of 6 typed in the 2º bimestre's column
    notas = _por_periodo("2", "5", "7", "7")
    celulas = {1: None, 2: D("6"), 3: None, 4: None}

    # When the rule says "substitui a menor nota" (as every year did until now), the 6
    # replaces the lowest nota, the 1º bimestre's 2: (6 + 5 + 7 + 7) / 4 = 6,25 → 6,3
    recs = av.recuperacoes_da_regra(MENOR_NOTA, celulas, None)
    assert recs == (D("6"),)
    assert av.calcular_media(notas, MENOR_NOTA, recs) == D("6.3")

    # When it says "substitui a nota do período" (i-Educar's USAR_POR_ETAPA), the 6 replaces
    # the 2º bimestre's 5: (2 + 6 + 7 + 7) / 4 = 5,5
    recs = av.recuperacoes_da_regra(POR_PERIODO, celulas, None)
    assert recs == {2: D("6")}
    assert av.calcular_media(notas, POR_PERIODO, recs) == D("5.5")

    # Then the 5,5 is below the 6,0: retido, and final (the 4º bimestre's 7 needs no recuperação)
    resultado = av.situacao_final_disciplina(_disciplina(("2", "5", "7", "7"), recuperacoes=recs), POR_PERIODO)
    assert resultado.media == D("5.5")
    assert resultado.situacao.calculada is Situacao.RETIDO and resultado.situacao.definitiva


def test_a_recuperacao_of_the_1o_bimestre_replaces_the_1o_bimestre() -> None:
    # 6 in the 1º bimestre's column: (6 + 5 + 7 + 7) / 4 = 6,25 → 6,3, aprovado
    notas = _por_periodo("2", "5", "7", "7")
    assert av.calcular_media(notas, POR_PERIODO, {1: D("6")}) == D("6.3")
    resultado = av.situacao_final_disciplina(_disciplina(("2", "5", "7", "7"), recuperacoes={1: D("6")}), POR_PERIODO)
    assert resultado.situacao.calculada is Situacao.APROVADO
    # A recuperação lower than its período's nota changes nothing: 4 in the 2º keeps its 5
    assert av.calcular_media(notas, POR_PERIODO, {2: D("4")}) == D("5.3")  # 21 / 4 = 5,25 → 5,3
    # A recuperação does not make up a missing nota
    assert av.calcular_media(_por_periodo("2", None, "7", "7"), POR_PERIODO, {2: D("6")}) is None
    # By período means by período: a plain list says nothing of where it was typed
    with pytest.raises(ValueError, match="mapping"):
        av.calcular_media(notas, POR_PERIODO, [D("6")])


def test_the_last_bimestres_recuperacao_is_awaited_only_when_its_nota_is_low() -> None:
    # 5 / 5 / 5 / 4 = 4,75 → 4,8, and the 4º bimestre's 4 still has its recuperação to come
    baixa = _disciplina(("5", "5", "5", "4"))
    resultado = av.situacao_final_disciplina(baixa, POR_PERIODO)
    assert resultado.media == D("4.8")
    assert resultado.situacao.calculada is Situacao.EM_RECUPERACAO and resultado.situacao.provisoria
    # 8 in the 4º bimestre: (5 + 5 + 5 + 8) / 4 = 5,75 → 5,8, retido, final
    com_rec = _disciplina(("5", "5", "5", "4"), recuperacoes={4: D("8")})
    resultado = av.situacao_final_disciplina(com_rec, POR_PERIODO)
    assert resultado.media == D("5.8")
    assert resultado.situacao.calculada is Situacao.RETIDO and resultado.situacao.definitiva


# --- the recuperação final still to come ------------------------------------------------

REC_FINAL = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MEDIA)


def test_em_recuperacao_until_the_recuperacao_final_is_entered() -> None:
    # Given Matemática 5 / 5 / 5 / 5 with 40 faltas in 100 aulas (60 % on its own), and
    # Português 8 / 8 / 8 / 8 with 10 faltas in 300 aulas: 50 faltas in 400 aulas is 87,5 %
    matematica = _disciplina(("5", "5", "5", "5"), 100, 40)
    portugues = _disciplina(("8", "8", "8", "8"), 300, 10)

    # When every nota and every falta is in, but not Matemática's recuperação final
    resultado = av.situacao_final_aluno([matematica, portugues], REC_FINAL)

    # Then the aluno is em recuperação, not retido: Matemática's own 60 % shows on its line,
    # but only the total frequência retains, and the recuperação can still raise the 5,0
    assert resultado.frequencia == D("87.5")
    assert resultado.disciplinas[0].situacao.calculada is Situacao.REPROVADO_POR_FALTAS
    assert resultado.situacao.calculada is Situacao.EM_RECUPERACAO and resultado.situacao.provisoria

    # When the recuperação final is 7,0: it replaces the 5,0, aprovado, final
    aprovado = av.situacao_final_aluno(
        [_disciplina(("5", "5", "5", "5"), 100, 40, recuperacoes=(D(7),)), portugues], REC_FINAL
    )
    assert aprovado.disciplinas[0].media == D("7.0")
    assert aprovado.situacao.calculada is Situacao.APROVADO and aprovado.situacao.definitiva
    # When it is 4,0: the 5,0 stays, retido, final
    retido = av.situacao_final_aluno(
        [_disciplina(("5", "5", "5", "5"), 100, 40, recuperacoes=(D(4),)), portugues], REC_FINAL
    )
    assert retido.situacao.calculada is Situacao.RETIDO and retido.situacao.definitiva


def test_a_total_frequencia_below_the_minimum_does_not_wait_for_the_recuperacao() -> None:
    # 100 faltas in 400 aulas is 75 % minus one: 101 faltas → 74,7 %; no recuperação changes that
    matematica = _disciplina(("5", "5", "5", "5"), 100, 41)
    portugues = _disciplina(("8", "8", "8", "8"), 300, 60)
    resultado = av.situacao_final_aluno([matematica, portugues], REC_FINAL)
    assert resultado.frequencia == D("74.7")
    assert resultado.situacao.calculada is Situacao.REPROVADO_POR_FALTAS and resultado.situacao.definitiva


def test_a_recuperacao_final_after_the_recuperacoes_of_each_periodo() -> None:
    # Given the rule with both: each bimestre's recuperação replaces its nota, and then an exame
    regra = RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO, recuperacao_final=True)
    # 2 / 5 / 7 / 7 with 6 in the 2º bimestre's column: 5,5, and the exame still to come
    antes = _disciplina(("2", "5", "7", "7"), recuperacoes={2: D(6)})
    resultado = av.situacao_final_disciplina(antes, regra)
    assert resultado.media == D("5.5")
    assert resultado.situacao.calculada is Situacao.EM_RECUPERACAO and resultado.situacao.provisoria
    # An exame of 6,5 replaces the 5,5: aprovado, final
    aprovado = _disciplina(("2", "5", "7", "7"), recuperacoes={2: D(6)}, recuperacao_final=D("6.5"))
    resultado = av.situacao_final_disciplina(aprovado, regra)
    assert resultado.media == D("6.5") and resultado.situacao.calculada is Situacao.APROVADO
    # An exame of 5,0 changes nothing: 5,5, retido, final
    retido = _disciplina(("2", "5", "7", "7"), recuperacoes={2: D(6)}, recuperacao_final=D("5"))
    resultado = av.situacao_final_disciplina(retido, regra)
    assert resultado.media == D("5.5") and resultado.situacao.calculada is Situacao.RETIDO
    assert resultado.situacao.definitiva
    # The exame only with a recuperação per período (alone, it is SUBSTITUI_MEDIA)
    with pytest.raises(ValidationError) as caught:
        RegraAvaliacao(recuperacao=RegraRecuperacao.SUBSTITUI_MEDIA, recuperacao_final=True)
    assert caught.value.message == av.RECUPERACAO_FINAL_SEM_PERIODO
    with pytest.raises(ValidationError):
        av.calcular_media(_por_periodo("5", "5", "5", "5"), POR_PERIODO, {}, D(7))  # not in this rule


# --- Educação Infantil: evaluation without retention ------------------------------------

PRE_ESCOLA = RegraAvaliacao(tipo=TipoAvaliacao.DESCRITIVA, quantidade_periodos=2, sem_retencao=True)
PARECER_1 = "Reconhece as cores e participa das rodas de conversa."
PARECER_2 = "Conta até vinte e escreve o próprio nome."


def test_a_pre_escola_child_with_60_percent_frequencia_is_not_retained() -> None:
    # Given a pré-escola child with 80 faltas in 200 aulas: 60,0 %, below the 75 % minimum
    semestres = frozenset({1, 2})
    crianca = DesempenhoDisciplina({1: PARECER_1, 2: PARECER_2}, 200, 80, periodos_com_frequencia=semestres)

    # When both semestres have their parecer and their frequência
    resultado = av.situacao_final_aluno([crianca], PRE_ESCOLA)

    # Then the child is aprovado (moves on to the next etapa), final, the 60 % still shown
    assert resultado.frequencia == D("60.0")
    assert resultado.situacao.calculada is Situacao.APROVADO and resultado.situacao.definitiva
    assert resultado.disciplinas[0].situacao.calculada is Situacao.APROVADO
    assert resultado.disciplinas[0].media is None and resultado.disciplinas[0].conceito is None

    # The same numbers under a rule with retention: reprovado por faltas
    com_retencao = RegraAvaliacao(tipo=TipoAvaliacao.DESCRITIVA, quantidade_periodos=2)
    assert av.situacao_final_aluno([crianca], com_retencao).situacao.calculada is Situacao.REPROVADO_POR_FALTAS

    # While the year runs, the faltas give no "em risco por faltas": there is no such risk
    so_o_1o = DesempenhoDisciplina({1: PARECER_1}, 100, 40, periodos_com_frequencia=frozenset({1}))
    provisorio = av.situacao_final_aluno([so_o_1o], PRE_ESCOLA)
    assert provisorio.situacao.calculada is Situacao.CURSANDO and provisorio.situacao.provisoria

    # In a closed year, even a missing parecer does not hold the child back
    fechado = av.situacao_final_aluno([so_o_1o], PRE_ESCOLA, ano_encerrado=True)
    assert fechado.situacao.calculada is Situacao.APROVADO
    assert fechado.disciplinas[0].situacao.calculada is Situacao.APROVADO


def test_without_retention_low_notas_do_not_retain_either() -> None:
    regra = RegraAvaliacao(sem_retencao=True, recuperacao=RegraRecuperacao.SUBSTITUI_MEDIA)
    resultado = av.situacao_final_disciplina(_disciplina(("2", "3", "2", "3"), 160, 100), regra)
    assert resultado.media == D("2.5")
    assert resultado.situacao.calculada is Situacao.APROVADO and resultado.situacao.definitiva  # no recuperação awaited


# --- a parecer descritivo with retention ------------------------------------------------


def test_a_parecer_descritivo_approves_unless_the_conselho_or_the_faltas_retain() -> None:
    regra = RegraAvaliacao(tipo=TipoAvaliacao.DESCRITIVA, quantidade_periodos=2)
    semestres = frozenset({1, 2})
    completo = DesempenhoDisciplina({1: PARECER_1, 2: PARECER_2}, 200, 10, periodos_com_frequencia=semestres)
    assert av.situacao_final_aluno([completo], regra).situacao.calculada is Situacao.APROVADO
    # A blank parecer is no parecer: still cursando
    em_branco = DesempenhoDisciplina({1: PARECER_1, 2: "  "}, 200, 10, periodos_com_frequencia=semestres)
    assert av.situacao_final_aluno([em_branco], regra).situacao.calculada is Situacao.CURSANDO
    # The conselho de classe retains by a situação set by hand, with the ata's motivo
    conselho = SituacaoManual(Situacao.RETIDO, "Ata do conselho de classe de 10/12: não atingiu os objetivos.")
    retido = DesempenhoDisciplina(
        {1: PARECER_1, 2: PARECER_2}, 200, 10, manual=conselho, periodos_com_frequencia=semestres
    )
    assert av.situacao_final_aluno([retido], regra).situacao.calculada is Situacao.RETIDO


# --- a disciplina without notas ---------------------------------------------------------


def test_a_disciplina_without_notas_does_not_block_the_result() -> None:
    # Given Português 7 / 7 / 7 / 7 and Matemática 8 / 8 / 8 / 8, every falta in, and Arte
    # with nothing typed at all (no nota, no frequência)
    portugues = _disciplina(("7", "7", "7", "7"))
    matematica = _disciplina(("8", "8", "8", "8"))
    arte = DesempenhoDisciplina({}, 0, 0, periodos_com_frequencia=frozenset())

    # When the year still runs
    resultado = av.situacao_final_aluno([portugues, matematica, arte], RegraAvaliacao())

    # Then the aluno is aprovado, final; Arte is listed "sem notas" and shows cursando
    assert resultado.situacao.calculada is Situacao.APROVADO and resultado.situacao.definitiva
    assert resultado.sem_notas == (2,)
    assert resultado.disciplinas[2].sem_notas
    assert resultado.disciplinas[2].situacao.calculada is Situacao.CURSANDO
    # The same once the year is closed
    fechado = av.situacao_final_aluno([portugues, matematica, arte], RegraAvaliacao(), ano_encerrado=True)
    assert fechado.situacao.calculada is Situacao.APROVADO and fechado.sem_notas == (2,)

    # Arte without notas but with the faltas of two bimestres out of four: its lessons are
    # going on and its notas may come, so the year still runs for the aluno
    arte_em_curso = DesempenhoDisciplina({}, 80, 2, periodos_com_frequencia=frozenset({1, 2}))
    em_curso = av.situacao_final_aluno([portugues, matematica, arte_em_curso], RegraAvaliacao())
    assert em_curso.situacao.calculada is Situacao.CURSANDO and em_curso.situacao.provisoria
    assert em_curso.sem_notas == (2,)
    # ... until the year is closed
    fechado = av.situacao_final_aluno([portugues, matematica, arte_em_curso], RegraAvaliacao(), ano_encerrado=True)
    assert fechado.situacao.calculada is Situacao.APROVADO
    # With the faltas of every bimestre and still no nota, nobody grades it: it does not block
    arte_sem_avaliacao = DesempenhoDisciplina({}, 160, 4, periodos_com_frequencia=TODOS)
    assert av.situacao_final_aluno([portugues, arte_sem_avaliacao], RegraAvaliacao()).situacao.definitiva

    # A disciplina with some notas missing is not "sem notas": it still holds the result
    metade = _disciplina(("7", "7", None, None))
    assert not metade.sem_notas
    incompleto = av.situacao_final_aluno([portugues, metade], RegraAvaliacao())
    assert incompleto.situacao.calculada is Situacao.CURSANDO and incompleto.sem_notas == ()
    # And with every disciplina empty there is no result yet
    assert av.situacao_final_aluno([arte], RegraAvaliacao()).situacao.calculada is Situacao.CURSANDO


# --- disciplinas that do not count for promotion ----------------------------------------


def test_ensino_religioso_shows_its_result_but_never_retains() -> None:
    # Given Português 7 × 4 (300 aulas, 30 faltas) and Ensino Religioso 3 / 3 / 4 / 4 with
    # 20 faltas in 40 aulas (50 %), which does not count for promotion (LDB art. 33)
    portugues = _disciplina(("7", "7", "7", "7"), 300, 30)
    religioso = _disciplina(("3", "3", "4", "4"), 40, 20, conta_para_promocao=False)

    resultado = av.situacao_final_aluno([portugues, religioso], RegraAvaliacao())

    # Then its own line says reprovado por faltas, but the aluno is aprovado, and the
    # frequência is over Português alone: 30 faltas in 300 aulas is 90,0 %
    assert resultado.disciplinas[1].media == D("3.5")
    assert resultado.disciplinas[1].situacao.calculada is Situacao.REPROVADO_POR_FALTAS
    assert not resultado.disciplinas[1].conta_para_promocao
    assert (resultado.aulas_dadas, resultado.faltas, resultado.frequencia) == (300, 30, D("90.0"))
    assert resultado.situacao.calculada is Situacao.APROVADO
    # Its notas still missing do not hold the aluno's result either
    sem_o_4o = _disciplina(("3", "3", "4", None), 40, 20, conta_para_promocao=False)
    assert av.situacao_final_aluno([portugues, sem_o_4o], RegraAvaliacao()).situacao.definitiva


# --- the rounding table -----------------------------------------------------------------

MEIO_PONTO = TabelaArredondamento.multiplos_de("0.5")


def test_the_media_rounded_to_half_points() -> None:
    # The table to 0,5: 5,8–6,2 → 6,0; 6,3–6,7 → 6,5; 6,8–7,2 → 7,0 (a tie goes up)
    faixas = {(f.minimo, f.maximo): f.valor for f in MEIO_PONTO.faixas}
    assert faixas[(D("5.8"), D("6.2"))] == D("6.0")
    assert faixas[(D("6.3"), D("6.7"))] == D("6.5")
    assert faixas[(D("0"), D("0.2"))] == D("0.0") and faixas[(D("9.8"), D("10"))] == D("10.0")
    regra = RegraAvaliacao(tabela_arredondamento=MEIO_PONTO)

    # (6 + 6 + 6 + 7) / 4 = 6,25 → 6,3 at one decimal → 6,5
    assert av.calcular_media(_por_periodo("6", "6", "6", "7"), regra) == D("6.5")
    # (6 + 6 + 6 + 6,8) / 4 = 6,2 → 6,0
    assert av.calcular_media(_por_periodo("6", "6", "6", "6.8"), regra) == D("6.0")
    # (5,5 + 5,5 + 5,5 + 6,5) / 4 = 5,75 → 5,8 → 6,0: aprovado (5,8 without the table: retido)
    media = av.calcular_media(_por_periodo("5.5", "5.5", "5.5", "6.5"), regra)
    assert media == D("6.0")
    assert av.situacao_final(media, 160, 0, regra).calculada is Situacao.APROVADO
    assert av.calcular_media(_por_periodo("5.5", "5.5", "5.5", "6.5"), RegraAvaliacao()) == D("5.8")

    # The table comes last, after the recuperação final: média 5,0, recuperação 6,3 → 6,5
    com_rec = RegraAvaliacao(tabela_arredondamento=MEIO_PONTO, recuperacao=RegraRecuperacao.SUBSTITUI_MEDIA)
    assert av.calcular_media(_por_periodo("5", "5", "5", "5"), com_rec, [D("6.3")]) == D("6.5")


def test_a_rounding_table_of_the_school_and_its_mistakes() -> None:
    # Only 5,5–5,9 goes up to 6,0; every other média stays as it is
    regra = RegraAvaliacao(
        tabela_arredondamento=TabelaArredondamento((FaixaArredondamento(D("5.5"), D("5.9"), D("6")),))
    )
    assert av.calcular_media(_por_periodo("5", "6", "6", "5"), regra) == D("6.0")  # 5,5
    assert av.calcular_media(_por_periodo("5", "5", "5", "6"), regra) == D("5.3")  # 5,25 → 5,3
    # On the 0–100 scale, to multiples of 5: (60 + 62 + 63 + 65) / 4 = 62,5 → 65
    cem = RegraAvaliacao(
        escala=100, media_aprovacao=60, tabela_arredondamento=TabelaArredondamento.multiplos_de(5, 100)
    )
    assert av.calcular_media(_por_periodo("60", "62", "63", "65"), cem) == D("65.0")
    for erro in (
        lambda: TabelaArredondamento.multiplos_de("0.3"),  # does not divide 10
        lambda: TabelaArredondamento.multiplos_de("0"),
        lambda: TabelaArredondamento((FaixaArredondamento(D(5), D(6), D(6)), FaixaArredondamento(D(6), D(7), D(7)))),
        lambda: TabelaArredondamento((FaixaArredondamento(D(7), D(6), D(6)),)),
        lambda: TabelaArredondamento(()),
        lambda: RegraAvaliacao(tabela_arredondamento=TabelaArredondamento.multiplos_de(5, 100)),  # 100 > 10
    ):
        with pytest.raises(ValidationError) as caught:
            erro()
        assert caught.value.message == av.TABELA_ARREDONDAMENTO_INVALIDA


# --- conceitos --------------------------------------------------------------------------

CONCEITUAL = RegraAvaliacao(tipo=TipoAvaliacao.CONCEITUAL)


def test_conceitos_a_to_e_the_last_bimestre_decides() -> None:
    # B / C / D / C: the final conceito is the 4º bimestre's C, which approves
    resultado = av.situacao_final_disciplina(_disciplina(("B", "C", "D", "C")), CONCEITUAL)
    assert resultado.conceito is not None and resultado.conceito.sigla == "C"
    assert resultado.media is None
    assert resultado.situacao.calculada is Situacao.APROVADO and resultado.situacao.definitiva
    # A / B / C / D: D does not approve: retido
    retido = av.situacao_final_aluno([_disciplina(("A", "B", "C", "D"))], CONCEITUAL)
    assert retido.situacao.calculada is Situacao.RETIDO
    # Typed in lower case with blanks, it is the same conceito
    assert av.situacao_final_disciplina(_disciplina(("b", " c ", "a", " b")), CONCEITUAL).conceito.sigla == "B"  # type: ignore[union-attr]
    # The 4º bimestre still empty: cursando, provisional
    cursando = av.situacao_final_disciplina(_disciplina(("A", "B", "C", None)), CONCEITUAL)
    assert cursando.situacao.calculada is Situacao.CURSANDO and cursando.situacao.provisoria
    # The faltas still count: 50 in 160 aulas is 68,7 %
    faltas = av.situacao_final_aluno([_disciplina(("A", "A", "A", "A"), 160, 50)], CONCEITUAL)
    assert faltas.situacao.calculada is Situacao.REPROVADO_POR_FALTAS
    # A conceito outside the list is refused, in Portuguese
    with pytest.raises(ValidationError) as caught:
        av.situacao_final_disciplina(_disciplina(("A", "F", "A", "A")), CONCEITUAL)
    assert caught.value.message == av.CONCEITO_INVALIDO
    assert av.parse_conceito("e").descricao == "Muito insuficiente"
    assert [c.sigla for c in CONCEITUAL.conceitos if c.aprova] == ["A", "B", "C"]


def test_the_schools_own_conceitos() -> None:
    proprios = (
        Conceito("PS", "Plenamente satisfatório", aprova=True),
        Conceito("S", "Satisfatório", aprova=True),
        Conceito("NS", "Não satisfatório", aprova=False),
    )
    regra = RegraAvaliacao(tipo=TipoAvaliacao.CONCEITUAL, quantidade_periodos=3, conceitos=proprios)
    trimestres = frozenset({1, 2, 3})
    aprovado = _disciplina(("NS", "S", "PS"), 120, 0, periodos_com_frequencia=trimestres)
    assert av.situacao_final_aluno([aprovado], regra).situacao.calculada is Situacao.APROVADO
    retido = _disciplina(("PS", "S", "ns"), 120, 0, periodos_com_frequencia=trimestres)
    assert av.situacao_final_aluno([retido], regra).situacao.calculada is Situacao.RETIDO
    with pytest.raises(ValidationError) as caught:
        av.situacao_final_disciplina(_disciplina(("PS", "B", "S"), periodos_com_frequencia=trimestres), regra)
    assert caught.value.message == av.CONCEITO_INVALIDO
    # A list that repeats a conceito, or where no conceito approves, is refused
    for conceitos in ((proprios[0], Conceito("ps", "De novo", aprova=True)), (proprios[2],), ()):
        with pytest.raises(ValidationError) as caught:
            RegraAvaliacao(tipo=TipoAvaliacao.CONCEITUAL, conceitos=conceitos)
        assert caught.value.message == av.CONCEITOS_INVALIDOS
    with pytest.raises(ValidationError) as caught:
        RegraAvaliacao(tipo=TipoAvaliacao.CONCEITUAL, recuperacao=RegraRecuperacao.SUBSTITUI_MEDIA)
    assert caught.value.message == av.RECUPERACAO_SO_COM_NOTAS


# --- the 0–100 scale --------------------------------------------------------------------


def test_notas_from_0_to_100() -> None:
    assert av.parse_nota("75", 100) == D("75.0")
    assert av.parse_nota("75,5", 100) == D("75.5")
    assert av.validate_nota("101", 100) == av.NOTA_FORA_DA_FAIXA_100 == "A nota deve estar entre 0 e 100."
    assert av.validate_nota("75,55", 100) == av.NOTA_CASAS_DECIMAIS_100
    assert av.validate_nota("setenta", 100) == av.NOTA_INVALIDA_100
    # On the 0–10 scale, 75 is out of range and the message says 0 to 10
    assert av.validate_nota("75") == av.NOTA_FORA_DA_FAIXA == "A nota deve estar entre 0 e 10."
    assert av.format_nota(D("75.0"), 100) == "75"
    assert av.format_nota(D("75.5"), 100) == "75,5"
    assert av.format_nota(D("7.0")) == "7,0"

    regra = RegraAvaliacao(escala=100, media_aprovacao=60)
    assert regra.media_aprovacao == D("60.0")
    # (55 + 60 + 65 + 72) / 4 = 63,0: aprovado; (50 + 55 + 60 + 62) / 4 = 56,75 → 56,8: retido
    assert av.situacao_final_disciplina(_disciplina(("55", "60", "65", "72")), regra).media == D("63.0")
    retido = av.situacao_final_disciplina(_disciplina(("50", "55", "60", "62")), regra)
    assert retido.media == D("56.8") and retido.situacao.calculada is Situacao.RETIDO
    # A nota of the other scale is refused
    with pytest.raises(ValidationError):
        av.calcular_media(_por_periodo("75", "80", "90", "70"), RegraAvaliacao())
    for kwargs, message in (
        ({"escala": 100, "media_aprovacao": 101}, av.MEDIA_APROVACAO_INVALIDA_100),
        ({"media_aprovacao": 60}, av.MEDIA_APROVACAO_INVALIDA),
        ({"escala": 20}, av.ESCALA_INVALIDA),
    ):
        with pytest.raises(ValidationError) as caught:
            RegraAvaliacao(**kwargs)  # type: ignore[arg-type]
        assert caught.value.message == message


# --- more outcomes: conselho de classe and dependência ----------------------------------


def test_aprovado_pelo_conselho_de_classe_with_the_atas_motivo() -> None:
    regra = RegraAvaliacao()
    desempenhos = [_disciplina(("9", "9", "9", "9")), _disciplina(("5", "5", "5", "6"))]  # 5,25 → 5,3
    ata = SituacaoManual(Situacao.APROVADO_PELO_CONSELHO, "Ata nº 12/2026 do conselho de classe, de 10/12/2026.")
    resultado = av.situacao_final_aluno(desempenhos, regra, ata)
    assert resultado.situacao.calculada is Situacao.RETIDO  # what the numbers say stays visible
    assert resultado.situacao.efetiva is Situacao.APROVADO_PELO_CONSELHO
    assert resultado.situacao.manual is not None and resultado.situacao.manual.motivo.startswith("Ata nº 12/2026")
    assert Situacao.APROVADO_PELO_CONSELHO.label == "Aprovado pelo conselho de classe"
    assert Situacao.APROVADO_PELO_CONSELHO in av.SITUACOES_DE_APROVACAO
    with pytest.raises(ValidationError):
        SituacaoManual(Situacao.APROVADO_PELO_CONSELHO, "  ")
    # Given to the disciplina instead, the aluno is aprovado
    desempenhos[1] = _disciplina(("5", "5", "5", "6"), manual=ata)
    assert av.situacao_final_aluno(desempenhos, regra).situacao.calculada is Situacao.APROVADO


def test_aprovado_com_dependencia_up_to_the_rules_number() -> None:
    # Português 7 × 4; Matemática 5 × 4 and Ciências 4 × 4 below the 6,0; História 8 × 4
    portugues, matematica, ciencias, historia = (_disciplina((n, n, n, n)) for n in ("7", "5", "4", "8"))
    ate_duas = RegraAvaliacao(max_dependencias=2)
    resultado = av.situacao_final_aluno([portugues, matematica, ciencias, historia], ate_duas)
    assert resultado.situacao.calculada is Situacao.APROVADO_COM_DEPENDENCIA and resultado.situacao.definitiva
    assert resultado.dependencias == (1, 2)
    assert resultado.disciplinas[1].situacao.calculada is Situacao.RETIDO  # the dependência's own line
    assert Situacao.APROVADO_COM_DEPENDENCIA.label == "Aprovado com dependência"
    # A third disciplina below the mark is one too many: retido
    geografia = _disciplina(("3", "3", "3", "3"))
    assert (
        av.situacao_final_aluno([portugues, matematica, ciencias, geografia], ate_duas).situacao.calculada
        is Situacao.RETIDO
    )
    # Without dependência in the rule (0, the default): retido
    assert av.situacao_final_aluno([portugues, matematica], RegraAvaliacao()).situacao.calculada is Situacao.RETIDO
    # The frequência is no dependência: 45 faltas in 160 aulas is 71,8 %
    faltas = _disciplina(("5", "5", "5", "5"), 160, 45)
    assert av.situacao_final_aluno([faltas], ate_duas).situacao.calculada is Situacao.REPROVADO_POR_FALTAS
    with pytest.raises(ValidationError) as caught:
        RegraAvaliacao(max_dependencias=-1)
    assert caught.value.message == av.DEPENDENCIAS_INVALIDAS


def test_the_new_labels_and_the_default_rule() -> None:
    assert TipoAvaliacao.DESCRITIVA.label == "Parecer descritivo"
    assert RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO.label.startswith("A recuperação de cada período")
    regra = RegraAvaliacao()
    assert (regra.tipo, regra.escala, regra.tabela_arredondamento) == (TipoAvaliacao.NUMERICA, 10, None)
    assert (regra.sem_retencao, regra.max_dependencias, regra.conceitos) == (False, 0, av.CONCEITOS_PADRAO)
    assert av.SITUACOES_DE_APROVACAO.isdisjoint(av.SITUACOES_DE_RETENCAO)
