"""The ata de resultados finais of a turma (landscape)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from escola_gui.core import avaliacao as av
from escola_gui.core.diario import DiarioService
from escola_gui.core.errors import NadaParaImprimirError, RecordNotFoundError
from escola_gui.core.models import (
    Disciplina,
    Turma,
    TurmaDisciplina,
)
from escola_gui.core.regras import regra_da_turma
from escola_gui.core.relatorios.cabecalho import cabecalho_da_escola, criterios
from escola_gui.core.relatorios.documento import Documento, Estilo, Secao, Tabela, texto
from escola_gui.core.relatorios.formatacao import (
    file_name_part,
    format_date,
    format_frequencia,
    format_nota,
    local_e_data,
    turno_texto,
)
from escola_gui.core.relatorios.textos import (
    ASSINATURA_DIRETOR,
    ASSINATURA_SECRETARIO,
    ATA_ABERTURA,
    ATA_PROVISORIA,
    ATA_PROVISORIA_1,
    ATA_SEM_ALUNOS,
    ATA_TITULO,
    COLUNA_ALUNO,
    COLUNA_ALUNOS,
    COLUNA_FREQUENCIA,
    COLUNA_NUMERO,
    COLUNA_SITUACAO_FINAL,
    LEGENDA_DISCIPLINAS,
    ROTULO_RA,
    SECAO_IDENTIFICACAO,
    SECAO_OBSERVACOES,
    SECAO_RESULTADOS,
    SECAO_RESUMO,
    SEM_DISCIPLINAS,
    SEM_VALOR,
    SITUACAO_ALTERADA,
    TOTAL,
)


def ata_de_resultados(engine: Engine, turma_id: int, today: date | None = None) -> Documento:
    """Every aluno who was in the turma (those who left too) with the média final of each
    disciplina, the frequência in the year and the situação final; then the count of each
    situação and the motivo of every situação set by hand. Printed in landscape.

    The ata is final by definition: while an aluno's situação is still provisional (the
    ano letivo is not encerrado and not everything is entered, see
    :func:`~escola_gui.core.avaliacao.resultado_definitivo`), it is refused, saying why.

    Raises:
        RecordNotFoundError: no turma has ``turma_id``.
        NadaParaImprimirError: the turma never had alunos, or its results are not final yet.
    """
    boletins = DiarioService(engine).boletins_da_turma(turma_id, incluir_saidas=True)
    with Session(engine) as session:
        turma = session.get(Turma, turma_id)
        if turma is None:
            raise RecordNotFoundError(f"turma {turma_id}")
        nome, serie, turno, ano = turma.nome, turma.serie, turma.turno, turma.ano_letivo.ano
        regra = regra_da_turma(turma)
        disciplinas = session.execute(
            select(Disciplina.nome, Disciplina.abreviatura)
            .join(TurmaDisciplina, TurmaDisciplina.disciplina_id == Disciplina.id)
            .where(TurmaDisciplina.turma_id == turma_id)
            .order_by(TurmaDisciplina.id)
        ).all()
    if not boletins:
        raise NadaParaImprimirError(texto(ATA_SEM_ALUNOS, turma=nome))
    provisorios = [b.aluno_nome for b in boletins if b.resultado.situacao.provisoria]
    if provisorios:
        modelo = ATA_PROVISORIA_1 if len(provisorios) == 1 else ATA_PROVISORIA
        nomes = ", ".join(provisorios[:5]) + (", …" if len(provisorios) > 5 else "")
        raise NadaParaImprimirError(texto(modelo, turma=nome, ano=ano, n=len(provisorios), nomes=nomes))
    escola = cabecalho_da_escola(engine)
    emitido_em = today or date.today()

    # The opening sentence names the turma, série, turno and ano; a grid of the same fields
    # would only push the signatures of a small turma onto a page of their own.
    identificacao = Secao(
        SECAO_IDENTIFICACAO,
        paragrafos=(texto(ATA_ABERTURA, turma=nome, serie=serie, turno=turno_texto(turno).lower(), ano=ano),),
    )
    cabecalhos = tuple((abreviatura or disciplina).strip() for disciplina, abreviatura in disciplinas)
    linhas = []
    for numero, b in enumerate(boletins, start=1):
        medias = {linha.disciplina: format_nota(linha.resultado.media, SEM_VALOR) for linha in b.linhas}
        linhas.append(
            (
                str(numero),
                b.aluno_nome,
                b.ra,
                *(medias.get(disciplina, SEM_VALOR) for disciplina, _abreviatura in disciplinas),
                format_frequencia(b.resultado.aulas_dadas, b.resultado.frequencia),
                b.situacao.label,
            )
        )
    colunas = (COLUNA_NUMERO, COLUNA_ALUNO, ROTULO_RA, *cabecalhos, COLUNA_FREQUENCIA, COLUNA_SITUACAO_FINAL)
    legendas = [criterios(regra)]
    abreviadas = [(a.strip(), d) for d, a in disciplinas if a and a.strip() != d]
    if abreviadas:
        legendas.append(texto(LEGENDA_DISCIPLINAS, lista="; ".join(f"{a} = {d}" for a, d in abreviadas)))
    resultados = Secao(
        SECAO_RESULTADOS,
        tabela=Tabela(colunas, tuple(linhas), SEM_DISCIPLINAS, (0, *range(3, len(colunas) - 1))),
    )
    legenda = Secao("", paragrafos=tuple(legendas), estilo=Estilo.LEGENDA)

    contagem = Counter(b.situacao for b in boletins)
    resumo = Secao(
        SECAO_RESUMO,
        tabela=Tabela(
            (COLUNA_SITUACAO_FINAL, COLUNA_ALUNOS),
            tuple((s.label, str(contagem[s])) for s in av.Situacao if contagem[s]) + ((TOTAL, str(len(boletins))),),
            SEM_DISCIPLINAS,
            (1,),
            largura=40,
        ),
    )
    secoes = [identificacao, resultados, legenda, resumo]
    observacoes = []
    for b in boletins:
        manual = b.resultado.situacao.manual
        if manual is not None:
            situacao = b.situacao.label
            if b.data_saida is not None:
                situacao += f" em {format_date(b.data_saida)}"
            observacoes.append(texto(SITUACAO_ALTERADA, aluno=b.aluno_nome, situacao=situacao, motivo=manual.motivo))
    if observacoes:
        secoes.append(Secao(SECAO_OBSERVACOES, paragrafos=tuple(observacoes)))
    return Documento(
        titulo=ATA_TITULO,
        emitido_em=emitido_em,
        secoes=tuple(secoes),
        nome_arquivo=f"ata-{file_name_part(nome)}-{ano}",
        assinaturas=(ASSINATURA_SECRETARIO, ASSINATURA_DIRETOR),
        escola=escola,
        local_e_data=local_e_data(escola, emitido_em),
        paisagem=True,
    )
