"""The atestado de matrícula."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from escola_gui.core.errors import NadaParaImprimirError, RecordNotFoundError
from escola_gui.core.models import (
    Aluno,
    AnoLetivo,
    Enturmacao,
    Turma,
)
from escola_gui.core.relatorios.cabecalho import cabecalho_da_escola
from escola_gui.core.relatorios.documento import Documento, Estilo, Secao, Texto, texto
from escola_gui.core.relatorios.formatacao import artigo, file_name_part, format_date, local_e_data, turno_texto
from escola_gui.core.relatorios.textos import (
    ASSINATURA_SECRETARIO,
    ATESTADO_FECHO,
    ATESTADO_TEXTO,
    ATESTADO_TEXTO_SEM_NASCIMENTO,
    ATESTADO_TITULO,
    FLEXOES,
    FLEXOES_NEUTRAS,
    SEM_MATRICULA_ATUAL,
)


def atestado_de_matricula(engine: Engine, aluno_id: int, today: date | None = None) -> Documento:
    """ "Atestamos que ... está regularmente matriculado(a) no 6º ano ...", from the aluno's
    current enturmação: the latest one without data de saída in an ano letivo not closed.

    Raises:
        RecordNotFoundError: no aluno has ``aluno_id``.
        NadaParaImprimirError: the aluno is in no turma of an ano letivo in progress.
    """
    with Session(engine) as session:
        aluno = session.get(Aluno, aluno_id)
        if aluno is None:
            raise RecordNotFoundError(f"aluno {aluno_id}")
        atual = session.execute(
            select(Turma.nome, Turma.serie, Turma.turno, AnoLetivo.ano)
            .join(Enturmacao, Enturmacao.turma_id == Turma.id)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(
                Enturmacao.aluno_id == aluno_id,
                Enturmacao.data_saida.is_(None),
                AnoLetivo.encerrado.is_(False),
            )
            .order_by(AnoLetivo.ano.desc(), Enturmacao.data_entrada.desc(), Enturmacao.id.desc())
            .limit(1)
        ).first()
        nome, ra, nascimento, sexo = aluno.nome, aluno.ra, aluno.data_nascimento, aluno.sexo
    if atual is None:
        raise NadaParaImprimirError(texto(SEM_MATRICULA_ATUAL, nome=nome))
    turma, serie, turno, ano = atual
    flexoes = FLEXOES.get(sexo or "", FLEXOES_NEUTRAS)
    valores = {
        "nome": nome,
        "ra": ra,
        "matriculado": flexoes["matriculado"],
        "no": artigo(serie),
        "serie": serie,
        "turma": turma,
        "turno": turno_texto(turno).lower(),
        "ano": ano,
    }
    if nascimento is not None:
        sentenca = texto(ATESTADO_TEXTO, nascido=flexoes["nascido"], nascimento=format_date(nascimento), **valores)
    else:
        sentenca = texto(ATESTADO_TEXTO_SEM_NASCIMENTO, **valores)
    escola = cabecalho_da_escola(engine)
    emitido_em = today or date.today()
    return Documento(
        titulo=ATESTADO_TITULO,
        emitido_em=emitido_em,
        secoes=(Secao("", paragrafos=(sentenca, Texto(ATESTADO_FECHO)), estilo=Estilo.DESTAQUE),),
        nome_arquivo=f"atestado-{file_name_part(nome)}",
        assinaturas=(ASSINATURA_SECRETARIO,),
        escola=escola,
        local_e_data=local_e_data(escola, emitido_em),
    )
