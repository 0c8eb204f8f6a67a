"""The boletim escolar: of one aluno, or of a whole turma."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from escola_gui.core import avaliacao as av
from escola_gui.core.diario import Boletim, DiarioService
from escola_gui.core.errors import NadaParaImprimirError, RecordNotFoundError
from escola_gui.core.models import (
    Aluno,
    AnoLetivo,
    Enturmacao,
    Turma,
)
from escola_gui.core.relatorios.cabecalho import cabecalho_da_escola, criterios
from escola_gui.core.relatorios.documento import (
    CabecalhoEscola,
    Caderno,
    Campo,
    Documento,
    Estilo,
    Secao,
    Tabela,
    Texto,
    texto,
)
from escola_gui.core.relatorios.formatacao import (
    file_name_part,
    format_date,
    format_frequencia,
    format_nota,
    periodo_abreviado,
    turno_texto,
)
from escola_gui.core.relatorios.textos import (
    BOLETIM_TITULO,
    BOLETINS_TITULO,
    COLUNA_DISCIPLINA,
    COLUNA_FALTAS,
    COLUNA_FREQUENCIA,
    COLUNA_MEDIA,
    COLUNA_REC_FINAL,
    COLUNA_SITUACAO,
    LEGENDA_PROVISORIA,
    LEGENDA_REC_FINAL,
    LEGENDA_REC_PERIODO,
    ROTULO_ALUNO,
    ROTULO_ANO_LETIVO,
    ROTULO_FREQUENCIA_ANO,
    ROTULO_FREQUENCIA_ATE_AGORA,
    ROTULO_MOTIVO,
    ROTULO_RA,
    ROTULO_SAIDA,
    ROTULO_SERIE,
    ROTULO_SITUACAO_ATE_AGORA,
    ROTULO_SITUACAO_CALCULADA,
    ROTULO_SITUACAO_FINAL,
    ROTULO_TURMA,
    ROTULO_TURNO,
    SECAO_IDENTIFICACAO,
    SECAO_NOTAS,
    SECAO_RESULTADO,
    SEM_DISCIPLINAS,
    SEM_TURMA,
    SEM_TURMA_NO_ANO,
    SEM_VALOR,
    TURMA_SEM_ALUNOS,
)


def _faltas_texto(faltas: Sequence[int | None], total: int) -> str:
    """The total faltas, or nothing while no frequência was recorded."""
    return str(total) if any(f is not None for f in faltas) else ""


def documento_do_boletim(boletim: Boletim, escola: CabecalhoEscola, emitido_em: date) -> Documento:
    """One enturmação's boletim: identification, notas per período, média, faltas, frequência
    and situação per disciplina, then the year's result (with the motivo of an override)."""
    regra = boletim.regra
    rec_final = regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MEDIA
    rec_periodo = regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MENOR_NOTA

    campos = [
        Campo(ROTULO_ALUNO, boletim.aluno_nome),
        Campo(ROTULO_RA, boletim.ra),
        Campo(ROTULO_TURMA, boletim.turma_nome),
        Campo(ROTULO_SERIE, boletim.serie),
        Campo(ROTULO_TURNO, turno_texto(boletim.turno)),
        Campo(ROTULO_ANO_LETIVO, str(boletim.ano)),
    ]
    if boletim.data_saida is not None:
        campos.append(Campo(ROTULO_SAIDA, format_date(boletim.data_saida)))
    identificacao = Secao(SECAO_IDENTIFICACAO, tuple(campos), campos_por_linha=2)

    colunas = [COLUNA_DISCIPLINA, *(periodo_abreviado(p) for p in boletim.periodos)]
    if rec_final:
        colunas.append(COLUNA_REC_FINAL)
    colunas += [COLUNA_MEDIA, COLUNA_FALTAS, COLUNA_FREQUENCIA, COLUNA_SITUACAO]
    linhas = []
    for linha in boletim.linhas:
        notas = []
        for nota, recuperacao in zip(linha.notas, linha.recuperacoes, strict=True):
            cell = format_nota(nota)
            if rec_periodo and recuperacao is not None:
                cell = f"{cell} ({format_nota(recuperacao)})".strip()
            notas.append(cell)
        row = [linha.disciplina, *notas]
        if rec_final:
            row.append(format_nota(linha.recuperacao_final))
        row += [
            linha.resultado.conceito.sigla
            if linha.resultado.conceito
            else format_nota(linha.resultado.media, SEM_VALOR),
            _faltas_texto(linha.faltas, linha.faltas_total),
            format_frequencia(linha.aulas_dadas, linha.resultado.frequencia),
            linha.resultado.situacao.efetiva.label,
        ]
        linhas.append(tuple(row))
    notas_secao = Secao(
        SECAO_NOTAS,
        tabela=Tabela(tuple(colunas), tuple(linhas), SEM_DISCIPLINAS, tuple(range(1, len(colunas) - 1))),
    )

    resultado = boletim.resultado
    provisorio = resultado.situacao.provisoria
    frequencia = format_frequencia(resultado.aulas_dadas, resultado.frequencia)
    if resultado.aulas_dadas:
        frequencia += f" ({resultado.faltas} faltas em {resultado.aulas_dadas} aulas)"
    resumo = [
        Campo(ROTULO_FREQUENCIA_ATE_AGORA if provisorio else ROTULO_FREQUENCIA_ANO, frequencia),
        Campo(ROTULO_SITUACAO_ATE_AGORA if provisorio else ROTULO_SITUACAO_FINAL, resultado.situacao.efetiva.label),
    ]
    manual = resultado.situacao.manual
    if manual is not None:
        resumo.append(Campo(ROTULO_MOTIVO, manual.motivo))
        if resultado.situacao.alterada_manualmente:
            resumo.append(Campo(ROTULO_SITUACAO_CALCULADA, resultado.situacao.calculada.label))
    legendas = [Texto(LEGENDA_PROVISORIA)] if provisorio else []
    legendas.append(criterios(regra))
    if rec_periodo:
        legendas.append(Texto(LEGENDA_REC_PERIODO))
    if rec_final:
        legendas.append(Texto(LEGENDA_REC_FINAL))
    resultado_secao = Secao(SECAO_RESULTADO, tuple(resumo))
    legenda_secao = Secao("", paragrafos=tuple(legendas), estilo=Estilo.LEGENDA)

    return Documento(
        titulo=BOLETIM_TITULO,
        emitido_em=emitido_em,
        secoes=(identificacao, notas_secao, resultado_secao, legenda_secao),
        nome_arquivo=f"boletim-{file_name_part(boletim.aluno_nome)}-{boletim.ano}",
        escola=escola,
    )


