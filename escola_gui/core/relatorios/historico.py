"""The histórico escolar: the years done here and in other schools."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from escola_gui.core import avaliacao as av
from escola_gui.core.diario import Boletim, DiarioService
from escola_gui.core.errors import NadaParaImprimirError, RecordNotFoundError
from escola_gui.core.historico_externo import HistoricoExternoRow, HistoricoExternoService
from escola_gui.core.models import (
    Aluno,
)
from escola_gui.core.relatorios.cabecalho import cabecalho_da_escola
from escola_gui.core.relatorios.documento import CabecalhoEscola, Campo, Documento, Secao, Tabela, Texto, texto
from escola_gui.core.relatorios.formatacao import (
    file_name_part,
    format_date,
    format_frequencia,
    format_nota,
    local_e_data,
)
from escola_gui.core.relatorios.textos import (
    ASSINATURA_DIRETOR,
    ASSINATURA_SECRETARIO,
    COLUNA_ANO,
    COLUNA_CARGA_HORARIA,
    COLUNA_DISCIPLINA,
    COLUNA_ESCOLA,
    COLUNA_FREQUENCIA,
    COLUNA_MEDIA_FINAL,
    COLUNA_MEDIA_OU_CONCEITO,
    COLUNA_SITUACAO,
    COLUNA_SITUACAO_FINAL,
    ESTA_ESCOLA,
    HISTORICO_TITULO,
    NAO_INFORMADO,
    NOTA_OUTRAS_ESCOLAS,
    OBSERVACAO_OUTRA_ESCOLA,
    ROTULO_NASCIMENTO,
    ROTULO_NOME,
    ROTULO_RA,
    ROTULO_SERIE,
    ROTULO_SEXO,
    ROTULO_TURMA,
    SECAO_ANOS,
    SECAO_COMPONENTES,
    SECAO_IDENTIFICACAO,
    SECAO_OBSERVACOES,
    SEM_ANOS,
    SEM_DISCIPLINAS,
    SEM_DISCIPLINAS_HISTORICO,
    SEM_HISTORICO,
    SEM_VALOR,
    SEXO_TEXTO,
    SITUACAO_ALTERADA_NO_ANO,
)


def _carga_horaria(horas: int | None) -> str:
    return f"{horas} h" if horas else SEM_VALOR


def _carga_do_ano(horas: Sequence[int | None]) -> int | None:
    """The year's carga horária: the sum of its disciplinas', when every one is known."""
    return sum(h for h in horas if h is not None) if horas and all(h is not None for h in horas) else None


def _local(municipio: str | None, uf: str | None) -> str:
    return "/".join(parte for parte in (municipio, uf) if parte)


def _media_ou_conceito(media: Decimal | None, conceito: str | None) -> str:
    return format_nota(media) if media is not None else conceito or SEM_VALOR


def historico_escolar(engine: Engine, aluno_id: int, today: date | None = None) -> Documento:
    """The aluno's identification, each ano letivo's result and every disciplina's média final.

    The years done in other schools (:class:`~escola_gui.core.historico_externo.HistoricoExternoService`)
    come in order of ano with the years done here (a year begun elsewhere before the one ended
    here); then the table of years names each one's school, its município/UF and carga horária,
    and a note says that those years are as the documents presented give them.

    Raises:
        RecordNotFoundError: no aluno has ``aluno_id``.
        NadaParaImprimirError: the aluno was never in a turma, here or (as recorded) elsewhere.
    """
    boletins = DiarioService(engine).historico(aluno_id)
    externos = HistoricoExternoService(engine).list_for_aluno(aluno_id)
    with Session(engine) as session:
        aluno = session.get(Aluno, aluno_id)
        if aluno is None:
            raise RecordNotFoundError(f"aluno {aluno_id}")
        nome, ra = aluno.nome, aluno.ra
        nascimento = format_date(aluno.data_nascimento)
        sexo = SEXO_TEXTO.get(aluno.sexo or "", NAO_INFORMADO)
    if not boletins and not externos:
        raise NadaParaImprimirError(texto(SEM_HISTORICO, nome=nome))
    escola = cabecalho_da_escola(engine)
    emitido_em = today or date.today()
    # Oldest first; in the same ano, a year done elsewhere before the one done here.
    anos_cursados: list[Boletim | HistoricoExternoRow] = sorted(
        [*externos, *boletins],
        key=lambda item: (item.dados.ano, 0) if isinstance(item, HistoricoExternoRow) else (item.ano, 1),
    )

    identificacao = Secao(
        SECAO_IDENTIFICACAO,
        (
            Campo(ROTULO_NOME, nome),
            Campo(ROTULO_RA, ra),
            Campo(ROTULO_NASCIMENTO, nascimento),
            Campo(ROTULO_SEXO, sexo),
        ),
        campos_por_linha=2,
    )
    if externos:
        anos = Secao(
            SECAO_ANOS,
            tabela=Tabela(
                (
                    COLUNA_ANO,
                    ROTULO_SERIE,
                    COLUNA_ESCOLA,
                    COLUNA_CARGA_HORARIA,
                    COLUNA_FREQUENCIA,
                    COLUNA_SITUACAO_FINAL,
                ),
                tuple(_linha_do_ano(item, escola) for item in anos_cursados),
                SEM_ANOS,
                (0, 3, 4),
            ),
        )
    else:
        anos = Secao(
            SECAO_ANOS,
            tabela=Tabela(
                (COLUNA_ANO, ROTULO_SERIE, ROTULO_TURMA, COLUNA_FREQUENCIA, COLUNA_SITUACAO_FINAL),
                tuple(
                    (
                        str(b.ano),
                        b.serie,
                        b.turma_nome,
                        format_frequencia(b.resultado.aulas_dadas, b.resultado.frequencia),
                        b.situacao.label,
                    )
                    for b in boletins
                ),
                SEM_ANOS,
                (0, 3),
            ),
        )
    componentes_linhas: list[tuple[str, ...]] = []
    for item in anos_cursados:
        if isinstance(item, HistoricoExternoRow):
            dados = item.dados
            componentes_linhas += [
                (
                    str(dados.ano),
                    dados.serie,
                    d.disciplina,
                    _carga_horaria(d.carga_horaria),  # type: ignore[arg-type]
                    _media_ou_conceito(d.media, d.conceito),  # type: ignore[arg-type]
                    SEM_VALOR,  # the documents give the year's situação, not each disciplina's
                )
                for d in dados.disciplinas
            ]
        else:
            componentes_linhas += [
                (
                    str(item.ano),
                    item.serie,
                    linha.disciplina,
                    _carga_horaria(linha.carga_horaria),
                    format_nota(linha.resultado.media, SEM_VALOR),
                    linha.resultado.situacao.efetiva.label,
                )
                for linha in item.linhas
            ]
    com_conceito = any(d.conceito for h in externos for d in h.dados.disciplinas)
    componentes = Secao(
        SECAO_COMPONENTES,
        tabela=Tabela(
            (
                COLUNA_ANO,
                ROTULO_SERIE,
                COLUNA_DISCIPLINA,
                COLUNA_CARGA_HORARIA,
                COLUNA_MEDIA_OU_CONCEITO if com_conceito else COLUNA_MEDIA_FINAL,
                COLUNA_SITUACAO,
            ),
            tuple(componentes_linhas),
            SEM_DISCIPLINAS_HISTORICO if externos else SEM_DISCIPLINAS,
            (0, 3, 4),
        ),
    )
    secoes = [identificacao, anos, componentes]
    observacoes: list[Texto] = [Texto(NOTA_OUTRAS_ESCOLAS)] if externos else []
    for item in anos_cursados:
        if isinstance(item, HistoricoExternoRow):
            if item.dados.observacoes:
                observacoes.append(
                    texto(
                        OBSERVACAO_OUTRA_ESCOLA,
                        ano=item.dados.ano,
                        serie=item.dados.serie,
                        escola=item.dados.escola,
                        observacoes=" ".join(item.dados.observacoes.split()),
                    )
                )
        elif item.resultado.situacao.manual is not None:
            observacoes.append(
                texto(
                    SITUACAO_ALTERADA_NO_ANO,
                    ano=item.ano,
                    turma=item.turma_nome,
                    situacao=item.situacao.label,
                    motivo=item.resultado.situacao.manual.motivo,
                )
            )
    if observacoes:
        secoes.append(Secao(SECAO_OBSERVACOES, paragrafos=tuple(observacoes)))
    return Documento(
        titulo=HISTORICO_TITULO,
        emitido_em=emitido_em,
        secoes=tuple(secoes),
        nome_arquivo=f"historico-{file_name_part(nome)}",
        assinaturas=(ASSINATURA_SECRETARIO, ASSINATURA_DIRETOR),
        escola=escola,
        local_e_data=local_e_data(escola, emitido_em),
    )


def _linha_do_ano(item: Boletim | HistoricoExternoRow, escola: CabecalhoEscola) -> tuple[str, ...]:
    """A row of the table of years when some were done elsewhere: each names its school, and
    under it the município/UF."""
    if isinstance(item, HistoricoExternoRow):
        dados = item.dados
        # The total the documents give, else the sum of the disciplinas' (as the years done here).
        horas = [d.carga_horaria for d in dados.disciplinas]
        carga = dados.carga_horaria_total or _carga_do_ano(horas)  # type: ignore[arg-type]
        frequencia = dados.frequencia
        return (
            str(dados.ano),
            dados.serie,
            _escola_e_local(dados.escola, _local(dados.municipio, dados.uf)),
            _carga_horaria(carga),  # type: ignore[arg-type]
            SEM_VALOR if frequencia is None else av.format_percentual(frequencia),  # type: ignore[arg-type]
            item.situacao.label,
        )
    return (
        str(item.ano),
        item.serie,
        _escola_e_local(escola.nome or ESTA_ESCOLA, escola.local),
        _carga_horaria(_carga_do_ano([linha.carga_horaria for linha in item.linhas])),
        format_frequencia(item.resultado.aulas_dadas, item.resultado.frequencia),
        item.situacao.label,
    )


def _escola_e_local(nome: str, local: str) -> str:
    """The school's name, and on a second line its município/UF when known."""
    return f"{nome}\n{local}" if local else nome
