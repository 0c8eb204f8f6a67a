"""Closing an ano letivo: refused while any result is missing, each missing one named; reopened
only with a motivo.

A year is closed when every aluno still in a turma of it has a final result in every
disciplina: the notas and the frequência of every período, and the recuperação that could
still change a média below the passing mark (:func:`escola_gui.core.avaliacao.resultado_definitivo`).
A situação set by hand (transferido, abandono, a conselho de classe's decision) is final as it
is, for the year or for one disciplina. A disciplina outside promotion never holds the year; one
that counts and has nothing typed for an aluno is listed as missing (its notas were forgotten,
or the aluno needs a situação by hand): the year is never closed over a blank silently.

Closing then freezes the notas, the frequência and the turmas
(:func:`escola_gui.core.escola.check_aberto`), and the boletins show the final verdicts. In the
same transaction it records each enturmação's final situação (``enturmacoes.situacao_final``,
what the boletim shows once the year is closed: the computed verdict or the one set by hand,
remanejado and transferido included), which the rematrícula reads.

Reopening takes a motivo, kept with the change in the audit history ("Reaberto: ..."), and
clears the final situações (they are recorded again at the next closing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from escola_gui.core import avaliacao as av
from escola_gui.core import diario
from escola_gui.core.auditoria import ALTERACAO, Mudanca, registrar
from escola_gui.core.errors import QT_TRANSLATE_NOOP, EscolaError, ValidationError, message
from escola_gui.core.models import AnoLetivo, Enturmacao, Turma
from escola_gui.core.text import format_count

ANO_NAO_ENCONTRADO = QT_TRANSLATE_NOOP("validation", "Não há ano letivo {ano} cadastrado.")
JA_ENCERRADO = QT_TRANSLATE_NOOP("validation", "O ano letivo {ano} já está encerrado.")
NAO_ENCERRADO = QT_TRANSLATE_NOOP("validation", "O ano letivo {ano} não está encerrado.")
MOTIVO_REABERTURA = QT_TRANSLATE_NOOP("validation", "Informe o motivo da reabertura do ano letivo.")
FALTA_NOTA = QT_TRANSLATE_NOOP("validation", "nota do {periodo}")
FALTA_FREQUENCIA = QT_TRANSLATE_NOOP("validation", "frequência do {periodo}")
FALTA_RECUPERACAO_FINAL = QT_TRANSLATE_NOOP("validation", "recuperação final")
FALTA_RECUPERACAO = QT_TRANSLATE_NOOP("validation", "recuperação do {periodo}")
RECUSADO = QT_TRANSLATE_NOOP(
    "core",
    "O ano letivo {ano} não foi encerrado: faltam {n} resultados. Lance-os, ou registre a situação do "
    "aluno, e tente de novo.",
)
RECUSADO_UM = QT_TRANSLATE_NOOP(
    "core",
    "O ano letivo {ano} não foi encerrado: falta 1 resultado. Lance-o, ou registre a situação do aluno, "
    "e tente de novo.",
)


@dataclass(frozen=True)
class Pendencia:
    """One result still missing: whose, in which turma and disciplina, and what is missing
    (texts of :data:`FALTA_NOTA` and its kin, already filled in)."""

    turma: str
    disciplina: str
    aluno: str
    ra: str
    faltam: tuple[str, ...]


class EncerramentoRecusadoError(EscolaError):
    """The year has results missing: nothing was changed."""

    def __init__(self, ano: int, pendencias: list[Pendencia]) -> None:
        self.ano = ano
        self.pendencias = pendencias
        if len(pendencias) == 1:
            super().__init__(message(RECUSADO_UM, ano=ano))
        else:
            super().__init__(message(RECUSADO, ano=ano, n=format_count(len(pendencias))))


def _faltam(linha: diario.LinhaBoletim, periodos: tuple[str, ...], regra: av.RegraAvaliacao) -> tuple[str, ...]:
    """What keeps ``linha``'s result provisional, in the order the diário is filled in."""
    faltam = [FALTA_NOTA.format(periodo=p) for p, nota in zip(periodos, linha.notas, strict=True) if nota is None]
    faltam += [FALTA_FREQUENCIA.format(periodo=p) for p, f in zip(periodos, linha.faltas, strict=True) if f is None]
    if not faltam and linha.resultado.situacao.calculada is av.Situacao.EM_RECUPERACAO:
        if regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MEDIA or regra.recuperacao_final:
            faltam.append(FALTA_RECUPERACAO_FINAL)
        else:
            faltam.append(FALTA_RECUPERACAO.format(periodo=periodos[-1]))
    return tuple(faltam)


_LOTE = 500  # boletins computed at a time


def _pendencias_dos(boletins: Sequence[diario.Boletim]) -> list[Pendencia]:
    """Every result still missing in these boletins (of a year not closed)."""
    found = []
    for boletim in boletins:
        if boletim.resultado.situacao.manual is not None:
            continue  # transferido, abandono, the conselho's decision: final as set
        for linha in boletim.linhas:
            situacao = linha.resultado.situacao
            if situacao.definitiva or situacao.manual is not None:
                continue
            if not linha.resultado.conta_para_promocao:
                continue  # shown on the boletim, never holds the year (Ensino Religioso)
            faltam = _faltam(linha, boletim.periodos, boletim.regra)
            if faltam:
                found.append(Pendencia(boletim.turma_nome, linha.disciplina, boletim.aluno_nome, boletim.ra, faltam))
    return found