def boletim(engine: Engine, enturmacao_id: int, today: date | None = None) -> Documento:
    """The boletim of one enturmação (an aluno in a turma).

    Raises:
        RecordNotFoundError: no enturmação has ``enturmacao_id``.
    """
    dados = DiarioService(engine).boletim(enturmacao_id)
    return documento_do_boletim(dados, cabecalho_da_escola(engine), today or date.today())


def enturmacao_do_boletim(engine: Engine, aluno_id: int, ano: int | None = None) -> int:
    """The enturmação whose boletim stands for the aluno: in the latest ano letivo (or ``ano``),
    the one the aluno is still in, else the last one entered.

    Raises:
        RecordNotFoundError: no aluno has ``aluno_id``.
        NadaParaImprimirError: the aluno was in no turma (in ``ano``, when given).
    """
    with Session(engine) as session:
        aluno = session.get(Aluno, aluno_id)
        if aluno is None:
            raise RecordNotFoundError(f"aluno {aluno_id}")
        query = (
            select(Enturmacao.id, AnoLetivo.ano, Enturmacao.data_entrada, Enturmacao.data_saida)
            .join(Turma, Enturmacao.turma_id == Turma.id)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(Enturmacao.aluno_id == aluno_id)
        )
        if ano is not None:
            query = query.where(AnoLetivo.ano == ano)
        rows = session.execute(query).all()
        if not rows:
            motivo = (
                texto(SEM_TURMA, nome=aluno.nome) if ano is None else texto(SEM_TURMA_NO_ANO, nome=aluno.nome, ano=ano)
            )
            raise NadaParaImprimirError(motivo)
    ultimo = max(r.ano for r in rows)
    return max((r for r in rows if r.ano == ultimo), key=lambda r: (r.data_saida is None, r.data_entrada, r.id)).id


def boletim_do_aluno(engine: Engine, aluno_id: int, ano: int | None = None, today: date | None = None) -> Documento:
    """The aluno's boletim of the latest ano letivo (or of ``ano``); see :func:`enturmacao_do_boletim`."""
    return boletim(engine, enturmacao_do_boletim(engine, aluno_id, ano), today)


def _turma_nome(engine: Engine, turma_id: int) -> tuple[str, int]:
    with Session(engine) as session:
        turma = session.get(Turma, turma_id)
        if turma is None:
            raise RecordNotFoundError(f"turma {turma_id}")
        return turma.nome, turma.ano_letivo.ano


def boletins_da_turma(engine: Engine, turma_id: int, today: date | None = None) -> Caderno:
    """The boletim of every aluno still in the turma, by name, each on its own pages. Their
    file names differ (the RA is added when two alunos have the same name).

    Raises:
        RecordNotFoundError: no turma has ``turma_id``.
        NadaParaImprimirError: the turma has no alunos.
    """
    boletins = DiarioService(engine).boletins_da_turma(turma_id)
    nome, ano = _turma_nome(engine, turma_id)
    if not boletins:
        raise NadaParaImprimirError(texto(TURMA_SEM_ALUNOS, turma=nome))
    escola = cabecalho_da_escola(engine)
    emitido_em = today or date.today()
    nome_arquivo = f"boletins-{file_name_part(nome)}-{ano}"
    documentos = []
    usados = {nome_arquivo}
    for b in boletins:
        documento = documento_do_boletim(b, escola, emitido_em)
        if documento.nome_arquivo in usados:  # two alunos with the same name: the RA tells them apart
            documento = replace(documento, nome_arquivo=f"{documento.nome_arquivo}-{file_name_part(b.ra)}")
        usados.add(documento.nome_arquivo)
        documentos.append(documento)
    return Caderno(BOLETINS_TITULO, emitido_em, tuple(documentos), nome_arquivo)