def _finais_dos(boletins: Sequence[diario.Boletim]) -> dict[int, str]:
    """The final situação of those of these boletins (of a year not closed yet) whose result
    is final: set by hand, or a verdict with every result in. Closing the year gives them the
    same situação (the verdict's rules are the same once every disciplina that decides is
    final), so they need not be computed again."""
    return {
        b.enturmacao_id: b.situacao.value
        for b in boletins
        if b.resultado.situacao.manual is not None or b.resultado.situacao.definitiva
    }


def gravar_situacoes_finais(session: Session, ano: AnoLetivo, finais: Mapping[int, str] | None = None) -> None:
    """Write each enturmação's final situação (the boletim's, the year being ``encerrado``)
    into ``situacao_final``, for every enturmação of ``ano``, those that left included. Not
    audited one by one: it is derived from what the audit log already holds, like closing.

    ``finais``: the situações already known final (:func:`_finais_dos`, from the check before
    closing); the others (those that left, a result still provisional) are computed as closed.
    """
    finais = dict(finais or {})
    ids = session.scalars(
        select(Enturmacao.id).join(Turma, Enturmacao.turma_id == Turma.id).where(Turma.ano_letivo_id == ano.id)
    ).all()
    resto = [i for i in ids if i not in finais]
    for start in range(0, len(resto), _LOTE):
        finais.update(_finais_dos_encerrados(diario.boletins(session, resto[start : start + _LOTE])))
    valores = [{"id": i, "situacao_final": situacao} for i, situacao in finais.items()]
    for start in range(0, len(valores), 5000):
        session.execute(update(Enturmacao), valores[start : start + 5000])


def _finais_dos_encerrados(boletins: Sequence[diario.Boletim]) -> dict[int, str]:
    return {b.enturmacao_id: b.situacao.value for b in boletins}


class EncerramentoService:
    """Closes and reopens an ano letivo (see the module's docstring)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def _ano(session: Session, ano: int) -> AnoLetivo:
        found = session.scalar(select(AnoLetivo).where(AnoLetivo.ano == ano))
        if found is None:
            raise ValidationError("ano", ANO_NAO_ENCONTRADO.format(ano=ano))
        return found

    def pendencias(self, ano: int) -> list[Pendencia]:
        """Every result of the year still missing, by turma, aluno and disciplina."""
        with Session(self._engine) as session:
            return self._pendencias(session, self._ano(session, ano))

    @staticmethod
    def _verificar(session: Session, ano: AnoLetivo) -> tuple[list[Pendencia], dict[int, str]]:
        """Every result of the year still missing, and the final situação of each aluno whose
        result is already final (set by hand, or a verdict with every result in), from the
        boletins of every aluno still in a turma. A few hundred boletins at a time: a year of
        a big school never sits in memory whole."""
        ids = session.scalars(
            select(Enturmacao.id)
            .join(Turma, Enturmacao.turma_id == Turma.id)
            .where(Turma.ano_letivo_id == ano.id, Enturmacao.data_saida.is_(None))
            .order_by(Turma.nome, Turma.id, Enturmacao.id)
        ).all()
        pendencias: list[Pendencia] = []
        finais: dict[int, str] = {}
        for start in range(0, len(ids), _LOTE):
            boletins = diario.boletins(session, ids[start : start + _LOTE])
            pendencias += _pendencias_dos(boletins)
            finais.update(_finais_dos(boletins))
        return sorted(pendencias, key=lambda p: (p.turma, p.aluno, p.ra, p.disciplina)), finais

    @classmethod
    def _pendencias(cls, session: Session, ano: AnoLetivo) -> list[Pendencia]:
        return cls._verificar(session, ano)[0]

    def encerrar(self, ano: int) -> int:
        """Close the year when no result is missing (:class:`EncerramentoRecusadoError` with
        each one otherwise; nothing changes), recording each enturmação's final situação.
        Returns how many alunos the year had."""
        with Session(self._engine) as session, session.begin():
            row = self._ano(session, ano)
            if row.encerrado:
                raise ValidationError("ano", JA_ENCERRADO.format(ano=ano))
            pendencias, finais = self._verificar(session, row)
            if pendencias:
                raise EncerramentoRecusadoError(ano, pendencias)
            row.encerrado = True
            session.flush()
            gravar_situacoes_finais(session, row, finais)
            return (
                session.scalar(
                    select(func.count(func.distinct(Enturmacao.aluno_id)))
                    .join(Turma, Enturmacao.turma_id == Turma.id)
                    .where(Turma.ano_letivo_id == row.id)
                )
                or 0
            )

    def reabrir(self, ano: int, motivo: str) -> None:
        """Reopen a closed year; ``motivo`` is required and kept in the audit history."""
        motivo = " ".join((motivo or "").split())
        if not motivo:
            raise ValidationError("motivo", MOTIVO_REABERTURA)
        with Session(self._engine) as session, session.begin():
            row = self._ano(session, ano)
            if not row.encerrado:
                raise ValidationError("ano", NAO_ENCERRADO.format(ano=ano))
            row.encerrado = False
            session.flush()  # the listener records the change of encerrado
            do_ano = select(Turma.id).where(Turma.ano_letivo_id == row.id)
            session.execute(
                update(Enturmacao)
                .where(Enturmacao.turma_id.in_(do_ano))
                .values(situacao_final=None)
                .execution_options(synchronize_session=False)
            )
            registrar(
                session,
                [
                    Mudanca(
                        "anos_letivos",
                        row.id,
                        ALTERACAO,
                        {"motivo_reabertura": None},
                        {"motivo_reabertura": motivo},
                        {"id": row.id},
                        descricao=f"Ano letivo {row.ano} reaberto: {motivo}",
                    )
                ],
            )
